"""Who may use the registry's pages."""

from pantas.core.roles import CASE_HANDLER_ROLES, Role

# The scoped ASN search (`/asn/`): report and case handlers, BKN, administrators (all ASN), PPK offices (their
# agency's), selection committees (their candidates, by exact NIP only). Not the identity custodian or the
# merit assessor: neither job needs the register (ADR 0090).
ASN_LOOKUP_ROLES = CASE_HANDLER_ROLES | {
    Role.BKN_OFFICER,
    Role.SELECTION_COMMITTEE,
    Role.PPK_OFFICER,
    Role.ADMINISTRATOR,
}
# Roles whose look-up is a list of exact NIPs (no name or prefix search).
NIP_LIST_ROLES = frozenset({Role.SELECTION_COMMITTEE})
