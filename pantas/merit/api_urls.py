from django.urls import path

from . import api

urlpatterns = [
    path("merit/cycles/", api.CycleList.as_view(), name="api-merit-cycles"),
    path("merit/cycles/<id:pk>/", api.CycleDetail.as_view(), name="api-merit-cycle"),
    path("merit/assessments/", api.AssessmentList.as_view(), name="api-merit-assessments"),
    path("merit/assessments/<id:pk>/", api.AssessmentDetail.as_view(), name="api-merit-assessment"),
    path(
        "merit/assessments/<id:pk>/answers/<str:indicator>/",
        api.AnswerUpdate.as_view(),
        name="api-merit-answer",
    ),
    path("merit/assessments/<id:pk>/submit/", api.AssessmentSubmit.as_view(), name="api-merit-submit"),
    path(
        "merit/assessments/<id:pk>/send-verification/",
        api.AssessmentSendVerification.as_view(),
        name="api-merit-send-verification",
    ),
    path("merit/assessments/<id:pk>/reply/", api.AssessmentReply.as_view(), name="api-merit-reply"),
    path("merit/assessments/<id:pk>/finalise/", api.AssessmentFinalise.as_view(), name="api-merit-finalise"),
    path("public/merit/cycles/", api.PublicCycleList.as_view(), name="api-public-merit-cycles"),
    path("public/merit/cycles/<id:pk>/", api.PublicCycleDetail.as_view(), name="api-public-merit-cycle"),
    path(
        "public/merit/cycles/<id:pk>/results/",
        api.PublicCycleResults.as_view(),
        name="api-public-merit-cycle-results",
    ),
    path("public/merit/results/", api.PublicAgencyResults.as_view(), name="api-public-merit-results"),
]
