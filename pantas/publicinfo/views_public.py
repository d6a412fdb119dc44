"""Public Media Center pages (ADR 0100–0103): no login, phone-first, server-rendered without JavaScript.

`/pusat-media/` (landing), `/pengumuman/` (search, paginated) and `/pengumuman/<slug>/` (detail, documents),
`/panduan/` (guidance by campaign phase), `/panduan/<code>/` (one violation), the FAQ and the reporters' privacy
notice. Announcements are read through `visible_to(user)`: the public sees published and closed ones only."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from pantas.core.downloads import attachment_response
from pantas.core.permissions import public
from pantas.registry.models import Agency, Authority

from . import guidance, privacy
from .forms import SearchForm
from .models import Announcement, AnnouncementState
from .queries import public_announcements, search

PAGE_SIZE = 10  # a phone screen or two; the API allows more (its capped `limit`)
MAX_PAGES = 1000


def _agency_choices():
    codes = Announcement.objects.public().values_list("agency_id", flat=True).distinct()
    return list(Agency.objects.filter(pk__in=codes).order_by("name").values_list("code", "name"))


def _page_number(raw) -> int:
    try:
        number = int(raw or 1)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGES)


@public
@require_GET
def media_center(request):
    latest = public_announcements(request.user).filter(state=AnnouncementState.PUBLISHED)[:3]
    return render(request, "publicinfo/media_center.html", {"latest": latest})


@public
@require_GET
def announcement_list(request):
    form = SearchForm(request.GET or None, agencies=_agency_choices())
    params = form.cleaned_data if form.is_bound and form.is_valid() else {}
    results = search(public_announcements(request.user), params)
    page = Paginator(results, PAGE_SIZE).get_page(_page_number(request.GET.get("page")))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "publicinfo/announcement_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filtered": bool(params and any(params.values())),
        },
    )


def _public_announcement(request, slug):
    found = public_announcements(request.user).filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


@public
@require_GET
def announcement_detail(request, slug):
    announcement = _public_announcement(request, slug)
    return render(
        request,
        "publicinfo/announcement_detail.html",
        {
            "announcement": announcement,
            "stages": announcement.stage_list(),
            "documents": announcement.documents.defer("content"),
            "requirements": [line for line in announcement.requirements.splitlines() if line.strip()],
        },
    )


@public
@require_GET
def announcement_document(request, slug, document):
    announcement = _public_announcement(request, slug)
    found = announcement.documents.filter(pk=document).first()
    if found is None:
        raise Http404
    return attachment_response(found.content, "application/pdf", f"{found.title}.pdf")


@public
@require_GET
def guidance_index(request):
    entries = guidance.entries()
    return render(
        request,
        "publicinfo/guidance_index.html",
        {"phases": guidance.by_phase(entries), "count": len(entries), "datasets": guidance.datasets(),
         "phase_dataset": guidance.phase_dataset()},
    )  # fmt: skip


@public
@require_GET
def guidance_detail(request, code):
    entry = guidance.entry(code)
    if entry is None:
        raise Http404
    return render(
        request,
        "publicinfo/guidance_detail.html",
        {"entry": entry, "datasets": guidance.datasets(), "phase_dataset": guidance.phase_dataset()},
    )


@public
@require_GET
def faq(request):
    return render(request, "publicinfo/faq.html", {"sanction_levels": guidance.sanction_levels()})


@public
@require_GET
def privacy_notice(request):
    return render(
        request,
        "publicinfo/privacy.html",
        {
            "retention": privacy.retention_rules(),
            "authority": Authority.objects.for_date(timezone.localdate()),
        },
    )
