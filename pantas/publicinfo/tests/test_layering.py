"""The Media Center is last in the flow (ADR 0100): no other app imports it, and it reads only what it may —
registry, accounts, the case catalogues, the follow-up clearance service, core, lib and api. Checked on the
source (AST), lazy imports included."""

import ast
from pathlib import Path

import pantas

ROOT = Path(pantas.__file__).parent
APP = ROOT / "publicinfo"
ALLOWED = {"core", "lib", "api", "registry", "accounts", "cases", "followup", "publicinfo"}


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_no_other_app_imports_publicinfo():
    offenders = []
    for path in ROOT.rglob("*.py"):
        if APP in path.parents or path.parent.name == "migrations":
            continue
        if any(m == "pantas.publicinfo" or m.startswith("pantas.publicinfo.") for m in _imports(path)):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_publicinfo_imports_only_apps_before_it():
    used = set()
    for path in APP.rglob("*.py"):
        used |= {m.split(".")[1] for m in _imports(path) if m.startswith("pantas.") and m.count(".") >= 1}
    assert used <= ALLOWED, used - ALLOWED
    assert {"followup", "registry"} <= used  # the clearance service and the catalogues
