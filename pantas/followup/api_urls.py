from django.urls import path

from . import api

urlpatterns = [
    path("follow-ups/", api.FollowUpList.as_view(), name="api-follow-ups"),
    path("follow-ups/<uuid:pk>/", api.FollowUpDetail.as_view(), name="api-follow-up"),
    *[
        path(f"follow-ups/<uuid:pk>/{segment}/", view.as_view(), name=f"api-follow-up-{segment}")
        for segment, view in api.FOLLOW_UP_ACTIONS.items()
    ],
    path("blocking-requests/", api.BlockingRequestList.as_view(), name="api-blocking-requests"),
    *[
        path(
            f"blocking-requests/<uuid:pk>/{segment}/", view.as_view(), name=f"api-blocking-request-{segment}"
        )
        for segment, view in api.BLOCKING_ACTIONS.items()
    ],
    path("ppk-reports/", api.PPKReportList.as_view(), name="api-ppk-reports"),
    *[
        path(f"ppk-reports/<uuid:pk>/{segment}/", view.as_view(), name=f"api-ppk-report-{segment}")
        for segment, view in api.PPK_REPORT_ACTIONS.items()
    ],
]
