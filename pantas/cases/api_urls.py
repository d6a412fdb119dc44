from django.urls import path

from . import api

urlpatterns = [
    path("cases/", api.CaseList.as_view(), name="api-cases"),
    path("cases/<uuid:pk>/", api.CaseDetail.as_view(), name="api-case"),
    *[
        path(f"cases/<uuid:pk>/{action}/", view.as_view(), name=f"api-case-{action}")
        for action, view in api.ACTION_VIEWS.items()
    ],
    path("recommendations/", api.RecommendationList.as_view(), name="api-recommendations"),
    path("recommendations/<uuid:pk>/", api.RecommendationDetail.as_view(), name="api-recommendation"),
    path(
        "recommendations/<uuid:pk>/letter.pdf",
        api.RecommendationLetterPdf.as_view(),
        name="api-recommendation-pdf",
    ),
    path("referrals/<uuid:pk>/reply/", api.ReferralReplyView.as_view(), name="api-referral-reply"),
    path("public/letters/<str:code>/", api.PublicLetterVerification.as_view(), name="api-public-letter"),
]
