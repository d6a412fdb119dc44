from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView


class Me(APIView):
    """Who am I: lets a partner system check its token, organisation and roles."""

    @extend_schema(
        responses=inline_serializer(
            "Me",
            {
                "username": serializers.CharField(),
                "organisation": serializers.CharField(allow_null=True),
                "organisation_kind": serializers.CharField(allow_null=True),
                "roles": serializers.ListField(child=serializers.CharField()),
            },
        )
    )
    def get(self, request):
        user = request.user
        org = user.organisation
        return Response(
            {
                "username": user.username,
                "organisation": org.code if org else None,
                "organisation_kind": org.kind if org else None,
                "roles": sorted(user.role_set),
            }
        )
