from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pantas.lib import nip as nip_lib
from pantas.registry.nip import MESSAGES

TODAY = date(2026, 11, 22)

# (raw, employee type, expected error codes)
CASES = [
    ("198609262015051001", "pns", []),
    ("19860926 201505 1 001", "pns", []),
    ("19860926.201505.1.001", "pns", []),
    ("199009132025242014", "pppk", []),  # PPPK paruh waktu: digits 13-14 are a code, not a month
    ("199009132025242014", "pns", ["appointment_month"]),
    ("", "pns", ["empty"]),
    ("19860926201505100", "pns", ["length"]),
    ("1986092620150510011", "pns", ["length"]),
    ("19860926201505100A", "pns", ["not_digits"]),
    ("１９８６０９２６２０１５０５１００１", "pns", ["not_digits"]),  # full-width digits are not ASCII
    ("198602302015051001", "pns", ["birth_date_invalid"]),  # 30 February
    ("193012012015051001", "pns", ["birth_date_range"]),
    ("203001012015051001", "pns", ["birth_date_range"]),
    ("198609262015131001", "pns", ["appointment_month"]),
    ("198609262015001001", "pns", ["appointment_month"]),
    ("198609262015053001", "pns", ["gender"]),
    ("198609262015050001", "pns", ["gender"]),
    ("198609262015051000", "pns", ["serial"]),
    ("198609261950051001", "pns", ["appointment_year_range"]),
    ("198609262027051001", "pns", ["appointment_year_range"]),
    ("198609262026121001", "pns", ["appointment_future"]),
    ("200101012000051001", "pns", ["appointment_before_birth"]),
    ("198609262015133000", "pns", ["appointment_month", "gender", "serial"]),
]


@pytest.mark.parametrize(("raw", "employee_type", "errors"), CASES)
def test_it_validates_the_nip_table(raw, employee_type, errors):
    result = nip_lib.parse(raw, employee_type, today=TODAY)
    assert result.errors == errors
    assert result.valid is (not errors)


def test_it_parses_the_parts_of_a_valid_pns_nip():
    result = nip_lib.parse("19860926 201505 1 001", "pns", today=TODAY)
    assert result.birth_date == date(1986, 9, 26)
    assert (result.appointment_year, result.appointment_month) == (2015, 5)
    assert result.gender == "1"
    assert result.serial == "001"


def test_it_warns_but_accepts_an_appointment_before_18():
    result = nip_lib.parse("200501012020011001", "pns", today=TODAY)
    assert result.valid
    assert result.warnings == ["appointment_young"]


def test_every_error_code_has_a_translated_message():
    codes = {code for _raw, _type, errors in CASES for code in errors} | {
        "employee_type",
        "appointment_young",
    }
    assert codes <= set(MESSAGES)


@given(
    birth=st.dates(min_value=date(1940, 1, 1), max_value=date(2005, 12, 31)),
    offset=st.integers(min_value=18, max_value=40),
    month=st.integers(min_value=1, max_value=12),
    gender=st.sampled_from("12"),
    serial=st.integers(min_value=1, max_value=999),
)
def test_any_well_formed_pns_nip_is_valid(birth, offset, month, gender, serial):
    year = max(1960, min(birth.year + offset, 2025))
    raw = f"{birth:%Y%m%d}{year:04d}{month:02d}{gender}{serial:03d}"
    result = nip_lib.parse(raw, "pns", today=TODAY)
    assert result.valid, result.errors
    assert result.birth_date == birth


@given(st.text(max_size=30))
def test_parse_never_raises_on_arbitrary_text(raw):
    for employee_type in ("pns", "pppk"):
        result = nip_lib.parse(raw, employee_type, today=TODAY)
        assert isinstance(result.errors, list)
        assert result.valid == (not result.errors)


@given(st.text(alphabet="0123456789", min_size=18, max_size=18))
def test_a_digit_string_is_valid_only_if_each_part_is(raw):
    result = nip_lib.parse(raw, "pns", today=TODAY)
    if result.valid:
        assert raw[14] in "12"
        assert raw[15:] != "000"
        assert 1 <= int(raw[12:14]) <= 12
