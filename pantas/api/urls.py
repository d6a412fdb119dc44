from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from pantas.accounts import api as accounts_api
from pantas.core.permissions import public
from pantas.followup import api_record as followup_record_api
from pantas.registry import api as registry_api

urlpatterns = [
    path("schema/", public(SpectacularAPIView.as_view()), name="api-schema"),
    path("docs/", public(SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
    path("me/", accounts_api.Me.as_view(), name="api-me"),
    path("provinces/", registry_api.ProvinceList.as_view(), name="api-provinces"),
    path("regencies/", registry_api.RegencyList.as_view(), name="api-regencies"),
    path("agencies/", registry_api.AgencyList.as_view(), name="api-agencies"),
    path("elections/", registry_api.ElectionList.as_view(), name="api-elections"),
    path("nip/validate/", registry_api.NipValidate.as_view(), name="api-nip-validate"),
    path("", include("pantas.intake.api_urls")),
    path("", include("pantas.cases.api_urls")),
    path("", include("pantas.followup.api_urls")),
    path("", include("pantas.merit.api_urls")),
    path(
        "civil-servants/<str:nip>/record/",
        followup_record_api.CivilServantRecord.as_view(),
        name="api-civil-servant-record",
    ),
    path("clearance/", followup_record_api.Clearance.as_view(), name="api-clearance"),
    path("", include("pantas.insights.api_urls")),
    path("", include("pantas.publicinfo.api_urls")),
]
