"""Recommendation letters: drafted from a template at a proven decision, editable while draft, then approved by
a decider — a `core.Document` numbered per authority and year, rendered once to PDF outside any transaction,
hashed, and issued to the addressee (ADR 0044)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from pantas.accounts.models import OrganisationKind
from pantas.core import documents, workflow
from pantas.core.errors import InvalidTransition
from pantas.registry.models import LetterConvention

from ..letter_workflow import LETTER_FLOW, LetterAction
from ..models import Case, Decision, LetterState, Recommendation, RecommendationKind, RecommendationLetter
from ..pdf import qr_svg, render_letter_pdf
from ..workflow import FLOW, Action
from .deadlines import due_date, stage_days
from .numbering import LETTER_SERIES, letter_number_format

# What the public verification page says the document is; never the reported person (ADR 0044). Stored in
# Indonesian (part of the official document); the page translates them when a catalogue entry exists.
LETTER_TITLE = gettext_noop("Surat rekomendasi")
LETTER_PUBLIC_SUBJECT = gettext_noop("Rekomendasi hasil pengawasan netralitas dan kode etik ASN")


def recommendation_kind(sanction, corrective: bool) -> str:
    if corrective:
        return RecommendationKind.BOTH if sanction else RecommendationKind.CORRECTION
    return RecommendationKind.SANCTION


def addressee_title(case: Case) -> str:
    org = case.addressee
    if org is None:
        return ""
    if org.kind == OrganisationKind.PPK_OFFICE and org.agency_id:
        return org.agency.ppk_title
    return org.name


def signature(case: Case, letter: RecommendationLetter) -> dict:
    """Signatory position and tembusan from the authority's convention on the letter's date (ADR 0117); the
    name and NIP are the approving decider's."""
    day = letter.letter_date or timezone.localdate()
    convention = LetterConvention.objects.for_authority(letter.authority_id, day)
    addressee = letter.addressee or case.addressee
    agency_kind = addressee.agency.kind if addressee is not None and addressee.agency_id else None
    return {
        "signatory_position": convention.signatory_position if convention else "",
        "copies": convention.copies_for(case.track, agency_kind) if convention else [],
    }


def letter_context(case: Case, letter: RecommendationLetter, decision: Decision | None = None) -> dict:
    decision = decision or case.current_decision
    recommendation = getattr(case, "recommendation", None) if letter.state == LetterState.APPROVED else None
    verify_url = documents.verify_url(letter.verification_code) if letter.verification_code else ""
    return {
        "case": case,
        "letter": letter,
        "decision": decision,
        "authority": letter.authority,
        "addressee": letter.addressee or case.addressee,
        "addressee_title": addressee_title(case),
        "report_numbers": list(case.links.values_list("report__number", flat=True)),
        "follow_up_days": stage_days("ppk-follow-up"),
        "recommendation": recommendation,
        "verify_url": verify_url,
        "qr": qr_svg(verify_url) if verify_url else "",
        "signer": letter.approved_by,
        **signature(case, letter),
    }


def draft_text(case: Case, decision: Decision) -> tuple[str, str]:
    context = {
        "case": case,
        "decision": decision,
        "corrective_actions": list(decision.corrective_actions.select_related("kind")),
        "addressee_title": addressee_title(case),
        "follow_up_days": stage_days("ppk-follow-up"),
        "report_numbers": ", ".join(case.links.values_list("report__number", flat=True)),
    }
    with override("id"):  # official letters are in Bahasa Indonesia whatever the drafter's UI language
        if context["corrective_actions"]:
            subject = _("Rekomendasi tindakan korektif atas pelanggaran sistem merit: %(category)s") % {
                "category": decision.category.name if decision.category else case.subject_name
            }
        else:
            subject = _("Rekomendasi atas pelanggaran %(track)s ASN a.n. %(name)s") % {
                "track": case.get_track_display().lower(),
                "name": case.subject_name,
            }
        body = render_to_string("cases/letters/draft_body.txt", context).strip()
    return subject, body


def draft_letter(case: Case, actor, decision: Decision) -> RecommendationLetter:
    """Create or refresh the draft (called by `decide` inside its transaction; approved letters never change)."""
    subject, body = draft_text(case, decision)
    letter, created = RecommendationLetter.objects.get_or_create(
        case=case,
        defaults={
            "authority": case.authority,
            "addressee": case.addressee,
            "subject": subject,
            "body": body,
            "drafted_by": actor,
        },
    )
    if not created:
        updated = RecommendationLetter.objects.filter(pk=letter.pk, state=LetterState.DRAFT).update(
            addressee=case.addressee, subject=subject, body=body, drafted_by=actor, drafted_at=workflow.now()
        )
        if not updated:
            raise InvalidTransition(_("Surat yang sudah disetujui tidak dapat diubah."))
    return letter


@FLOW.action(Action.EDIT_LETTER)
def edit_letter(case: Case, actor, *, subject: str, body: str, version=None) -> Case:
    errors = {}
    if not subject.strip():
        errors["subject"] = _("Wajib diisi.")
    if not body.strip():
        errors["body"] = _("Wajib diisi.")
    if errors:
        raise ValidationError(errors)
    letter = RecommendationLetter.objects.filter(case=case).first()
    if letter is None:
        raise InvalidTransition(_("Belum ada draf surat untuk kasus ini."))
    changed = RecommendationLetter.objects.filter(pk=letter.pk, state=LetterState.DRAFT).update(
        subject=subject, body=body, drafted_by=actor, drafted_at=workflow.now()
    )
    if not changed:
        raise InvalidTransition(_("Surat yang sudah disetujui tidak dapat diubah."))
    return FLOW.run(
        case,
        actor,
        Action.EDIT_LETTER,
        data={"letter": letter.pk, "subject": [letter.subject, subject], "body_changed": body != letter.body},
        version=version,
    )


def issue_recommendation(case: Case, actor, *, version=None) -> Case:
    """Approve the draft and issue the recommendation, in two short transactions around the render.

    tx1 reserves the letter's document (number, verification code) and marks the letter `approving`; the PDF
    is rendered with nothing locked; tx2 stores it (document `issued`), approves the letter, creates the
    recommendation and moves the case. If the render or tx2 fails the letter stays `approving` with its
    number, and approving again re-renders with that same number.
    """
    FLOW.check(actor, case, Action.ISSUE_RECOMMENDATION)
    letter = RecommendationLetter.objects.filter(case=case).select_related("authority", "document").first()
    if letter is None or letter.state not in (LetterState.DRAFT, LetterState.APPROVING):
        raise InvalidTransition(_("Tidak ada draf surat yang menunggu persetujuan."))
    if case.addressee_id is None:
        raise InvalidTransition(
            _("Tujuan rekomendasi belum ditetapkan; ubah tujuan rekomendasi terlebih dahulu.")
        )
    if letter.state == LetterState.DRAFT:
        _reserve(case, letter, actor)
    decision = case.current_decision
    now = workflow.now()
    follow_up_due = due_date("ppk-follow-up", now)

    def render(number: str, code: str, verify_url: str) -> bytes:
        context = letter_context(case, letter, decision)
        # The PDF is rendered before tx2 records the approval: it is signed by the approving decider.
        context.update(
            follow_up_due=follow_up_due, verify_url=verify_url, qr=qr_svg(verify_url), signer=actor
        )
        with override("id"):
            return render_letter_pdf(context)

    pdf = documents.render(letter.document, render)
    with transaction.atomic():
        document = documents.store(letter.document, pdf, actor=actor, at=now)
        # Two deciders approving at once: only one finds the letter still `approving` (and its document
        # still reserved — `store` has already refused the loser).
        letter.document = document
        LETTER_FLOW.run(
            letter, actor, LetterAction.APPROVE, changes={"approved_by": actor, "approved_at": now}
        )
        case.letter = letter  # keep the caller's cached relation in step with the row
        sanction = decision.sanction if decision else None
        corrective = decision.corrective_actions.all() if decision else []
        recommendation = Recommendation.objects.create(
            case=case,
            letter=letter,
            authority=letter.authority,
            addressee_id=letter.addressee_id,
            sanction=sanction,
            kind=recommendation_kind(sanction, bool(corrective)),
            issued_at=now,
            follow_up_due=follow_up_due,
        )
        if corrective:
            corrective.update(recommendation=recommendation)
        FLOW.run(
            case,
            actor,
            Action.ISSUE_RECOMMENDATION,
            changes={"disclosed_at": case.disclosed_at or now},
            data={
                "letter": letter.number,
                "sha256": document.sha256,
                "recommendation": str(recommendation.uuid),
            },
            version=version,
        )
        from ..tasks import send_recommendation_email

        transaction.on_commit(lambda: send_recommendation_email.enqueue(recommendation.pk))
        return case


def _reserve(case: Case, letter: RecommendationLetter, actor) -> None:
    """tx1: the letter's number and verification code; the counter row is locked only until this commits."""
    with transaction.atomic():
        today = timezone.localdate(workflow.now())
        authority = letter.authority
        document = documents.reserve(
            LETTER_SERIES,
            number_format=letter_number_format(authority.letter_prefix),
            title=LETTER_TITLE,
            actor=actor,
            authority=authority,
            on=today,
            addressee=case.addressee.name,
            subject=LETTER_PUBLIC_SUBJECT,
        )
        # The race: two deciders approving at once. Only one UPDATE finds the letter still a draft; the
        # other rolls back, and its reservation with it (no number is lost).
        LETTER_FLOW.run(
            letter,
            actor,
            LetterAction.START_APPROVAL,
            changes={
                "number": document.number,
                "letter_date": today,
                "document": document,
                "addressee": case.addressee,
            },
            data={"case": case.number},
        )
