"""What happened to a report after the decision, for the reporter and the partner organisation (ADR 0057).

Intake never imports the apps downstream of it (cases, followup). They answer through one provider named by
the dotted-path setting `PANTAS_REPORT_OUTCOME_PROVIDER`, resolved at run time: a callable taking a `Report`
and returning a list of `PersonOutcome` (one per reported person whose case is decided). No provider, or a
provider that fails, means "nothing to show yet" — the status page never breaks because of it.
"""

import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PersonOutcome:
    """The outcome for one reported person, in words fit for the public: no names of officials, only the
    agency whose PPK must act."""

    position: int  # 1-based order of the reported person in the report
    proven: bool
    outcome_label: str
    agency: str = ""  # the agency (instansi) of the PPK the recommendation went to
    recommended_on: date | None = None
    follow_up: str = ""  # e.g. "followed_up", "awaiting", "overdue"
    follow_up_label: str = ""
    steps: list[str] = field(default_factory=list)  # short, ordered facts ("Rekomendasi dikirim ke PPK …")


def report_outcome(report) -> list[PersonOutcome]:
    path = getattr(settings, "PANTAS_REPORT_OUTCOME_PROVIDER", "")
    if not path:
        return []
    try:
        provider = import_string(path)
        return list(provider(report))
    except Exception:  # a downstream failure must not take the reporter's status page down
        logger.exception("report outcome provider failed")
        return []
