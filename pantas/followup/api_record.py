"""API for the track record and JPT clearance (ADR 0055, 0056):
`GET /api/v1/civil-servants/{nip}/record/` and `POST /api/v1/clearance/`. Thin: the services decide."""

from datetime import datetime

from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from pantas.api.permissions import HasAnyRole

from . import roles
from .clearance import MAX_NIPS, run_clearance
from .models_clearance import ClearanceChannel, ClearanceStatus
from .track_record import view_record


def _day(value):
    if value is None:
        return None
    return (timezone.localdate(value) if isinstance(value, datetime) else value).isoformat()


def _status(answer) -> dict:
    return {
        "nip": answer.nip,
        "status": answer.status,
        "status_label": str(ClearanceStatus(answer.status).label),
        "name": answer.name,
        "agency": answer.agency,
        "sanction_ends_on": _day(answer.ends_on),
        "detail": answer.detail,
    }


def _entry(entry, full: bool) -> dict:
    case, decision = entry.case, entry.decision
    rec, follow_up, decree, blocking = entry.recommendation, entry.follow_up, entry.decree, entry.blocking
    data = {
        "case": case.number if full else None,
        "state": case.state,
        "state_label": str(case.get_state_display()),
        "election": case.election.name if case.election_id else None,
        "received_on": _day(case.received_at),
        "decision": {"outcome": decision.outcome, "decided_on": _day(decision.decided_at)}
        if decision
        else None,
        "recommendation": None,
    }
    if rec:
        data["recommendation"] = {
            "letter_number": rec.letter.number,
            "issued_on": _day(rec.issued_at),
            "recommended_sanction": rec.sanction.name if rec.sanction_id else None,
            "follow_up_state": follow_up.state if follow_up else None,
            "follow_up_due_on": _day(follow_up.due_on if follow_up else rec.follow_up_due),
            "compliance": follow_up.compliance if follow_up else "",
            "imposed_sanction": decree.imposed_sanction.name if decree else None,
            "decree_number": decree.number if decree else None,
            "decree_date": _day(decree.decree_date) if decree else None,
            "sanction_starts_on": _day(decree.starts_on) if decree else None,
            "sanction_ends_on": _day(decree.ends_on) if decree else None,
            "sanction_running": entry.sanction_running,
            "blocking_state": blocking.state if blocking else None,
            "blocked_on": _day(blocking.blocked_on) if blocking else None,
            "unblocked_on": _day(blocking.unblocked_on) if blocking else None,
        }
    return data


class CivilServantRecord(APIView):
    permission_classes = [HasAnyRole.of(*roles.TRACK_RECORD)]

    @extend_schema(
        summary="Neutrality track record of one ASN (audited)",
        responses={200: inline_serializer("TrackRecord", {"nip": serializers.CharField()})},
    )
    def get(self, request, nip):
        record = view_record(request.user, nip, channel="api")
        person = record.person
        return Response(
            {
                "nip": record.nip,
                "name": person.name if person else "",
                "agency": person.agency.name if person else "",
                "status": _status(record.status),
                "open_cases_not_shown": record.open_cases,
                "entries": [_entry(e, record.full) for e in record.entries],
            },
            headers={"Cache-Control": "no-store"},
        )


class ClearanceRequestSerializer(serializers.Serializer):
    nips = serializers.ListField(child=serializers.CharField(max_length=60, allow_blank=True))
    purpose = serializers.CharField(max_length=300)


class Clearance(APIView):
    permission_classes = [HasAnyRole.of(*roles.CLEARANCE)]

    @extend_schema(
        summary=f"JPT clearance for up to {MAX_NIPS} NIPs (selection committees, supervisor staff; audited)",
        request=ClearanceRequestSerializer,
        responses={
            200: inline_serializer(
                "ClearanceResponse",
                {
                    "id": serializers.UUIDField(),
                    "as_of": serializers.DateField(),
                    "counts": serializers.DictField(child=serializers.IntegerField()),
                    "results": serializers.ListField(child=serializers.DictField()),
                },
            )
        },
        examples=[
            OpenApiExample(
                "Two candidates",
                value={
                    "nips": ["198503152010011001", "12345"],
                    "purpose": "Seleksi terbuka JPT Pratama 2026",
                },
                request_only=True,
            )
        ],
    )
    def post(self, request):
        body = ClearanceRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        done = run_clearance(
            request.user, body.validated_data["nips"], body.validated_data["purpose"], ClearanceChannel.API
        )
        return Response(
            {
                "id": str(done.uuid),
                "as_of": done.as_of.isoformat(),
                "counts": done.counts,
                "results": [_status(a) for a in done.answers],
            },
            headers={"Cache-Control": "no-store"},
        )
