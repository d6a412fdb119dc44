"""Supervisor staff pages under `/pengaduan/`: list with filters and CSV export, entry of reports received
elsewhere, detail with evidence, messages, internal notes, duplicate suggestions, status, identity reveal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from pantas.accounts.services import MFA_AT, second_factor_is_fresh
from pantas.core.errors import DomainError
from pantas.core.forms import apply_validation_error
from pantas.core.paging import CappedPaginator
from pantas.core.permissions import get_visible_or_404, role_required
from pantas.core.roles import Role
from pantas.registry.models import Election, Province, Track

from .. import spreadsheets
from ..forms import (
    CustodianKeyForm,
    DecisionForm,
    LinkForm,
    RevealForm,
    StaffMessageForm,
    StaffReportForm,
    StatusForm,
)
from ..models import (
    HANDLER_ROLES,
    INTAKE_ROLES,
    STAFF_ROLES,
    Channel,
    CustodianKey,
    DuplicateSuggestion,
    Message,
    Report,
    ReportedPerson,
    ReportSource,
    ReportStatus,
    SealedIdentity,
)
from ..services import duplicates, identity, set_public_status
from ..services.messages import post_staff_message
from ..services.submit import submit_report
from .common import FIELD_MAP, agency_names

# Statuses intake staff may set by hand; the rest follow the case (set by the Cases app).
MANUAL_STATUSES = (ReportStatus.REJECTED, ReportStatus.REFERRED, ReportStatus.CLOSED)
PAGE_SIZE = 50
EXPORT_LIMIT = 10000


def filtered_reports(request):
    """The visible reports narrowed by the list's GET filters (also used by the export)."""
    qs = Report.objects.visible_to(request.user)
    g = request.GET
    q = g.get("q", "").strip()
    if q:
        person_match = ReportedPerson.objects.filter(Q(name__icontains=q) | Q(nip=q.replace(" ", ""))).values(
            "report_id"
        )
        qs = qs.filter(
            Q(number__icontains=q)
            | Q(register_number__iexact=q)
            | Q(description__icontains=q)
            | Q(pk__in=person_match)
        )
    for field, choices in (("source", ReportSource), ("status", ReportStatus), ("track", Track)):
        if g.get(field) in choices.values:
            qs = qs.filter(**{field: g[field]})
    if g.get("election"):
        qs = qs.filter(election__code=g["election"])
    if g.get("province"):
        qs = qs.filter(province_id=g["province"])
    if g.get("linked") == "no":
        qs = qs.filter(linked_to__isnull=True)
    return qs


@role_required(*STAFF_ROLES)
@never_cache
def report_list(request):
    qs = (
        filtered_reports(request)
        .select_related("election", "province", "organisation", "category", "linked_to")
        .prefetch_related(
            Prefetch("reported_persons", queryset=ReportedPerson.objects.only("report_id", "name"))
        )
        .order_by("-received_at", "-id")
    )
    page = CappedPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    # Open duplicate suggestions counted for this page's rows only, not grouped over every report (ADR 0132).
    page.object_list = list(page.object_list)
    open_counts = dict(
        DuplicateSuggestion.objects.filter(report__in=[r.pk for r in page.object_list], state="open")
        .order_by()
        .values_list("report_id")
        .annotate(n=Count("id"))
    )
    for report in page.object_list:
        report.open_suggestions = open_counts.get(report.pk, 0)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "intake/staff/list.html",
        {
            "page": page,
            "query": query.urlencode(),
            "filters": request.GET,
            "sources": ReportSource.choices,
            "statuses": ReportStatus.choices,
            "tracks": Track.choices,
            "elections": Election.objects.order_by("-voting_date"),
            "provinces": Province.objects.all(),
            "can_create": request.user.has_any_role(INTAKE_ROLES | {Role.ADMINISTRATOR}),
        },
    )


@role_required(*HANDLER_ROLES)
@never_cache
def report_export(request):
    """CSV of the filtered list, cells escaped against formula injection. No reporter identity, ever."""
    rows = (
        filtered_reports(request)
        .select_related("election", "province", "regency", "organisation", "category")
        .prefetch_related("reported_persons__agency")[:EXPORT_LIMIT]
    )
    header = [
        _("nomor"),
        _("diterima"),
        _("sumber"),
        _("organisasi"),
        _("nomor register"),
        _("status"),
        _("jalur"),
        _("kategori"),
        _("pemilihan"),
        _("provinsi"),
        _("kabupaten/kota"),
        _("terlapor"),
        _("NIP"),
        _("instansi"),
        _("uraian"),
    ]

    def lines():
        for r in rows:
            persons = list(r.reported_persons.all())
            yield [
                r.number,
                timezone.localtime(r.received_at).strftime("%Y-%m-%d %H:%M"),
                r.get_source_display(),
                r.organisation.name if r.organisation else "",
                r.register_number,
                r.get_status_display(),
                r.get_track_display(),
                str(r.category or ""),
                r.election.name if r.election else "",
                r.province.name if r.province else "",
                r.regency.name if r.regency else "",
                "; ".join(p.name for p in persons),
                "; ".join(p.nip for p in persons if p.nip),
                "; ".join(str(p.agency or p.agency_text) for p in persons),
                r.description,
            ]

    response = HttpResponse(spreadsheets.csv_bytes(header, lines()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="laporan-{timezone.localdate():%Y%m%d}.csv"'
    return response


@role_required(*INTAKE_ROLES, Role.ADMINISTRATOR)
@never_cache
@require_http_methods(["GET", "POST"])
def report_new(request):
    form = StaffReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = submit_report(
                form.to_input(source=form.cleaned_data["source"], channel=Channel.STAFF), actor=request.user
            )
        except ValidationError as exc:
            apply_validation_error(form, exc, FIELD_MAP)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Laporan %(n)s tercatat.") % {"n": result.report.number})
            return redirect("intake:staff_detail", uuid=result.report.uuid)
    return render(
        request,
        "intake/staff/new.html",
        {"form": form, "agencies": agency_names(), "had_files": bool(request.FILES)},
        status=400 if form.errors else 200,
    )


def _detail_context(request, report):
    suggestions = (
        DuplicateSuggestion.objects.visible_to(request.user)
        .filter(report=report)
        .select_related("candidate", "decided_by")
        .prefetch_related("candidate__reported_persons")
    )
    return {
        "report": report,
        "persons": report.reported_persons.select_related("agency", "civil_servant", "province", "regency"),
        "evidence": report.evidence.all(),
        "messages_list": Message.objects.visible_to(request.user)
        .filter(report=report)
        .select_related("author"),
        "suggestions": suggestions,
        "linked_reports": report.linked_reports.all(),
        "history": report.status_history.select_related("actor"),
        "has_identity": SealedIdentity.objects.filter(report=report).exists(),
        "can_handle": request.user.has_any_role(HANDLER_ROLES),
        "is_custodian": request.user.has_role(Role.IDENTITY_CUSTODIAN),
        "message_form": StaffMessageForm(),
        "link_form": LinkForm(),
        "decision_form": DecisionForm(),
        "status_form": StatusForm(
            choices=[(s.value, s.label) for s in MANUAL_STATUSES if s != report.status]
        ),
    }


@role_required(*STAFF_ROLES)
@never_cache
def report_detail(request, uuid):
    report = get_visible_or_404(
        Report.objects.select_related(
            "election", "province", "regency", "organisation", "category", "submitted_by", "linked_to"
        ),
        request.user,
        uuid=uuid,
    )
    return render(request, "intake/staff/detail.html", _detail_context(request, report))


def _fail(request, report, form, status=400):
    context = _detail_context(request, report)
    context[form.context_name] = form
    return render(request, "intake/staff/detail.html", context, status=status)


@role_required(*HANDLER_ROLES)
@require_POST
def report_message(request, uuid):
    report = get_visible_or_404(Report, request.user, uuid=uuid)
    form = StaffMessageForm(request.POST)
    form.context_name = "message_form"
    if not form.is_valid():
        return _fail(request, report, form)
    internal = request.POST.get("visibility") == "internal"
    try:
        post_staff_message(report, request.user, form.cleaned_data["body"], internal=internal)
    except (ValidationError, DomainError) as exc:
        form.add_error("body", getattr(exc, "message", None) or exc.messages)
        return _fail(request, report, form)
    messages.success(request, _("Catatan internal disimpan.") if internal else _("Pesan terkirim."))
    return redirect("intake:staff_detail", uuid=report.uuid)


@role_required(*HANDLER_ROLES)
@require_POST
def report_link(request, uuid):
    report = get_visible_or_404(Report, request.user, uuid=uuid)
    form = LinkForm(request.POST)
    form.context_name = "link_form"
    if not form.is_valid():
        return _fail(request, report, form)
    target = (
        Report.objects.visible_to(request.user)
        .filter(number__iexact=form.cleaned_data["target_number"])
        .first()
    )
    if target is None:
        form.add_error("target_number", _("Laporan dengan nomor itu tidak ditemukan."))
        return _fail(request, report, form)
    try:
        duplicates.link_reports(report, target, request.user, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        form.add_error(None, exc.message)
        return _fail(request, report, form, status=exc.status)
    messages.success(request, _("Laporan ditautkan ke %(n)s.") % {"n": report.linked_to.number})
    return redirect("intake:staff_detail", uuid=report.uuid)


@role_required(*HANDLER_ROLES)
@require_POST
def suggestion_decide(request, uuid, pk):
    report = get_visible_or_404(Report, request.user, uuid=uuid)
    suggestion = get_object_or_404(
        DuplicateSuggestion.objects.visible_to(request.user).select_related("candidate", "report"),
        pk=pk,
        report=report,
    )
    form = DecisionForm(request.POST)
    form.context_name = "decision_form"
    if not form.is_valid():
        return _fail(request, report, form)
    try:
        if request.POST.get("decision") == "link":
            duplicates.link_reports(
                report,
                suggestion.candidate,
                request.user,
                reason=form.cleaned_data["reason"],
                suggestion=suggestion,
            )
            messages.success(request, _("Laporan ditautkan sebagai duplikat."))
        else:
            duplicates.dismiss_suggestion(suggestion, request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Saran duplikat diabaikan."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("intake:staff_detail", uuid=report.uuid)


@role_required(*HANDLER_ROLES)
@require_POST
def report_status(request, uuid):
    report = get_visible_or_404(Report, request.user, uuid=uuid)
    form = StatusForm(request.POST, choices=[(s.value, s.label) for s in MANUAL_STATUSES])
    form.context_name = "status_form"
    if not form.is_valid():
        return _fail(request, report, form)
    try:
        set_public_status(
            report, form.cleaned_data["status"], request.user, reason=form.cleaned_data["reason"]
        )
    except DomainError as exc:
        form.add_error(None, exc.message)
        return _fail(request, report, form, status=exc.status)
    messages.success(request, _("Status laporan diubah."))
    return redirect("intake:staff_detail", uuid=report.uuid)


@role_required(Role.IDENTITY_CUSTODIAN)
@never_cache
@require_http_methods(["GET", "POST"])
def reveal(request, uuid):
    report = get_visible_or_404(Report, request.user, uuid=uuid)
    sealed = get_object_or_404(SealedIdentity.objects.select_related("key"), report=report)
    second_factor_at = request.session.get(MFA_AT)
    if not second_factor_is_fresh(request.user, second_factor_at):
        # Ask for the TOTP again first (P-16); the form below is shown only with a fresh second factor.
        return redirect(f"{reverse('accounts:mfa_reauth')}?next={request.path}")
    form = RevealForm(request.POST or None)
    revealed = None
    if request.method == "POST" and form.is_valid():
        try:
            revealed = identity.reveal_identity(
                sealed,
                request.user,
                form.cleaned_data["passphrase"],
                form.cleaned_data["reason"],
                second_factor_at=second_factor_at,
            )
        except identity.RevealFailed:
            form.add_error("passphrase", _("Frasa sandi salah. Percobaan ini dicatat dalam jejak audit."))
        except ValidationError as exc:
            apply_validation_error(form, exc, FIELD_MAP)
        except DomainError as exc:
            form.add_error(None, exc.message)
    return render(
        request,
        "intake/staff/reveal.html",
        {
            "report": report,
            "form": form,
            "revealed": revealed,
            "key": sealed.key,
            "can_read_report": request.user.has_any_role(STAFF_ROLES),
        },
        status=400 if form.errors else 200,
    )


@role_required(Role.IDENTITY_CUSTODIAN)
@never_cache
@require_http_methods(["GET", "POST"])
def custodian_key(request):
    form = CustodianKeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            identity.create_custodian_key(
                request.user, form.cleaned_data["passphrase"], form.cleaned_data["label"]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc, FIELD_MAP)
        else:
            messages.success(
                request, _("Kunci baru aktif. Laporan rahasia berikutnya disegel dengan kunci ini.")
            )
            return redirect("intake:custodian_key")
    keys = (
        CustodianKey.objects.select_related("created_by")
        .annotate(sealed=Count("sealedidentity"))
        .order_by("-created_at")
    )
    return render(
        request,
        "intake/staff/custodian_key.html",
        {"form": form, "keys": keys},
        status=400 if form.errors else 200,
    )
