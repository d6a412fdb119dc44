"""The workflow table as documentation: rendered at /kasus/alur/ and written to `docs/workflow.md` by
`manage.py cases_workflow_doc` (a test keeps the committed file equal to the table)."""

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import override

from pantas.core.roles import Role

from .workflow import ADDRESSEE_ONLY, KEEP, RULES, TERMINAL_STATES, CaseState

DOC_PATH = Path(__file__).resolve().parent / "docs" / "workflow.md"


def _role_label(rule, role) -> str:
    label = str(Role(role).label)
    if role in rule.assigned_only:
        return _("%(role)s (hanya kasus yang ditugaskan kepadanya)") % {"role": label}
    if role in ADDRESSEE_ONLY:
        return _("%(role)s (hanya kasus yang ditujukan ke organisasinya)") % {"role": label}
    return label


def _deadline(rule) -> str:
    if rule.deadline == KEEP:
        return _("tetap")
    if rule.deadline is None:
        return _("tidak ada")
    return rule.deadline


def workflow_rows() -> dict:
    rules = []
    for rule in RULES.values():
        rules.append(
            {
                "action": rule.action.value,
                "label": str(rule.action.label),
                "sources": [(s, str(CaseState(s).label)) for s in CaseState.values if s in rule.sources],
                "targets": [(t, str(CaseState(t).label)) for t in rule.targets],
                "roles": sorted(_role_label(rule, r) for r in rule.roles),
                "audit_code": rule.audit_code,
                "deadline": _deadline(rule),
            }
        )
    states = [(s.value, str(s.label), s in TERMINAL_STATES) for s in CaseState]
    return {"rules": rules, "states": states}


def workflow_markdown() -> str:
    with override("id"):
        data = workflow_rows()
    lines = [
        "# Alur kasus (dibuat otomatis dari `pantas/cases/workflow.py`)",
        "",
        "Jangan ubah berkas ini dengan tangan: jalankan `manage.py cases_workflow_doc`.",
        "Urutan pemeriksaan: terlihat? (404) → peran berwenang? (403) → status memungkinkan? (409).",
        "",
        "## Status",
        "",
        "| kode | status | akhir |",
        "|---|---|---|",
    ]
    lines += [
        f"| `{code}` | {label} | {'ya' if terminal else ''} |" for code, label, terminal in data["states"]
    ]
    lines += [
        "",
        "## Aksi",
        "",
        "| aksi (API) | nama | dari status | ke status | peran | audit | tenggat |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in data["rules"]:
        sources = ", ".join(f"`{code}`" for code, _label in row["sources"])
        targets = ", ".join(f"`{code}`" for code, _label in row["targets"]) or "(tetap)"
        roles = "; ".join(row["roles"])
        lines.append(
            f"| `{row['action']}` | {row['label']} | {sources} | {targets} | {roles} | "
            f"`{row['audit_code']}` | {row['deadline']} |"
        )
    return "\n".join(lines) + "\n"
