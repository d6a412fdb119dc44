"""Public read-only API of the Media Center (ADR 0103): `/api/v1/public/announcements/` and
`/api/v1/public/guidance/` — anonymous, paginated with the project's capped page size (`api.pagination`),
documented error responses added by the schema hook. Reads the same querysets and guidance builder as the
pages, so the API and the pages cannot disagree."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny

from pantas.api.params import choice_param, choice_parameter
from pantas.lib.text import clean_line

from . import guidance, queries
from .models import AnnouncementState, PositionLevel, StageKind

STATUS = ("open", "closed")


class PublicMixin:
    permission_classes = [AllowAny]
    authentication_classes = []
    pantas_public = True


class AnnouncingAgencySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class SelectionStageSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=StageKind.choices)
    label = serializers.CharField(source="get_kind_display")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


class AnnouncementDocumentSerializer(serializers.Serializer):
    title = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        return queries.document_url(obj)


class AnnouncementSerializer(serializers.Serializer):
    slug = serializers.CharField()
    url = serializers.SerializerMethodField()
    agency = AnnouncingAgencySerializer()
    position_title = serializers.CharField()
    level = serializers.ChoiceField(choices=PositionLevel.choices)
    level_label = serializers.CharField(source="get_level_display")
    unit = serializers.CharField()
    summary = serializers.CharField()
    location = serializers.CharField()
    status = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField()
    stages = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        return queries.announcement_url(obj)

    def get_status(self, obj) -> str:
        """`open` while registration and selection run, `closed` after."""
        return "open" if obj.state == AnnouncementState.PUBLISHED else "closed"

    @extend_schema_field(SelectionStageSerializer(many=True))
    def get_stages(self, obj):
        return SelectionStageSerializer(obj.stage_list(), many=True).data


class AnnouncementDetailSerializer(AnnouncementSerializer):
    requirements = serializers.CharField()
    contact = serializers.CharField()
    documents = serializers.SerializerMethodField()

    @extend_schema_field(AnnouncementDocumentSerializer(many=True))
    def get_documents(self, obj):
        return AnnouncementDocumentSerializer(
            obj.documents.defer("content").select_related("announcement"), many=True
        ).data


class PublicAnnouncementList(PublicMixin, generics.ListAPIView):
    """Published (open) and closed open-selection announcements for JPT posts, newest first."""

    serializer_class = AnnouncementSerializer

    @extend_schema(
        operation_id="public_announcements_list",
        parameters=[
            OpenApiParameter("q", str, description="words searched in position, unit, requirements, agency"),
            OpenApiParameter("agency", str, description="agency code, e.g. prov-73"),
            choice_parameter("level", PositionLevel.values, description="JPT level"),
            choice_parameter("status", STATUS, description="open or closed"),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        request = self.request
        params = {
            # NUL and control characters never reach the database (PostgreSQL refuses NUL in text).
            "q": clean_line(request.query_params.get("q") or "").replace("\x00", "")[:100],
            "instansi": clean_line(request.query_params.get("agency") or "").replace("\x00", "")[:60],
            "jenjang": choice_param(request, "level", PositionLevel.values, default=""),
            "status": choice_param(request, "status", STATUS, default=""),
        }
        return queries.search(queries.public_announcements(request.user), params)


class PublicAnnouncementDetail(PublicMixin, generics.RetrieveAPIView):
    serializer_class = AnnouncementDetailSerializer

    @extend_schema(operation_id="public_announcements_retrieve")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        found = queries.public_announcements(self.request.user).filter(slug=self.kwargs["slug"]).first()
        if found is None:
            raise NotFound()
        return found


class GuidanceSanctionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    level_label = serializers.CharField(source="get_level_display")
    legal_source = serializers.CharField()


class GuidanceCorrectiveSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    legal_source = serializers.CharField()


class CampaignPhaseSerializer(serializers.Serializer):
    phases = serializers.ListField(child=serializers.ChoiceField(choices=guidance.Phase.choices))
    labels = serializers.ListField(child=serializers.CharField())
    source = serializers.CharField()
    tag = serializers.ChoiceField(choices=[("V", "stated in the source"), ("P", "inferred from the wording")])


class GuidanceSerializer(serializers.Serializer):
    """One catalogue entry: every text here is the catalogue's (registry reference data), never restated."""

    code = serializers.CharField()
    reference = serializers.CharField(source="category.reference")
    group = serializers.CharField(source="category.group")
    track = serializers.CharField(source="category.track")
    rule = serializers.CharField(source="category.name", help_text="the act, as the catalogue words it")
    legal_source = serializers.CharField(source="category.legal_source")
    note = serializers.CharField(source="category.note")
    catalogue = serializers.CharField(source="category.catalogue")
    sanction_level = serializers.CharField(source="category.default_level")
    sanction = GuidanceSanctionSerializer(allow_null=True)
    pppk_sanction = GuidanceSanctionSerializer(allow_null=True)
    corrective_actions = GuidanceCorrectiveSerializer(source="corrective", many=True)
    when = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(CampaignPhaseSerializer)
    def get_when(self, obj):
        return {"phases": list(obj.phase.phases), "labels": [str(label) for label in obj.phase_labels],
                "source": obj.phase.source, "tag": obj.phase.tag}  # fmt: skip

    def get_url(self, obj) -> str:
        return f"/panduan/{obj.code}/"


class PublicGuidanceList(PublicMixin, generics.ListAPIView):
    """Guidance for civil servants and the public: each violation in the catalogue with its sanction, legal
    source and the election phase it applies in."""

    serializer_class = GuidanceSerializer

    @extend_schema(
        operation_id="public_guidance_list",
        parameters=[choice_parameter("phase", guidance.Phase.values, description="only acts barred then")],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        phase = choice_param(self.request, "phase", guidance.Phase.values)
        entries = guidance.entries()
        return [e for e in entries if phase in e.phase.phases] if phase else entries


class PublicGuidanceDetail(PublicMixin, generics.RetrieveAPIView):
    serializer_class = GuidanceSerializer

    @extend_schema(operation_id="public_guidance_retrieve")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        found = guidance.entry(self.kwargs["code"])
        if found is None:
            raise NotFound()
        return found
