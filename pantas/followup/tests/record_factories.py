"""Bare rows for track-record and clearance tests: an ASN, and a recommended case with its follow-up in any
state (decree, blocking request). Built directly, not through the services: these tests read, they do not act."""

from datetime import date, timedelta

from django.utils import timezone

from pantas.cases.models import Decision, LetterState, Outcome, Recommendation, RecommendationLetter
from pantas.cases.tests.factories import CaseFactory, makassar
from pantas.cases.workflow import CaseState
from pantas.core.models import Document, DocumentState
from pantas.registry.models import CivilServant, SanctionKind

from ..models import BlockingRequest, Compliance, FollowUp, SanctionDecree
from ..workflow import BlockingState, FollowUpState

_serial = iter(range(1, 10_000))


def nip(n: int) -> str:
    """A valid PNS NIP: born 1985-03-15, CPNS 2010-01, male, serial n."""
    return f"198503152010011{n:03d}"


def asn(number: str, name="Andi Pratama", agency=None) -> CivilServant:
    return CivilServant.objects.create(
        nip=number,
        employee_type="pns",
        name=name,
        gender="1",
        birth_date=date(1985, 3, 15),
        agency=agency or makassar(),
        position_class="administrator",
        position_title="Camat Tamalate",
    )


def open_case(number: str, state=CaseState.INVESTIGATION):
    return CaseFactory(subject_nip=number, state=state)


def recommended(
    number: str,
    follow_up_state=FollowUpState.AWAITING,
    *,
    due_on=None,
    sanction="sedang-tukin-6",
    decree=None,
    blocking=None,
    compliance="",
    issued_at=None,
):
    """A recommended case for `number` with a follow-up; `decree=(starts_on, ends_on, kind code)` adds a decree,
    `blocking=state` a blocking request."""
    n = next(_serial)
    issued_at = issued_at or timezone.now() - timedelta(days=30)
    kind = SanctionKind.objects.get(code=sanction)
    case = CaseFactory(
        subject_nip=number, state=CaseState.RECOMMENDED, decided_at=issued_at, closed_at=issued_at
    )
    Decision.objects.create(
        case=case,
        outcome=Outcome.PROVEN,
        category=case.category,
        sanction=kind,
        findings="Terbukti.",
        decided_at=issued_at,
    )
    document = Document.objects.create(
        kind="letter",
        number=f"B-{n:04d}/TEST/01/2026",
        state=DocumentState.ISSUED,
        authority=case.authority,
        document_date=issued_at.date(),
        title="Surat rekomendasi",
        verification_code=f"TEST-{n:04d}-CODE",
        reserved_at=issued_at,
        issued_at=issued_at,
        archival=True,
    )
    letter = RecommendationLetter.objects.create(
        case=case,
        state=LetterState.APPROVED,
        authority=case.authority,
        addressee=case.addressee,
        subject="Rekomendasi",
        body="Isi",
        number=document.number,
        letter_date=issued_at.date(),
        document=document,
        approved_at=issued_at,
    )
    rec = Recommendation.objects.create(
        case=case,
        letter=letter,
        authority=case.authority,
        addressee=case.addressee,
        sanction=kind,
        issued_at=issued_at,
        follow_up_due=due_on,
    )
    # In transactional tests the follow-up app may already have opened it (on commit): take it over.
    follow_up, _created = FollowUp.objects.update_or_create(
        recommendation=rec,
        defaults=dict(
            case=case,
            addressee=case.addressee,
            nip=number,
            recommended_sanction=kind,
            state=follow_up_state,
            due_on=due_on or (timezone.localdate() + timedelta(days=7)),
            compliance=compliance,
        ),
    )
    if decree:
        starts_on, ends_on, code = decree
        SanctionDecree.objects.create(
            follow_up=follow_up,
            number=f"800/{n}/BKPSDM",
            decree_date=starts_on,
            imposed_sanction=SanctionKind.objects.get(code=code),
            starts_on=starts_on,
            ends_on=ends_on,
        )
    if blocking:
        BlockingRequest.objects.create(
            follow_up=follow_up,
            nip=number,
            number=f"PBD-TEST-{n:06d}",
            state=blocking,
            blocked_on=timezone.localdate() if blocking != BlockingState.REQUESTED else None,
        )
    return follow_up


__all__ = ["Compliance", "asn", "nip", "open_case", "recommended"]
