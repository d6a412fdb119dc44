"""API: cycles and assessments for staff and agencies (scoped by `visible_to`), transitions as POST
sub-resources calling the same services as the pages, and published results under /api/v1/public/merit/."""

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from pantas.api.actions import action_view
from pantas.api.idempotency import idempotent
from pantas.api.params import MAX_INT, choice_param, choice_parameter, int_param, int_parameter
from pantas.api.permissions import HasAnyRole
from pantas.core.permissions import get_visible_or_404

from . import reporting
from .models import Answer, Assessment, AssessmentCycle, AssessmentStatus, CycleStatus, Result
from .roles import READ_ALL, VIEWERS
from .services import assessments as svc


class AgencyRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class BandRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class CycleSerializer(serializers.ModelSerializer):
    instrument = serializers.CharField(source="instrument.code")
    instrument_name = serializers.CharField(source="instrument.name")
    instrument_version = serializers.IntegerField(source="instrument_version.number")
    max_score = serializers.DecimalField(
        source="instrument_version.max_score", max_digits=7, decimal_places=2
    )
    authority = serializers.CharField(source="authority.short_name", allow_null=True, default=None)
    assessments = serializers.IntegerField(source="n_assessments", read_only=True)

    class Meta:
        model = AssessmentCycle
        fields = [
            "id",
            "year",
            "title",
            "kind",
            "status",
            "instrument",
            "instrument_name",
            "instrument_version",
            "max_score",
            "authority",
            "self_assessment_due",
            "verification_due",
            "reply_window_days",
            "opened_at",
            "published_at",
            "assessments",
        ]


class AssessmentSerializer(serializers.ModelSerializer):
    agency = AgencyRefSerializer()
    cycle = serializers.IntegerField(source="cycle_id")

    class Meta:
        model = Assessment
        fields = [
            "id",
            "cycle",
            "agency",
            "status",
            "self_score",
            "submitted_at",
            "verified_at",
            "reply_due",
            "replied_at",
            "finalised_at",
        ]


class OptionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    score = serializers.DecimalField(max_digits=7, decimal_places=2)


class EvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    sha256 = serializers.CharField()


class AnswerSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.code")
    aspect = serializers.CharField(source="indicator.aspect.code")
    self_option = OptionRefSerializer(allow_null=True)
    assessor_option = OptionRefSerializer(allow_null=True)
    adjusted = serializers.BooleanField(source="is_adjusted")
    evidence = EvidenceSerializer(many=True)

    class Meta:
        model = Answer
        fields = [
            "indicator",
            "aspect",
            "self_option",
            "self_note",
            "assessor_option",
            "assessor_reason",
            "adjusted",
            "reply_agrees",
            "reply_text",
            "evidence",
        ]


class AspectScoreSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    self_score = serializers.DecimalField(max_digits=7, decimal_places=2)
    score = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    max_score = serializers.DecimalField(max_digits=7, decimal_places=2)


class ResultRefSerializer(serializers.Serializer):
    score = serializers.DecimalField(max_digits=7, decimal_places=2)
    band = BandRefSerializer()


class AssessmentDetailSerializer(AssessmentSerializer):
    answers = serializers.SerializerMethodField()
    aspects = serializers.SerializerMethodField()
    result = serializers.SerializerMethodField()

    class Meta(AssessmentSerializer.Meta):
        fields = [*AssessmentSerializer.Meta.fields, "reply_text", "aspects", "answers", "result"]

    def _show_verification(self, obj) -> bool:
        return obj.status not in (AssessmentStatus.SELF_ASSESSMENT, AssessmentStatus.SUBMITTED) or (
            self.context["request"].user.has_any_role(READ_ALL)
        )

    @extend_schema_field(AnswerSerializer(many=True))
    def get_answers(self, obj):
        answers = svc.answers_of(obj).prefetch_related("evidence")
        data = AnswerSerializer(answers, many=True).data
        if not self._show_verification(obj):
            for row in data:
                row["assessor_option"], row["assessor_reason"], row["adjusted"] = None, "", False
        return data

    @extend_schema_field(AspectScoreSerializer(many=True))
    def get_aspects(self, obj):
        own = svc.scores_of(obj, final=False)
        final = (
            {s.aspect_id: s for s in svc.scores_of(obj, final=True)} if self._show_verification(obj) else {}
        )
        names = dict((a.pk, (a.code, a.name)) for a in obj.cycle.instrument_version.aspects.all())
        rows = [
            {
                "code": names[s.aspect_id][0],
                "name": names[s.aspect_id][1],
                "self_score": s.score,
                "score": final[s.aspect_id].score if s.aspect_id in final else None,
                "max_score": s.max_score,
            }
            for s in own
        ]
        # Through the serializer, so that decimals are strings as the schema says (not JSON numbers).
        return AspectScoreSerializer(rows, many=True).data

    @extend_schema_field(ResultRefSerializer(allow_null=True))
    def get_result(self, obj):
        result = (
            Result.objects.visible_to(self.context["request"].user)
            .filter(assessment=obj)
            .select_related("band")
            .first()
        )
        return ResultRefSerializer(result).data if result else None


class StaffMixin:
    permission_classes = [HasAnyRole.of(*VIEWERS)]


class CycleList(StaffMixin, generics.ListAPIView):
    serializer_class = CycleSerializer

    def get_queryset(self):
        return (
            AssessmentCycle.objects.visible_to(self.request.user)
            .select_related("instrument", "instrument_version", "authority")
            .annotate(n_assessments=Count("assessments", distinct=True))
            .order_by("-year", "title")
        )


class CycleDetail(StaffMixin, generics.RetrieveAPIView):
    serializer_class = CycleSerializer

    def get_object(self):
        qs = AssessmentCycle.objects.select_related("instrument", "instrument_version", "authority").annotate(
            n_assessments=Count("assessments", distinct=True)
        )
        return get_visible_or_404(qs, self.request.user, pk=self.kwargs["pk"])


class AssessmentList(StaffMixin, generics.ListAPIView):
    serializer_class = AssessmentSerializer

    @extend_schema(
        parameters=[
            int_parameter("cycle", minimum=1, description="assessment cycle id"),
            OpenApiParameter("agency", str, description="agency code, e.g. kota-73-71"),
            choice_parameter("status", AssessmentStatus.values),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        qs = (
            Assessment.objects.visible_to(self.request.user)
            .select_related("agency")
            .order_by("cycle", "agency__name")
        )
        request = self.request
        cycle = int_param(request, "cycle", minimum=1)
        if cycle is not None:
            qs = qs.filter(cycle_id=cycle)
        if request.query_params.get("agency"):
            qs = qs.filter(agency__code=request.query_params["agency"])
        status = choice_param(request, "status", AssessmentStatus.values)
        if status:
            qs = qs.filter(status=status)
        return qs


def _assessment(request, pk):
    return get_visible_or_404(
        Assessment.objects.select_related("agency", "cycle__instrument_version"), request.user, pk=pk
    )


class AssessmentDetail(StaffMixin, generics.RetrieveAPIView):
    serializer_class = AssessmentDetailSerializer

    def get_object(self):
        return _assessment(self.request, self.kwargs["pk"])


class AnswerRequest(serializers.Serializer):
    option = serializers.IntegerField(
        allow_null=True, min_value=1, max_value=MAX_INT, help_text="id of one of the indicator's options"
    )
    note = serializers.CharField(allow_blank=True, required=False, default="", max_length=5000)


class AnswerUpdate(StaffMixin, APIView):
    """The agency answers one indicator (self-assessment only)."""

    @extend_schema(request=AnswerRequest, responses=AnswerSerializer)
    @idempotent("merit.answer")
    def put(self, request, pk, indicator):
        assessment = _assessment(request, pk)
        answer = get_object_or_404(
            Answer.objects.visible_to(request.user).select_related("indicator"),
            assessment=assessment,
            indicator__code=indicator,
        )
        payload = AnswerRequest(data=request.data)
        payload.is_valid(raise_exception=True)
        option = None
        if payload.validated_data["option"] is not None:
            option = answer.indicator.options.filter(pk=payload.validated_data["option"]).first()
            if option is None:
                raise serializers.ValidationError(
                    {"option": [_("Pilihan jawaban bukan milik indikator ini.")]}
                )
        svc.save_answers(assessment, request.user, [(answer, option, payload.validated_data["note"])])
        answer = svc.answers_of(assessment).prefetch_related("evidence").get(pk=answer.pk)
        return Response(AnswerSerializer(answer).data)


class TransitionRequest(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, required=False, default="", max_length=5000)


def _transition_view(name, service, doc):
    return action_view(
        name="Assessment" + name.title().replace("-", ""),
        scope=f"merit.assessment.{name}",
        thing="assessment",
        queryset=Assessment.objects.select_related("agency", "cycle__instrument_version"),
        permission_classes=StaffMixin.permission_classes,
        request_serializer=TransitionRequest,
        service=service,
        respond=_assessment_data,
        response_serializer=AssessmentSerializer,
        summary=doc,
    )


def _assessment_data(request, assessment, _result):
    assessment.refresh_from_db()
    return AssessmentSerializer(assessment).data


AssessmentSubmit = _transition_view("submit", svc.submit, "The agency submits its self-assessment.")
AssessmentSendVerification = _transition_view(
    "send-verification",
    svc.send_verification,
    "Assessors send the verification result; the reply window opens.",
)
AssessmentFinalise = _transition_view(
    "finalise", svc.finalise, "Assessors finalise: score, per-aspect breakdown and band are frozen."
)


class ReplyItem(serializers.Serializer):
    indicator = serializers.CharField(max_length=50)
    agrees = serializers.BooleanField()
    text = serializers.CharField(allow_blank=True, required=False, default="", max_length=5000)


class ReplyRequest(serializers.Serializer):
    text = serializers.CharField(allow_blank=True, required=False, default="", max_length=5000)
    answers = serializers.ListField(child=ReplyItem(), required=False, default=list, max_length=1000)


class AssessmentReply(StaffMixin, APIView):
    """The agency's one reply to the verification result."""

    @extend_schema(request=ReplyRequest, responses=AssessmentSerializer)
    @idempotent("merit.assessment.reply")
    def post(self, request, pk):
        assessment = _assessment(request, pk)
        payload = ReplyRequest(data=request.data)
        payload.is_valid(raise_exception=True)
        by_code = {a.indicator.code: a.pk for a in svc.answers_of(assessment)}
        answers = {}
        for item in payload.validated_data["answers"]:
            if item["indicator"] not in by_code:
                raise serializers.ValidationError(
                    {"answers": [_("Indikator tidak dikenal: %(code)s") % {"code": item["indicator"]}]}
                )
            answers[by_code[item["indicator"]]] = (item["agrees"], item["text"])
        svc.reply(assessment, request.user, text=payload.validated_data["text"], answers=answers)
        assessment.refresh_from_db()
        return Response(AssessmentSerializer(assessment).data)


# --- public ------------------------------------------------------------------------------------------------


class PublicMixin:
    permission_classes = [AllowAny]
    pantas_public = True


class BandCountSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    min_score = serializers.DecimalField(max_digits=7, decimal_places=2)
    max_score = serializers.DecimalField(max_digits=7, decimal_places=2)
    award = serializers.BooleanField()
    count = serializers.IntegerField()


class PublicCycleSerializer(serializers.ModelSerializer):
    instrument = serializers.CharField(source="instrument.code")
    instrument_name = serializers.CharField(source="instrument.name")
    kind = serializers.CharField(source="instrument.kind")
    max_score = serializers.DecimalField(
        source="instrument_version.max_score", max_digits=7, decimal_places=2
    )
    authority = serializers.CharField(source="authority.short_name", allow_null=True, default=None)
    band_counts = serializers.SerializerMethodField()

    class Meta:
        model = AssessmentCycle
        fields = [
            "id",
            "year",
            "title",
            "instrument",
            "instrument_name",
            "kind",
            "max_score",
            "authority",
            "published_at",
            "band_counts",
        ]

    @extend_schema_field(BandCountSerializer(many=True))
    def get_band_counts(self, obj):
        rows = [
            {
                "code": b.code,
                "name": b.name,
                "min_score": b.min_score,
                "max_score": b.max_score,
                "award": b.is_award,
                "count": n,
            }
            for b, n in reporting.band_counts(obj, self.context["request"].user)
        ]
        return BandCountSerializer(rows, many=True).data


class PublicAspectSerializer(serializers.Serializer):
    code = serializers.CharField(source="aspect.code")
    name = serializers.CharField(source="aspect.name")
    score = serializers.DecimalField(max_digits=7, decimal_places=2)
    max_score = serializers.DecimalField(max_digits=7, decimal_places=2)


class PublicResultSerializer(serializers.ModelSerializer):
    rank = serializers.IntegerField(read_only=True, allow_null=True, default=None)
    cycle = serializers.IntegerField(source="cycle_id")
    year = serializers.IntegerField(source="cycle.year")
    agency = AgencyRefSerializer()
    band = BandRefSerializer()
    aspects = PublicAspectSerializer(source="aspect_scores", many=True)

    class Meta:
        model = Result
        fields = ["rank", "cycle", "year", "agency", "score", "band", "source", "aspects"]


def _published_cycles(user):
    return (
        AssessmentCycle.objects.visible_to(user)
        .filter(status=CycleStatus.PUBLISHED)
        .select_related("instrument", "instrument_version", "authority")
    )


class PublicCycleList(PublicMixin, generics.ListAPIView):
    """Published assessment cycles with their band counts."""

    serializer_class = PublicCycleSerializer

    def get_queryset(self):
        return _published_cycles(self.request.user).order_by("-year", "title")


class PublicCycleDetail(PublicMixin, generics.RetrieveAPIView):
    serializer_class = PublicCycleSerializer

    def get_object(self):
        return get_visible_or_404(
            _published_cycles(self.request.user), self.request.user, pk=self.kwargs["pk"]
        )


class PublicCycleResults(PublicMixin, generics.ListAPIView):
    """The national ranking of a published cycle (best first; ties share a rank)."""

    serializer_class = PublicResultSerializer

    def get_queryset(self):
        cycle = get_visible_or_404(
            _published_cycles(self.request.user), self.request.user, pk=self.kwargs["pk"]
        )
        return (
            reporting.ranking(cycle, self.request.user)
            .published()
            .select_related("cycle")
            .prefetch_related("aspect_scores__aspect")
        )


class PublicAgencyResults(PublicMixin, generics.ListAPIView):
    """One agency's published results over the years."""

    serializer_class = PublicResultSerializer

    @extend_schema(
        parameters=[OpenApiParameter("agency", str, required=True, description="agency code, e.g. prov-36")]
    )
    def get(self, request, *args, **kwargs):
        if not request.query_params.get("agency"):
            raise serializers.ValidationError(
                {"agency": [_("Parameter agency (kode instansi) wajib diisi.")]}
            )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (
            Result.objects.visible_to(self.request.user)
            .published()
            .filter(agency__code=self.request.query_params.get("agency", ""))
            .select_related("agency", "band", "cycle")
            .prefetch_related("aspect_scores__aspect")
            .order_by("-cycle__year", "cycle__title")
        )
