"""Who acts in the follow-up of a recommendation (one definition for the follow-up and track-record code)."""

from pantas.core.roles import CASE_HANDLER_ROLES, Role

# The offices that must act on a recommendation: an agency's PPK office or, under conflict-of-interest routing,
# a ministry (Kemendagri / KemenPANRB).
PPK = frozenset({Role.PPK_OFFICER, Role.MINISTRY_OFFICER})
SUPERVISOR = frozenset(CASE_HANDLER_ROLES | {Role.SUPERVISOR_LEAD})
BKN = frozenset({Role.BKN_OFFICER})
MINISTRY = frozenset({Role.MINISTRY_OFFICER})
CLEARANCE = frozenset({Role.SELECTION_COMMITTEE} | SUPERVISOR)
TRACK_RECORD = frozenset(SUPERVISOR | {Role.BKN_OFFICER, Role.PPK_OFFICER, Role.SELECTION_COMMITTEE})
