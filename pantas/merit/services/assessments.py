"""An agency's assessment: self-assessment with evidence → submission → verification (assessors may adjust
each indicator with a reason) → the agency's one reply → finalisation with the score, breakdown and band."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from pantas.core import audit, workflow
from pantas.core.calendar import IndonesianCalendar
from pantas.core.errors import InvalidTransition

from .. import scoring
from ..evidence import clean_upload
from ..formatting import score_text
from ..models import (
    Answer,
    Assessment,
    AssessmentStatus,
    Evidence,
    EvidenceKind,
    Result,
    ResultAspect,
    ResultSource,
)
from ..workflow import ASSESSMENT_FLOW as FLOW
from ..workflow import NOT_EDITABLE
from ..workflow import AssessmentAction as Action
from .instruments import shape_of

S = AssessmentStatus


def answers_of(assessment: Assessment):
    return assessment.answers.select_related("indicator__aspect", "self_option", "assessor_option").order_by(
        "indicator__aspect__order", "indicator__order", "indicator_id"
    )


def scores_of(assessment: Assessment, *, final: bool) -> list[scoring.AspectScore]:
    """Per-aspect scores of the self-assessment (`final=False`) or of the verified answers (`final=True`)."""
    chosen = {
        ind_id: (assessor_id or self_id) if final else self_id
        for ind_id, self_id, assessor_id in assessment.answers.values_list(
            "indicator_id", "self_option_id", "assessor_option_id"
        )
    }
    return scoring.aspect_scores(shape_of(assessment.cycle.instrument_version), chosen)


@transaction.atomic
def save_answers(assessment: Assessment, user, entries: list[tuple[Answer, object, str]]) -> int:
    """The agency answers indicators: `entries` are (answer, chosen option or None, note). Returns changes."""
    FLOW.hold(assessment, user, Action.ANSWER)
    now = workflow.now()
    changed = 0
    for answer, option, note in entries:
        if answer.assessment_id != assessment.pk:
            raise InvalidTransition(str(NOT_EDITABLE))
        if option is not None and option.indicator_id != answer.indicator_id:
            raise ValidationError({answer.indicator.code: _("Pilihan jawaban bukan milik indikator ini.")})
        option_id = getattr(option, "pk", None)
        if option_id == answer.self_option_id and note == answer.self_note:
            continue
        data = {"indicator": answer.indicator.code, "option": [answer.self_option_id, option_id]}
        if option is not None:
            data["score"] = str(option.score)
        Answer.objects.filter(pk=answer.pk).update(
            self_option_id=option_id, self_note=note, answered_at=now, answered_by=user
        )
        answer.self_option, answer.self_note = option, note
        audit.record("merit.answer.answered", answer, actor=user, data=data)
        changed += 1
    return changed


@transaction.atomic
def add_evidence(answer: Answer, user, *, title: str, url: str = "", upload=None) -> Evidence:
    FLOW.hold(answer.assessment, user, Action.ADD_EVIDENCE)
    if bool(url) == bool(upload):
        raise ValidationError({"url": _("Isi tautan atau unggah satu berkas.")})
    evidence = Evidence(answer=answer, title=title, uploaded_by=user)
    if upload is not None:
        clean = clean_upload(upload)
        evidence.kind = EvidenceKind.FILE
        evidence.content_type, evidence.size, evidence.sha256 = (
            clean.content_type,
            len(clean.content),
            clean.sha256,
        )
        # Stored under a neutral name: the uploader's file name never reaches the file system.
        evidence.file.save(f"{clean.sha256[:32]}.{clean.extension}", ContentFile(clean.content), save=False)
    else:
        if not url.lower().startswith(("https://", "http://")):
            raise ValidationError({"url": _("Tautan harus diawali https:// atau http://.")})
        evidence.kind, evidence.url = EvidenceKind.LINK, url
    evidence.save()
    audit.record(
        "merit.evidence.added",
        evidence,
        actor=user,
        data={
            "indicator": answer.indicator.code,
            "kind": evidence.kind,
            "sha256": evidence.sha256,
            "url": url,
        },
    )
    return evidence


@transaction.atomic
def remove_evidence(evidence: Evidence, user) -> None:
    FLOW.hold(evidence.answer.assessment, user, Action.REMOVE_EVIDENCE)
    audit.record(
        "merit.evidence.removed", evidence, actor=user, data={"sha256": evidence.sha256, "url": evidence.url}
    )
    stored = evidence.file.name
    evidence.delete()
    if stored:
        transaction.on_commit(lambda: evidence.file.storage.delete(stored))


@transaction.atomic
def update_self_assessment(
    assessment: Assessment, user, *, entries, new_evidence=(), remove_evidence_ids=()
) -> None:
    """One save of the self-assessment page: answers, removed and new evidence, all or nothing.
    `new_evidence` holds (answer, title, url, upload); errors are keyed by indicator code."""
    save_answers(assessment, user, entries)
    for evidence in Evidence.objects.filter(pk__in=remove_evidence_ids, answer__assessment=assessment):
        remove_evidence(evidence, user)
    for answer, title, url, upload in new_evidence:
        try:
            add_evidence(answer, user, title=title, url=url, upload=upload)
        except ValidationError as exc:
            raise ValidationError({answer.indicator.code: exc.messages}) from exc


def completeness_errors(assessment: Assessment) -> dict[str, str]:
    """Indicator code → what is missing before the self-assessment can be submitted."""
    errors = {}
    answers = answers_of(assessment).prefetch_related("evidence")
    for answer in answers:
        code = answer.indicator.code
        if answer.self_option is None:
            errors[code] = _("Indikator %(code)s belum dijawab.") % {"code": code}
        elif answer.self_option.evidence_required and not answer.evidence.all():
            errors[code] = _("Indikator %(code)s: jawaban ini wajib disertai bukti dukung (%(hint)s).") % {
                "code": code,
                "hint": answer.self_option.evidence_hint or _("berkas atau tautan"),
            }
    return errors


@FLOW.action(Action.SUBMIT)
def submit(assessment: Assessment, user, reason: str = "") -> None:
    errors = completeness_errors(assessment)
    if errors:
        raise ValidationError(errors)
    self_score = scoring.total(scores_of(assessment, final=False))
    FLOW.run(
        assessment,
        user,
        Action.SUBMIT,
        reason=reason,
        changes={"submitted_at": workflow.now(), "self_score": self_score},
        data={"self_score": str(self_score)},
    )


@transaction.atomic
def verify_answers(assessment: Assessment, user, entries: list[tuple[Answer, object, str]]) -> int:
    """Assessors confirm or adjust indicators: (answer, option that counts, reason). An adjustment (an option
    other than the agency's) needs a reason. Allowed before the result is sent and again after the reply."""
    FLOW.hold(assessment, user, Action.ADJUST)
    now = workflow.now()
    errors, changed = {}, 0
    for answer, option, reason in entries:
        code = answer.indicator.code
        if (
            answer.assessment_id != assessment.pk
            or option is None
            or option.indicator_id != answer.indicator_id
        ):
            errors[code] = _("Pilih salah satu pilihan jawaban indikator %(code)s.") % {"code": code}
            continue
        adjusted = option.pk != answer.self_option_id
        if adjusted and not reason.strip():
            errors[code] = _("Indikator %(code)s: tuliskan alasan penyesuaian skor.") % {"code": code}
            continue
        if option.pk == answer.assessor_option_id and reason == answer.assessor_reason:
            continue
        before = answer.final_option
        Answer.objects.filter(pk=answer.pk).update(
            assessor_option=option,
            assessor_reason=reason if adjusted else "",
            verified_at=now,
            verified_by=user,
        )
        audit.record(
            "merit.answer.adjusted" if adjusted else "merit.answer.confirmed",
            answer,
            actor=user,
            reason=reason,
            data={
                "indicator": code,
                "score": [str(getattr(before, "score", "")), str(option.score)],
                "self_score": str(getattr(answer.self_option, "score", "")),
            },
        )
        answer.assessor_option, answer.assessor_reason = option, reason if adjusted else ""
        changed += 1
    if errors:
        raise ValidationError(errors)
    return changed


@FLOW.action(Action.SEND_VERIFICATION)
def send_verification(assessment: Assessment, user, reason: str = "") -> None:
    """Submitted → verified: the agency sees the adjustments and may reply once within the reply window."""
    now = workflow.now()
    # Indicators the assessor did not touch are confirmed as answered.
    Answer.objects.filter(assessment=assessment, assessor_option__isnull=True).update(
        assessor_option_id=F("self_option_id"), verified_at=now, verified_by=user
    )
    due = IndonesianCalendar().add_working_days(timezone.localdate(now), assessment.cycle.reply_window_days)
    adjusted = sum(1 for a in assessment.answers.all() if a.is_adjusted)
    verified_score = scoring.total(scores_of(assessment, final=True))
    FLOW.run(
        assessment,
        user,
        Action.SEND_VERIFICATION,
        reason=reason,
        changes={"verified_at": now, "reply_due": due},
        data={"adjusted": adjusted, "verified_score": str(verified_score), "reply_due": due.isoformat()},
    )


@FLOW.action(Action.REPLY)
def reply(assessment: Assessment, user, *, text: str, answers: dict[int, tuple[bool, str]]) -> None:
    """The agency's right of reply, once: agree or disagree with each adjusted indicator (a disagreement
    needs an explanation), plus a general comment."""
    if assessment.reply_due and timezone.localdate(workflow.now()) > assessment.reply_due:
        raise InvalidTransition(
            _("Masa tanggapan sudah berakhir pada %(date)s.") % {"date": assessment.reply_due}
        )
    adjusted = [a for a in answers_of(assessment) if a.is_adjusted]
    errors = {}
    for answer in adjusted:
        code = answer.indicator.code
        agrees, note = answers.get(answer.pk, (None, ""))
        if agrees is None:
            errors[code] = _("Indikator %(code)s: nyatakan setuju atau tidak setuju.") % {"code": code}
        elif not agrees and not note.strip():
            errors[code] = _("Indikator %(code)s: jelaskan alasan tidak setuju.") % {"code": code}
    if errors:
        raise ValidationError(errors)
    for answer in adjusted:
        agrees, note = answers[answer.pk]
        Answer.objects.filter(pk=answer.pk).update(reply_agrees=agrees, reply_text=note)
    FLOW.run(
        assessment,
        user,
        Action.REPLY,
        changes={"replied_at": workflow.now(), "reply_text": text},
        data={
            "disagreements": [a.indicator.code for a in adjusted if not answers[a.pk][0]],
            "agreements": [a.indicator.code for a in adjusted if answers[a.pk][0]],
        },
    )


@FLOW.action(Action.FINALISE)
def finalise(assessment: Assessment, user, reason: str = "") -> Result:
    """Replied → final, or verified → final once the reply window has passed without a reply. Freezes the
    score, per-aspect breakdown and band as the assessment's `Result` (public when the cycle is published)."""
    today = timezone.localdate(workflow.now())
    if assessment.status == S.VERIFIED and assessment.reply_due and today <= assessment.reply_due:
        raise InvalidTransition(
            _("Masa tanggapan instansi belum berakhir (sampai %(date)s).") % {"date": assessment.reply_due}
        )
    version = assessment.cycle.instrument_version
    scores = scores_of(assessment, final=True)
    score = scoring.total(scores)
    band = scoring.band_for(version.bands.all(), score)
    if band is None:
        raise InvalidTransition(
            _("Skor %(score)s berada di luar semua kategori instrumen.") % {"score": score_text(score)}
        )
    result = Result.objects.create(
        cycle=assessment.cycle,
        agency=assessment.agency,
        assessment=assessment,
        score=score,
        band=band,
        source=ResultSource.ASSESSMENT,
    )
    ResultAspect.objects.bulk_create(
        ResultAspect(result=result, aspect_id=s.aspect_id, score=s.score, max_score=s.max_score)
        for s in scores
    )
    FLOW.run(
        assessment,
        user,
        Action.FINALISE,
        reason=reason,
        changes={"finalised_at": workflow.now()},
        data={
            "score": str(score),
            "band": band.code,
            "aspects": {str(s.aspect_id): str(s.score) for s in scores},
        },
    )
    return result
