"""Query parameters, parsed one way for every API module: `int_param` and `choice_param` answer 400 with a
field error (in the request's language) instead of letting a bad value reach the database (a huge integer
overflows SQLite and PostgreSQL → 500) or be silently ignored. Document them with `int_parameter` /
`choice_parameter` so that the schema states the same bounds the code checks (ADR 0091)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from pantas.lib.limits import MAX_INT

__all__ = ["MAX_INT", "choice_param", "choice_parameter", "int_param", "int_parameter"]


def int_param(request, name: str, *, minimum: int = 0, maximum: int = MAX_INT, default=None):
    """The integer query parameter `name`, or `default` when absent; 400 when present but not a whole number
    in [minimum, maximum] (empty, "null", "1.5", "-1", "9223372036854775808" are all refused)."""
    if name not in request.query_params:
        return default
    raw = request.query_params[name]
    # Digits only (no sign, no spaces, no "1_000"), and at most 10 of them before int() sees the string.
    if not raw.isascii() or not raw.isdigit() or len(raw) > len(str(MAX_INT)):
        value = None
    else:
        value = int(raw)
    if value is None or not minimum <= value <= maximum:
        raise ValidationError(
            {name: [_("Harus bilangan bulat antara %(min)s dan %(max)s.") % {"min": minimum, "max": maximum}]}
        )
    return value


def choice_param(request, name: str, choices, *, default=None):
    """The query parameter `name` when it is one of `choices`, `default` when absent; 400 otherwise (empty
    too: the schema's enum does not contain "")."""
    if name not in request.query_params:
        return default
    value = request.query_params[name]
    if value not in choices:
        raise ValidationError(
            {name: [_("Nilai tidak dikenal; pilih salah satu: %(values)s") % {"values": ", ".join(choices)}]}
        )
    return value


def int_parameter(name: str, *, minimum: int = 0, maximum: int = MAX_INT, description: str = "", **kwargs):
    """The OpenAPI description of an `int_param`."""
    return OpenApiParameter(
        name,
        {"type": "integer", "minimum": minimum, "maximum": maximum},
        description=description,
        **kwargs,
    )


def choice_parameter(name: str, choices, *, description: str = "", **kwargs):
    """The OpenAPI description of a `choice_param`."""
    return OpenApiParameter(name, str, enum=list(choices), description=description, **kwargs)
