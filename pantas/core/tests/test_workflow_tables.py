"""The generic permission matrix over every workflow table of every app (ADR 0038/0039): for each table, each
role × state × action, a user holding only that role may act exactly when the table says so; plus the
table's own consistency and its committed documentation."""

import re
from types import SimpleNamespace

import pytest

from pantas.core.errors import InvalidTransition, NotAllowed
from pantas.core.roles import Role
from pantas.core.workflow import SYSTEM, all_workflows
from pantas.core.workflow_docs import doc_path, workflow_markdown

FLOWS = all_workflows()
ROLES = [*Role.values, SYSTEM]


def _user(role):
    """A user holding only `role` (None for the SYSTEM pseudo-role: jobs act without a user)."""
    if role == SYSTEM:
        return None
    return SimpleNamespace(is_authenticated=True, role_set=frozenset({role}), pk=-1, organisation_id=None)


def test_every_app_with_a_stateful_service_has_its_tables():
    names = {flow.name for flow in FLOWS}
    assert {
        "cases.case",
        "cases.referral",
        "intake.report",
        "intake.import",
        "merit.cycle",
        "merit.assessment",
        "merit.instrumentversion",
        "merit.import",
    } <= names


@pytest.mark.parametrize("flow", FLOWS, ids=lambda f: f.name)
def test_the_permission_matrix_is_the_table(flow, monkeypatch):
    # Unqualified: every qualifier ("assigned to me", "own agency") counts as satisfied; visibility is the
    # querysets' business (tested per app), so it is bypassed here.
    monkeypatch.setattr(flow, "qualifiers_of", lambda rule: {})
    monkeypatch.setattr(flow, "check_visible", False)
    for rule in flow.rules.values():
        for role in ROLES:
            for state in flow.states.values:
                obj = flow.model(**{flow.state_field: state})
                if role not in rule.roles:
                    expected = NotAllowed
                elif state not in rule.sources:
                    expected = InvalidTransition
                else:
                    expected = None
                if expected is None:
                    assert flow.check(_user(role), obj, rule.action) is rule, (role, state, rule.action)
                else:
                    with pytest.raises(expected):
                        flow.check(_user(role), obj, rule.action)


@pytest.mark.parametrize("flow", FLOWS, ids=lambda f: f.name)
def test_every_table_is_consistent(flow):
    app_label = flow.model._meta.app_label
    assert flow.name.split(".")[0] == app_label
    declared = set(flow.states.values)
    assert set(flow.terminal) <= declared
    assert set(flow.rules) == set(flow.actions.values)
    for rule in flow.rules.values():
        assert rule.sources and set(rule.sources) <= declared, rule.action
        assert set(rule.targets) <= declared, rule.action
        assert rule.roles and set(rule.roles) <= set(ROLES), rule.action
        assert re.fullmatch(rf"{app_label}\.[a-z_]+\.[a-z_]+", rule.audit_code), rule.audit_code
        assert rule.qualifiers is None or set(rule.qualifiers) <= set(rule.roles)
    assert set(flow.qualifiers) <= set(Role.values)
    model_fields = {f.name for f in flow.model._meta.fields}
    assert flow.state_field in model_fields
    for name in (flow.version_field, flow.changed_at_field, flow.closed_at_field, flow.updated_at_field):
        assert name is None or name in model_fields, name


@pytest.mark.parametrize("flow", FLOWS, ids=lambda f: f.name)
def test_every_table_has_its_committed_current_documentation(flow):
    path = doc_path(flow)
    assert path.exists(), f"run manage.py workflow_docs ({path.name} missing)"
    assert path.read_text(encoding="utf-8") == workflow_markdown(flow), "run manage.py workflow_docs"
