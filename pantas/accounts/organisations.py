"""Organisations that must exist for the workflow to have addressees (not demo data)."""

from pantas.registry.models import Agency

from .models import Organisation, OrganisationKind


def ppk_office_code(agency: Agency) -> str:
    return f"ppk-{agency.code}"


def ensure_ppk_offices() -> int:
    """One PPK office organisation per instansi with its own PPK (recommendations are addressed to it)."""
    existing = set(
        Organisation.objects.filter(kind=OrganisationKind.PPK_OFFICE).values_list("agency_id", flat=True)
    )
    new = [
        Organisation(
            code=ppk_office_code(agency),
            name=f"PPK {agency.name}",
            kind=OrganisationKind.PPK_OFFICE,
            agency=agency,
            province_id=agency.province_id,
            regency_id=agency.regency_id,
        )
        for agency in Agency.objects.filter(has_own_ppk=True).exclude(pk__in=existing)
    ]
    Organisation.objects.bulk_create(new, batch_size=500)
    return len(new)
