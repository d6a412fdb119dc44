"""Workflow actions from the web (each POST calls the one service function of that action), the letter preview
and the letter PDF download."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from pantas.core.downloads import attachment_response
from pantas.core.errors import DomainError, NotAllowed
from pantas.core.forms import apply_validation_error
from pantas.core.permissions import get_visible_or_404, role_required

from .. import services
from ..forms import ACTION_FORMS
from ..models import Case, CaseAttachment, LetterState, Recommendation
from ..roles import ADDRESSEE_ROLES, CASE_STAFF_ROLES, CASE_VIEW_ROLES
from ..services import attachments as attachment_service
from ..services.letters import letter_context
from ..workflow import RULES, Action, check


@role_required(*CASE_VIEW_ROLES)
def case_action(request, number, action):
    if action not in Action.values:
        raise Http404
    case = get_visible_or_404(
        Case.objects.select_related("category", "agency", "addressee"), request.user, number=number
    )
    form_class = ACTION_FORMS[action]
    status, error = 200, None
    try:
        check(request.user, case, action)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        status, error = exc.status, exc.message
    if request.method == "POST" and error is None:
        form = form_class(request.POST, request.FILES, case=case, prefix=action)
        if form.is_valid():
            try:
                services.perform(action, case, request.user, **form.service_kwargs())
            except NotAllowed as exc:
                raise PermissionDenied(exc.message) from exc
            except ValidationError as exc:
                apply_validation_error(form, exc)
                status = 400
            except DomainError as exc:
                status, error = exc.status, exc.message
            else:
                messages.success(request, _("%(action)s: berhasil.") % {"action": RULES[action].action.label})
                return redirect("cases:detail", number=case.number)
        else:
            status = 400
    else:
        form = form_class(case=case, prefix=action)
    context = {
        "case": case,
        "rule": RULES[action],
        "form": form,
        "error": error,
        "letter": getattr(case, "letter", None) if action == Action.ISSUE_RECOMMENDATION else None,
    }
    return render(request, "cases/action.html", context, status=status)


@role_required(*CASE_STAFF_ROLES)
def letter_preview(request, number):
    case = get_visible_or_404(
        Case.objects.select_related("authority", "addressee__agency", "agency", "category"),
        request.user,
        number=number,
    )
    letter = getattr(case, "letter", None)
    if letter is None:
        raise Http404
    context = letter_context(case, letter)
    if letter.state == LetterState.APPROVED:
        context["follow_up_due"] = getattr(getattr(case, "recommendation", None), "follow_up_due", None)
    return render(request, "cases/letter_preview.html", {**context, "staff": True})


@role_required(*(CASE_STAFF_ROLES | ADDRESSEE_ROLES))
def letter_pdf(request, uuid):
    recommendation = get_visible_or_404(
        Recommendation.objects.select_related("letter"), request.user, uuid=uuid
    )
    letter = recommendation.letter
    if not letter.pdf:
        raise Http404(_("Surat arsip: salinan digital tidak tersedia."))
    return attachment_response(bytes(letter.pdf), "application/pdf", f"{letter.number.replace('/', '-')}.pdf")


@role_required(*CASE_VIEW_ROLES)
@never_cache
def attachment_download(request, uuid):
    """A clarification answer's or referral reply's attachment: the sanitised copy, as a download (never inline)."""
    attachment = get_visible_or_404(CaseAttachment, request.user, uuid=uuid)
    return attachment_response(
        attachment_service.load(attachment), attachment.content_type, attachment.file_name
    )
