"""Recommendation letters: drafted from a template at a proven decision, editable while draft, then approved by
a decider — numbered per authority and year, rendered once to PDF, hashed, and issued to the addressee."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from pantas.accounts.models import OrganisationKind
from pantas.core import workflow
from pantas.core.errors import InvalidTransition

from ..models import Case, Decision, LetterState, Recommendation, RecommendationLetter
from ..pdf import qr_svg, render_letter_pdf
from ..workflow import FLOW, Action
from .deadlines import due_date, stage_days
from .numbering import letter_number, reserve, verification_code

DEFAULT_PUBLIC_URL = "http://localhost:8000"


def public_url(path: str) -> str:
    """Absolute URL for printed letters and QR codes (`PANTAS_PUBLIC_URL` in production)."""
    base = getattr(settings, "PANTAS_PUBLIC_URL", "") or DEFAULT_PUBLIC_URL
    return base.rstrip("/") + path


def addressee_title(case: Case) -> str:
    org = case.addressee
    if org is None:
        return ""
    if org.kind == OrganisationKind.PPK_OFFICE and org.agency_id:
        return org.agency.ppk_title
    return org.name


def letter_context(case: Case, letter: RecommendationLetter, decision: Decision | None = None) -> dict:
    decision = decision or case.current_decision
    recommendation = getattr(case, "recommendation", None) if letter.state == LetterState.APPROVED else None
    verify_path = (
        reverse("cases:verify_letter", args=[letter.verification_code]) if letter.verification_code else ""
    )
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
        "verify_url": public_url(verify_path) if verify_path else "",
        "qr": qr_svg(public_url(verify_path)) if verify_path else "",
    }


def draft_text(case: Case, decision: Decision) -> tuple[str, str]:
    context = {
        "case": case,
        "decision": decision,
        "addressee_title": addressee_title(case),
        "follow_up_days": stage_days("ppk-follow-up"),
        "report_numbers": ", ".join(case.links.values_list("report__number", flat=True)),
    }
    with override("id"):  # official letters are in Bahasa Indonesia whatever the drafter's UI language
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
            addressee=case.addressee, subject=subject, body=body, drafted_by=actor, drafted_at=timezone.now()
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
    """Approve the draft: number it, render and hash the PDF once, and issue the recommendation."""
    FLOW.check(actor, case, Action.ISSUE_RECOMMENDATION)
    letter = RecommendationLetter.objects.filter(case=case).select_related("authority").first()
    if letter is None or letter.state != LetterState.DRAFT:
        raise InvalidTransition(_("Tidak ada draf surat yang menunggu persetujuan."))
    if case.addressee_id is None:
        raise InvalidTransition(
            _("Tujuan rekomendasi belum ditetapkan; ubah tujuan rekomendasi terlebih dahulu.")
        )
    decision = case.current_decision
    with transaction.atomic():
        now = workflow.now()
        today = timezone.localdate(now)
        authority = letter.authority
        number = letter_number(
            authority.letter_prefix, today.year, today.month, reserve(f"letter:{authority.code}:{today.year}")
        )
        letter.state, letter.number, letter.letter_date = LetterState.APPROVED, number, today
        letter.verification_code, letter.approved_by, letter.approved_at = verification_code(), actor, now
        letter.addressee = case.addressee
        follow_up_due = due_date("ppk-follow-up", now)
        context = letter_context(case, letter, decision)
        context["follow_up_due"] = follow_up_due
        with override("id"):
            pdf = render_letter_pdf(context)
        sha = hashlib.sha256(pdf).hexdigest()
        # The race: two deciders approving at once. Only one UPDATE finds the letter still a draft.
        approved = RecommendationLetter.objects.filter(pk=letter.pk, state=LetterState.DRAFT).update(
            state=LetterState.APPROVED,
            number=number,
            letter_date=today,
            verification_code=letter.verification_code,
            addressee=case.addressee,
            approved_by=actor,
            approved_at=now,
            pdf=pdf,
            sha256=sha,
        )
        if not approved:
            raise InvalidTransition(_("Surat ini sudah disetujui oleh pengguna lain."))
        letter.pdf, letter.sha256 = pdf, sha
        case.letter = letter  # keep the caller's cached relation in step with the row
        recommendation = Recommendation.objects.create(
            case=case,
            letter=letter,
            authority=authority,
            addressee_id=case.addressee_id,
            sanction=decision.sanction if decision else None,
            issued_at=now,
            follow_up_due=follow_up_due,
        )
        FLOW.run(
            case,
            actor,
            Action.ISSUE_RECOMMENDATION,
            changes={"disclosed_at": case.disclosed_at or now},
            data={"letter": number, "sha256": sha, "recommendation": str(recommendation.uuid)},
            version=version,
        )
        from ..tasks import send_recommendation_email

        transaction.on_commit(lambda: send_recommendation_email.enqueue(recommendation.pk))
        return case
