"""The transition table, exhaustively: every role × every state × every action through the real service
functions, against an expectation written out here by hand (not derived from `workflow.RULES`)."""

import pytest
from django.db import transaction
from django.utils import timezone

from pantas.accounts.models import Organisation, RoleAssignment, User
from pantas.core.errors import InvalidTransition, NotAllowed, NotFound
from pantas.core.roles import Role

from .. import services
from ..docs import DOC_PATH, workflow_markdown
from ..models import Case, ClarificationRequest, RecommendationLetter, Referral, ReferralMode
from ..workflow import FRONT_DESK_STATES, Action, CaseState
from .factories import CaseFactory

pytestmark = pytest.mark.django_db

S = CaseState
OPEN = {S.RECEIVED, S.VERIFICATION, S.INVESTIGATION, S.CLARIFICATION, S.PROVEN}
R = Role

# action: (states it may start from, roles that may take it) — the documented workflow (docs/workflow.md).
SPEC = {
    "verify": ({S.RECEIVED}, {R.INTAKE_OFFICER, R.ANALYST, R.SUPERVISOR_LEAD}),
    "reject": ({S.RECEIVED, S.VERIFICATION}, {R.INTAKE_OFFICER, R.ANALYST, R.SUPERVISOR_LEAD}),
    "merge": ({S.RECEIVED, S.VERIFICATION}, {R.INTAKE_OFFICER, R.ANALYST, R.SUPERVISOR_LEAD}),
    "refer": (
        {S.VERIFICATION, S.INVESTIGATION, S.CLARIFICATION},
        {R.INTAKE_OFFICER, R.ANALYST, R.SUPERVISOR_LEAD},
    ),
    "start-investigation": ({S.VERIFICATION}, {R.INTAKE_OFFICER, R.ANALYST, R.SUPERVISOR_LEAD}),
    "request-clarification": ({S.INVESTIGATION, S.CLARIFICATION}, {R.ANALYST, R.SUPERVISOR_LEAD}),
    "resume-investigation": ({S.CLARIFICATION}, {R.ANALYST, R.SUPERVISOR_LEAD}),
    "decide": ({S.INVESTIGATION, S.CLARIFICATION}, {R.ANALYST, R.DECIDER, R.SUPERVISOR_LEAD}),
    "reconsider": ({S.PROVEN}, {R.DECIDER, R.SUPERVISOR_LEAD}),
    "issue-recommendation": ({S.PROVEN}, {R.DECIDER}),
    "assign": (OPEN, {R.SUPERVISOR_LEAD}),
    "claim": ({S.RECEIVED, S.VERIFICATION}, {R.ANALYST}),
    "share-with-partner": ({S.INVESTIGATION, S.CLARIFICATION}, {R.ANALYST, R.SUPERVISOR_LEAD}),
    "answer-clarification": (
        {S.CLARIFICATION},
        {R.PPK_OFFICER, R.MINISTRY_OFFICER, R.ANALYST, R.SUPERVISOR_LEAD},
    ),
    "edit-letter": ({S.PROVEN}, {R.ANALYST, R.DECIDER, R.SUPERVISOR_LEAD}),
    "override-routing": (OPEN, {R.DECIDER, R.SUPERVISOR_LEAD}),
    "reroute": (OPEN, {R.DECIDER, R.SUPERVISOR_LEAD}),
    "link-ombudsman": (OPEN | {S.RECOMMENDED}, {R.INTAKE_OFFICER, R.ANALYST, R.SUPERVISOR_LEAD}),
}


def visible(role, state) -> bool:
    if role in (R.SUPERVISOR_LEAD, R.DECIDER, R.ANALYST):  # the analyst is assigned to every matrix case
        return True
    if role == R.INTAKE_OFFICER:
        return state in FRONT_DESK_STATES
    # PPK/ministry users belong to the addressee organisation (cases disclosed); the Ombudsman has a referral.
    return role in (R.PPK_OFFICER, R.MINISTRY_OFFICER, R.OMBUDSMAN_LIAISON)


def expected(role, state, action) -> str:
    if not visible(role, state):
        return "404"
    sources, roles = SPEC[action]
    if role not in roles:
        return "403"
    if state not in sources:
        return "409"
    if action == "claim":  # the matrix cases are already assigned: claiming one is a conflict
        return "409"
    return "ok"


class _Rollback(Exception):
    pass


def payload(action, users, other_case):
    return {
        "reject": {"reason_code": "incomplete", "reason": "Data tidak lengkap."},
        "merge": {"target": other_case, "reason": "Sama dengan kasus lain."},
        "refer": {
            "partner": "ombudsman",
            "maladministration": "penyimpangan-prosedur",
            "note": "Maladministrasi.",
        },
        "share-with-partner": {"partner": "ombudsman", "maladministration": "berpihak", "note": "Bersama."},
        "start-investigation": {"category": "skb2022-a4"},
        "request-clarification": {"question": "Mohon penjelasan."},
        "decide": {"outcome": "not_proven", "findings": "Tidak cukup bukti."},
        "reconsider": {"reason": "Perlu saksi tambahan."},
        "assign": {"assignee": users[R.ANALYST].username},
        "answer-clarification": {"body": "Penjelasan terlapor."},
        "edit-letter": {"subject": "Perihal", "body": "Isi surat."},
        "override-routing": {"addressee": "kemendagri", "conflict_of_interest": True, "reason": "Petahana."},
        "link-ombudsman": {"ombudsman_register_number": "0123/LM/VI/2025/JKT"},
    }.get(action, {})


def outcome(action, case_pk, user, data) -> str:
    if not Case.objects.visible_to(user).filter(pk=case_pk).exists():
        return "404"
    case = Case.objects.select_related("category", "agency", "addressee", "election").get(pk=case_pk)
    try:
        with transaction.atomic():
            services.perform(action, case, user, **data)
            raise _Rollback
    except _Rollback:
        return "ok"
    except NotAllowed:
        return "403"
    except InvalidTransition:
        return "409"


@pytest.fixture
def matrix_users(db):
    addressee = Organisation.objects.get(code="ppk-kota-73-71")
    orgs = {R.OMBUDSMAN_LIAISON: "ombudsman", R.BAWASLU_OFFICER: "bawaslu-73", R.CSO_MONITOR: "cso-pattiro"}
    users = {}
    for role in Role:
        org = addressee
        if role in orgs:
            org = Organisation.objects.get(code=orgs[role])
        elif role not in (R.PPK_OFFICER, R.MINISTRY_OFFICER):
            org = Organisation.objects.get(code="bkn-wasdal")
        user = User.objects.create(username=f"matrix-{role.value}", organisation=org, full_name=role.label)
        RoleAssignment.objects.create(user=user, role=role)
        users[role] = user
    return users


def test_the_transition_table_holds_for_every_role_state_and_action(matrix_users, personas):
    users = matrix_users
    analyst = users[R.ANALYST]
    addressee = Organisation.objects.get(code="ppk-kota-73-71")
    ombudsman = Organisation.objects.get(code="ombudsman")
    other_case = CaseFactory(state=S.VERIFICATION)
    cases = {}
    for state in CaseState:
        case = CaseFactory(state=state, assignee=analyst, addressee=addressee, disclosed_at=timezone.now())
        ClarificationRequest.objects.create(
            case=case, question="Q", requested_by=analyst, addressee=addressee
        )
        RecommendationLetter.objects.create(case=case, authority=case.authority, subject="S", body="B")
        Referral.objects.create(
            case=case, partner=ombudsman, mode=ReferralMode.JOINT, note="N", sent_by=analyst
        )
        cases[state] = case.pk
    mismatches, successes = [], 0
    for role, user in users.items():
        for state, case_pk in cases.items():
            for action in Action.values:
                want = expected(role, state, action)
                got = outcome(action, case_pk, user, payload(action, users, other_case))
                successes += got == "ok"
                if got != want:
                    mismatches.append((role.value, state, action, want, got))
    assert mismatches == []
    assert successes > 40  # the happy paths really ran (and were rolled back)


def test_the_generated_workflow_doc_matches_the_table():
    assert DOC_PATH.read_text(encoding="utf-8") == workflow_markdown(), "run manage.py workflow_docs"


def test_an_analyst_acts_only_on_cases_assigned_to_them(personas):
    analyst, lead = personas["analis"], personas["komisioner"]
    other = User.objects.create(username="analis2", organisation=analyst.organisation)
    RoleAssignment.objects.create(user=other, role=R.ANALYST)
    case = CaseFactory(state=S.INVESTIGATION, assignee=other)
    team_case = CaseFactory(state=S.INVESTIGATION, assignee=lead)
    # outside the analyst's scope: the engine reports it as missing (404), never as forbidden
    with pytest.raises(NotFound):
        services.decide(case, analyst, outcome="not_proven", findings="x")
    # the pool: unassigned cases in verification can be claimed, then acted on
    pool = CaseFactory(state=S.VERIFICATION, assignee=None)
    assert Case.objects.visible_to(analyst).filter(pk=pool.pk).exists()
    assert not Case.objects.visible_to(analyst).filter(pk=team_case.pk).exists()
    services.claim(pool, analyst)
    with pytest.raises(NotFound):  # claimed: no longer in the pool the other analyst sees
        services.claim(Case.objects.get(pk=pool.pk), other)
    services.start_investigation(Case.objects.get(pk=pool.pk), analyst, category="skb2022-a1")
    assert Case.objects.get(pk=pool.pk).state == S.INVESTIGATION
