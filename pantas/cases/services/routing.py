"""Who receives a case's clarification requests and recommendation: the agency's PPK office, or — when the
PPK is a candidate in the case's election — the body that supervises that PPK (ADR 0023)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from pantas.accounts.models import Organisation, OrganisationKind
from pantas.registry.models import Agency

from ..models import CandidacyDeclaration, ConflictRoutingRule


@dataclass(frozen=True)
class Route:
    addressee: Organisation | None
    conflict_of_interest: bool
    note: str


def ppk_agency(agency: Agency | None) -> Agency | None:
    """Jakarta's administrative cities have no PPK of their own: the province's governor is their PPK."""
    if agency is None:
        return None
    return agency if agency.has_own_ppk or agency.parent_id is None else agency.parent


def ppk_office(agency: Agency | None) -> Organisation | None:
    target = ppk_agency(agency)
    if target is None:
        return None
    return Organisation.objects.filter(kind=OrganisationKind.PPK_OFFICE, agency=target).first()


def route_for(agency: Agency | None, election) -> Route:
    target = ppk_agency(agency)
    if target is None:
        return Route(None, False, "")
    declaration = None
    if election is not None:
        declaration = CandidacyDeclaration.objects.active().filter(agency=target, election=election).first()
    if declaration is not None:
        rule = ConflictRoutingRule.objects.filter(agency_kind=target.kind).first()
        routed = Organisation.objects.filter(code=rule.organisation_code).first() if rule else None
        if routed is None and target.parent_id:
            routed = ppk_office(target.parent)
        if routed is not None:
            note = _(
                "PPK %(agency)s (%(candidate)s) tercatat sebagai calon dalam %(election)s; rekomendasi dialihkan "
                "ke %(routed)s. Sumber: %(source)s"
            ) % {
                "agency": target.name,
                "candidate": declaration.candidate_name,
                "election": election.name,
                "routed": routed.name,
                "source": declaration.source,
            }
            return Route(routed, True, note)
    return Route(ppk_office(target), False, "")


class RouteCache:
    """Memoised `route_for` for bulk work (demo data, re-routing many cases): one lookup per agency/election."""

    def __init__(self):
        self._routes: dict = {}

    def __call__(self, agency: Agency | None, election) -> Route:
        key = (getattr(agency, "pk", None), getattr(election, "pk", None))
        if key not in self._routes:
            self._routes[key] = route_for(agency, election)
        return self._routes[key]
