"""Case use cases. Every entry point (web, API, commands, jobs) calls these functions; `perform()` routes an
action name from the workflow table to its one service function."""

from ..workflow import Action
from .candidacy import declare_candidacy
from .letters import edit_letter, issue_recommendation
from .opening import open_cases_for_report, reports_without_case
from .referrals import reply_to_referral
from .transitions import (
    answer_clarification,
    assign,
    claim,
    decide,
    link_ombudsman,
    merge,
    override_routing,
    reconsider,
    refer,
    reject,
    request_clarification,
    reroute,
    resume_investigation,
    share_with_partner,
    start_investigation,
    verify,
)

SERVICES = {
    Action.VERIFY: verify,
    Action.REJECT: reject,
    Action.MERGE: merge,
    Action.REFER: refer,
    Action.START_INVESTIGATION: start_investigation,
    Action.REQUEST_CLARIFICATION: request_clarification,
    Action.RESUME_INVESTIGATION: resume_investigation,
    Action.DECIDE: decide,
    Action.RECONSIDER: reconsider,
    Action.ISSUE_RECOMMENDATION: issue_recommendation,
    Action.ASSIGN: assign,
    Action.CLAIM: claim,
    Action.SHARE_WITH_PARTNER: share_with_partner,
    Action.ANSWER_CLARIFICATION: answer_clarification,
    Action.EDIT_LETTER: edit_letter,
    Action.OVERRIDE_ROUTING: override_routing,
    Action.REROUTE: reroute,
    Action.LINK_OMBUDSMAN: link_ombudsman,
}
assert set(SERVICES) == set(Action), "every action in the workflow table needs its service function"


def perform(action: str, case, actor, **data):
    return SERVICES[action](case, actor, **data)


__all__ = [
    "SERVICES",
    "answer_clarification",
    "assign",
    "claim",
    "decide",
    "declare_candidacy",
    "edit_letter",
    "issue_recommendation",
    "link_ombudsman",
    "merge",
    "open_cases_for_report",
    "override_routing",
    "perform",
    "reconsider",
    "refer",
    "reject",
    "reply_to_referral",
    "reports_without_case",
    "request_clarification",
    "reroute",
    "resume_investigation",
    "share_with_partner",
    "start_investigation",
    "verify",
]
