"""Case list (filters, exports), detail, worklists, overdue list and the queue of reports awaiting a case."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pantas.core.errors import DomainError
from pantas.core.paging import CappedPaginator
from pantas.core.permissions import get_visible_or_404, role_required
from pantas.core.roles import Role
from pantas.intake.models import Evidence, Report, distinct_evidence
from pantas.registry.models import StageDeadline

from .. import services
from ..export import export_response
from ..forms import ACTION_FORMS, CaseFilterForm, ReferralReplyForm
from ..models import Case, LetterState, Team
from ..ombudsman import linked_cases, mou_suggestion
from ..queries import TABLE_RELATED, detail_queryset, merged_cases
from ..roles import CASE_STAFF_ROLES, CASE_VIEW_ROLES, OPENER_ROLES, is_case_staff
from ..timeline import case_timeline
from ..workflow import Action, CaseState, allowed_actions


def _page(request, queryset, per_page=50):
    return CappedPaginator(queryset, per_page).get_page(request.GET.get("page"))


@role_required(*CASE_STAFF_ROLES)
def case_list(request):
    form = CaseFilterForm(request.GET or None)
    cases = (
        form.filter(Case.objects.visible_to(request.user))
        if form.is_bound
        else Case.objects.visible_to(request.user)
    )
    cases = cases.select_related(*TABLE_RELATED).order_by("-received_at", "-id")
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": _page(request, cases),
        "query": query.urlencode(),
        "today": timezone.localdate(),
    }
    return render(request, "cases/case_list.html", context)


@role_required(*CASE_STAFF_ROLES)
def case_export(request, fmt):
    form = CaseFilterForm(request.GET)
    cases = form.filter(Case.objects.visible_to(request.user))
    return export_response(cases, fmt, request.user)


@role_required(Role.ANALYST)
def my_cases(request):
    cases = (
        Case.objects.visible_to(request.user)
        .filter(assignee=request.user)
        .open()
        .select_related(*TABLE_RELATED)
        .order_by("due_on", "id")
    )
    teams = Team.objects.filter(members=request.user)
    context = {"title": _("Daftar kerja saya"), "page": _page(request, cases), "teams": teams}
    context["pool"] = Case.objects.visible_to(request.user).filter(assignee__isnull=True).open().count()
    return render(request, "cases/worklist.html", context)


@role_required(Role.ANALYST, Role.SUPERVISOR_LEAD)
def team_cases(request, code):
    team = get_object_or_404(Team.objects.visible_to(request.user), code=code)
    if (
        not request.user.has_role(Role.SUPERVISOR_LEAD)
        and not team.members.filter(pk=request.user.pk).exists()
    ):
        raise Http404
    cases = (
        Case.objects.visible_to(request.user)
        .filter(team=team)
        .open()
        .select_related(*TABLE_RELATED)
        .order_by("due_on", "id")
    )
    context = {
        "title": _("Daftar kerja %(team)s") % {"team": team.name},
        "page": _page(request, cases),
        "team": team,
    }
    return render(request, "cases/worklist.html", context)


@role_required(Role.ANALYST, Role.SUPERVISOR_LEAD, Role.DECIDER)
def overdue(request):
    today = timezone.localdate()
    cases = Case.objects.visible_to(request.user).overdue(today)
    per_analyst = (
        cases.values("assignee__username", "assignee__full_name")
        .annotate(total=Count("id"), in_investigation=Count("id", filter=Q(state=CaseState.INVESTIGATION)))
        .order_by("-total", "assignee__full_name")
    )
    listing = cases.select_related(*TABLE_RELATED).order_by("due_on", "id")
    context = {"per_analyst": per_analyst, "page": _page(request, listing), "today": today}
    return render(request, "cases/overdue.html", context)


LETTER_APPROVERS = (Role.DECIDER, Role.SUPERVISOR_LEAD)


@role_required(*LETTER_APPROVERS)
def letters_awaiting(request):
    """The decider's queue: proven cases whose draft letter waits for approval, oldest draft first."""
    cases = (
        Case.objects.visible_to(request.user)
        .filter(state=CaseState.PROVEN, letter__state=LetterState.DRAFT)
        .select_related(*TABLE_RELATED, "addressee", "letter")
        .order_by("letter__drafted_at", "id")
    )
    return render(request, "cases/letters_awaiting.html", {"page": _page(request, cases)})


@role_required(*OPENER_ROLES)
def new_reports(request):
    reports = (
        services.reports_without_case()
        .filter(pk__in=Report.objects.visible_to(request.user).values("pk"))
        .select_related("election", "category", "province")
        .annotate(persons=Count("reported_persons", distinct=True))
        .order_by("received_at", "id")
    )
    return render(request, "cases/new_reports.html", {"page": _page(request, reports)})


@require_POST
@role_required(*OPENER_ROLES)
def open_report(request, uuid):
    report = get_visible_or_404(Report, request.user, uuid=uuid)
    try:
        opened = services.open_cases_for_report(report, request.user)
    except DomainError as exc:
        if exc.status == 403:
            raise PermissionDenied from exc
        messages.error(request, exc.message)
        if request.POST.get("from") == "report":  # the "Buka kasus" button on the intake report page
            return redirect("intake:staff_detail", uuid=report.uuid)
        return redirect("cases:new_reports")
    messages.success(
        request,
        _("Laporan %(report)s: %(cases)s.")
        % {"report": report.number, "cases": ", ".join(c.number for c in opened)},
    )
    return redirect("cases:detail", number=opened[0].number)


# The normal path through a case, in order; the action panel opens on the first of these the user may take.
# Side exits (refer, reject, merge, reconsider, rerouting) follow, closed, so one click never sends a case away.
MAIN_PATH = (
    Action.VERIFY,
    Action.CLAIM,
    Action.START_INVESTIGATION,
    Action.ANSWER_CLARIFICATION,
    Action.RESUME_INVESTIGATION,
    Action.DECIDE,
    Action.ISSUE_RECOMMENDATION,
    Action.REQUEST_CLARIFICATION,
    Action.EDIT_LETTER,
)
# The MoU suggestion is shown while the case can still be shared with or handed over to the Ombudsman.
MOU_STATES = frozenset(
    {CaseState.RECEIVED, CaseState.VERIFICATION, CaseState.INVESTIGATION, CaseState.CLARIFICATION}
)
# Actions that cannot be undone get their own page (a confirmation step) instead of an inline form.
CONFIRM_ON_OWN_PAGE = frozenset({Action.ISSUE_RECOMMENDATION})


def main_path_first(rules):
    rank = {action: i for i, action in enumerate(MAIN_PATH)}
    return sorted(rules, key=lambda rule: rank.get(rule.action, len(MAIN_PATH)))


def _stage_name(code: str) -> str:
    """The stage's name from the reference data (the code itself is for machines, not for the page)."""
    if not code:
        return ""
    return StageDeadline.objects.filter(code=code).values_list("name", flat=True).first() or ""


@role_required(*CASE_VIEW_ROLES)
def case_detail(request, number):
    case = get_visible_or_404(detail_queryset(), request.user, number=number)
    staff = is_case_staff(request.user)
    actions = allowed_actions(request.user, case)
    context = {
        "case": case,
        "staff": staff,
        "actions": [
            (rule, ACTION_FORMS[rule.action](case=case, prefix=rule.action))
            for rule in main_path_first(actions)
        ],
        "confirm_first": CONFIRM_ON_OWN_PAGE,
        "timeline": case_timeline(case, request.user, staff=staff),
        "letter": getattr(case, "letter", None),
        "recommendation": getattr(case, "recommendation", None),
        "decision": case.current_decision,
        "stage_name": _stage_name(case.deadline_code),
        "linked_cases": linked_cases(case, request.user),
    }
    # Staff see the corrective actions from the decision on; the addressee once the recommendation is issued.
    if context["decision"] is not None and (staff or context["recommendation"] is not None):
        context["corrective_actions"] = list(context["decision"].corrective_actions.select_related("kind"))
    if staff:
        report_ids = [link.report_id for link in case.links.all()]
        context["evidence"] = distinct_evidence(
            Evidence.objects.visible_to(request.user).filter(report_id__in=report_ids)
        )
        context["merged_cases"] = merged_cases(case, request.user)
        if case.state in MOU_STATES:
            context["mou"] = mou_suggestion(case)
        return render(request, "cases/case_detail.html", context)
    org = request.user.organisation_id
    context["my_referrals"] = [r for r in case.referrals.all() if r.partner_id == org]
    context["reply_form"] = ReferralReplyForm() if context["my_referrals"] else None
    return render(request, "cases/case_partner.html", context)
