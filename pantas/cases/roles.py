"""Who may do what in the cases app: the role sets every view, API endpoint, queryset and service uses.

(The workflow table's own qualifiers, e.g. "assigned analyst only", live with the table in `workflow.py`.)
"""

from pantas.core.roles import CASE_HANDLER_ROLES, Role

# Supervisor staff who work on cases (intake desk, analysts, deciders, leadership).
CASE_STAFF_ROLES = CASE_HANDLER_ROLES
# Staff who see every case regardless of assignment.
VIEW_ALL_ROLES = frozenset({Role.SUPERVISOR_LEAD, Role.DECIDER})
# Partner organisations a case can be referred or shared with; they see those cases and reply.
REFERRAL_PARTNER_ROLES = frozenset(
    {Role.OMBUDSMAN_LIAISON, Role.MINISTRY_OFFICER, Role.BAWASLU_OFFICER, Role.PPK_OFFICER}
)
# Organisations a recommendation is addressed to (the agency's PPK office, or the ministry on a conflict).
ADDRESSEE_ROLES = frozenset({Role.PPK_OFFICER, Role.MINISTRY_OFFICER})
# Everyone who may open a case page (what they see is decided by `Case.objects.visible_to`).
CASE_VIEW_ROLES = CASE_STAFF_ROLES | ADDRESSEE_ROLES | REFERRAL_PARTNER_ROLES
# Readers of issued recommendations: staff and the addressees.
RECOMMENDATION_ROLES = CASE_STAFF_ROLES | ADDRESSEE_ROLES
# Open cases from reports.
OPENER_ROLES = frozenset({Role.INTAKE_OFFICER, Role.ANALYST, Role.SUPERVISOR_LEAD})
# Declare a PPK's candidacy (conflict-of-interest routing).
DECLARER_ROLES = frozenset({Role.DECIDER, Role.SUPERVISOR_LEAD})


def is_case_staff(user) -> bool:
    return user.has_any_role(CASE_STAFF_ROLES)
