"""docs/security.md names real tests: every `path::test` it cites exists (a renamed test breaks this), every property
P-01…P-25 has its row, nothing is left "pending", "Not yet" comes with a reason, and the properties the acceptance
of issue 13 names each cite a test that runs on both databases (not PostgreSQL-only)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
BOTH_DATABASES = ("P-01", "P-10", "P-11", "P-15", "P-16", "P-17", "P-20", "P-22", "P-24")


def _text():
    return (ROOT / "docs" / "security.md").read_text(encoding="utf-8")


def _rows() -> dict[str, str]:
    return {m.group(1): m.group(0) for m in re.finditer(r"^\| (P-\d\d) \|.*$", _text(), re.M)}


def _cited(text):
    last_file = None
    for match in re.finditer(r"`((pantas/[\w/]+\.py)|…)::(test_\w+)`( \((postgres)\))?", text):
        last_file = match.group(2) or last_file
        yield last_file, match.group(3), bool(match.group(5))


def _exists(path, name) -> bool:
    file = ROOT / path
    return file.exists() and bool(re.search(rf"^def {name}\(", file.read_text(encoding="utf-8"), re.M))


def test_every_cited_test_exists():
    cited = list(_cited(_text()))
    assert len(cited) > 80
    missing = [f"{path}::{name}" for path, name, _ in cited if not _exists(path, name)]
    assert not missing, missing


def test_every_property_has_a_row_with_proof_or_a_reason():
    rows = _rows()
    assert sorted(rows) == [f"P-{n:02d}" for n in range(1, 26)]
    assert "pending" not in _text().lower()
    for key, row in rows.items():
        proof = row.split("|")[3]
        assert list(_cited(proof)) or re.search(r"Not yet: \w+", proof) or "`.ci/run`" in proof, key
        if "Not yet" in proof:
            assert re.search(r"Not yet: .{20,}", proof), f"{key}: 'Not yet' needs a reason"


def test_the_acceptance_properties_cite_a_test_on_both_databases():
    rows = _rows()
    for key in BOTH_DATABASES:
        both = [
            (path, name)
            for path, name, postgres_only in _cited(rows[key])
            if not postgres_only and "pytest.mark.postgres" not in (ROOT / path).read_text(encoding="utf-8")
        ]
        assert both, f"{key} cites no test that runs on SQLite and PostgreSQL"
