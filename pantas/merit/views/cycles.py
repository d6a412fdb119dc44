from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pantas.core.forms import apply_validation_error, flash_validation_error
from pantas.core.permissions import get_visible_or_404, role_required

from .. import reporting
from ..forms import CycleForm, ReasonForm
from ..models import Assessment, AssessmentCycle, CycleStatus, Result
from ..roles import CYCLE_MANAGERS, READ_ALL
from ..services import cycles as svc
from .common import domain_errors


def _form_kwargs(form):
    data = form.cleaned_data
    return {
        "instrument_version": data["instrument_version"],
        "participants": data["all_participants"],
        "year": data["year"],
        "title": data["title"],
        "self_assessment_due": data["self_assessment_due"],
        "verification_due": data["verification_due"],
        "reply_window_days": data["reply_window_days"],
    }


@role_required(*CYCLE_MANAGERS)
@domain_errors
def cycle_create(request):
    form = CycleForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = svc.create_cycle(request.user, **_form_kwargs(form))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Siklus disiapkan. Periksa peserta, lalu buka siklus."))
            return redirect("merit:cycle_detail", pk=cycle.pk)
    return render(request, "merit/cycle_form.html", {"form": form})


@role_required(*CYCLE_MANAGERS)
@domain_errors
def cycle_edit(request, pk):
    cycle = get_visible_or_404(AssessmentCycle, request.user, pk=pk)
    initial = {
        "year": cycle.year,
        "title": cycle.title,
        "instrument_version": cycle.instrument_version_id,
        "self_assessment_due": cycle.self_assessment_due,
        "verification_due": cycle.verification_due,
        "reply_window_days": cycle.reply_window_days,
        "participants": list(cycle.participants.values_list("pk", flat=True)),
    }
    form = CycleForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            svc.update_cycle(cycle, request.user, **_form_kwargs(form))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Siklus diperbarui."))
            return redirect("merit:cycle_detail", pk=cycle.pk)
    return render(request, "merit/cycle_form.html", {"form": form, "cycle": cycle})


@role_required(*READ_ALL)
def cycle_detail(request, pk):
    cycle = get_visible_or_404(
        AssessmentCycle.objects.select_related("instrument_version__instrument", "authority"),
        request.user,
        pk=pk,
    )
    assessments = (
        Assessment.objects.visible_to(request.user)
        .filter(cycle=cycle)
        .select_related("agency")
        .prefetch_related(Prefetch("result", queryset=Result.objects.select_related("band")))
        .order_by("agency__name")
    )
    return render(
        request,
        "merit/cycle_detail.html",
        {
            "cycle": cycle,
            "assessments": assessments,
            "participants": cycle.participants.order_by("name") if cycle.status == CycleStatus.DRAFT else [],
            "counts": reporting.band_counts(cycle, request.user),
            "history": cycle.history.select_related("by"),
            "can_manage": request.user.has_any_role(CYCLE_MANAGERS),
            "reason_form": ReasonForm(),
        },
    )


def _cycle_transition(request, pk, service, success):
    cycle = get_visible_or_404(AssessmentCycle, request.user, pk=pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        service(cycle, request.user, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        flash_validation_error(request, exc)
    else:
        messages.success(request, success)
    return redirect("merit:cycle_detail", pk=cycle.pk)


@require_POST
@role_required(*CYCLE_MANAGERS)
@domain_errors
def cycle_open(request, pk):
    return _cycle_transition(
        request, pk, svc.open_cycle, _("Siklus dibuka; instansi peserta dapat mengisi penilaian mandiri.")
    )


@require_POST
@role_required(*CYCLE_MANAGERS)
@domain_errors
def cycle_publish(request, pk):
    return _cycle_transition(request, pk, svc.publish_cycle, _("Hasil siklus diumumkan."))


@role_required(*READ_ALL)
def cycle_results(request, pk):
    """The staff view of a cycle's results (also before publication)."""
    cycle = get_visible_or_404(
        AssessmentCycle.objects.select_related("instrument_version"), request.user, pk=pk
    )
    return render(
        request,
        "merit/results.html",
        {
            "cycle": cycle,
            "ranking": reporting.ranking(cycle, request.user),
            "counts": reporting.band_counts(cycle, request.user),
            "chart": reporting.band_chart(cycle, request.user),
            "awards": reporting.awards(cycle, request.user),
            "public": False,
        },
    )
