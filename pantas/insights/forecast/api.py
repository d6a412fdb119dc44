"""`GET /api/v1/public/forecast/` (ADR 0108): the latest stored forecast — total with its interval, the
per-region rows (ranked, paginated and capped like every list) and the backtest errors. Anonymous, read-only;
aggregates of reference data, never personal data."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from pantas.api.pagination import MAX_PAGE_SIZE, Pagination
from pantas.api.params import MAX_INT, choice_param, choice_parameter, int_parameter
from pantas.core.permissions import public

from .pages import LEVELS, View, row_json
from .runs import latest


class IntervalSerializer(serializers.Serializer):
    election = serializers.CharField(help_text='election code; "" = all target elections together')
    label = serializers.CharField()
    units = serializers.IntegerField(help_text="voting units (regions; central agencies count as one)")
    expected = serializers.FloatField(help_text="mean of the simulated counts")
    lower = serializers.FloatField()
    upper = serializers.FloatField()


class ForecastRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    level = serializers.ChoiceField(choices=LEVELS)
    code = serializers.CharField()
    name = serializers.CharField()
    province = serializers.CharField()
    asn = serializers.IntegerField(help_text="ASN count used as exposure (see the reference data's source)")
    pj_led = serializers.BooleanField()
    pj_units = serializers.IntegerField(help_text="kabupaten/kota led by an acting head (Pj) in the row")
    expected = serializers.FloatField()
    lower = serializers.IntegerField()
    upper = serializers.IntegerField()
    p_any = serializers.FloatField(help_text="probability of at least one violation")
    rate_per_10000 = serializers.FloatField(help_text="expected violations per 10,000 ASN")


class BacktestFoldSerializer(serializers.Serializer):
    train = serializers.ListField(child=serializers.CharField())
    target = serializers.CharField()
    level = serializers.FloatField()
    units = serializers.IntegerField()
    total_actual = serializers.FloatField()
    total_expected = serializers.FloatField()
    total_lower = serializers.FloatField()
    total_upper = serializers.FloatField()
    total_covered = serializers.BooleanField()
    total_abs_error = serializers.FloatField()
    total_ape = serializers.FloatField(allow_null=True)
    region_mae = serializers.FloatField(allow_null=True)
    region_coverage = serializers.FloatField(allow_null=True)
    dropped = serializers.ListField(child=serializers.CharField(), help_text="covariates not estimable")


class BacktestSummarySerializer(serializers.Serializer):
    folds = serializers.IntegerField()
    level = serializers.FloatField()
    total_mae = serializers.FloatField(required=False)
    total_mape = serializers.FloatField(required=False)
    total_coverage = serializers.FloatField(required=False)
    region_mae = serializers.FloatField(required=False)
    region_coverage = serializers.FloatField(required=False)


class BacktestSerializer(serializers.Serializer):
    summary = BacktestSummarySerializer()
    folds = BacktestFoldSerializer(many=True)


class ReferencePointSerializer(serializers.Serializer):
    low = serializers.IntegerField()
    high = serializers.IntegerField()
    source = serializers.CharField()


class PublicForecastSerializer(serializers.Serializer):
    run = serializers.IntegerField(allow_null=True, help_text="null: no forecast computed yet")
    created_at = serializers.DateTimeField(allow_null=True)
    model = serializers.CharField(allow_null=True, help_text="negative_binomial | poisson")
    history = serializers.ListField(child=serializers.CharField())
    targets = serializers.ListField(child=serializers.CharField())
    interval_level = serializers.FloatField(allow_null=True)
    reference_version = serializers.CharField(allow_null=True)
    election = serializers.CharField()
    level = serializers.ChoiceField(choices=LEVELS)
    total = IntervalSerializer(allow_null=True)
    totals = IntervalSerializer(many=True)
    reference_point = ReferencePointSerializer(allow_null=True, help_text="KASN's published forecast")
    backtest = BacktestSerializer(allow_null=True)
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    rows = ForecastRowSerializer(many=True)


@public
class PublicForecast(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        operation_id="public_forecast",
        summary="Violation forecast per region with intervals and backtest errors",
        description=(
            "The latest stored forecast of reported neutrality violations: the total of one target election "
            "(or all targets together) with its prediction interval, ranked rows per province, kabupaten/kota or "
            "the central agencies (expected count, interval, probability of at least one, rate per 10,000 ASN, "
            "Pj-led), and the backtest (train on earlier elections, score the later one). Before any forecast has "
            "been computed, `run` is null and there are no rows. Licence CC BY 4.0."
        ),
        parameters=[
            OpenApiParameter("election", str, description="a target election code; absent = all targets"),
            choice_parameter("level", LEVELS, description="rows of which level (default province)"),
            int_parameter(
                "limit", minimum=1, maximum=MAX_PAGE_SIZE, description="rows per page (default 50)"
            ),
            int_parameter("offset", minimum=0, maximum=MAX_INT, description="first row (default 0)"),
        ],
        responses=PublicForecastSerializer,
        auth=[],
    )
    def get(self, request):
        level = choice_param(request, "level", LEVELS, default="province")
        paginator = Pagination()
        limit, offset = paginator.get_limit(request), paginator.get_offset(request)
        run = latest()
        if run is None:  # nothing computed yet: an empty answer, not an error
            return Response(PublicForecastSerializer(_empty(level)).data)
        election = request.query_params.get("election") or ""
        if election and election not in run.targets:
            raise ValidationError({"election": [_("Pemilihan bukan sasaran prakiraan ini.")]})
        view = View(run, election)
        rows = view.rows(level)
        count = rows.count()
        page = rows[offset : offset + limit]
        base = request.build_absolute_uri()
        body = {
            "run": run.pk,
            "created_at": run.created_at,
            "model": run.family,
            "history": run.history,
            "targets": run.targets,
            "interval_level": run.level,
            "reference_version": run.reference_version,
            "election": view.election,
            "level": level,
            "total": view.total,
            "totals": run.totals,
            "reference_point": view.reference_point,
            "backtest": run.backtest,
            "count": count,
            "next": replace_query_param(base, "offset", offset + limit) if offset + limit < count else None,
            "previous": replace_query_param(base, "offset", max(0, offset - limit)) if offset else None,
            "rows": [row_json(r) for r in page],
        }
        return Response(PublicForecastSerializer(body).data)


def _empty(level: str) -> dict:
    return dict.fromkeys(
        (
            "run",
            "created_at",
            "model",
            "interval_level",
            "reference_version",
            "total",
            "reference_point",
            "backtest",
            "next",
            "previous",
        )
    ) | {"history": [], "targets": [], "totals": [], "election": "", "level": level, "count": 0, "rows": []}
