"""Partner API for reports (`Authorization: Bearer`) and the public receipt-status endpoint.

Writes go through the same services as the web forms; reads start from `visible_to(user)`, so a CSO sees its
own reports, Bawaslu its own forwards and the supervisor all of them. Create and message endpoints honour
`Idempotency-Key` (P-04).
"""

import json

from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from pantas.api.exceptions import domain_error_detail
from pantas.api.idempotency import idempotent
from pantas.api.pagination import Pagination
from pantas.api.permissions import HasAnyRole
from pantas.core.permissions import get_visible_or_404
from pantas.registry.models import (
    Agency,
    Election,
    EmployeeType,
    PositionClass,
    Province,
    Regency,
    Track,
    ViolationCategory,
)

from .models import (
    Channel,
    ElectionStage,
    Message,
    Report,
    ReportSource,
    ViolationMode,
)
from .outcome import report_outcome
from .roles import HANDLER_ROLES, PARTNER_ROLES, READ_ROLES
from .security import files as file_checks
from .security import throttle
from .services.messages import post_organisation_message, post_staff_message
from .services.receipt_access import WRONG_RECEIPT, lookup_receipt, too_many_message
from .services.submit import (
    MAX_LINKS_PER_REPORT,
    MAX_PERSONS_PER_REPORT,
    DuplicateRegisterNumber,
    LinkInput,
    PersonInput,
    ReportInput,
    allowed_sources,
    submit_report,
    submitting_organisation,
)


class PersonSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    nip = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    employee_type = serializers.ChoiceField(EmployeeType.choices, default=EmployeeType.PNS)
    agency = serializers.SlugRelatedField(
        slug_field="code", queryset=Agency.objects.all(), required=False, allow_null=True, default=None
    )
    position_title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    position_class = serializers.ChoiceField(
        PositionClass.choices, required=False, allow_blank=True, default=""
    )
    regency = serializers.PrimaryKeyRelatedField(
        queryset=Regency.objects.all(), required=False, allow_null=True, default=None
    )

    def validate_nip(self, value):
        return "".join(ch for ch in value if ch not in " .")


class LinkSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=1000)
    account = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    act = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ReportCreateSerializer(serializers.Serializer):
    source = serializers.ChoiceField(ReportSource.choices, required=False)
    track = serializers.ChoiceField(Track.choices, default=Track.NEUTRALITY)
    category = serializers.SlugRelatedField(
        slug_field="code",
        queryset=ViolationCategory.objects.all(),
        required=False,
        allow_null=True,
        default=None,
    )
    mode = serializers.ChoiceField(ViolationMode.choices, default=ViolationMode.OTHER)
    election = serializers.SlugRelatedField(
        slug_field="code", queryset=Election.objects.all(), required=False, allow_null=True, default=None
    )
    election_stage = serializers.ChoiceField(ElectionStage.choices, default=ElectionStage.NONE)
    place = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    province = serializers.PrimaryKeyRelatedField(
        queryset=Province.objects.all(), required=False, allow_null=True, default=None
    )
    regency = serializers.PrimaryKeyRelatedField(
        queryset=Regency.objects.all(), required=False, allow_null=True, default=None
    )
    act_date = serializers.DateField(required=False, allow_null=True, default=None)
    description = serializers.CharField(max_length=10000)
    # ListFields (not many=True) so that the schema carries minItems/maxItems: drf-spectacular maps these.
    persons = serializers.ListField(
        child=PersonSerializer(), allow_empty=False, min_length=1, max_length=MAX_PERSONS_PER_REPORT
    )
    links = serializers.ListField(
        child=LinkSerializer(), required=False, default=list, max_length=MAX_LINKS_PER_REPORT
    )
    register_number = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    initial_study = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        category = attrs.get("category")
        if category is not None and "track" not in self.initial_data:
            attrs["track"] = category.track  # the catalogue entry decides the track when none is given
        return attrs


class PersonOutSerializer(serializers.Serializer):
    name = serializers.CharField()
    nip = serializers.CharField()
    employee_type = serializers.CharField()
    agency = serializers.CharField(source="agency.code", allow_null=True, read_only=True)
    agency_text = serializers.CharField()
    position_title = serializers.CharField()
    position_class = serializers.CharField()
    regency = serializers.CharField(source="regency_id", allow_null=True)


class EvidenceOutSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    kind = serializers.CharField()
    received_at = serializers.DateTimeField()
    sha256 = serializers.CharField()
    file_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    url = serializers.CharField()
    platform = serializers.CharField()
    account = serializers.CharField()
    act = serializers.CharField()


class MessageOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    visibility = serializers.CharField()
    author_kind = serializers.CharField()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()


class ReportSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    number = serializers.CharField()
    status = serializers.CharField()
    source = serializers.CharField()
    channel = serializers.CharField()
    organisation = serializers.CharField(source="organisation.code", allow_null=True, read_only=True)
    register_number = serializers.CharField()
    initial_study = serializers.CharField()
    track = serializers.CharField()
    category = serializers.CharField(source="category.code", allow_null=True, read_only=True)
    mode = serializers.CharField()
    election = serializers.CharField(source="election.code", allow_null=True, read_only=True)
    election_stage = serializers.CharField()
    place = serializers.CharField()
    province = serializers.CharField(source="province_id", allow_null=True)
    regency = serializers.CharField(source="regency_id", allow_null=True)
    act_date = serializers.DateField(allow_null=True)
    description = serializers.CharField()
    received_at = serializers.DateTimeField()
    linked_to = serializers.CharField(source="linked_to.number", allow_null=True, read_only=True)
    persons = PersonOutSerializer(source="reported_persons", many=True)
    evidence = EvidenceOutSerializer(many=True)


class ReportDetailSerializer(ReportSerializer):
    messages = serializers.SerializerMethodField()

    def get_messages(self, report) -> list[dict]:
        user = self.context["request"].user
        return MessageOutSerializer(Message.objects.visible_to(user).filter(report=report), many=True).data


def _report_queryset(user):
    return (
        Report.objects.visible_to(user)
        .select_related("organisation", "category", "election", "linked_to")
        .prefetch_related("reported_persons__agency", "evidence")
    )


class ReportListCreate(APIView):
    permission_classes = [HasAnyRole.of(*READ_ROLES)]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    pagination_class = Pagination

    @extend_schema(responses=ReportSerializer(many=True), summary="Reports visible to the caller")
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(_report_queryset(request.user), request, view=self)
        return paginator.get_paginated_response(ReportSerializer(page, many=True).data)

    @extend_schema(
        request={
            "application/json": ReportCreateSerializer,
            "multipart/form-data": inline_serializer(
                "ReportMultipart",
                {
                    "payload": serializers.CharField(help_text="the JSON body as a string"),
                    "files": serializers.ListField(child=serializers.FileField()),
                },
            ),
        },
        responses={
            201: inline_serializer(
                "ReportCreated",
                {
                    "id": serializers.UUIDField(),
                    "number": serializers.CharField(),
                    "status": serializers.CharField(),
                },
            )
        },
        summary="Submit a report (Idempotency-Key supported)",
        examples=[
            OpenApiExample(
                "Bawaslu forward",
                value={
                    "register_number": "001/Reg/LP/PB/27.00/X/2024",
                    "initial_study": "Memenuhi syarat formal dan materiel.",
                    "category": "skb2022-b6",
                    "mode": "share",
                    "election": "pilkada-2024",
                    "election_stage": "campaign",
                    "regency": "73.71",
                    "description": "Membagikan unggahan kampanye pasangan calon.",
                    "persons": [{"name": "Nama ASN", "agency": "kota-73-71"}],
                    "links": [{"url": "https://www.facebook.com/contoh/posts/1"}],
                },
                request_only=True,
            )
        ],
    )
    @idempotent("reports.create")
    def post(self, request):
        files = []
        if request.content_type and request.content_type.startswith("multipart/"):
            try:
                payload = json.loads(request.data.get("payload") or "{}")
            except json.JSONDecodeError:
                return Response({"payload": ["Isi `payload` harus JSON yang valid."]}, status=400)
            problems = []
            for upload in request.FILES.getlist("files"):
                try:
                    files.append(file_checks.check_upload(upload))
                except file_checks.FileRejected as exc:
                    problems.append(str(exc.message))
            if problems:
                return Response({"files": problems}, status=400)
        else:
            payload = request.data
        serializer = ReportCreateSerializer(data=payload)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        # Who may submit under which source, and for which organisation, is the service's policy (403 from it).
        sources = allowed_sources(request.user)
        data = ReportInput(
            description=d["description"],
            persons=[PersonInput(**p) for p in d["persons"]],
            source=d.get("source") or (sources[0] if sources else None),
            channel=Channel.API,
            track=d["track"],
            category=d["category"],
            mode=d["mode"],
            election=d["election"],
            election_stage=d["election_stage"],
            place=d["place"],
            province=d["province"],
            regency=d["regency"],
            act_date=d["act_date"],
            organisation=submitting_organisation(request.user),
            register_number=d["register_number"],
            initial_study=d["initial_study"],
            links=[LinkInput(**link) for link in d["links"]],
            files=files,
        )
        try:
            result = submit_report(data, actor=request.user)
        except DuplicateRegisterNumber as exc:  # the one domain error whose body names the existing report
            existing = {"id": str(exc.existing.uuid), "number": exc.existing.number}
            return Response(domain_error_detail(exc) | {"existing": existing}, status=exc.status)
        report = result.report
        return Response(
            {"id": str(report.uuid), "number": report.number, "status": report.status}, status=201
        )


class ReportDetail(APIView):
    permission_classes = [HasAnyRole.of(*READ_ROLES)]

    @extend_schema(responses=ReportDetailSerializer, summary="One report (404 outside the caller's scope)")
    def get(self, request, uuid):
        report = get_visible_or_404(_report_queryset(request.user), request.user, uuid=uuid)
        return Response(ReportDetailSerializer(report, context={"request": request}).data)


class MessageCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=5000)
    internal = serializers.BooleanField(default=False, help_text="supervisor staff only: an internal note")


class ReportMessages(APIView):
    permission_classes = [HasAnyRole.of(*(HANDLER_ROLES | PARTNER_ROLES))]

    @extend_schema(
        responses=MessageOutSerializer(many=True), summary="Messages on a report visible to the caller"
    )
    def get(self, request, uuid):
        report = get_visible_or_404(Report, request.user, uuid=uuid)
        return Response(
            MessageOutSerializer(
                Message.objects.visible_to(request.user).filter(report=report), many=True
            ).data
        )

    @extend_schema(
        request=MessageCreateSerializer, responses={201: MessageOutSerializer}, summary="Post a message"
    )
    @idempotent("reports.messages")
    def post(self, request, uuid):
        report = get_visible_or_404(Report, request.user, uuid=uuid)
        serializer = MessageCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        body = serializer.validated_data["body"]
        if request.user.has_any_role(HANDLER_ROLES):
            message = post_staff_message(
                report, request.user, body, internal=serializer.validated_data["internal"]
            )
        else:
            message = post_organisation_message(report, request.user, body)
        return Response(MessageOutSerializer(message).data, status=201)


def _outcome_json(outcome) -> dict:
    return {
        "person": outcome.position,
        "proven": outcome.proven,
        "outcome_label": outcome.outcome_label,
        "agency": outcome.agency,
        "recommended_on": outcome.recommended_on.isoformat() if outcome.recommended_on else None,
        "follow_up": outcome.follow_up,
        "follow_up_label": outcome.follow_up_label,
        "steps": outcome.steps,
    }


class ReceiptStatusRequest(serializers.Serializer):
    receipt = serializers.CharField(max_length=80)


class ReceiptStatus(APIView):
    """Public: the status and public messages of the report a receipt opens. Wrong and malformed receipts get
    the same 404; look-ups are rate limited per client and per look-up id."""

    permission_classes = [AllowAny]
    authentication_classes = []
    pantas_public = True

    @extend_schema(
        request=ReceiptStatusRequest,
        responses={
            200: inline_serializer(
                "ReceiptStatusResponse",
                {
                    "number": serializers.CharField(),
                    "status": serializers.CharField(),
                    "status_label": serializers.CharField(),
                    "history": serializers.ListField(child=serializers.DictField()),
                    "messages": serializers.ListField(child=serializers.DictField()),
                    "outcome": serializers.ListField(child=serializers.DictField()),
                },
            )
        },
        summary="Report status by receipt (public)",
    )
    def post(self, request):
        verdict = throttle.check(request, "receipt")
        if not verdict.allowed:
            response = Response({"detail": too_many_message(verdict.retry_after)}, status=429)
            response["Retry-After"] = str(verdict.retry_after)
            return response
        receipt = request.data.get("receipt") if isinstance(request.data, dict) else None
        report = lookup_receipt(request, receipt if isinstance(receipt, str) else "")
        if report is None:
            return Response({"detail": str(WRONG_RECEIPT)}, status=status.HTTP_404_NOT_FOUND)
        messages = report.public_messages()
        response = Response(
            {
                "number": report.number,
                "status": report.status,
                "status_label": report.get_status_display(),
                "history": [
                    {"status": h.to_status, "at": h.at.isoformat()}
                    for h in report.status_history.order_by("at", "id")
                ],
                "messages": [
                    {"author": m.author_kind, "body": m.body, "created_at": m.created_at.isoformat()}
                    for m in messages
                ],
                "outcome": [_outcome_json(o) for o in report_outcome(report)],
            }
        )
        response["Cache-Control"] = "no-store"
        return response
