from pantas.core.roles import SUPERVISOR_ROLES, Role

# Supervisor staff read the statistics (dashboard, exports, staff API); aggregate figures, no personal data.
STATS_ROLES = frozenset(SUPERVISOR_ROLES | {Role.ADMINISTRATOR})
