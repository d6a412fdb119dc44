"""Who may do what in the intake app: the role sets every view, API endpoint, queryset and service uses."""

from pantas.core.roles import CASE_HANDLER_ROLES, REPORT_READERS, Role

# Roles of partner organisations that submit reports and see only their own organisation's.
PARTNER_ROLES = frozenset(
    {Role.CSO_MONITOR, Role.BAWASLU_OFFICER, Role.OMBUDSMAN_LIAISON, Role.MINISTRY_OFFICER}
)
# Roles that see every report, internal notes included (ADR 0090: not the custodian, not the merit assessor).
STAFF_ROLES = REPORT_READERS
# The identity custodian: reports with a sealed identity, through the reveal page only.
CUSTODIAN_ROLES = frozenset({Role.IDENTITY_CUSTODIAN})
# Supervisor staff who record reports received elsewhere (letters, LAPOR!, media) and import spreadsheets.
INTAKE_ROLES = frozenset({Role.INTAKE_OFFICER, Role.SUPERVISOR_LEAD})
# Supervisor staff who work on reports: messages, internal notes, duplicate links, status.
HANDLER_ROLES = CASE_HANDLER_ROLES
# Readers of the reports API (what each sees is decided by `Report.objects.visible_to`).
READ_ROLES = STAFF_ROLES | PARTNER_ROLES
