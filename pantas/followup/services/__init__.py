"""Follow-up services: one function per action (see `workflow.py`), the opening of follow-ups and the sweep."""

from .actions import (
    acknowledge,
    answer_objection,
    close,
    close_many,
    expected_sanction,
    file_objection,
    report,
    return_report,
    verify,
)
from .blocking import (
    acknowledge_blocking,
    cancel_blocking,
    close_report,
    escalate,
    escalate_many,
    ministry_for,
    ministry_picker,
    record_block,
    record_unblock,
    reprimand,
    request_unblock,
)
from .opening import open_follow_up, open_follow_ups
from .sweep import last_sweep, sweep_deadlines

__all__ = [
    "acknowledge",
    "acknowledge_blocking",
    "answer_objection",
    "cancel_blocking",
    "close",
    "close_many",
    "close_report",
    "escalate",
    "escalate_many",
    "expected_sanction",
    "file_objection",
    "last_sweep",
    "ministry_for",
    "ministry_picker",
    "open_follow_up",
    "open_follow_ups",
    "record_block",
    "record_unblock",
    "report",
    "reprimand",
    "request_unblock",
    "return_report",
    "sweep_deadlines",
    "verify",
]
