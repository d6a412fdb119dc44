"""Follow-up pages: the PPK portal, the supervisor's list and detail, BKN's blocking queue and the ministries'
queue of reported PPKs. Views are thin: they read through `visible_to` and call one service per action."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pantas.core import audit
from pantas.core.downloads import attachment_response
from pantas.core.errors import DomainError, NotAllowed
from pantas.core.paging import COUNT_CAP, CappedPaginator, capped_count
from pantas.core.permissions import get_visible_or_404, role_required

from . import documents, pdf, roles, services
from .forms import BLOCKING_FORMS, FOLLOW_UP_FORMS, FollowUpFilterForm, ReprimandForm
from .models import BlockingRequest, FollowUp, Notification, PPKReport, SanctionDecree
from .services import decrees
from .timeline import timeline
from .workflow import (
    BLOCKING_FLOW,
    FOLLOW_UP_FLOW,
    PENDING_STATES,
    BlockingAction,
    BlockingState,
    FollowUpAction,
    FollowUpState,
    PPKReportState,
)

READERS = roles.PPK | roles.SUPERVISOR | roles.BKN | roles.MINISTRY
FOLLOW_UP_SERVICES = {
    FollowUpAction.ACKNOWLEDGE: services.acknowledge,
    FollowUpAction.REPORT: services.report,
    FollowUpAction.OBJECT: services.file_objection,
    FollowUpAction.ANSWER_OBJECTION: services.answer_objection,
    FollowUpAction.VERIFY: services.verify,
    FollowUpAction.RETURN_REPORT: services.return_report,
    FollowUpAction.ESCALATE: services.escalate,
    FollowUpAction.CLOSE: services.close,
}
BLOCKING_SERVICES = {
    BlockingAction.ACKNOWLEDGE: services.acknowledge_blocking,
    BlockingAction.BLOCK: services.record_block,
    BlockingAction.UNBLOCK: services.record_unblock,
}
_RELATED = ("recommendation__letter", "case__agency", "addressee", "recommended_sanction", "civil_servant")
# What a list row shows (followup/includes/_table.html): fewer joins, so the planner's join search stays cheap.
_LIST_RELATED = ("recommendation__letter", "case", "addressee", "recommended_sanction")


def form_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _run(request, form, service, obj) -> tuple[int, str | None]:
    """Call `service` with the form's data; (status, error message). Forbidden actions raise 403."""
    try:
        service(obj, request.user, **form.service_kwargs())
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except ValidationError as exc:
        form_errors(form, exc)
        return 400, None
    except DomainError as exc:
        return exc.status, exc.message
    return 200, None


PORTAL_ROWS = 25  # per section on the portal; the whole section is one click away, paged


def _portal_sections(request) -> dict:
    """The portal's sections in their order: key → (title, rows, text when empty). Rows are querysets ordered
    for key pages on (due_on, id) or (state_changed_at, id); nothing is loaded here."""
    today = timezone.localdate()
    mine = (
        FollowUp.objects.visible_to(request.user)
        .filter(addressee_id=request.user.organisation_id)
        .select_related(*_LIST_RELATED)
        .order_by("due_on", "pk")
    )
    pending = Q(state__in=PENDING_STATES)
    return {
        "overdue": (
            _("Melewati tenggat"),
            mine.filter(Q(state=FollowUpState.ESCALATED) | pending & Q(due_on__lt=today)),
            _("Tidak ada yang melewati tenggat."),
        ),
        "due": (
            _("Menunggu SK Anda"),
            mine.filter(pending & (Q(due_on__gte=today) | Q(due_on__isnull=True))),
            _("Tidak ada rekomendasi yang menunggu tindak lanjut."),
        ),
        "review": (
            _("Dalam pemeriksaan pengawas"),
            mine.filter(state__in=[FollowUpState.OBJECTED, FollowUpState.REPORTED]),
            _("Tidak ada."),
        ),
        "done": (
            _("Selesai"),
            mine.filter(state__in=[FollowUpState.VERIFIED, FollowUpState.CLOSED]).order_by(
                "-state_changed_at", "-pk"
            ),
            _("Belum ada."),
        ),
    }


@role_required(*roles.PPK)
def portal(request):
    """The PPK office's home for follow-ups: overdue first, then what awaits its decree, then the rest. A
    ministry's office holds thousands of follow-ups: each section shows its first rows and a capped count,
    and `?bagian=<section>` pages through one section (ADR 0136)."""
    sections = _portal_sections(request)
    chosen = request.GET.get("bagian")
    if chosen in sections:
        title, rows, empty = sections[chosen]
        page = CappedPaginator(rows, 50).get_page(request.GET.get("page"))
        context = {"key": chosen, "title": title, "empty": empty, "page": page, "query": f"bagian={chosen}"}
        return render(request, "followup/portal_section.html", context)
    shown = []
    for key, (title, rows, empty) in sections.items():
        items = list(rows[: PORTAL_ROWS + 1])
        total = capped_count(rows) if len(items) > PORTAL_ROWS else len(items)
        shown.append(
            {
                "key": key,
                "title": title,
                "empty": empty,
                "items": items[:PORTAL_ROWS],
                "total": total,
                "capped": total > COUNT_CAP,
                "cap": COUNT_CAP,
            }
        )
    notifications = Notification.objects.visible_to(request.user).select_related("follow_up")[:10]
    return render(request, "followup/portal.html", {"sections": shown, "notifications": notifications})


@role_required(*roles.SUPERVISOR)
def follow_up_list(request):
    form = FollowUpFilterForm(request.GET or None)
    items = FollowUp.objects.visible_to(request.user).select_related(*_RELATED).order_by("due_on", "pk")
    if form.is_valid():
        data = form.cleaned_data
        if data["state"]:
            items = items.filter(state=data["state"])
        if data["overdue"]:
            items = items.overdue()
        if data["agency"]:
            items = items.filter(
                Q(addressee__name__icontains=data["agency"]) | Q(case__agency__name__icontains=data["agency"])
            )
    page = CappedPaginator(items, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "today": timezone.localdate()}
    return render(request, "followup/list.html", context)


def _visible_follow_up(user, uuid) -> FollowUp:
    return get_visible_or_404(FollowUp.objects.select_related(*_RELATED), user, uuid=uuid)


def _action_forms(user, follow_up):
    return [
        (rule, FOLLOW_UP_FORMS[rule.action](obj=follow_up, prefix=rule.action))
        for rule in FOLLOW_UP_FLOW.allowed_actions(user, follow_up)
        if rule.action in FOLLOW_UP_FORMS
    ]


def _detail_context(user, follow_up, **extra):
    blocking = follow_up.blocking_requests.order_by("-requested_at")
    reports = follow_up.reports.select_related("addressee").order_by("-sent_at")
    if not user.has_any_role(roles.SUPERVISOR | roles.BKN):
        reports = (
            reports.filter(addressee_id=user.organisation_id) if user.has_any_role(roles.MINISTRY) else []
        )
    return {
        "follow_up": follow_up,
        "decrees": follow_up.decrees.select_related("imposed_sanction").order_by("-uploaded_at"),
        "objections": follow_up.objections.select_related("revised_sanction").order_by("-filed_at"),
        "blocking_requests": blocking,
        "ppk_reports": reports,
        "expected": services.expected_sanction(follow_up),
        "timeline": timeline(follow_up),
        "actions": _action_forms(user, follow_up),
        "can_report_pdf": user.has_any_role(roles.MINISTRY | roles.SUPERVISOR),
        **extra,
    }


@role_required(*READERS)
def detail(request, uuid):
    follow_up = _visible_follow_up(request.user, uuid)
    return render(request, "followup/detail.html", _detail_context(request.user, follow_up))


@role_required(*READERS)
def action(request, uuid, action):
    if action not in FOLLOW_UP_FORMS:
        raise Http404
    follow_up = _visible_follow_up(request.user, uuid)
    rule = FOLLOW_UP_FLOW.rule(action)
    form_class = FOLLOW_UP_FORMS[action]
    status, error = 200, None
    try:
        FOLLOW_UP_FLOW.check(request.user, follow_up, action)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        status, error = exc.status, exc.message
    if request.method == "POST" and error is None:
        form = form_class(request.POST, request.FILES, obj=follow_up, prefix=action)
        if form.is_valid():
            status, error = _run(request, form, FOLLOW_UP_SERVICES[action], follow_up)
            if status == 200:
                messages.success(request, _("%(action)s: berhasil.") % {"action": rule.label})
                return redirect("followup:detail", uuid=follow_up.uuid)
        else:
            status = 400
    else:
        form = form_class(obj=follow_up, prefix=action)
    context = {"follow_up": follow_up, "rule": rule, "form": form, "error": error}
    return render(request, "followup/action.html", context, status=status)


@role_required(*READERS)
def decree_file(request, uuid, pk):
    decree = get_visible_or_404(SanctionDecree.objects.select_related("follow_up"), request.user, pk=pk)
    if str(decree.follow_up.uuid) != str(uuid) or not decree.file:
        raise Http404
    with transaction.atomic():
        audit.record("followup.decree.downloaded", decree, actor=request.user, data={"sha256": decree.sha256})
    return attachment_response(decrees.load(decree.file), "application/pdf", f"SK-{decree.number}.pdf")


# -- BKN ----------------------------------------------------------------------------------------------------


@role_required(*(roles.BKN | roles.SUPERVISOR))
def blocking_queue(request):
    state = request.GET.get("state", "open")
    # The page's 50 rows first (state index, top-N sort), their relations by id afterwards: joined in one
    # statement, a queue of 10,000 requests was joined to the 5.6M-row ASN register before the sort (ADR 0136).
    items = BlockingRequest.objects.visible_to(request.user).prefetch_related(
        "follow_up__addressee", "follow_up__recommendation__letter", "civil_servant"
    )
    if state == "open":
        items = items.open()
    elif state in BlockingState.values:
        items = items.filter(state=state)
    page = CappedPaginator(items.order_by("requested_at", "pk"), 50).get_page(request.GET.get("page"))
    rows = [
        (item, [(rule, BLOCKING_FORMS[rule.action](obj=item, prefix=rule.action))
                for rule in BLOCKING_FLOW.allowed_actions(request.user, item) if rule.action in BLOCKING_FORMS])
        for item in page
    ]  # fmt: skip
    notifications = Notification.objects.visible_to(request.user).select_related("follow_up")[:10]
    context = {
        "page": page,
        "rows": rows,
        "state": state,
        "states": [("open", _("Perlu tindakan"))] + list(BlockingState.choices),
        "notifications": notifications,
    }
    return render(request, "followup/blocking_queue.html", context)


@require_POST
@role_required(*roles.BKN)
def blocking_action(request, uuid, action):
    if action not in BLOCKING_FORMS:
        raise Http404
    blocking = get_visible_or_404(BlockingRequest, request.user, uuid=uuid)
    form = BLOCKING_FORMS[action](request.POST, obj=blocking, prefix=action)
    status, error = 400, None
    if form.is_valid():
        status, error = _run(request, form, BLOCKING_SERVICES[action], blocking)
        if status == 200:
            messages.success(
                request, _("%(action)s: berhasil.") % {"action": BLOCKING_FLOW.rule(action).label}
            )
            return redirect("followup:blocking")
    context = {
        "follow_up": blocking.follow_up,
        "rule": BLOCKING_FLOW.rule(action),
        "form": form,
        "error": error,
    }
    return render(request, "followup/action.html", context, status=status)


# -- KemenPANRB / Kemendagri ---------------------------------------------------------------------------------


@role_required(*(roles.MINISTRY | roles.SUPERVISOR))
def ppk_reports(request):
    state = request.GET.get("state", PPKReportState.SENT)
    items = PPKReport.objects.visible_to(request.user).select_related(
        "addressee", "follow_up__addressee", "follow_up__recommendation__letter", "follow_up__case__agency"
    )
    if state in PPKReportState.values:
        items = items.filter(state=state)
    page = CappedPaginator(items.order_by("sent_at", "pk"), 50).get_page(request.GET.get("page"))
    can_reprimand = request.user.has_any_role(roles.MINISTRY)
    rows = [
        (item, ReprimandForm(obj=item, prefix="reprimand") if can_reprimand and item.state == PPKReportState.SENT else None)
        for item in page
    ]  # fmt: skip
    context = {"page": page, "rows": rows, "state": state, "states": PPKReportState.choices}
    return render(request, "followup/ppk_reports.html", context)


@require_POST
@role_required(*roles.MINISTRY)
def ppk_report_reprimand(request, uuid):
    ppk_report = get_visible_or_404(PPKReport.objects.select_related("follow_up"), request.user, uuid=uuid)
    form = ReprimandForm(request.POST, obj=ppk_report, prefix="reprimand")
    status, error = 400, None
    if form.is_valid():
        status, error = _run(request, form, services.reprimand, ppk_report)
        if status == 200:
            messages.success(request, _("Teguran dicatat; tenggat baru berlaku untuk PPK."))
            return redirect("followup:ppk_reports")
    from .workflow import PPK_REPORT_FLOW, PPKReportAction

    context = {
        "follow_up": ppk_report.follow_up,
        "rule": PPK_REPORT_FLOW.rule(PPKReportAction.REPRIMAND),
        "form": form,
        "error": error,
    }
    return render(request, "followup/action.html", context, status=status)


# -- numbered documents -------------------------------------------------------------------------------------


def _document_response(request, obj):
    """The stored PDF of a blocking request or PPK report; rendered and stored now if the task has not issued
    it yet. Archival rows (demo history) have no stored copy, and rows from before documents none at all: their
    letter is rendered from the row, as before, with the code of the archival record if there is one."""
    document = obj.document
    if document is None or document.archival:
        renderer = pdf.blocking_request_pdf if isinstance(obj, BlockingRequest) else pdf.ppk_report_pdf
        code = document.verification_code if document else ""
        url = documents.verify_url(code) if code else ""
        return attachment_response(renderer(obj, code, url), "application/pdf", f"{obj.number}.pdf")
    document = documents.issued(document, actor=request.user)
    return attachment_response(bytes(document.pdf), "application/pdf", f"{document.number}.pdf")


@role_required(*(roles.BKN | roles.SUPERVISOR | roles.PPK))
def blocking_pdf(request, uuid):
    blocking = get_visible_or_404(
        BlockingRequest.objects.select_related(
            "document", "follow_up__recommendation__authority", "follow_up__case"
        ),
        request.user,
        uuid=uuid,
    )
    return _document_response(request, blocking)


@role_required(*(roles.MINISTRY | roles.SUPERVISOR))
def ppk_report_pdf(request, uuid):
    report = get_visible_or_404(
        PPKReport.objects.select_related(
            "document", "addressee", "follow_up__recommendation__authority", "follow_up__case"
        ),
        request.user,
        uuid=uuid,
    )
    return _document_response(request, report)
