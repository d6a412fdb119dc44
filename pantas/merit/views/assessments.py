from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pantas.core.downloads import attachment_response
from pantas.core.forms import apply_validation_error, flash_validation_error
from pantas.core.permissions import get_visible_or_404, role_required

from .. import reporting, scoring
from ..case_link import case_summary
from ..forms import ReasonForm, ReplyForm, SelfAssessmentForm, VerifyForm
from ..models import Aspect, Assessment, AssessmentStatus, Evidence, Result
from ..roles import AGENCY, ASSESSORS, READ_ALL, agency_id_of, is_merit_staff
from ..services import assessments as svc
from .common import domain_errors

S = AssessmentStatus
VIEWERS = READ_ALL | AGENCY


def _assessment(request, pk):
    return get_visible_or_404(
        Assessment.objects.select_related("cycle__instrument_version__instrument", "agency"),
        request.user,
        pk=pk,
    )


def _roles(request, assessment):
    user = request.user
    staff = is_merit_staff(user)
    return {
        "is_agency": agency_id_of(user) == assessment.agency_id,
        "is_assessor": user.has_any_role(ASSESSORS),
        # The agency sees the assessors' adjustments only once the verification result has been sent.
        "show_verification": staff or assessment.status not in (S.SELF_ASSESSMENT, S.SUBMITTED),
    }


def _answers(assessment, aspect=None):
    qs = svc.answers_of(assessment).prefetch_related(
        Prefetch("indicator__options"), Prefetch("evidence", queryset=Evidence.objects.order_by("id"))
    )
    return list(qs.filter(indicator__aspect=aspect) if aspect is not None else qs)


@role_required(*VIEWERS)
def assessment_detail(request, pk):
    assessment = _assessment(request, pk)
    roles = _roles(request, assessment)
    version = assessment.cycle.instrument_version
    self_scores = {s.aspect_id: s for s in svc.scores_of(assessment, final=False)}
    show_final = roles["show_verification"]
    final_scores = {s.aspect_id: s for s in svc.scores_of(assessment, final=True)} if show_final else {}
    aspects = version.aspects.annotate(n_indicators=Count("indicators")).order_by("order")
    answered = dict(
        assessment.answers.filter(self_option__isnull=False)
        .values_list("indicator__aspect_id")
        .annotate(n=Count("pk"))
    )
    rows = [
        {
            "aspect": a,
            "answered": answered.get(a.pk, 0),
            "self": self_scores.get(a.pk),
            "final": final_scores.get(a.pk),
            "case_data": case_summary(assessment.agency_id, assessment.cycle.year)
            if a.shows_case_data
            else None,
        }
        for a in aspects
    ]
    result = (
        Result.objects.visible_to(request.user)
        .filter(assessment=assessment)
        .select_related("band", "cycle__instrument", "agency")
        .first()
    )
    context = {
        "assessment": assessment,
        "rows": rows,
        "self_total": scoring.total(self_scores.values()),
        "final_total": scoring.total(final_scores.values()) if final_scores else None,
        "result": result,
        "view": reporting.result_view(result, request.user) if result else None,
        "missing": _missing_by_aspect(assessment, rows) if assessment.status == S.SELF_ASSESSMENT else [],
        "history": assessment.history.select_related("by"),
        "reason_form": ReasonForm(),
        **roles,
    }
    return render(request, "merit/assessment_detail.html", context)


def _missing_by_aspect(assessment, rows) -> list[tuple]:
    """What still blocks submission, per aspect: (aspect, [messages])."""
    errors = svc.completeness_errors(assessment)
    if not errors:
        return []
    aspect_of = dict(assessment.answers.values_list("indicator__code", "indicator__aspect_id"))
    return [
        (row["aspect"], [msg for code, msg in errors.items() if aspect_of.get(code) == row["aspect"].pk])
        for row in rows
        if any(aspect_of.get(code) == row["aspect"].pk for code in errors)
    ]


@role_required(*VIEWERS)
@domain_errors
def assessment_aspect(request, pk, aspect_id):
    assessment = _assessment(request, pk)
    roles = _roles(request, assessment)
    try:
        aspect = assessment.cycle.instrument_version.aspects.get(pk=aspect_id)
    except (Aspect.DoesNotExist, ValueError):
        raise Http404 from None
    answers = _answers(assessment, aspect)
    if roles["is_agency"] and assessment.status == S.SELF_ASSESSMENT:
        mode = "answer"
        form = SelfAssessmentForm(request.POST or None, request.FILES or None, answers=answers)
    elif roles["is_assessor"] and assessment.status in (S.SUBMITTED, S.REPLIED):
        mode = "verify"
        form = VerifyForm(request.POST or None, answers=answers)
    else:
        mode, form = "read", None
    if request.method == "POST":
        if form is None:
            return redirect("merit:assessment_aspect", pk=assessment.pk, aspect_id=aspect.pk)
        if form.is_valid():
            try:
                _save(request, assessment, mode, form, answers)
            except ValidationError as exc:
                apply_validation_error(form, exc, {a.indicator.code: f"opt_{a.pk}" for a in answers})
            else:
                messages.success(request, _("Aspek “%(name)s” disimpan.") % {"name": aspect.name})
                return redirect("merit:assessment_detail", pk=assessment.pk)
    return render(
        request,
        "merit/assessment_aspect.html",
        {
            "assessment": assessment,
            "aspect": aspect,
            "mode": mode,
            "form": form,
            "rows": list(form.rows()) if form else [{"answer": a} for a in answers],
            **roles,
        },
    )


def _save(request, assessment, mode, form, answers):
    data = form.cleaned_data
    options = {o.pk: o for a in answers for o in a.indicator.options.all()}
    if mode == "answer":
        entries = [(a, options.get(data[f"opt_{a.pk}"]), data[f"note_{a.pk}"]) for a in answers]
        new = [
            (a, data[f"evtitle_{a.pk}"], data[f"evurl_{a.pk}"], data[f"evfile_{a.pk}"])
            for a in answers
            if data[f"evurl_{a.pk}"] or data[f"evfile_{a.pk}"]
        ]
        svc.update_self_assessment(
            assessment,
            request.user,
            entries=entries,
            new_evidence=new,
            remove_evidence_ids=data["remove_evidence"],
        )
    else:
        entries = [(a, options.get(data[f"opt_{a.pk}"]), data[f"reason_{a.pk}"]) for a in answers]
        svc.verify_answers(assessment, request.user, entries)


def _transition(request, pk, service, success):
    assessment = _assessment(request, pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        service(assessment, request.user, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        flash_validation_error(request, exc)
    else:
        messages.success(request, success)
    return redirect("merit:assessment_detail", pk=assessment.pk)


@require_POST
@role_required(*AGENCY)
@domain_errors
def assessment_submit(request, pk):
    return _transition(request, pk, svc.submit, _("Penilaian mandiri diajukan untuk diverifikasi."))


@require_POST
@role_required(*ASSESSORS)
@domain_errors
def assessment_send(request, pk):
    return _transition(request, pk, svc.send_verification, _("Hasil verifikasi dikirim ke instansi."))


@require_POST
@role_required(*ASSESSORS)
@domain_errors
def assessment_finalise(request, pk):
    return _transition(request, pk, svc.finalise, _("Penilaian difinalkan."))


@role_required(*AGENCY)
@domain_errors
def assessment_reply(request, pk):
    assessment = _assessment(request, pk)
    adjusted = [a for a in _answers(assessment) if a.is_adjusted]
    form = ReplyForm(request.POST or None, adjusted=adjusted)
    if request.method == "POST" and form.is_valid():
        try:
            svc.reply(assessment, request.user, text=form.cleaned_data["text"], answers=form.answers())
        except ValidationError as exc:
            apply_validation_error(form, exc, {a.indicator.code: f"agree_{a.pk}" for a in adjusted})
        else:
            messages.success(request, _("Tanggapan terkirim. Tanggapan hanya dapat dikirim sekali."))
            return redirect("merit:assessment_detail", pk=assessment.pk)
    return render(
        request,
        "merit/assessment_reply.html",
        {
            "assessment": assessment,
            "form": form,
            "rows": list(form.rows()),
            "open": assessment.status == S.VERIFIED,
        },
    )


@role_required(*VIEWERS)
def evidence_download(request, pk):
    evidence = get_visible_or_404(Evidence.objects.select_related("answer__assessment"), request.user, pk=pk)
    if not evidence.file:
        raise Http404
    return attachment_response(
        evidence.file.open("rb"),
        evidence.content_type,
        f"bukti-{evidence.pk}.{evidence.file.name.rsplit('.', 1)[-1]}",
    )


@role_required(*VIEWERS)
def assessment_pdf(request, pk):
    assessment = _assessment(request, pk)
    result = (
        Result.objects.visible_to(request.user)
        .filter(assessment=assessment)
        .select_related("cycle__instrument", "agency", "band")
        .first()
    )
    if result is None:
        raise Http404
    case_data = case_summary(assessment.agency_id, assessment.cycle.year)
    pdf = reporting.result_pdf(result, request.user, case_data=case_data)
    return attachment_response(pdf, "application/pdf", f"hasil-{result.agency.code}-{result.cycle.year}.pdf")
