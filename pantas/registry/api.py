"""Public reference-data endpoints and the NIP validator (read-only, no personal data)."""

from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from pantas.api.params import choice_param, choice_parameter
from pantas.lib import nip as nip_lib

from .models import Agency, AgencyKind, Election, EmployeeType, Province, Regency
from .nip import MESSAGES


class ProvinceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["code", "name"]


class RegencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Regency
        fields = ["code", "province", "name", "kind"]


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = [
            "code",
            "name",
            "short_name",
            "kind",
            "province",
            "regency",
            "ppk_title",
            "has_own_ppk",
            "disabled_on",
        ]


class ElectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Election
        fields = [
            "code",
            "name",
            "kind",
            "voting_date",
            "region_count",
            "province_count",
            "regency_count",
            "city_count",
            "legal_source",
        ]


class PublicReferenceMixin:
    permission_classes = [AllowAny]
    pantas_public = True
    pagination_class = None


class ProvinceList(PublicReferenceMixin, generics.ListAPIView):
    serializer_class = ProvinceSerializer
    queryset = Province.objects.order_by("code")


class RegencyList(PublicReferenceMixin, generics.ListAPIView):
    serializer_class = RegencySerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("province", str, description="2-digit province code, e.g. 73 (empty: all)")
        ]
    )
    def get(self, request, *args, **kwargs):
        province = request.query_params.get("province")
        if province and not Province.objects.filter(code=province).exists():
            raise serializers.ValidationError(
                {"province": [_("Kode provinsi tidak dikenal: %(code)s") % {"code": province}]}
            )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        qs = Regency.objects.order_by("code")
        province = self.request.query_params.get("province")
        return qs.filter(province_id=province) if province else qs


class AgencyList(PublicReferenceMixin, generics.ListAPIView):
    serializer_class = AgencySerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="search in name / short name"),
            choice_parameter("kind", AgencyKind.values),
        ]
    )
    def get(self, request, *args, **kwargs):
        choice_param(request, "kind", AgencyKind.values)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        qs = Agency.objects.visible_to(self.request.user).order_by("kind", "name")
        q = self.request.query_params.get("q", "").strip()
        if q:
            qs = qs.filter(Q(name__icontains=q) | Q(short_name__icontains=q))
        kind = self.request.query_params.get("kind")
        return qs.filter(kind=kind) if kind else qs


class ElectionList(PublicReferenceMixin, generics.ListAPIView):
    serializer_class = ElectionSerializer
    queryset = Election.objects.order_by("voting_date")


class NipValidateRequest(serializers.Serializer):
    nip = serializers.CharField(max_length=40, allow_blank=True)
    employee_type = serializers.ChoiceField(choices=EmployeeType.choices, default=EmployeeType.PNS)


class NipValidate(APIView):
    """Validate a NIP / NI PPPK and explain each problem (Bahasa Indonesia, or English with Accept-Language)."""

    permission_classes = [AllowAny]
    pantas_public = True

    @extend_schema(
        request=NipValidateRequest,
        responses=inline_serializer(
            "NipValidateResponse",
            {
                "nip": serializers.CharField(),
                "valid": serializers.BooleanField(),
                "errors": serializers.ListField(child=serializers.DictField()),
                "warnings": serializers.ListField(child=serializers.DictField()),
                "birth_date": serializers.DateField(allow_null=True),
                "appointment": serializers.CharField(allow_null=True),
                "gender": serializers.CharField(allow_null=True),
            },
        ),
    )
    def post(self, request):
        payload = NipValidateRequest(data=request.data)
        payload.is_valid(raise_exception=True)
        result = nip_lib.parse(payload.validated_data["nip"], payload.validated_data["employee_type"])
        appointment = None
        if result.appointment_year and result.appointment_month:
            appointment = f"{result.appointment_year:04d}-{result.appointment_month:02d}"
        elif result.appointment_year:
            appointment = f"{result.appointment_year:04d}"
        return Response(
            {
                "nip": result.nip,
                "valid": result.valid,
                "errors": [{"code": c, "message": str(MESSAGES[c])} for c in result.errors],
                "warnings": [{"code": c, "message": str(MESSAGES[c])} for c in result.warnings],
                "birth_date": result.birth_date,
                "appointment": appointment if result.valid else None,
                "gender": {"1": "male", "2": "female"}.get(result.gender) if result.valid else None,
            }
        )
