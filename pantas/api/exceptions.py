"""API error shape, mapped once for every endpoint: DRF's default, plus domain errors raised by services —
`NotAllowed` → 403, `InvalidTransition` → 409 (any `DomainError` → its `status`), Django `ValidationError` → 400
with field errors. Messages are rendered in the language of the request (LocaleMiddleware has activated it)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from pantas.core.errors import DomainError


def validation_error_detail(exc: DjangoValidationError) -> dict[str, list[str]]:
    """A service's ValidationError as DRF-style field errors; errors without a field go to `non_field_errors`."""
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    return {"non_field_errors": [str(m) for m in exc.messages]}


def domain_error_detail(exc: DomainError) -> dict:
    return {"detail": str(exc.message), "code": exc.code}


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response(domain_error_detail(exc), status=exc.status)
    if isinstance(exc, DjangoValidationError):
        return Response(validation_error_detail(exc), status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
