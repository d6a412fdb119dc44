from django.urls import path

from . import api

urlpatterns = [
    path("reports/", api.ReportListCreate.as_view(), name="api-reports"),
    path("reports/<uuid:uuid>/", api.ReportDetail.as_view(), name="api-report-detail"),
    path("reports/<uuid:uuid>/messages/", api.ReportMessages.as_view(), name="api-report-messages"),
    path("receipt/status/", api.ReceiptStatus.as_view(), name="api-receipt-status"),
]
