"""The follow-up's history for its page: state changes, decrees, objections, blocking and ministry reports."""

from django.utils.translation import gettext as _

from .workflow import FollowUpState


def timeline(follow_up) -> list[dict]:
    entries = []
    for change in follow_up.status_changes.select_related("actor"):
        entries.append(
            {
                "at": change.at,
                "kind": "state",
                "title": FollowUpState(change.to_state).label
                if not change.from_state
                else _("Status berubah"),
                "actor": change.actor,
                "states": (FollowUpState(change.from_state).label, FollowUpState(change.to_state).label)
                if change.from_state
                else None,
                "text": change.reason,
            }
        )
    for decree in follow_up.decrees.select_related("imposed_sanction", "uploaded_by"):
        entries.append(
            {
                "at": decree.uploaded_at,
                "kind": "decree",
                "title": _("SK %(number)s diunggah") % {"number": decree.number},
                "actor": decree.uploaded_by,
                "text": str(decree.imposed_sanction),
            }
        )
    for objection in follow_up.objections.select_related("filed_by", "answered_by"):
        entries.append(
            {"at": objection.filed_at, "kind": "objection", "title": _("Keberatan PPK"),
             "actor": objection.filed_by, "text": objection.reasons}
        )  # fmt: skip
        if objection.answered_at:
            entries.append(
                {"at": objection.answered_at, "kind": "objection", "actor": objection.answered_by,
                 "title": _("Keberatan dijawab: %(outcome)s") % {"outcome": objection.get_outcome_display()},
                 "text": objection.answer}
            )  # fmt: skip
    for blocking in follow_up.blocking_requests.all():
        entries.append(
            {"at": blocking.requested_at, "kind": "blocking",
             "title": _("Permintaan blokir %(number)s dikirim ke BKN") % {"number": blocking.number}}
        )  # fmt: skip
    for report in follow_up.reports.select_related("addressee"):
        entries.append(
            {"at": report.sent_at, "kind": "report",
             "title": _("PPK dilaporkan ke %(ministry)s (%(number)s)")
             % {"ministry": report.addressee.name, "number": report.number}}
        )  # fmt: skip
    return sorted(entries, key=lambda e: e["at"])
