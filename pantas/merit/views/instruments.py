from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pantas.core.forms import apply_validation_error, flash_validation_error
from pantas.core.permissions import get_visible_or_404, role_required

from ..forms import (
    AspectForm,
    BandFormSet,
    IndicatorForm,
    InstrumentForm,
    OptionFormSet,
    ReasonForm,
    VersionForm,
    formset_rows,
)
from ..models import Aspect, Indicator, Instrument, InstrumentVersion
from ..roles import INSTRUMENT_EDITORS, READ_ALL
from ..services import instruments as svc
from .common import domain_errors

READERS = READ_ALL | INSTRUMENT_EDITORS


def _version(request, pk):
    return get_visible_or_404(InstrumentVersion.objects.select_related("instrument"), request.user, pk=pk)


def _aspect(request, pk) -> Aspect:
    return get_visible_or_404(Aspect.objects.select_related("version__instrument"), request.user, pk=pk)


def _indicator(request, pk) -> Indicator:
    return get_visible_or_404(
        Indicator.objects.select_related("aspect__version__instrument"), request.user, pk=pk
    )


@role_required(*READERS)
def instrument_list(request):
    instruments = Instrument.objects.visible_to(request.user).prefetch_related(
        Prefetch(
            "versions",
            queryset=InstrumentVersion.objects.visible_to(request.user).annotate(n_cycles=Count("cycles")),
        )
    )
    return render(
        request,
        "merit/instrument_list.html",
        {"instruments": instruments, "can_edit": request.user.has_any_role(INSTRUMENT_EDITORS)},
    )


@role_required(*INSTRUMENT_EDITORS)
@domain_errors
def instrument_create(request):
    form = InstrumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = svc.create_instrument(request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Instrumen dibuat sebagai draf versi 1."))
            return redirect("merit:version_detail", pk=version.pk)
    return render(request, "merit/simple_form.html", {"form": form, "title": _("Instrumen baru")})


@role_required(*READERS)
def version_detail(request, pk):
    version = _version(request, pk)
    aspects = version.aspects.prefetch_related("indicators__options").order_by("order")
    return render(
        request,
        "merit/version_detail.html",
        {
            "version": version,
            "aspects": aspects,
            "bands": version.bands.order_by("min_score"),
            "problems": svc.validate_version(version) if version.is_draft else [],
            "cycles": version.cycles.order_by("-year"),
            "history": version.history.select_related("by"),
            "can_edit": request.user.has_any_role(INSTRUMENT_EDITORS),
            "reason_form": ReasonForm(),
        },
    )


@role_required(*INSTRUMENT_EDITORS)
@domain_errors
def version_edit(request, pk):
    version = _version(request, pk)
    initial = {f: getattr(version, f) for f in svc.VERSION_FIELDS}
    bands_initial = [
        {k: getattr(b, k) for k in ("code", "name", "min_score", "max_score", "is_award")}
        for b in version.bands.order_by("min_score")
    ]
    form = VersionForm(request.POST or None, initial=initial)
    bands = BandFormSet(request.POST or None, initial=bands_initial, prefix="band")
    if request.method == "POST" and form.is_valid() and bands.is_valid():
        svc.update_version(version, request.user, **form.cleaned_data)
        svc.save_bands(version, request.user, formset_rows(bands))
        messages.success(request, _("Versi draf diperbarui."))
        return redirect("merit:version_detail", pk=version.pk)
    return render(request, "merit/version_form.html", {"version": version, "form": form, "bands": bands})


@require_POST
@role_required(*INSTRUMENT_EDITORS)
@domain_errors
def version_draft(request, pk):
    version = _version(request, pk)
    draft = svc.start_draft(version, request.user)
    messages.success(
        request, _("Draf versi %(n)s dibuat dari versi %(m)s.") % {"n": draft.number, "m": version.number}
    )
    return redirect("merit:version_detail", pk=draft.pk)


@require_POST
@role_required(*INSTRUMENT_EDITORS)
@domain_errors
def version_publish(request, pk):
    version = _version(request, pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        svc.publish_version(version, request.user, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        flash_validation_error(request, exc)
    else:
        messages.success(request, _("Versi diterbitkan; sekarang dapat dipakai siklus baru."))
    return redirect("merit:version_detail", pk=version.pk)


@require_POST
@role_required(*INSTRUMENT_EDITORS)
@domain_errors
def version_retire(request, pk):
    version = _version(request, pk)
    svc.retire_version(version, request.user)
    messages.success(request, _("Versi tidak lagi ditawarkan untuk siklus baru."))
    return redirect("merit:version_detail", pk=version.pk)


@role_required(*INSTRUMENT_EDITORS)
@domain_errors
def aspect_edit(request, pk=None, version_pk=None):
    aspect = _aspect(request, pk) if pk else None
    version = aspect.version if aspect else _version(request, version_pk)
    initial = (
        {f: getattr(aspect, f) for f in svc.ASPECT_FIELDS}
        if aspect
        else {"order": version.aspects.count() + 1}
    )
    form = AspectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            svc.save_aspect(version, request.user, aspect, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Aspek disimpan."))
            return redirect("merit:version_detail", pk=version.pk)
    return render(request, "merit/simple_form.html", {"form": form, "version": version, "title": _("Aspek")})


@require_POST
@role_required(*INSTRUMENT_EDITORS)
@domain_errors
def aspect_delete(request, pk):
    aspect = _aspect(request, pk)
    version_pk = aspect.version_id
    svc.delete_aspect(aspect, request.user)
    messages.success(request, _("Aspek dihapus."))
    return redirect("merit:version_detail", pk=version_pk)


@role_required(*INSTRUMENT_EDITORS)
@domain_errors
def indicator_edit(request, pk=None, aspect_pk=None):
    indicator = _indicator(request, pk) if pk else None
    aspect = indicator.aspect if indicator else _aspect(request, aspect_pk)
    if indicator:
        initial = {f: getattr(indicator, f) for f in svc.INDICATOR_FIELDS}
        options_initial = [
            {k: getattr(o, k) for k in svc.OPTION_FIELDS} for o in indicator.options.order_by("order")
        ]
    else:
        initial, options_initial = {"order": aspect.indicators.count() + 1}, []
    form = IndicatorForm(request.POST or None, initial=initial)
    options = OptionFormSet(request.POST or None, initial=options_initial, prefix="opt")
    if request.method == "POST" and form.is_valid() and options.is_valid():
        try:
            svc.save_indicator(
                aspect, request.user, indicator, options=formset_rows(options), **form.cleaned_data
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Indikator disimpan."))
            return redirect("merit:version_detail", pk=aspect.version_id)
    return render(
        request,
        "merit/indicator_form.html",
        {"form": form, "options": options, "aspect": aspect, "indicator": indicator},
    )


@require_POST
@role_required(*INSTRUMENT_EDITORS)
@domain_errors
def indicator_delete(request, pk):
    indicator = _indicator(request, pk)
    version_pk = indicator.aspect.version_id
    svc.delete_indicator(indicator, request.user)
    messages.success(request, _("Indikator dihapus."))
    return redirect("merit:version_detail", pk=version_pk)
