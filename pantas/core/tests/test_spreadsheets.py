"""One formula escaper for every export (pantas.lib.spreadsheets, P-19)."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy

from pantas.lib.spreadsheets import escape_formula


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Budi = ASN", "Budi = ASN"),
        ("", ""),
        (None, ""),
        (-5, -5),
        (Decimal("1.5"), Decimal("1.5")),
        (date(2026, 1, 2), date(2026, 1, 2)),
        (True, True),
    ],
)
def test_escape_formula(value, expected):
    assert escape_formula(value) == expected


def test_objects_are_escaped_through_their_text():
    class Named:
        def __str__(self):
            return "=cmd|' /C calc'!A0"

    assert escape_formula(Named()) == "'=cmd|' /C calc'!A0"
    assert escape_formula(gettext_lazy("=x")) == "'=x"
