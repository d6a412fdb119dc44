"""Who may use the registry's pages."""

from pantas.core.roles import SUPERVISOR_ROLES, Role

# The scoped ASN search (`/asn/`): supervisor staff, BKN, selection committees, PPK offices, administrators.
ASN_LOOKUP_ROLES = SUPERVISOR_ROLES | {
    Role.BKN_OFFICER,
    Role.SELECTION_COMMITTEE,
    Role.PPK_OFFICER,
    Role.ADMINISTRATOR,
}
