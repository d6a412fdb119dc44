"""Reads shared by the public pages and the public API (API modules never import views)."""

from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse

from .models import Announcement, AnnouncementState


def public_announcements(user):
    """The public read path: published and closed announcements, through `visible_to(user)`."""
    return (
        Announcement.objects.visible_to(user)
        .public()
        .select_related("agency")
        .prefetch_related("stages")
        .annotate(
            closed=Case(
                When(state=AnnouncementState.PUBLISHED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("closed", "-published_at", "-id")  # open selections first, newest first
    )


def search(queryset, params: dict):
    """Filter by words (position, unit, summary, requirements, location, agency), agency code, level, open/closed."""
    text = (params.get("q") or "").strip()[:100]
    for word in text.split()[:8]:
        queryset = queryset.filter(
            Q(position_title__icontains=word)
            | Q(unit__icontains=word)
            | Q(summary__icontains=word)
            | Q(requirements__icontains=word)
            | Q(location__icontains=word)
            | Q(agency__name__icontains=word)
        )
    if params.get("instansi"):
        queryset = queryset.filter(agency__code=params["instansi"])
    if params.get("jenjang"):
        queryset = queryset.filter(level=params["jenjang"])
    status = params.get("status")
    if status == "open":
        queryset = queryset.filter(state=AnnouncementState.PUBLISHED)
    elif status == "closed":
        queryset = queryset.filter(state=AnnouncementState.CLOSED)
    return queryset


def announcement_url(announcement) -> str:
    return reverse("publicinfo:announcement", args=[announcement.slug])


def document_url(document) -> str:
    return reverse("publicinfo:announcement_document", args=[document.announcement.slug, document.pk])
