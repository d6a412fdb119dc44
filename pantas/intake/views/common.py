"""Helpers shared by the intake views."""

from django.core.cache import cache

from pantas.registry.models import Agency

# Service error keys → intake form fields (for `pantas.core.forms.apply_validation_error`).
FIELD_MAP = {
    "description": "description",
    "persons": "person_name",
    "name": "person_name",
    "agency_text": "person_agency",
    "position_title": "person_position",
    "nip": "person_nip",
    "category": "category",
    "regency": "region",
    "act_date": "act_date",
    "identity_name": "identity_name",
    "anonymity": "anonymity",
    "register_number": "register_number",
    "lapor_ticket": "lapor_ticket",
    "files": "files",
}


def agency_names() -> list[str]:
    """Names for the agency <datalist> (a hint while typing, no JavaScript needed)."""
    return cache.get_or_set(
        "intake:agency_names",
        lambda: list(
            Agency.objects.filter(disabled_on__isnull=True).order_by("name").values_list("name", flat=True)
        ),
        3600,
    )


def adding_row(request) -> str | None:
    """ "person" or "link" when the no-JavaScript "tambah terlapor/tautan" button sent the form (nothing is
    submitted then: the page comes back with one more row)."""
    if request.method != "POST":
        return None
    for value in ("person", "link"):
        if f"add_{value}" in request.POST or request.POST.get("add") == value:
            return value
    return None


def dropped_file(request) -> str:
    """The held file whose "hapus" button sent the form (`drop_held_<id>`), or ""."""
    for key in request.POST:
        if key.startswith("drop_held_"):
            return key.removeprefix("drop_held_")
    return request.POST.get("drop_held", "")


def has_tiers(user) -> bool:
    """The user's organisation has offices under it (Bawaslu RI, a provincial Bawaslu): lists name the sender."""
    from pantas.accounts.models import Organisation

    return bool(user.organisation_id) and Organisation.objects.filter(parent_id=user.organisation_id).exists()
