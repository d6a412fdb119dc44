"""The neutrality track record of one ASN by NIP (ADR 0055): cases, decisions, recommended and imposed
sanctions, when each sanction ends, blocking in SIASN — for the roles that need it, every view audited.

Who may open a record:
* supervisor staff (case handlers and leadership) and BKN officers: any NIP;
* a PPK officer: ASN of the office's own agency (by the registry, or by the agency recorded on a case);
* a selection committee: NIPs it looked up in a clearance request of its organisation within the last
  `PANSEL_WINDOW_DAYS` days — its candidates, not the whole civil service.
Anyone else, and any NIP outside the scope, gets 404.

Outside supervisor staff, only findings are shown in full: rejected, merged and referred reports are left out,
and open cases appear only as "being examined" (presumption of innocence; the PPK learns details from the
case itself once it is disclosed to them).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone

from pantas.cases.models import Case, Decision
from pantas.cases.workflow import OPEN_STATES, CaseState
from pantas.core import audit
from pantas.core.roles import Role
from pantas.registry.models import CivilServant

from . import roles
from .clearance import Answer, check_nips
from .models import BlockingRequest, SanctionDecree
from .models_clearance import ClearanceResult

PANSEL_WINDOW_DAYS = 365
HIDDEN_FROM_PARTNERS = frozenset({CaseState.REJECTED, CaseState.MERGED, CaseState.REFERRED})


@dataclass
class Entry:
    case: Case
    open: bool
    decision: Decision | None = None
    recommendation: object = None
    follow_up: object = None
    decree: SanctionDecree | None = None
    blocking: BlockingRequest | None = None
    sanction_running: bool = False


@dataclass
class TrackRecord:
    nip: str
    person: CivilServant | None
    status: Answer
    entries: list[Entry] = field(default_factory=list)
    open_cases: int = 0  # open cases not shown in detail to this viewer
    full: bool = False  # the viewer sees every case in detail (supervisor staff)


def _sees_everything(user) -> bool:
    return user.has_any_role(roles.SUPERVISOR | roles.BKN)


def can_view(user, nip: str) -> bool:
    if not user.is_authenticated or not nip.isdigit() or len(nip) != 18:
        return False
    if _sees_everything(user):
        return True
    org = user.organisation if user.organisation_id else None
    if org and org.agency_id and user.has_role(Role.PPK_OFFICER):
        if CivilServant.objects.filter(nip=nip, agency_id=org.agency_id).exists():
            return True
        if Case.objects.filter(subject_nip=nip, agency_id=org.agency_id).exists():
            return True
    if org and user.has_role(Role.SELECTION_COMMITTEE):
        since = timezone.now() - timedelta(days=PANSEL_WINDOW_DAYS)
        return ClearanceResult.objects.filter(
            nip=nip, request__organisation=org, request__requested_at__gte=since
        ).exists()
    return False


def _entries(nip: str, today: date) -> list[Entry]:
    cases = (
        Case.objects.filter(Q(subject_nip=nip) | Q(civil_servant__nip=nip))
        .exclude(state=CaseState.MERGED)
        .select_related(
            "election",
            "authority",
            "agency",
            "recommendation__letter",
            "recommendation__sanction",
            "recommendation__addressee",
            "recommendation__follow_up",
        )
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.filter(superseded_at__isnull=True).select_related("sanction"),
                to_attr="current_decisions",
            )
        )
        .order_by("-received_at", "-id")
    )
    entries = []
    for case in cases:
        recommendation = getattr(case, "recommendation", None)
        follow_up = getattr(recommendation, "follow_up", None) if recommendation else None
        entry = Entry(
            case=case,
            open=case.state in OPEN_STATES,
            decision=case.current_decisions[0] if case.current_decisions else None,
            recommendation=recommendation,
            follow_up=follow_up,
        )
        entries.append(entry)
    follow_ups = {e.follow_up.pk: e for e in entries if e.follow_up}
    if follow_ups:
        for decree in (
            SanctionDecree.objects.filter(follow_up_id__in=follow_ups)
            .select_related("imposed_sanction")
            .order_by("uploaded_at", "id")
        ):
            follow_ups[decree.follow_up_id].decree = decree  # the latest wins
        for blocking in BlockingRequest.objects.filter(follow_up_id__in=follow_ups).order_by(
            "requested_at", "id"
        ):
            follow_ups[blocking.follow_up_id].blocking = blocking
    for entry in entries:
        decree = entry.decree
        if decree and decree.starts_on <= today:
            entry.sanction_running = decree.ends_on is None or decree.ends_on >= today
    return entries


def build(user, nip: str, today: date | None = None) -> TrackRecord:
    """The record as `user` may see it; 404 outside the scope or when the NIP is unknown everywhere."""
    today = today or timezone.localdate()
    if not can_view(user, nip):
        raise Http404
    person = CivilServant.objects.select_related("agency").filter(nip=nip).first()
    entries = _entries(nip, today)
    if person is None and not entries:
        raise Http404
    record = TrackRecord(nip=nip, person=person, status=check_nips([nip], today)[0])
    record.full = user.has_any_role(roles.SUPERVISOR)
    if record.full:
        record.entries = entries
    else:
        visible = [e for e in entries if e.case.state not in HIDDEN_FROM_PARTNERS]
        record.entries = [e for e in visible if not e.open]
        record.open_cases = sum(1 for e in visible if e.open)
    return record


def view_record(user, nip: str, channel: str = "web") -> TrackRecord:
    """Build the record and audit the view (who, which NIP, through which channel)."""
    record = build(user, nip)
    with transaction.atomic():
        audit.record(
            "followup.record.viewed",
            record.person,
            actor=user,
            object_type=None if record.person else "registry.civilservant",
            object_id=None if record.person else nip,
            data={"nip": nip, "channel": channel, "status": record.status.status},
        )
    return record
