import io

import pytest
from pypdf import PdfReader

from pantas.core.audit import events_for
from pantas.intake.models import ReportStatus

from ..models import LetterState
from ..workflow import CaseState
from .factories import recommended_case

pytestmark = pytest.mark.django_db


def test_it_walks_a_case_from_report_to_recommendation(personas):
    case = recommended_case(personas["analis"], personas["komisioner"])
    assert case.state == CaseState.RECOMMENDED
    letter = case.letter
    letter.refresh_from_db()
    assert letter.state == LetterState.APPROVED
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(bytes(letter.pdf))).pages)
    assert letter.number in text
    assert letter.verification_code in text
    report = case.links.get().report
    report.refresh_from_db()
    assert report.status == ReportStatus.DECIDED
    codes = list(events_for(case).values_list("action", flat=True))
    assert codes[0] == "cases.case.opened"
    assert codes[-1] == "cases.case.recommendation_issued"
