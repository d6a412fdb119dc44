"""Follow-up API (ADR 0054): follow-ups, BKN's blocking requests and the ministries' PPK reports, each list scoped
by `visible_to`, one POST sub-resource per action calling the same service functions as the web.

404 outside scope, 403 visible but not allowed, 409 invalid or stale state, 400 bad input. Role and state are
checked before the payload (403/409 win over 400), as in the cases API.
"""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

from pantas.api.actions import action_view
from pantas.api.permissions import HasAnyRole
from pantas.core.permissions import get_visible_or_404

from . import roles, services
from .models import BlockingRequest, Compliance, FollowUp, ObjectionOutcome, PPKReport
from .workflow import (
    BLOCKING_FLOW,
    FOLLOW_UP_FLOW,
    PPK_REPORT_FLOW,
    BlockingAction,
    BlockingState,
    FollowUpAction,
    FollowUpState,
    PPKReportAction,
    PPKReportState,
)

READERS = roles.PPK | roles.SUPERVISOR | roles.BKN | roles.MINISTRY


def _code(obj):
    return obj.code if obj is not None else None


# -- representations -------------------------------------------------------------------------------------


class SanctionDecreeSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    number = serializers.CharField()
    decree_date = serializers.DateField()
    imposed_sanction = serializers.CharField(source="imposed_sanction.code")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True)
    sha256 = serializers.CharField()
    uploaded_at = serializers.DateTimeField()


class FollowUpObjectionSerializer(serializers.Serializer):
    reasons = serializers.CharField()
    filed_at = serializers.DateTimeField()
    outcome = serializers.ChoiceField(choices=ObjectionOutcome.choices, allow_blank=True)
    answer = serializers.CharField()
    revised_sanction = serializers.SerializerMethodField()
    answered_at = serializers.DateTimeField(allow_null=True)

    def get_revised_sanction(self, objection) -> str | None:
        return _code(objection.revised_sanction)


class FollowUpSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    recommendation = serializers.UUIDField(source="recommendation.uuid")
    letter_number = serializers.CharField(source="recommendation.letter.number")
    case_number = serializers.CharField(source="case.number")
    addressee = serializers.CharField(source="addressee.code")
    nip = serializers.CharField()
    recommended_sanction = serializers.SerializerMethodField()
    state = serializers.ChoiceField(choices=FollowUpState.choices)
    state_label = serializers.CharField(source="get_state_display")
    version = serializers.IntegerField()
    due_on = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField(source="is_overdue")
    compliance = serializers.ChoiceField(choices=Compliance.choices, allow_blank=True)
    deviation_reason = serializers.CharField()
    escalated_at = serializers.DateTimeField(allow_null=True)
    reprimanded_at = serializers.DateTimeField(allow_null=True)
    decrees = SanctionDecreeSerializer(many=True)
    objections = FollowUpObjectionSerializer(many=True)
    allowed_actions = serializers.SerializerMethodField()

    def get_recommended_sanction(self, follow_up) -> str | None:
        return _code(follow_up.recommended_sanction)

    def get_allowed_actions(self, follow_up) -> list[str]:
        user = self.context["request"].user
        return [rule.action.value for rule in FOLLOW_UP_FLOW.allowed_actions(user, follow_up)]


class BlockingRequestSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    number = serializers.CharField()
    follow_up = serializers.UUIDField(source="follow_up.uuid")
    nip = serializers.CharField()
    ppk = serializers.CharField(source="follow_up.addressee.code")
    state = serializers.ChoiceField(choices=BlockingState.choices)
    version = serializers.IntegerField()
    requested_at = serializers.DateTimeField()
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    blocked_on = serializers.DateField(allow_null=True)
    siasn_reference = serializers.CharField()
    unblock_requested_at = serializers.DateTimeField(allow_null=True)
    unblocked_on = serializers.DateField(allow_null=True)
    unblock_reference = serializers.CharField()


class PPKReportSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    number = serializers.CharField()
    follow_up = serializers.UUIDField(source="follow_up.uuid")
    ppk = serializers.CharField(source="follow_up.addressee.code")
    letter_number = serializers.CharField(source="follow_up.recommendation.letter.number")
    addressee = serializers.CharField(source="addressee.code")
    state = serializers.ChoiceField(choices=PPKReportState.choices)
    version = serializers.IntegerField()
    sent_at = serializers.DateTimeField()
    reprimand_note = serializers.CharField()
    reprimand_reference = serializers.CharField()
    reprimanded_at = serializers.DateTimeField(allow_null=True)
    new_due_on = serializers.DateField(allow_null=True)


# -- requests (field names are the service's keyword arguments) -------------------------------------------


class FollowUpVersioned(serializers.Serializer):
    version = serializers.IntegerField(
        required=False, help_text="The version you last saw; a different current version answers 409."
    )


class FollowUpNoteRequest(FollowUpVersioned):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class FollowUpReasonRequest(FollowUpVersioned):
    reason = serializers.CharField()


class FollowUpReportRequest(FollowUpVersioned):
    number = serializers.CharField(max_length=120)
    decree_date = serializers.DateField()
    imposed_sanction = serializers.CharField(help_text="sanction code, e.g. sedang-tukin-6")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(
        required=False, allow_null=True, help_text="omit to compute from the duration"
    )
    upload = serializers.FileField(help_text="the decree, PDF")


class FollowUpObjectRequest(FollowUpVersioned):
    reasons = serializers.CharField()


class FollowUpAnswerObjectionRequest(FollowUpVersioned):
    outcome = serializers.ChoiceField(choices=ObjectionOutcome.choices)
    answer = serializers.CharField()
    revised_sanction = serializers.CharField(required=False, allow_blank=True, default="")


class FollowUpVerifyRequest(FollowUpVersioned):
    deviation_reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="required when the sanction differs"
    )


class BlockingBlockedRequest(FollowUpVersioned):
    reference = serializers.CharField(max_length=100, help_text="SIASN reference")
    blocked_on = serializers.DateField()


class BlockingUnblockedRequest(FollowUpVersioned):
    reference = serializers.CharField(max_length=100)
    unblocked_on = serializers.DateField()


class PPKReportReprimandRequest(FollowUpVersioned):
    note = serializers.CharField()
    reference = serializers.CharField(required=False, allow_blank=True, default="")


# -- lists ------------------------------------------------------------------------------------------------

_FOLLOW_UP_RELATED = ("recommendation__letter", "case", "addressee", "recommended_sanction")


def _follow_ups(user):
    return (
        FollowUp.objects.visible_to(user)
        .select_related(*_FOLLOW_UP_RELATED)
        .prefetch_related("decrees__imposed_sanction", "objections__revised_sanction")
    )


class FollowUpList(generics.ListAPIView):
    """Follow-ups of recommendations you can see (a PPK office: its own), due date first."""

    permission_classes = [HasAnyRole.of(*READERS)]
    serializer_class = FollowUpSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("state", str, enum=FollowUpState.values, required=False),
            OpenApiParameter("overdue", bool, required=False),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        items = _follow_ups(self.request.user).order_by("due_on", "pk")
        state = self.request.query_params.get("state")
        if state:
            if state not in FollowUpState.values:
                raise ApiValidationError({"state": ["unknown state"]})
            items = items.filter(state=state)
        if self.request.query_params.get("overdue") in ("1", "true", "True"):
            items = items.overdue(timezone.localdate())
        return items


class FollowUpDetail(generics.RetrieveAPIView):
    permission_classes = [HasAnyRole.of(*READERS)]
    serializer_class = FollowUpSerializer
    lookup_field = "uuid"
    lookup_url_kwarg = "pk"

    def get_queryset(self):
        return _follow_ups(self.request.user)


class BlockingRequestList(generics.ListAPIView):
    """BKN's queue (BKN systems pull it: `?state=open` are the requests that need action)."""

    permission_classes = [HasAnyRole.of(*(roles.BKN | roles.SUPERVISOR | roles.PPK))]
    serializer_class = BlockingRequestSerializer

    @extend_schema(
        parameters=[OpenApiParameter("state", str, enum=["open", *BlockingState.values], required=False)]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        items = BlockingRequest.objects.visible_to(self.request.user).select_related("follow_up__addressee")
        state = self.request.query_params.get("state")
        if state == "open":
            items = items.open()
        elif state:
            if state not in BlockingState.values:
                raise ApiValidationError({"state": ["unknown state"]})
            items = items.filter(state=state)
        return items.order_by("requested_at", "pk")


class PPKReportList(generics.ListAPIView):
    """Reports of PPKs that let the deadline pass, addressed to your ministry."""

    permission_classes = [HasAnyRole.of(*(roles.MINISTRY | roles.SUPERVISOR))]
    serializer_class = PPKReportSerializer

    @extend_schema(parameters=[OpenApiParameter("state", str, enum=PPKReportState.values, required=False)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        items = PPKReport.objects.visible_to(self.request.user).select_related(
            "addressee", "follow_up__addressee", "follow_up__recommendation__letter"
        )
        state = self.request.query_params.get("state")
        if state:
            if state not in PPKReportState.values:
                raise ApiValidationError({"state": ["unknown state"]})
            items = items.filter(state=state)
        return items.order_by("sent_at", "pk")


# -- actions ----------------------------------------------------------------------------------------------


def _follow_up_queryset(request):
    return _follow_ups(request.user)


_BLOCKING_QUERYSET = BlockingRequest.objects.select_related("follow_up__addressee")
_REPORT_QUERYSET = PPKReport.objects.select_related("follow_up")


def _action_view(
    prefix, flow, action, segment, request_serializer, service, response_serializer, queryset, allowed
):
    """One POST per action through `pantas.api.actions.action_view`: 404 outside scope, role and state checked
    before the payload (403/409 win over 400), the response re-read within scope."""
    rule = flow.rule(action)
    multipart = any(isinstance(f, serializers.FileField) for f in request_serializer().fields.values())
    thing = prefix.rstrip("s").replace("_", " ")

    def respond(request, obj, _result):
        source = queryset(request) if callable(queryset) else queryset
        fresh = get_visible_or_404(source, request.user, pk=obj.pk)
        return response_serializer(fresh, context={"request": request}).data

    name = "".join(part.title() for part in f"{prefix}-{segment}".replace("_", "-").split("-")) + "Action"
    view = action_view(
        name=name,
        scope=f"{prefix}.{segment}",
        thing=thing,
        queryset=queryset,
        lookup_field="uuid",
        permission_classes=[HasAnyRole.of(*allowed)],
        precheck=lambda user, obj: flow.check(user, obj, action),
        request_serializer=request_serializer,
        service=service,
        respond=respond,
        response_serializer=response_serializer,
        operation_id=f"{prefix}_{segment.replace('-', '_')}",
        summary=str(rule.label),
        description=(
            f"From states: {', '.join(sorted(rule.sources))}. To: {', '.join(rule.targets) or '(unchanged)'}. "
            f"Roles: {', '.join(sorted(r for r in rule.roles if r != 'system'))}. "
            "Send `Idempotency-Key` to make retries safe."
        ),
        # Form bodies stay accepted here (clients of ADR 0054 send them); the decree upload is multipart.
        parser_classes=[MultiPartParser, FormParser]
        if multipart
        else [JSONParser, FormParser, MultiPartParser],
    )
    return segment, view


FOLLOW_UP_ACTIONS = dict(
    _action_view("follow_ups", FOLLOW_UP_FLOW, action, action, request, service, FollowUpSerializer,
                 _follow_up_queryset, READERS)
    for action, request, service in [
        (FollowUpAction.ACKNOWLEDGE, FollowUpNoteRequest, services.acknowledge),
        (FollowUpAction.REPORT, FollowUpReportRequest, services.report),
        (FollowUpAction.OBJECT, FollowUpObjectRequest, services.file_objection),
        (FollowUpAction.VERIFY, FollowUpVerifyRequest, services.verify),
        (FollowUpAction.RETURN_REPORT, FollowUpReasonRequest, services.return_report),
        (FollowUpAction.ANSWER_OBJECTION, FollowUpAnswerObjectionRequest, services.answer_objection),
    ]
)  # fmt: skip

BLOCKING_ACTIONS = dict(
    _action_view("blocking_requests", BLOCKING_FLOW, action, segment, request, service,
                 BlockingRequestSerializer, _BLOCKING_QUERYSET, roles.BKN)
    for action, segment, request, service in [
        (BlockingAction.ACKNOWLEDGE, "acknowledge", FollowUpVersioned, services.acknowledge_blocking),
        (BlockingAction.BLOCK, "blocked", BlockingBlockedRequest, services.record_block),
        (BlockingAction.UNBLOCK, "unblocked", BlockingUnblockedRequest, services.record_unblock),
    ]
)  # fmt: skip

PPK_REPORT_ACTIONS = dict(
    [
        _action_view("ppk_reports", PPK_REPORT_FLOW, PPKReportAction.REPRIMAND, "reprimand", PPKReportReprimandRequest,
                     services.reprimand, PPKReportSerializer, _REPORT_QUERYSET, roles.MINISTRY)
    ]
)  # fmt: skip
