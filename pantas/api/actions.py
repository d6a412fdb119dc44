"""The API action layer: one way to expose a workflow action as `POST /api/v1/<things>/{id}/<action>/`.

`action_view(...)` builds the APIView for one action from
- a queryset (or `queryset(request)`), scoped with `visible_to(request.user)` → 404 outside scope;
- an optional `precheck(user, obj)` (the workflow's role/state check) so that 403/409 win over 400 (ADR 0020);
- a request serializer whose validated fields are the service's keyword arguments;
- the service `service(obj, user, **validated_data)` — the same function the web form calls;
- `respond(request, obj, result)` for the response body.

Errors are mapped once, by `pantas.api.exceptions.exception_handler` (NotAllowed → 403, InvalidTransition →
409, Django ValidationError → 400 field errors, in the language of the request). The `Idempotency-Key` header
is honoured (`pantas.api.idempotency`), and the view is documented in the OpenAPI schema (ADR 0045).
"""

import json
from collections.abc import Callable

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from pantas.core.permissions import get_visible_or_404

from .idempotency import idempotent


def jsonable(data):
    """Plain JSON types only: the idempotency store keeps the response in a JSONField (no date encoder)."""
    return json.loads(JSONRenderer().render(data))


def error_responses(thing: str) -> dict:
    """The documented error responses of an action on `thing` (e.g. "case", "assessment")."""
    return {
        400: OpenApiResponse(description="invalid input (field errors)"),
        403: OpenApiResponse(
            description=f"the {thing} is visible to you but your role may not take this action"
        ),
        404: OpenApiResponse(description=f"no such {thing} within your scope"),
        409: OpenApiResponse(
            description=f"the {thing}'s state does not allow this action, or it changed meanwhile"
        ),
    }


class ActionView(APIView):
    """Base of the views `action_view` builds; the class attributes below are set per action."""

    # JSON only: a form/multipart body cannot tell `[]` from `{}` (both parse to no fields), so an invalid
    # body would pass as "all defaults". Other media types answer 415; the schema lists only JSON.
    parser_classes = [JSONParser]

    queryset_for: Callable = None  # request -> queryset (scoped here with visible_to)
    lookup_field: str = "pk"
    precheck: Callable | None = None  # (user, obj) -> None, raises NotAllowed / InvalidTransition
    request_serializer = None
    service: Callable = None  # (obj, user, **validated_data) -> result
    respond: Callable = None  # (request, obj, result) -> response data
    success_status: int = 200

    def run(self, request, pk):
        obj = get_visible_or_404(self.queryset_for(request), request.user, **{self.lookup_field: pk})
        payload = self.request_serializer(data=request.data, context={"request": request, "object": obj})
        if self.precheck is not None:
            self.precheck(request.user, obj)
        payload.is_valid(raise_exception=True)
        result = self.service(obj, request.user, **payload.validated_data)
        return Response(jsonable(self.respond(request, obj, result)), status=self.success_status)


def action_view(
    *,
    name: str,
    scope: str,
    queryset,
    service: Callable,
    request_serializer,
    respond: Callable,
    response_serializer,
    thing: str,
    permission_classes: list,
    lookup_field: str = "pk",
    precheck: Callable | None = None,
    summary: str | None = None,
    description: str | None = None,
    operation_id: str | None = None,
    success_status: int = 200,
    parser_classes: list | None = None,
) -> type[ActionView]:
    """An APIView class for one workflow action; route it as `<things>/<pk>/<action>/`.

    `scope` names the endpoint in the idempotency store (e.g. "cases.verify"); keep it stable, stored keys
    are looked up by it. `parser_classes` replaces the JSON-only default, e.g. for an action that uploads a
    file (multipart without JSON is documented as `multipart/form-data` only)."""
    request_schema = request_serializer
    if parser_classes and MultiPartParser in parser_classes and JSONParser not in parser_classes:
        request_schema = {"multipart/form-data": request_serializer}

    @extend_schema(
        request=request_schema,
        responses={success_status: response_serializer, **error_responses(thing)},
        summary=summary,
        description=description,
        operation_id=operation_id,
    )
    @idempotent(scope)
    def post(self, request, pk):
        return self.run(request, pk)

    attrs = {
        "__doc__": description or summary,
        "post": post,
        "permission_classes": permission_classes,
        "queryset_for": staticmethod(queryset if callable(queryset) else lambda request: queryset),
        "lookup_field": lookup_field,
        "precheck": staticmethod(precheck) if precheck else None,
        "request_serializer": request_serializer,
        "service": staticmethod(service),
        "respond": staticmethod(respond),
        "success_status": success_status,
    }
    if parser_classes is not None:
        attrs["parser_classes"] = parser_classes
    return type(name, (ActionView,), attrs)
