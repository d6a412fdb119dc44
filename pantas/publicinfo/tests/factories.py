"""Announcements in each workflow state, made through the services (history and audit like the real thing),
and a selection committee of another agency."""

from datetime import date, timedelta

from django.utils import timezone

from pantas.accounts.models import Organisation, OrganisationKind, RoleAssignment, User
from pantas.core.roles import Role
from pantas.registry.models import Agency

from .. import services
from ..models import PositionLevel, StageKind
from ..services import Stage
from ..workflow import AnnouncementState

PROV_73 = "prov-73"  # the demo committee's agency (Pemerintah Provinsi Sulawesi Selatan)


def stages(start: date | None = None) -> list[Stage]:
    start = start or timezone.localdate()
    return [
        Stage(StageKind.REGISTRATION, start, start + timedelta(days=13)),
        Stage(StageKind.ADMINISTRATIVE, start + timedelta(days=15), start + timedelta(days=18)),
        Stage(StageKind.ASSESSMENT, start + timedelta(days=22), start + timedelta(days=24)),
        Stage(StageKind.INTERVIEW, start + timedelta(days=28), start + timedelta(days=29)),
        Stage(StageKind.ANNOUNCEMENT, start + timedelta(days=33), start + timedelta(days=33)),
    ]


def values(title="Kepala Dinas Pendidikan", level=PositionLevel.PRATAMA, **extra) -> dict:
    return {
        "position_title": title,
        "level": level,
        "unit": "Dinas Pendidikan",
        "summary": "Seleksi terbuka untuk jabatan pimpinan tinggi pratama.",
        "requirements": "PNS golongan IV/a\nSarjana (S1)\nTidak sedang menjalani hukuman disiplin",
        "location": "Kantor BKD, Makassar",
        "contact": "seleksi@demo.pantas.go.id",
        **extra,
    }


def announcement(committee, state=AnnouncementState.DRAFT, agency=None, **extra):
    agency = agency or committee.organisation.agency
    found = services.create_announcement(committee, agency, values(**extra), stages())
    if state in (AnnouncementState.PUBLISHED, AnnouncementState.CLOSED):
        found = services.publish(found, committee)
    if state == AnnouncementState.CLOSED:
        found = services.close(found, committee)
    if state == AnnouncementState.WITHDRAWN:
        found = services.withdraw(found, committee, reason="Formasi dibatalkan.")
    return found


def other_committee(agency_code="prov-31") -> User:
    """A selection committee of another agency (Pemerintah Provinsi DKI Jakarta by default)."""
    agency = Agency.objects.get(code=agency_code)
    organisation, _ = Organisation.objects.get_or_create(
        code=f"pansel-{agency_code}",
        defaults={"name": f"Panitia Seleksi JPT {agency.name}", "kind": OrganisationKind.SELECTION_COMMITTEE,
                  "agency": agency},
    )  # fmt: skip
    user, created = User.objects.get_or_create(
        username=f"pansel.{agency_code}", defaults={"organisation": organisation}
    )
    if created:
        RoleAssignment.objects.create(user=user, role=Role.SELECTION_COMMITTEE)
    return User.objects.get(pk=user.pk)
