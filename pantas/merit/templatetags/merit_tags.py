from django import template

from ..formatting import score_text
from ..models import AssessmentStatus, CycleStatus, ImportStatus, VersionStatus

register = template.Library()

# History rows store the raw state value; the state sets share no values that mean different things.
_LABELS = {
    **dict(VersionStatus.choices),
    **dict(ImportStatus.choices),
    **dict(CycleStatus.choices),
    **dict(AssessmentStatus.choices),
}


@register.filter
def status_label(value):
    return _LABELS.get(value, value)


@register.filter
def score(value):
    """A score in the active locale ("33,50" / "33.50"; whole numbers bare)."""
    return score_text(value)
