"""`GET /api/v1/stats/` for supervisor staff (ADR 0074): the statistics layer over HTTP. Codes and counts
only — never names, NIPs or case ids. The public data centre has its own endpoint with suppression."""

import json

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from pantas.api.permissions import HasAnyRole

from .public.figures import versioned
from .roles import STATS_ROLES
from .stats import COUNTS, FILTERS, GROUPS, MEDIANS, RATES, Query, QueryError


class StatsParamsSerializer(serializers.Serializer):
    group_by = serializers.CharField(
        required=False, allow_blank=True, help_text="comma-separated: " + ", ".join(GROUPS)
    )
    as_of = serializers.DateField(required=False, allow_null=True)
    received_from = serializers.DateField(required=False, allow_null=True)
    received_to = serializers.DateField(required=False, allow_null=True)

    def validate_group_by(self, value):
        names = tuple(n.strip() for n in value.split(",") if n.strip())
        unknown = set(names) - set(GROUPS)
        if unknown:
            raise serializers.ValidationError(
                _("Pengelompokan tidak dikenal: %(v)s") % {"v": ", ".join(sorted(unknown))}
            )
        return names


def _measures():
    fields = {m: serializers.IntegerField() for m in COUNTS}
    fields |= {m: serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True) for m in RATES}
    fields |= {m: serializers.FloatField(allow_null=True) for m in MEDIANS}
    return fields


StatsRowSerializer = type(
    "StatsRowSerializer",
    (serializers.Serializer,),
    {
        "group": serializers.DictField(
            child=serializers.CharField(allow_null=True), help_text="dimension → code"
        ),
        "labels": serializers.DictField(child=serializers.CharField(), help_text="dimension → display name"),
        **_measures(),
    },
)


class StatsResponseSerializer(serializers.Serializer):
    as_of = serializers.DateField(allow_null=True)
    filters = serializers.DictField(child=serializers.CharField())
    group_by = serializers.ListField(child=serializers.CharField())
    total = StatsRowSerializer()
    rows = StatsRowSerializer(many=True)


def _row(row: dict, group_by) -> dict:
    out = {m: row[m] for m in (*COUNTS, *RATES, *MEDIANS)}
    out["group"] = {g: row[g] for g in group_by}
    out["labels"] = {g: str(row[f"{g}_label"]) for g in group_by}
    return out


class Stats(APIView):
    permission_classes = [HasAnyRole.of(*STATS_ROLES)]

    @extend_schema(
        operation_id="stats",
        summary="Statistics as of any date (supervisor staff)",
        description="Measures per group; definitions at /statistik/definisi/. Never returns personal data.",
        parameters=[
            OpenApiParameter("group_by", str, description="comma-separated dimensions: " + ", ".join(GROUPS)),
            OpenApiParameter("as_of", str, description="YYYY-MM-DD (end of that day)"),
            OpenApiParameter("received_from", str, description="YYYY-MM-DD"),
            OpenApiParameter("received_to", str, description="YYYY-MM-DD"),
            *[
                OpenApiParameter(name, str, description=f"{name} code (comma-separated for several)")
                for name in FILTERS
            ],
        ],
        responses=StatsResponseSerializer,
    )
    def get(self, request):
        params = StatsParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        filters = {
            name: [v for v in request.query_params[name].split(",") if v]
            for name in FILTERS
            if request.query_params.get(name)
        }
        group_by = data.get("group_by") or ()
        parts = [
            "staff",
            get_language(),
            sorted(filters.items()),
            list(group_by),
            *(data.get(k) for k in ("as_of", "received_from", "received_to")),
        ]
        # Every staff role with this API sees every count (no personal data, no scope): one cached answer per
        # query and data version, as the public figures are (ADR 0140); a bad query raises and is not cached.
        body = versioned(parts, lambda: _stats_body(data, filters, group_by))
        return Response(body)


def _stats_body(data, filters, group_by) -> dict:
    try:
        query = Query(
            filters=filters,
            group_by=group_by,
            as_of=data.get("as_of"),
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
        )
    except QueryError as error:
        raise serializers.ValidationError({"detail": str(error)}) from error
    total = query.total()
    rows = [_row(r, group_by) for r in query.rows()] if group_by else []
    body = {
        "as_of": data.get("as_of"),
        "filters": {k: ",".join(v) for k, v in filters.items()},
        "group_by": list(group_by),
        "total": {**{m: total[m] for m in (*COUNTS, *RATES, *MEDIANS)}, "group": {}, "labels": {}},
        "rows": rows,
    }
    return json.loads(JSONRenderer().render(StatsResponseSerializer(body).data))
