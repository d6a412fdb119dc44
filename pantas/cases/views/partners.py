"""Pages for organisations outside the supervisor: the addressee's inbox (recommendations and clarification
requests), referral partners' list and replies; plus the candidacy declarations (conflict of interest)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pantas.core.errors import NotAllowed
from pantas.core.forms import apply_validation_error
from pantas.core.models import DocumentState
from pantas.core.paging import CappedPaginator
from pantas.core.permissions import get_visible_or_404, role_required

from .. import services
from ..forms import CandidacyForm, ReferralReplyForm
from ..models import CandidacyDeclaration, Case, Recommendation, Referral
from ..roles import ADDRESSEE_ROLES, CASE_STAFF_ROLES, DECLARER_ROLES, REFERRAL_PARTNER_ROLES
from ..workflow import CaseState


@role_required(*ADDRESSEE_ROLES)
def inbox(request):
    org = request.user.organisation_id
    # Paged, newest first, and never the letters' PDF bytes: the list only says whether a PDF exists (ADR 0132).
    recommendations = (
        Recommendation.objects.visible_to(request.user)
        .filter(addressee_id=org)
        .select_related("letter__document", "case__agency", "sanction", "authority")
        .defer("letter__document__pdf")
        .annotate(
            has_pdf=ExpressionWrapper(
                Q(letter__document__state=DocumentState.ISSUED, letter__document__pdf__isnull=False),
                output_field=BooleanField(),
            )
        )
        .order_by("-issued_at", "-id")
    )
    clarifications = (
        Case.objects.visible_to(request.user)
        .filter(addressee_id=org, state=CaseState.CLARIFICATION)
        .with_awaiting_answer()
        .select_related("agency", "category")
    )
    page = CappedPaginator(recommendations, 50).get_page(request.GET.get("page"))
    context = {"recommendations": page, "page": page, "clarifications": clarifications}
    return render(request, "cases/inbox.html", context)


@role_required(*REFERRAL_PARTNER_ROLES)
def referrals(request):
    items = (
        Referral.objects.visible_to(request.user)
        .filter(partner_id=request.user.organisation_id)
        .select_related("case", "maladministration")
        .prefetch_related("replies")
        .order_by("status", "-sent_at")
    )
    return render(request, "cases/referrals.html", {"referrals": items})


@require_POST
@role_required(*REFERRAL_PARTNER_ROLES)
def referral_reply(request, uuid):
    referral = _visible_referral(request.user, uuid)
    form = ReferralReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_to_referral(referral, request.user, **form.cleaned_data)
        except NotAllowed as exc:
            raise PermissionDenied(exc.message) from exc
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Tanggapan terkirim dan dilampirkan pada kasus."))
            return redirect("cases:detail", number=referral.case.number)
    case = referral.case
    context = {
        "case": case,
        "staff": False,
        "reply_form": form,
        "my_referrals": [referral],
        "actions": [],
        "timeline": [],
        "decision": None,
        "recommendation": None,
        "letter": None,
    }
    return render(request, "cases/case_partner.html", context, status=400)


def _visible_referral(user, uuid):
    """A referral is visible through its case; its reply form is the partner's (checked by the service)."""
    return get_visible_or_404(Referral.objects.select_related("case"), user, uuid=uuid)


@role_required(*CASE_STAFF_ROLES)
def candidacies(request):
    form = None
    can_declare = request.user.has_any_role(DECLARER_ROLES)
    if request.method == "POST":
        if not can_declare:
            raise PermissionDenied
        form = CandidacyForm(request.POST)
        if form.is_valid():
            try:
                _declaration, rerouted = services.declare_candidacy(request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Pencalonan PPK dicatat; %(n)s kasus dialihkan tujuannya.") % {"n": len(rerouted)},
                )
                return redirect("cases:candidacies")
    elif can_declare:
        form = CandidacyForm()
    declarations = CandidacyDeclaration.objects.visible_to(request.user).select_related("agency", "election")
    flagged = Case.objects.visible_to(request.user).filter(Q(conflict_of_interest=True)).count()
    context = {"form": form, "declarations": declarations, "flagged": flagged}
    return render(
        request, "cases/candidacies.html", context, status=400 if form is not None and form.errors else 200
    )
