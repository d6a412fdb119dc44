"""The statistics app reads other apps only through their read contracts (`<app>.facts`), never their models,
services or views (AST check over every module of pantas/insights)."""

import ast
from pathlib import Path

import pantas.insights

ROOT = Path(pantas.insights.__file__).parent
DOMAIN_APPS = {"intake", "cases", "followup", "merit", "accounts", "registry"}


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.count(".") == 1:  # `from pantas.cases import facts`
                yield from (f"{node.module}.{alias.name}" for alias in node.names)
            else:
                yield node.module


def test_insights_reads_other_apps_only_through_facts():
    offending = []
    for path in ROOT.rglob("*.py"):
        if "tests" in path.relative_to(ROOT).parts:
            continue
        for module in imported_modules(path):
            parts = module.split(".")
            if len(parts) >= 2 and parts[0] == "pantas" and parts[1] in DOMAIN_APPS:
                if len(parts) == 2 or parts[2] != "facts":
                    offending.append(f"{path.relative_to(ROOT)}: {module}")
    assert offending == []
