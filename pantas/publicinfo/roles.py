"""Who works on announcements (one definition for pages, API, services and the workflow table)."""

from pantas.core.roles import CASE_HANDLER_ROLES, Role

# Write: the selection committee of the announcing agency (qualified in the table) and administrators.
EDITORS = frozenset({Role.SELECTION_COMMITTEE, Role.ADMINISTRATOR})
# Read every announcement in every state (drafts included): administrators and the supervisor's case handlers,
# who watch JPT selections for merit-system violations.
READ_ALL = frozenset(CASE_HANDLER_ROLES | {Role.ADMINISTRATOR})


def agency_id_of(user):
    """The instansi a committee member works for (None when the organisation names none)."""
    organisation = getattr(user, "organisation", None)
    return getattr(organisation, "agency_id", None)
