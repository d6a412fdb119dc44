"""Every workflow table as documentation: the same rows feed the staff pages and the committed Markdown files
(`manage.py workflow_docs`; a test keeps each committed file equal to its table)."""

from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override

from .roles import Role
from .workflow import KEEP, SYSTEM, Workflow

DOCS_DIR = Path(settings.BASE_DIR) / "docs" / "workflows"


def doc_path(flow: Workflow) -> Path:
    return DOCS_DIR / f"{flow.name}.md"


def _role_label(flow: Workflow, rule, role) -> str:
    if role == SYSTEM:
        return _("Sistem (tugas terjadwal)")
    label = str(Role(role).label)
    qualifier = flow.qualifiers_of(rule).get(role)
    return f"{label} ({qualifier.label})" if qualifier else label


def _deadline(rule) -> str:
    if rule.deadline == KEEP:
        return _("tetap")
    if rule.deadline is None:
        return _("tidak ada")
    return rule.deadline


def workflow_rows(flow: Workflow) -> dict:
    rules = [
        {
            "action": str(rule.action),
            "label": rule.label,
            "sources": [(s, flow.state_label(s)) for s in flow.states.values if s in rule.sources],
            "targets": [(t, flow.state_label(t)) for t in rule.targets],
            "roles": sorted(_role_label(flow, rule, r) for r in rule.roles),
            "audit_code": rule.audit_code,
            "deadline": _deadline(rule),
        }
        for rule in flow.rules.values()
    ]
    states = [(s.value, str(s.label), s in flow.terminal) for s in flow.states]
    return {"flow": flow, "rules": rules, "states": states}


def workflow_markdown(flow: Workflow) -> str:
    with override("id"):
        data = workflow_rows(flow)
    lines = [
        f"# Alur `{flow.name}` (dibuat otomatis dari tabel alur kerja)",
        "",
        "Jangan ubah berkas ini dengan tangan: jalankan `manage.py workflow_docs`.",
        "Urutan pemeriksaan: terlihat? (404) → peran berwenang? (403) → status memungkinkan? (409).",
        "",
        "## Status",
        "",
        "| kode | status | akhir |",
        "|---|---|---|",
    ]
    lines += [f"| `{code}` | {label} | {'ya' if end else ''} |" for code, label, end in data["states"]]
    lines += [
        "",
        "## Aksi",
        "",
        "| aksi | nama | dari status | ke status | peran | audit | tenggat |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in data["rules"]:
        sources = ", ".join(f"`{code}`" for code, _label in row["sources"])
        targets = ", ".join(f"`{code}`" for code, _label in row["targets"]) or "(tetap)"
        lines.append(
            f"| `{row['action']}` | {row['label']} | {sources} | {targets} | {'; '.join(row['roles'])} | "
            f"`{row['audit_code']}` | {row['deadline']} |"
        )
    return "\n".join(lines) + "\n"
