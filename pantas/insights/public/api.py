"""`GET /api/v1/public/stats/` (ADR 0077): the public statistics, protected (k, complementary suppression)
and cached like the pages. Codes, reference labels and counts only — never names, NIPs or case ids."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from pantas.core.permissions import public

from ..disclosure import min_cell
from .figures import MEASURES, PUBLIC_GROUPS, PublicQueryError, public_table


class PublicParamsSerializer(serializers.Serializer):
    election = serializers.CharField(required=False, allow_blank=True)
    group_by = serializers.ChoiceField(choices=PUBLIC_GROUPS, required=False)
    province = serializers.CharField(required=False, allow_blank=True)
    as_of = serializers.DateField(required=False, allow_null=True)


def _cells():
    fields = {m: serializers.IntegerField(allow_null=True, help_text="null: suppressed") for m in MEASURES}
    for m in ("proven_rate", "follow_up_rate"):
        fields[m] = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    return fields


PublicCellsSerializer = type("PublicCellsSerializer", (serializers.Serializer,), _cells())
PublicRowSerializer = type(
    "PublicRowSerializer",
    (PublicCellsSerializer,),
    {"code": serializers.CharField(), "label": serializers.CharField()},
)


class PublicStatsSerializer(serializers.Serializer):
    election = serializers.CharField(allow_null=True)
    group_by = serializers.CharField(allow_null=True)
    province = serializers.CharField(allow_null=True)
    as_of = serializers.DateField(allow_null=True)
    min_cell = serializers.IntegerField()
    licence = serializers.CharField()
    total = PublicCellsSerializer()
    rows = PublicRowSerializer(many=True)


@public
class PublicStats(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        operation_id="public_stats",
        summary="Public statistics with small-number protection",
        description=(
            "Reported, proven, followed up and forwarded-by-Bawaslu counts of one election (or by election), "
            "per one grouping, as of any date. Cells below the minimum count, and cells that would let one "
            "work them out by subtraction, are null. Licence CC BY 4.0. Never returns personal data."
        ),
        parameters=[
            OpenApiParameter(
                "election", str, description="election code (required unless group_by=election)"
            ),
            OpenApiParameter("group_by", str, enum=list(PUBLIC_GROUPS)),
            OpenApiParameter("province", str, description="province code; only with group_by=regency"),
            OpenApiParameter("as_of", str, description="YYYY-MM-DD (end of that day)"),
        ],
        responses=PublicStatsSerializer,
        auth=[],
    )
    def get(self, request):
        params = PublicParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        election, group_by = data.get("election") or None, data.get("group_by")
        if election is None and group_by is None:
            group_by = "election"  # no filter: the overview of every election
        try:
            table = public_table(
                election,
                group_by,
                as_of=data.get("as_of"),
                province=data.get("province") or None,
            )
        except PublicQueryError as error:
            raise serializers.ValidationError({"detail": str(error)}) from error
        body = {
            "election": table.election,
            "group_by": table.group_by,
            "province": table.province,
            "as_of": table.as_of,
            "min_cell": min_cell(),
            "licence": "CC BY 4.0",
            "total": table.total,
            "rows": [{**r, "code": str(r["code"]), "label": str(r["label"])} for r in table.rows()]
            if table.group_by
            else [],
        }
        return Response(PublicStatsSerializer(body).data)
