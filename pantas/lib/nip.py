"""Parse and validate an 18-digit NIP (PNS) or NI PPPK (domain.md §4). Framework-free: returns error codes;
`pantas.registry.nip` turns them into translated messages.

Layout: birth date YYYYMMDD | appointment YYYY + (PNS: month MM | PPPK: free 2-digit code) | sex 1/2 | serial.
There is no check digit.
"""

import re
from dataclasses import dataclass, field
from datetime import date

MIN_BIRTH_YEAR = 1940
MIN_APPOINTMENT_YEAR = 1960
_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass
class NipResult:
    nip: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    birth_date: date | None = None
    appointment_year: int | None = None
    appointment_month: int | None = None
    appointment_code: str | None = None
    gender: str | None = None
    serial: str | None = None

    @property
    def valid(self) -> bool:
        return not self.errors


def normalise(raw: str) -> str:
    return _SEPARATORS.sub("", raw or "")


def parse(raw: str, employee_type: str = "pns", today: date | None = None) -> NipResult:
    """Validate `raw`. Each failure gets its own code so the user learns exactly which part is wrong."""
    today = today or date.today()
    nip = normalise(raw)
    result = NipResult(nip=nip)
    if not nip:
        result.errors.append("empty")
        return result
    if not nip.isascii() or not nip.isdigit():
        result.errors.append("not_digits")
        return result
    if len(nip) != 18:
        result.errors.append("length")
        return result
    if employee_type not in ("pns", "pppk"):
        result.errors.append("employee_type")
        return result

    try:
        result.birth_date = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        result.errors.append("birth_date_invalid")
    else:
        if not (MIN_BIRTH_YEAR <= result.birth_date.year) or result.birth_date > today:
            result.errors.append("birth_date_range")
            result.birth_date = None

    year = int(nip[8:12])
    result.appointment_year = year
    year_ok = MIN_APPOINTMENT_YEAR <= year <= today.year
    if not year_ok:
        result.errors.append("appointment_year_range")
    if employee_type == "pns":
        month = int(nip[12:14])
        if 1 <= month <= 12:
            result.appointment_month = month
            if year_ok and (year, month) > (today.year, today.month):
                result.errors.append("appointment_future")
        else:
            result.errors.append("appointment_month")
    else:
        result.appointment_code = nip[12:14]

    if result.birth_date and result.appointment_year and "appointment_year_range" not in result.errors:
        age = result.appointment_year - result.birth_date.year
        if age < 0:
            result.errors.append("appointment_before_birth")
        elif age < 18:
            # The minimum CPNS age is a rule of thumb in the sources, so it is a warning, not an error.
            result.warnings.append("appointment_young")

    gender = nip[14]
    if gender in ("1", "2"):
        result.gender = gender
    else:
        result.errors.append("gender")

    serial = nip[15:18]
    if serial == "000":
        result.errors.append("serial")
    else:
        result.serial = serial
    return result
