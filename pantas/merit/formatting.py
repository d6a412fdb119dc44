"""One way to write a score in the active locale: whole numbers bare, others with two decimals — Indonesian
"33,50", English "33.50" (Django's localized `floatformat`). Pages, forms, messages and charts all use it."""

from django.template.defaultfilters import floatformat
from django.utils.formats import number_format


def score_text(value) -> str:
    if value is None or value == "":
        return ""
    return floatformat(value, "-2")


def percent_text(value, decimals: int = 1) -> str:
    """Chart labels: at most `decimals` decimals, trailing zeros dropped, localized."""
    text = number_format(round(float(value), decimals), decimal_pos=decimals, use_l10n=True)
    sep = number_format(0.5, decimal_pos=1, use_l10n=True)[1]
    return text.rstrip("0").rstrip(sep) if sep in text else text
