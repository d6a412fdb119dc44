"""Cases API: list/detail scoped by `visible_to`, one POST sub-resource per workflow action (the same service
functions as the web), recommendations and their letter PDF, referral replies, public letter verification.

404 outside scope, 403 visible but not allowed, 409 invalid or stale state, 400 bad input.
"""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from pantas.api.actions import action_view, error_responses, jsonable
from pantas.api.idempotency import idempotent
from pantas.api.permissions import HasAnyRole
from pantas.core.downloads import attachment_response
from pantas.core.permissions import get_visible_or_404
from pantas.intake.models import Report
from pantas.lib.limits import MAX_INT

from . import services
from .forms import CaseFilterForm
from .models import (
    Case,
    Outcome,
    Recommendation,
    Referral,
    ReferralOutcome,
    RejectionReason,
    Respondent,
)
from .queries import LIST_RELATED, detail_queryset, find_letter
from .roles import CASE_STAFF_ROLES, CASE_VIEW_ROLES, RECOMMENDATION_ROLES, REFERRAL_PARTNER_ROLES
from .workflow import RULES, Action, CaseState, allowed_actions, check


def _code(obj, attr="code"):
    return getattr(obj, attr) if obj is not None else None


def _corrective(action) -> dict:
    return {
        "kind": action.kind.code,
        "decree_number": action.decree_number,
        "decree_date": action.decree_date,
        "decree_subject": action.decree_subject,
        "note": action.note,
    }


class CaseSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    number = serializers.CharField()
    state = serializers.ChoiceField(choices=CaseState.choices)
    state_label = serializers.CharField(source="get_state_display")
    version = serializers.IntegerField()
    track = serializers.CharField()
    category = serializers.SerializerMethodField()
    election = serializers.SerializerMethodField()
    province = serializers.SerializerMethodField()
    agency = serializers.SerializerMethodField()
    subject_name = serializers.CharField()
    subject_nip = serializers.CharField()
    assignee = serializers.SerializerMethodField()
    due_on = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField(source="is_overdue")
    conflict_of_interest = serializers.BooleanField()
    addressee = serializers.SerializerMethodField()
    ombudsman_register_number = serializers.CharField()
    received_at = serializers.DateTimeField()

    def get_category(self, case) -> str | None:
        return _code(case.category)

    def get_election(self, case) -> str | None:
        return _code(case.election)

    def get_province(self, case) -> str | None:
        return _code(case.province)

    def get_agency(self, case) -> str | None:
        return _code(case.agency)

    def get_assignee(self, case) -> str | None:
        return _code(case.assignee, "username")

    def get_addressee(self, case) -> str | None:
        return _code(case.addressee)


class CaseDetailSerializer(CaseSummarySerializer):
    authority = serializers.CharField(source="authority.code")
    reports = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField()
    letter = serializers.SerializerMethodField()
    recommendation = serializers.SerializerMethodField()
    clarifications = serializers.SerializerMethodField()
    referrals = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    def _staff(self) -> bool:
        return self.context["request"].user.has_any_role(CASE_STAFF_ROLES)

    def get_reports(self, case) -> list[dict]:
        if not self._staff():
            return []
        return [
            {"number": link.report.number, "received_at": link.report.received_at, "how": link.how}
            for link in case.links.all()
        ]

    def get_decision(self, case) -> dict | None:
        decision = case.current_decision
        if decision is None:
            return None
        data = {
            "outcome": decision.outcome,
            "category": _code(decision.category),
            "sanction": _code(decision.sanction),
            "corrective_actions": [_corrective(a) for a in decision.corrective_actions.all()],
            "decided_at": decision.decided_at,
        }
        if self._staff():
            data |= {
                "proposed_sanction": _code(decision.proposed_sanction),
                "override_reason": decision.override_reason,
                "findings": decision.findings,
            }
        return data

    def get_letter(self, case) -> dict | None:
        letter = getattr(case, "letter", None)
        if letter is None or (letter.state == "draft" and not self._staff()):
            return None
        return {
            "state": letter.state,
            "number": letter.number,
            "letter_date": letter.letter_date,
            "sha256": letter.sha256 or None,
            "verification_code": letter.verification_code,
        }

    def get_recommendation(self, case) -> dict | None:
        rec = getattr(case, "recommendation", None)
        if rec is None:
            return None
        return {
            "id": rec.uuid,
            "kind": rec.kind,
            "issued_at": rec.issued_at,
            "follow_up_due": rec.follow_up_due,
        }

    def get_clarifications(self, case) -> list[dict]:
        return [
            {
                "question": request.question,
                "requested_at": request.requested_at,
                "due_on": request.due_on,
                "answers": [
                    {"respondent": a.respondent, "body": a.body, "answered_at": a.answered_at}
                    for a in request.answers.all()
                ],
            }
            for request in case.clarifications.all()
        ]

    def get_referrals(self, case) -> list[dict]:
        user = self.context["request"].user
        referrals = case.referrals.all()
        if not self._staff():
            referrals = [r for r in referrals if r.partner_id == user.organisation_id]
        return [
            {
                "id": r.uuid,
                "partner": r.partner.code,
                "mode": r.mode,
                "status": r.status,
                "maladministration": _code(r.maladministration),
                "note": r.note,
                "partner_register_number": r.partner_register_number,
                "findings": r.findings,
                "replies": [{"outcome": x.outcome, "body": x.body, "at": x.at} for x in r.replies.all()],
            }
            for r in referrals
        ]

    def get_allowed_actions(self, case) -> list[str]:
        return [rule.action.value for rule in allowed_actions(self.context["request"].user, case)]


_ERRORS = error_responses("case")


class OpenCasesRequest(serializers.Serializer):
    report = serializers.UUIDField()


class CaseList(generics.ListAPIView):
    """Cases you can see, with the same filters as the web list and its exports."""

    permission_classes = [HasAnyRole.of(*CASE_STAFF_ROLES)]
    serializer_class = CaseSummarySerializer

    @extend_schema(
        parameters=[
            OpenApiParameter(name, str, required=False)
            for name in (
                "q",
                "state",
                "track",
                "election",
                "province",
                "agency",
                "category",
                "assignee",
                "team",
            )
        ]
        + [
            OpenApiParameter("overdue", bool, required=False),
            OpenApiParameter("conflict", bool, required=False),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=inline_serializer("OpenCasesRequest", {"report": serializers.UUIDField()}),
        responses={201: CaseSummarySerializer(many=True), **_ERRORS},
        description="Open one case per reported person of a report not yet in a case (duplicates join the "
        "case of the same person). Send `Idempotency-Key` to make retries safe.",
    )
    @idempotent("cases.open")
    def post(self, request, *args, **kwargs):
        payload = OpenCasesRequest(data=request.data)
        payload.is_valid(raise_exception=True)
        report = get_visible_or_404(Report, request.user, uuid=payload.validated_data["report"])
        opened = services.open_cases_for_report(report, request.user)
        data = CaseSummarySerializer(opened, many=True, context={"request": request}).data
        return Response(jsonable(data), status=201)

    def get_queryset(self):
        form = CaseFilterForm(self.request.query_params)
        if not form.is_valid():
            raise ApiValidationError(form.errors)
        return (
            form.filter(Case.objects.visible_to(self.request.user))
            .select_related(*LIST_RELATED)
            .order_by("-received_at", "-id")
        )


class CaseDetail(generics.RetrieveAPIView):
    permission_classes = [HasAnyRole.of(*CASE_VIEW_ROLES)]
    serializer_class = CaseDetailSerializer
    lookup_field = "uuid"
    lookup_url_kwarg = "pk"

    def get_queryset(self):
        return detail_queryset().visible_to(self.request.user)


# --- one request serializer per action: field names are the service's keyword arguments ---


class VersionedSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_INT,
        help_text="The case version you last saw; a different current version answers 409.",
    )


class ReasonSerializer(VersionedSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class RequiredReasonSerializer(VersionedSerializer):
    reason = serializers.CharField()


class RejectSerializer(VersionedSerializer):
    reason_code = serializers.ChoiceField(choices=RejectionReason.choices)
    reason = serializers.CharField()


class MergeSerializer(VersionedSerializer):
    target = serializers.CharField(help_text="number of the case to merge into, e.g. KAS-2026-000012")
    reason = serializers.CharField()

    def validate_target(self, value):
        target = (
            Case.objects.visible_to(self.context["request"].user).filter(number=value.strip().upper()).first()
        )
        if target is None:
            raise serializers.ValidationError(_("Kasus tujuan tidak ditemukan."))
        return target


class ReferSerializer(VersionedSerializer):
    partner = serializers.CharField(help_text="organisation code, e.g. ombudsman")
    maladministration = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="maladministration category code (Ombudsman)"
    )
    note = serializers.CharField()


class StartInvestigationSerializer(VersionedSerializer):
    category = serializers.CharField(required=False, help_text="violation category code, e.g. skb2022-a4")
    assignee = serializers.CharField(required=False, help_text="username of an analyst")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class QuestionSerializer(VersionedSerializer):
    question = serializers.CharField()


class AnswerSerializer(VersionedSerializer):
    respondent = serializers.ChoiceField(choices=Respondent.choices, required=False, default=Respondent.PPK)
    body = serializers.CharField()


class CorrectiveActionSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="corrective action kind code, e.g. sk-cabut-pemindahan")
    decree_number = serializers.CharField(required=False, allow_blank=True, default="")
    decree_date = serializers.DateField(required=False, allow_null=True, default=None)
    decree_subject = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DecideSerializer(VersionedSerializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    findings = serializers.CharField()
    category = serializers.CharField(required=False, help_text="violation category code")
    sanction = serializers.CharField(
        required=False, help_text="sanction code; omit for the catalogue default"
    )
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")
    corrective_actions = CorrectiveActionSerializer(
        many=True, required=False, default=list, help_text="merit-system cases: what the PPK must correct"
    )


class LinkOmbudsmanSerializer(VersionedSerializer):
    ombudsman_register_number = serializers.CharField(required=False, allow_blank=True, default="")
    selection_reference = serializers.CharField(required=False, allow_blank=True, default="")


class AssignSerializer(VersionedSerializer):
    assignee = serializers.CharField(required=False, help_text="username of an analyst")
    team = serializers.CharField(required=False, help_text="team code")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class EditLetterSerializer(VersionedSerializer):
    subject = serializers.CharField(max_length=300)
    body = serializers.CharField()


class OverrideRoutingSerializer(VersionedSerializer):
    addressee = serializers.CharField(help_text="organisation code")
    conflict_of_interest = serializers.BooleanField()
    reason = serializers.CharField()


ACTION_SERIALIZERS = {
    Action.VERIFY: ReasonSerializer,
    Action.REJECT: RejectSerializer,
    Action.MERGE: MergeSerializer,
    Action.REFER: ReferSerializer,
    Action.START_INVESTIGATION: StartInvestigationSerializer,
    Action.REQUEST_CLARIFICATION: QuestionSerializer,
    Action.RESUME_INVESTIGATION: ReasonSerializer,
    Action.DECIDE: DecideSerializer,
    Action.RECONSIDER: RequiredReasonSerializer,
    Action.ISSUE_RECOMMENDATION: VersionedSerializer,
    Action.ASSIGN: AssignSerializer,
    Action.CLAIM: VersionedSerializer,
    Action.SHARE_WITH_PARTNER: ReferSerializer,
    Action.ANSWER_CLARIFICATION: AnswerSerializer,
    Action.EDIT_LETTER: EditLetterSerializer,
    Action.OVERRIDE_ROUTING: OverrideRoutingSerializer,
    Action.REROUTE: ReasonSerializer,
    Action.LINK_OMBUDSMAN: LinkOmbudsmanSerializer,
}


def _respond(request, case, _result):
    fresh = detail_queryset().get(pk=case.pk)
    return CaseDetailSerializer(fresh, context={"request": request}).data


def _action_view(action: str):
    rule = RULES[action]
    return action_view(
        name="Case" + "".join(part.title() for part in action.split("-")) + "Action",
        scope=f"cases.{action}",
        thing="case",
        queryset=Case.objects.select_related("category", "agency", "addressee"),
        lookup_field="uuid",
        permission_classes=[HasAnyRole.of(*CASE_VIEW_ROLES)],
        precheck=lambda user, case: check(user, case, action),
        request_serializer=ACTION_SERIALIZERS[action],
        service=lambda case, user, **kwargs: services.perform(action, case, user, **kwargs),
        respond=_respond,
        response_serializer=CaseDetailSerializer,
        operation_id=f"cases_{action.replace('-', '_')}",
        summary=str(rule.action.label),
        description=(
            f"From states: {', '.join(sorted(rule.sources))}. "
            f"To: {', '.join(rule.targets) or '(unchanged)'}. Roles: {', '.join(sorted(rule.roles))}. "
            "Send `Idempotency-Key` to make retries safe."
        ),
    )


ACTION_VIEWS = {action: _action_view(action) for action in Action.values}


class RecommendationSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    case = serializers.UUIDField(source="case.uuid")
    case_number = serializers.CharField(source="case.number")
    letter_number = serializers.CharField(source="letter.number")
    letter_date = serializers.DateField(source="letter.letter_date")
    sha256 = serializers.CharField(source="letter.sha256")
    authority = serializers.CharField(source="authority.code")
    addressee = serializers.CharField(source="addressee.code")
    sanction = serializers.SerializerMethodField()
    kind = serializers.CharField()
    corrective_actions = serializers.SerializerMethodField()
    issued_at = serializers.DateTimeField()
    follow_up_due = serializers.DateField(allow_null=True)
    overdue = serializers.SerializerMethodField()

    def get_sanction(self, rec) -> str | None:
        return _code(rec.sanction)

    def get_corrective_actions(self, rec) -> list[dict]:
        return [_corrective(a) for a in rec.corrective_actions.all()]

    def get_overdue(self, rec) -> bool:
        return rec.follow_up_due is not None and rec.follow_up_due < timezone.localdate()


class RecommendationList(generics.ListAPIView):
    """Issued recommendations you can see (an addressee organisation sees those addressed to it)."""

    permission_classes = [HasAnyRole.of(*RECOMMENDATION_ROLES)]
    serializer_class = RecommendationSerializer

    def get_queryset(self):
        return (
            Recommendation.objects.visible_to(self.request.user)
            .select_related("case", "letter__document", "authority", "addressee", "sanction")
            .order_by("-issued_at", "-id")
        )


class RecommendationDetail(generics.RetrieveAPIView):
    permission_classes = [HasAnyRole.of(*RECOMMENDATION_ROLES)]
    serializer_class = RecommendationSerializer
    lookup_field = "uuid"
    lookup_url_kwarg = "pk"

    def get_queryset(self):
        return Recommendation.objects.visible_to(self.request.user).select_related(
            "case", "letter", "authority", "addressee", "sanction"
        )


class RecommendationLetterPdf(APIView):
    permission_classes = [HasAnyRole.of(*RECOMMENDATION_ROLES)]

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(description="the approved letter PDF")}
    )
    def get(self, request, pk):
        recommendation = get_visible_or_404(
            Recommendation.objects.select_related("letter"), request.user, uuid=pk
        )
        letter = recommendation.letter
        if not letter.pdf:
            raise Http404
        return attachment_response(
            bytes(letter.pdf), "application/pdf", f"{letter.number.replace('/', '-')}.pdf"
        )


class ReferralReplyRequest(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ReferralOutcome.choices)
    body = serializers.CharField()
    partner_register_number = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=60,
        help_text="the partner's own register number",
    )
    findings = serializers.CharField(required=False, allow_blank=True, default="")


class ReferralReplyView(APIView):
    """The partner organisation (e.g. the Ombudsman) replies to a referral; the outcome is attached to the case."""

    permission_classes = [HasAnyRole.of(*REFERRAL_PARTNER_ROLES)]

    @extend_schema(
        request=ReferralReplyRequest,
        responses={
            201: inline_serializer("ReferralReplyCreated", {"id": serializers.IntegerField()}),
            **_ERRORS,
        },
    )
    @idempotent("cases.referral-reply")
    def post(self, request, pk):
        referral = get_visible_or_404(Referral.objects.select_related("case"), request.user, uuid=pk)
        payload = ReferralReplyRequest(data=request.data)
        payload.is_valid(raise_exception=True)
        reply = services.reply_to_referral(referral, request.user, **payload.validated_data)
        return Response({"id": reply.pk}, status=201)


class PublicLetterVerification(APIView):
    """Confirm a letter by its verification code: number, date, authority, addressee, SHA-256 (no personal data)."""

    permission_classes = [AllowAny]
    pantas_public = True
    authentication_classes = []

    @extend_schema(
        responses={
            200: inline_serializer(
                "LetterVerification",
                {
                    "number": serializers.CharField(),
                    "letter_date": serializers.DateField(),
                    "authority": serializers.CharField(),
                    "addressee": serializers.CharField(),
                    "sha256": serializers.CharField(allow_null=True),
                },
            ),
            404: OpenApiResponse(description="unknown code"),
        }
    )
    def get(self, request, code):
        letter = find_letter(code)
        if letter is None:
            raise Http404
        return Response(
            {
                "number": letter.number,
                "letter_date": letter.letter_date,
                "authority": letter.authority.name,
                "addressee": letter.addressee.name if letter.addressee else None,
                "sha256": letter.sha256 or None,
            }
        )
