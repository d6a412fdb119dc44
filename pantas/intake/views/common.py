"""Helpers shared by the intake views."""

from django.core.cache import cache
from django.core.exceptions import ValidationError

from pantas.registry.models import Agency

FIELD_MAP = {
    "description": "description",
    "persons": "person_name",
    "nip": "person_nip",
    "category": "category",
    "regency": "region",
    "act_date": "act_date",
    "identity_name": "identity_name",
    "anonymity": "anonymity",
    "register_number": "register_number",
    "files": "files",
}


def apply_validation_error(form, exc: ValidationError, field_map=FIELD_MAP) -> None:
    """Show a service ValidationError on the form: known fields next to the input, the rest on top."""
    if hasattr(exc, "error_dict"):
        for key, errors in exc.message_dict.items():
            name = field_map.get(key, key)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def agency_names() -> list[str]:
    """Names for the agency <datalist> (a hint while typing, no JavaScript needed)."""
    return cache.get_or_set(
        "intake:agency_names",
        lambda: list(
            Agency.objects.filter(disabled_on__isnull=True).order_by("name").values_list("name", flat=True)
        ),
        3600,
    )
