"""Numbers in the active language: "2.034" and "78,5%" in Indonesian, "2,034" and "78.5%" in English."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats


def format_count(value: int) -> str:
    return formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def format_decimal(value: float, places: int = 1) -> str:
    # Django's number_format truncates; round half up first, as the published percentages are rounded.
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return formats.number_format(rounded, decimal_pos=places, use_l10n=True, force_grouping=True)


def format_percent(value: float | None) -> str:
    return "—" if value is None else f"{format_decimal(value)}%"
