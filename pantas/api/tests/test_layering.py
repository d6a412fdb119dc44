"""API modules never import views (ARCHITECTURE.md): shared reads live in `<app>/queries.py`, role sets in
`<app>/roles.py`. Checked on the source (AST), so a lazy import inside a function is caught too."""

import ast
from pathlib import Path

import pantas

ROOT = Path(pantas.__file__).parent


def api_modules():
    for path in sorted(ROOT.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        if path.name == "api.py" or path.name.startswith("api_") or path.parent.name == "api":
            yield path


def imported_modules(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            yield module
            prefix = module if module.endswith(".") else module + "."
            yield from (prefix + alias.name for alias in node.names)  # `from . import views`


def is_views(module: str) -> bool:
    """A project views module (`rest_framework.views` and the like are fine)."""
    own = module.startswith((".", "pantas."))
    return own and "views" in module.split(".")


def test_api_modules_never_import_views():
    offenders = {
        str(path.relative_to(ROOT)): sorted({m for m in imported_modules(path) if is_views(m)})
        for path in api_modules()
    }
    assert {path: mods for path, mods in offenders.items() if mods} == {}


def test_the_check_sees_every_kind_of_views_import(tmp_path):
    sample = tmp_path / "api.py"
    sample.write_text(
        "from .views.cases import X\nfrom . import views\nimport pantas.cases.views\n"
        "def f():\n    from ..views import y\n"
    )
    found = {m for m in imported_modules(sample) if is_views(m)}
    assert {".views.cases", "..views", "pantas.cases.views", ".views"} <= found
    assert len(list(api_modules())) >= 6
