from django.urls import path

from . import api

urlpatterns = [
    path("public/announcements/", api.PublicAnnouncementList.as_view(), name="api-public-announcements"),
    path(
        "public/announcements/<slug:slug>/",
        api.PublicAnnouncementDetail.as_view(),
        name="api-public-announcement",
    ),
    path("public/guidance/", api.PublicGuidanceList.as_view(), name="api-public-guidance"),
    path(
        "public/guidance/<slug:code>/", api.PublicGuidanceDetail.as_view(), name="api-public-guidance-entry"
    ),
]
