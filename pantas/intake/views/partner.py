"""Partner organisations (CSO, Bawaslu, Ombudsman/ministries) under `/mitra/`: submit reports attributed to
the organisation, see only the organisation's own reports, talk with the supervisor's staff."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from pantas.core.errors import DomainError
from pantas.core.forms import apply_validation_error
from pantas.core.paging import CappedPaginator
from pantas.core.permissions import get_visible_or_404, role_required

from ..forms import BawasluReportForm, OrganisationMessageForm, PartnerReportForm
from ..models import PARTNER_ROLES, Channel, Message, Report, ReportSource
from ..outcome import report_outcome
from ..services.messages import post_organisation_message
from ..services.submit import DuplicateRegisterNumber, allowed_sources, submit_report
from .common import FIELD_MAP, agency_names


def _source_for(user):
    sources = allowed_sources(user)
    return sources[0] if len(sources) == 1 else None


@role_required(*PARTNER_ROLES)
@never_cache
def report_list(request):
    qs = (
        Report.objects.visible_to(request.user)
        .select_related("election", "category")
        .prefetch_related("reported_persons")
    )
    page = CappedPaginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "intake/partner/list.html",
        {
            "page": page,
            "can_submit": _source_for(request.user) is not None,
            "is_bawaslu": _is_bawaslu(request.user),
        },
    )


def _is_bawaslu(user) -> bool:
    return _source_for(user) == ReportSource.BAWASLU


@role_required(*PARTNER_ROLES)
@never_cache
@require_http_methods(["GET", "POST"])
def report_new(request):
    source = _source_for(request.user)
    if source is None:
        messages.error(request, _("Organisasi Anda belum terdaftar sebagai pengirim laporan."))
        return redirect("intake:partner_list")
    form_class = BawasluReportForm if source == ReportSource.BAWASLU else PartnerReportForm
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.to_input(
            source=source,
            channel=Channel.PARTNER_WEB,
            organisation=request.user.organisation,
            register_number=form.cleaned_data.get("register_number", ""),
            initial_study=form.cleaned_data.get("initial_study", ""),
        )
        try:
            result = submit_report(data, actor=request.user)
        except DuplicateRegisterNumber as exc:
            form.add_error("register_number", exc.message)
        except ValidationError as exc:
            apply_validation_error(form, exc, FIELD_MAP)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Laporan %(n)s terkirim.") % {"n": result.report.number})
            return redirect("intake:partner_detail", uuid=result.report.uuid)
    return render(
        request,
        "intake/partner/new.html",
        {"form": form, "agencies": agency_names(), "had_files": bool(request.FILES), "source": source},
        status=400 if form.errors else 200,
    )


def _detail(request, report, form=None, status=200):
    return render(
        request,
        "intake/partner/detail.html",
        {
            "report": report,
            "persons": report.reported_persons.select_related("agency"),
            "evidence": report.evidence.all(),
            "messages_list": Message.objects.visible_to(request.user)
            .filter(report=report)
            .select_related("author"),
            "history": report.status_history.all(),
            "form": form or OrganisationMessageForm(),
            "outcomes": report_outcome(report),
        },
        status=status,
    )


@role_required(*PARTNER_ROLES)
@never_cache
def report_detail(request, uuid):
    report = get_visible_or_404(
        Report.objects.select_related("election", "category", "province", "regency"), request.user, uuid=uuid
    )
    return _detail(request, report)


@role_required(*PARTNER_ROLES)
@require_POST
def report_message(request, uuid):
    report = get_visible_or_404(Report, request.user, uuid=uuid)
    form = OrganisationMessageForm(request.POST)
    if not form.is_valid():
        return _detail(request, report, form, status=400)
    try:
        post_organisation_message(report, request.user, form.cleaned_data["body"])
    except (ValidationError, DomainError) as exc:
        form.add_error("body", getattr(exc, "message", None) or exc.messages)
        return _detail(request, report, form, status=400)
    messages.success(request, _("Pesan terkirim."))
    return redirect("intake:partner_detail", uuid=report.uuid)
