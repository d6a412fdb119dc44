"""The error responses every operation documents, added in one place: a drf-spectacular postprocessing hook
(settings `SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]`). Operations keep their own, more specific descriptions
(e.g. `actions.error_responses`); the hook adds the missing statuses and the error body to every one (ADR 0091).

Bodies, as `pantas.api.exceptions` produces them:
- 400: field errors `{"field": ["message", …]}` (nested per item for lists; `non_field_errors` without a field),
  or `{"detail": …}` for a body that cannot be parsed;
- 401/403/404/409/415/422/429: `{"detail": "message", "code": "…"}` (`code` where the error has one).
"""

ERROR = "Error"
FIELD_ERRORS = "FieldErrors"

ERROR_SCHEMAS = {
    ERROR: {
        "type": "object",
        "description": "An error message in the language of the request.",
        "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
        "required": ["detail"],
    },
    FIELD_ERRORS: {
        "type": "object",
        "description": "Field errors: each field name maps to its messages (a list of strings, or for a "
        "list of objects one such object per item); `non_field_errors` holds errors of the whole request.",
        "additionalProperties": {},
    },
}

# status → (description, applies to safe methods too)
ERRORS = {
    400: ("invalid input: field errors (or an unparsable body)", True),
    401: ("not authenticated, or the token is invalid or expired", True),
    403: ("authenticated, but your role may not do this", True),
    404: ("no such object within your scope, or no such path", True),
    409: (
        "the object's state does not allow this, or it changed meanwhile, or the Idempotency-Key is in use",
        False,
    ),
    415: ("the request body is not in a media type this operation accepts (JSON)", False),
    422: ("the Idempotency-Key was used before with a different request", False),
    429: ("too many requests; retry after the time in the Retry-After header", True),
}

SAFE = {"get", "head", "options"}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _body(status: int) -> dict:
    if status == 400:
        return {"anyOf": [_ref(FIELD_ERRORS), _ref(ERROR)]}  # a `{"detail"}` body is both
    return _ref(ERROR)


def document_errors(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {}).update(ERROR_SCHEMAS)
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for status, (description, on_safe) in ERRORS.items():
                if method in SAFE and not on_safe and str(status) not in responses:
                    continue
                response = responses.setdefault(str(status), {"description": description})
                response.setdefault("description", description)
                response.setdefault("content", {"application/json": {"schema": _body(status)}})
    return result
