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


def rebuild_paths() -> None:
    """Recompute every organisation's materialised `path` from `parent`, one UPDATE per depth (set-based)."""
    from django.db.models import F, OuterRef, Subquery, Value
    from django.db.models.functions import Concat

    Organisation.objects.filter(parent__isnull=True).update(path=Concat(Value("/"), F("code"), Value("/")))
    level = Organisation.objects.filter(parent__isnull=True)
    for _depth in range(8):  # the deepest real hierarchy has three tiers
        children = Organisation.objects.filter(parent__in=level.values("pk"))
        if not children.exists():
            return
        parent_path = Organisation.objects.filter(pk=OuterRef("parent_id")).values("path")[:1]
        children.update(path=Concat(Subquery(parent_path), F("code"), Value("/")))
        level = children


def link_bawaslu_tiers() -> None:
    """Bawaslu offices under their tier: provinces under Bawaslu RI, regencies under their province's office."""
    from .models import BawasluLevel

    bawaslu = Organisation.objects.filter(kind=OrganisationKind.BAWASLU)
    national = bawaslu.filter(bawaslu_level=BawasluLevel.RI).order_by("pk").first()
    if national is not None:
        bawaslu.filter(bawaslu_level=BawasluLevel.PROVINCE, parent__isnull=True).update(parent=national)
    provincial = {
        o.province_id: o.pk
        for o in bawaslu.filter(bawaslu_level=BawasluLevel.PROVINCE, province__isnull=False)
    }
    for office in bawaslu.filter(bawaslu_level=BawasluLevel.REGENCY, parent__isnull=True).select_related(
        "regency"
    ):
        province_id = office.province_id or (office.regency.province_id if office.regency_id else None)
        if province_id in provincial:
            office.parent_id = provincial[province_id]
            office.save(update_fields=["parent"])
    rebuild_paths()
