"""docs/security.md names real tests: every `path::test` it cites exists (a renamed test breaks this)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _cited():
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    last_file = None
    for match in re.finditer(r"`((pantas/[\w/]+\.py)|…)::(test_\w+)`", text):
        last_file = match.group(2) or last_file
        yield last_file, match.group(3)


def test_every_cited_test_exists():
    cited = list(_cited())
    assert len(cited) > 60
    missing = [
        f"{path}::{name}"
        for path, name in cited
        if not re.search(rf"^def {name}\(", (ROOT / path).read_text(encoding="utf-8"), re.M)
    ]
    assert not missing, missing
