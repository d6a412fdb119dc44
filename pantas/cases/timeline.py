"""The case timeline: audit events of the case (each state change and action, with actor and reason),
clarification answers, referral replies and the intake messages of its reports, in time order."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from pantas.core.audit import events_for
from pantas.intake.models import Message

from .models import Case, ClarificationAnswer, ReferralReply
from .workflow import RULES, CaseState

LABELS = {rule.audit_code: rule.action.label for rule in RULES.values()} | {
    "cases.case.opened": _("Kasus dibuka"),
    "cases.case.report_linked": _("Laporan tertaut ditambahkan"),
    "cases.case.decided": _("Diputus"),
    "cases.referral.replied": _("Mitra menanggapi rujukan"),
}


@dataclass
class Entry:
    at: datetime
    kind: str
    title: str
    actor: str = ""
    text: str = ""
    states: tuple = ()


def _actor(label: str) -> str:
    # The audit trail stores "system" for unattended steps (jobs, imports); the page speaks the user's language.
    return str(_("Sistem")) if label == "system" else label


def case_timeline(case: Case, user, *, staff: bool) -> list[Entry]:
    entries = []
    for event in events_for(case):
        states = ()
        pair = event.data.get("state") if isinstance(event.data, dict) else None
        if pair and pair[0] != pair[1]:
            states = tuple(CaseState(s).label if s in CaseState.values else s for s in pair)
        if not staff and not states:
            continue  # partners see the state changes, not the supervisor's internal steps or staff names
        entries.append(
            Entry(
                event.at,
                "audit",
                str(LABELS.get(event.action, event.action)),
                _actor(event.actor_label) if staff else "",
                event.reason if staff else "",
                states,
            )
        )
    answers = ClarificationAnswer.objects.filter(request__case=case).select_related("answered_by")
    for answer in answers:
        entries.append(
            Entry(
                answer.answered_at,
                "answer",
                str(_("Jawaban klarifikasi (%(who)s)") % {"who": answer.get_respondent_display()}),
                str(answer.answered_by),
                answer.body,
            )
        )
    for reply in ReferralReply.objects.filter(referral__case=case).select_related(
        "author", "referral__partner"
    ):
        entries.append(
            Entry(
                reply.at,
                "referral",
                str(
                    _("Tanggapan %(partner)s: %(outcome)s")
                    % {
                        "partner": reply.referral.partner.name,
                        "outcome": reply.get_outcome_display(),
                    }
                ),
                str(reply.author),
                reply.body,
            )
        )
    if staff:
        report_ids = case.links.values("report_id")
        for message in (
            Message.objects.visible_to(user).filter(report_id__in=report_ids).select_related("report")
        ):
            entries.append(
                Entry(
                    message.created_at,
                    "message",
                    str(
                        _("%(kind)s pada %(report)s")
                        % {
                            "kind": message.get_visibility_display(),
                            "report": message.report.number,
                        }
                    ),
                    message.get_author_kind_display(),
                    message.body,
                )
            )
    return sorted(entries, key=lambda e: e.at)
