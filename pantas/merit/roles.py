"""Who may do what in the merit app: the role sets every view, API endpoint, queryset and service uses."""

from pantas.core.roles import Role

# Supervisor staff who read every agency's assessment.
READ_ALL = frozenset({Role.MERIT_ASSESSOR, Role.SUPERVISOR_LEAD})
# Verify, adjust and finalise assessments.
ASSESSORS = frozenset({Role.MERIT_ASSESSOR})
# Open cycles and publish their results.
CYCLE_MANAGERS = frozenset({Role.MERIT_ASSESSOR, Role.SUPERVISOR_LEAD})
# Edit instrument templates (the supervisor's administrators).
INSTRUMENT_EDITORS = frozenset({Role.ADMINISTRATOR})
# Import historical results.
IMPORTERS = frozenset({Role.MERIT_ASSESSOR, Role.ADMINISTRATOR})
# Agency self-assessment is done by the agency's PPK office.
AGENCY = frozenset({Role.PPK_OFFICER})
# Readers of the merit API's staff endpoints (each sees what `visible_to` allows).
VIEWERS = READ_ALL | AGENCY
# Everyone who uses the staff pages of the merit app.
ANY_MERIT = READ_ALL | ASSESSORS | CYCLE_MANAGERS | INSTRUMENT_EDITORS | IMPORTERS | AGENCY


def is_merit_staff(user) -> bool:
    return user.is_authenticated and user.has_any_role(READ_ALL)


def can_edit_instruments(user) -> bool:
    return user.is_authenticated and user.has_any_role(INSTRUMENT_EDITORS)


def agency_id_of(user):
    """The agency a user self-assesses for: PPK officers of that agency's PPK office, nobody else."""
    if not user.is_authenticated or not user.has_any_role(AGENCY):
        return None
    org = user.organisation
    if org is None or org.kind != "ppk_office":
        return None
    return org.agency_id
