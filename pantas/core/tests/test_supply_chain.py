"""P-22 supply chain: the lock file is hashed and installed with --require-hashes; every vendored static file
is listed with its SHA-256; no third-party code hides among the project's own static files."""

import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
MANIFEST = ROOT / "pantas" / "core" / "data" / "vendored.json"
THIRD_PARTY_MARKERS = re.compile(rb"@license|\(c\) \d{4}|Copyright \(c\)|sourceMappingURL", re.IGNORECASE)


def _requirement_blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#") or line.startswith("--"):
            continue
        if line[0].isspace():
            blocks[-1].append(line.strip())
        else:
            blocks.append([line.strip()])
    return blocks


def test_every_locked_requirement_is_pinned_and_hashed():
    blocks = _requirement_blocks((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    assert len(blocks) > 50
    for block in blocks:
        name = block[0]
        assert re.match(r"^[A-Za-z0-9_.\-\[\],]+==[^ ]+ \\$", name), f"not pinned: {name}"
        assert any(re.match(r"^--hash=sha256:[0-9a-f]{64}", part) for part in block), f"no hash: {name}"


def test_install_requires_hashes():
    assert "--require-hashes" in (ROOT / "Makefile").read_text(encoding="utf-8")


def _static_files():
    for static in ROOT.joinpath("pantas").glob("**/static"):
        if ".venv" in static.parts:
            continue
        yield from (p for p in static.rglob("*") if p.is_file())


def _test_vendor_files():
    """Tools vendored for the tests only (axe-core), under `<app>/tests/vendor/`: never served."""
    for vendor in ROOT.joinpath("pantas").glob("*/tests/vendor"):
        yield from (p for p in vendor.rglob("*") if p.is_file())


def test_every_vendored_file_is_listed_with_its_sha256():
    listed = {entry["path"]: entry for entry in json.loads(MANIFEST.read_text(encoding="utf-8"))["files"]}
    vendored = {str(p.relative_to(ROOT)) for p in _static_files() if "vendor" in p.relative_to(ROOT).parts}
    vendored |= {str(p.relative_to(ROOT)) for p in _test_vendor_files()}
    assert vendored == set(listed), "vendor/ files and core/data/vendored.json differ"
    for path, entry in listed.items():
        assert {"version", "source", "licence", "sha256"} <= set(entry), path
        assert hashlib.sha256((ROOT / path).read_bytes()).hexdigest() == entry["sha256"], f"{path} changed"


def test_no_third_party_code_outside_vendor_directories():
    for path in _static_files():
        if "vendor" in path.relative_to(ROOT).parts or path.suffix not in {".js", ".css"}:
            continue
        assert not path.name.endswith((".min.js", ".min.css")), f"{path}: vendored files go under vendor/"
        assert not THIRD_PARTY_MARKERS.search(path.read_bytes()), (
            f"{path}: looks third-party; vendor and list it"
        )
