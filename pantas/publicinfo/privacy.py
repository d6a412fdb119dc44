"""The reporters' privacy notice (UU 27/2022) reads its retention periods from the Hardening reference data
(`core/data/retention.json`, ADR 0095): the rules loaded in the database when there are any, else the shipped
file — never periods written into the page."""

import json
from dataclasses import dataclass

from pantas.core import retention

# The kinds a reporter's data falls under, in the order the notice explains them.
REPORTER_KINDS = (
    "intake.sealed_identity",
    "intake.rejected_anonymous_report",
    "intake.evidence_file",
    "cases.closed_case",
)


@dataclass(frozen=True)
class RetentionLine:
    kind: str
    days: int
    action: str
    legal_source: str
    description: str
    version: str

    @property
    def years(self) -> float:
        return round(self.days / 365, 1)


def retention_rules() -> list[RetentionLine]:
    loaded = {rule.kind: rule for rule in retention.current_rules()}
    if loaded:
        lines = [
            RetentionLine(r.kind, r.days, r.action, r.legal_source, r.description, r.version)
            for r in loaded.values()
        ]
    else:
        data = json.loads(retention.DATA.read_text(encoding="utf-8"))
        lines = [
            RetentionLine(r["kind"], r["days"], r["action"], r["legal_source"], r.get("description", ""),
                          data["version"])
            for r in data["rules"]
        ]  # fmt: skip
    order = {kind: index for index, kind in enumerate(REPORTER_KINDS)}
    return sorted((line for line in lines if line.kind in order), key=lambda line: order[line.kind])


def retention_basis() -> str:
    return json.loads(retention.DATA.read_text(encoding="utf-8"))["basis"]
