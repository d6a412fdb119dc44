"""Staff pages of announcements under `/seleksi/pengumuman/` (ADR 0102): the selection committee's list, the
create/edit form, publish/close/withdraw with a confirmation step, documents, and the candidate check that runs
the follow-up clearance service and opens its result page (certificate issued there)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from pantas.core.errors import DomainError, NotAllowed, NotFound
from pantas.core.forms import apply_validation_error, flash_validation_error, run_for_form
from pantas.core.permissions import role_required
from pantas.followup.clearance import parse_list

from . import roles, services
from .forms import AnnouncementForm, CandidatesForm, DocumentForm, ReasonForm
from .models import Announcement
from .workflow import ANNOUNCEMENT_FLOW as FLOW
from .workflow import AnnouncementAction as A

STATE_ACTIONS = {A.PUBLISH: services.publish, A.CLOSE: services.close, A.WITHDRAW: services.withdraw}


def _managed(request, pk):
    queryset = Announcement.objects.managed_by(request.user).select_related("agency")
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@role_required(*roles.EDITORS)
@never_cache
def staff_list(request):
    announcements = (
        Announcement.objects.managed_by(request.user)
        .select_related("agency")
        .prefetch_related("stages")
        .order_by("-updated_at", "-id")[:200]
    )
    return render(request, "publicinfo/staff_list.html", {"announcements": announcements})


@role_required(*roles.EDITORS)
@never_cache
@require_http_methods(["GET", "POST"])
def staff_create(request):
    form = AnnouncementForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_announcement(
                request.user, form.cleaned_data["agency"], form.values(), form.stages()
            )
        except PermissionDenied:
            form.add_error("agency", _("Anda hanya dapat mengumumkan seleksi untuk instansi Anda sendiri."))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Draf pengumuman disimpan. Periksa lalu terbitkan."))
            return redirect("publicinfo:staff_detail", pk=created.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "publicinfo/staff_form.html", {"form": form, "announcement": None}, status=status)


@role_required(*roles.EDITORS)
@never_cache
def staff_detail(request, pk):
    announcement = _managed(request, pk)
    return render(request, "publicinfo/staff_detail.html", _detail_context(request, announcement))


def _detail_context(request, announcement, **extra):
    allowed = {rule.action for rule in FLOW.allowed_actions(request.user, announcement)}
    checks = announcement.candidate_checks.select_related("clearance", "clearance__document").defer(
        "clearance__document__pdf"
    )
    return {
        "announcement": announcement,
        "stages": announcement.stage_list(),
        "documents": announcement.documents.defer("content"),
        "history": announcement.status_changes.select_related("actor"),
        "allowed": allowed,
        "actions": A,
        "document_form": extra.pop("document_form", None) or DocumentForm(),
        "candidates_form": extra.pop("candidates_form", None) or CandidatesForm(),
        "checks": checks,
        **extra,
    }


@role_required(*roles.EDITORS)
@never_cache
@require_http_methods(["GET", "POST"])
def staff_edit(request, pk):
    announcement = _managed(request, pk)
    form = AnnouncementForm(request.POST or None, user=request.user, announcement=announcement)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_for_form(
            form,
            lambda: services.update_announcement(
                announcement, request.user, form.values(), form.stages(), version=form.cleaned_data["version"]
            ),
        )
    ):
        messages.success(request, _("Pengumuman diperbarui."))
        return redirect("publicinfo:staff_detail", pk=announcement.pk)
    elif request.method == "GET" and A.EDIT not in {
        r.action for r in FLOW.allowed_actions(request.user, announcement)
    }:
        messages.error(request, str(FLOW.rule(A.EDIT).refusal))
        return redirect("publicinfo:staff_detail", pk=announcement.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "publicinfo/staff_form.html", {"form": form, "announcement": announcement}, status=status
    )


@role_required(*roles.EDITORS)
@never_cache
@require_http_methods(["GET", "POST"])
def staff_action(request, pk, action):
    """GET: the confirmation page; POST: the transition. Through the table: role → 403, state → 409."""
    announcement = _managed(request, pk)
    try:
        action = A(action)
    except ValueError:
        raise Http404 from None
    if action not in STATE_ACTIONS:
        raise Http404
    status, error = 200, None
    try:
        FLOW.check(request.user, announcement, action)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        status, error = exc.status, exc.message
    form = ReasonForm(request.POST or None, initial={"version": announcement.version})
    if request.method == "POST" and error is None:
        if form.is_valid():
            kwargs = {"version": form.cleaned_data["version"]}
            if action != A.PUBLISH:
                kwargs["reason"] = form.cleaned_data["reason"]
            try:
                STATE_ACTIONS[action](announcement, request.user, **kwargs)
            except ValidationError as exc:
                apply_validation_error(form, exc)
                status = 400
            except DomainError as exc:
                status, error = exc.status, exc.message
            else:
                messages.success(request, _("%(action)s: selesai.") % {"action": action.label})
                return redirect("publicinfo:staff_detail", pk=announcement.pk)
        else:
            status = 400
    context = {"announcement": announcement, "action": action, "form": form, "error": error, "actions": A}
    return render(request, "publicinfo/staff_confirm.html", context, status=status)


@role_required(*roles.EDITORS)
@require_POST
def staff_document_add(request, pk):
    announcement = _managed(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid() and run_for_form(
        form,
        lambda: services.add_document(
            announcement, request.user, title=form.cleaned_data["title"], upload=form.cleaned_data["file"]
        ),
    ):
        messages.success(request, _("Dokumen diunggah."))
        return redirect("publicinfo:staff_detail", pk=announcement.pk)
    context = _detail_context(request, announcement, document_form=form)
    return render(request, "publicinfo/staff_detail.html", context, status=400)


@role_required(*roles.EDITORS)
@require_POST
def staff_document_remove(request, pk, document):
    announcement = _managed(request, pk)
    try:
        services.remove_document(announcement, request.user, document)
    except ValidationError as exc:
        flash_validation_error(request, exc)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Dokumen dihapus."))
    return redirect("publicinfo:staff_detail", pk=announcement.pk)


@role_required(*roles.EDITORS)
@require_POST
def staff_candidates(request, pk):
    """Run the clearance check on the candidate list; its page shows the answers and issues the certificate."""
    announcement = _managed(request, pk)
    form = CandidatesForm(request.POST)
    if form.is_valid():
        try:
            done = services.check_candidates(
                announcement, request.user, parse_list(form.cleaned_data["nips"])
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        except NotAllowed as exc:
            raise PermissionDenied(exc.message) from exc
        except NotFound:
            raise Http404 from None
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("followup_record:clearance_detail", uuid=done.uuid)
    context = _detail_context(request, announcement, candidates_form=form)
    return render(request, "publicinfo/staff_detail.html", context, status=400)
