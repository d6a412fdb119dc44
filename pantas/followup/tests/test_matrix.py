"""The follow-up table, exhaustively: every role × state × action against an expectation written out by hand
(not derived from the table), and the generated workflow documents kept equal to the tables."""

import pytest

from pantas.accounts.models import RoleAssignment, User
from pantas.core import workflow_docs
from pantas.core.errors import InvalidTransition, NotAllowed, NotFound
from pantas.core.roles import Role

from ..models import BlockingRequest, FollowUp, PPKReport
from ..workflow import BLOCKING_FLOW, FOLLOW_UP_FLOW, PPK_REPORT_FLOW, FollowUpState
from .factories import follow_up_for

pytestmark = pytest.mark.django_db

S, R = FollowUpState, Role
PPK = {R.PPK_OFFICER, R.MINISTRY_OFFICER}
CHECKERS = {R.ANALYST, R.DECIDER, R.SUPERVISOR_LEAD}
SPEC = {
    "acknowledge": ({S.AWAITING}, PPK),
    "report": ({S.AWAITING, S.ACKNOWLEDGED, S.ESCALATED}, PPK),
    "object": ({S.AWAITING, S.ACKNOWLEDGED}, PPK),
    "answer-objection": ({S.OBJECTED}, {R.DECIDER, R.SUPERVISOR_LEAD}),
    "verify": ({S.REPORTED}, CHECKERS),
    "return-report": ({S.REPORTED}, CHECKERS),
    "escalate": ({S.AWAITING, S.ACKNOWLEDGED}, {R.SUPERVISOR_LEAD, "system"}),
    "reprimand": ({S.ESCALATED}, {R.MINISTRY_OFFICER}),
    "close": ({S.VERIFIED}, {R.SUPERVISOR_LEAD, "system"}),
}
SEES = {
    R.INTAKE_OFFICER,
    R.ANALYST,
    R.DECIDER,
    R.SUPERVISOR_LEAD,
    R.PPK_OFFICER,
    R.MINISTRY_OFFICER,
    R.BKN_OFFICER,
}


def _user(role, organisation):
    user = User.objects.create(username=f"m-{role}", organisation=organisation)
    RoleAssignment.objects.create(user=user, role=role)
    return user


def test_every_role_state_and_action(personas):
    follow_up = follow_up_for(personas)
    # Make the follow-up visible to every role that may see one: BKN through a blocking request, the ministry
    # officer (a member of the addressee organisation here) through a report addressed to it.
    BlockingRequest.objects.create(follow_up=follow_up, number="PBD-MATRIX")
    PPKReport.objects.create(follow_up=follow_up, addressee=follow_up.addressee, number="LPK-MATRIX")
    users = {role: _user(role, follow_up.addressee) for role in Role.values}
    users["system"] = None
    assert set(SPEC) == set(FOLLOW_UP_FLOW.actions.values)
    for state in FollowUpState.values:
        FollowUp.objects.filter(pk=follow_up.pk).update(state=state)
        follow_up.refresh_from_db()
        for role, user in users.items():
            for action, (sources, roles) in SPEC.items():
                if role != "system" and role not in SEES:
                    expected = NotFound
                elif role not in roles:
                    expected = NotAllowed
                elif state not in sources:
                    expected = InvalidTransition
                else:
                    expected = None
                if expected is None:
                    FOLLOW_UP_FLOW.check(user, follow_up, action)
                else:
                    with pytest.raises(expected):
                        FOLLOW_UP_FLOW.check(user, follow_up, action)


@pytest.mark.parametrize("flow", [FOLLOW_UP_FLOW, BLOCKING_FLOW, PPK_REPORT_FLOW], ids=lambda f: f.name)
def test_generated_docs_are_current(flow):
    path = workflow_docs.doc_path(flow)
    assert path.read_text(encoding="utf-8") == workflow_docs.workflow_markdown(flow), (
        "run manage.py workflow_docs"
    )
