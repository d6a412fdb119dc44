"""Backup and restore round trip (ADR 0096): same row counts, audit chain verifies, files intact, evidence still
decrypts. Runs on the configured database: PostgreSQL in CI's second pass (pg_dump/pg_restore), SQLite in
the first (the backup API)."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

from pantas.core import backup
from pantas.core.audit import seal, verify_chain
from pantas.intake.models import Evidence
from pantas.intake.security import storage
from pantas.intake.security.files import check_upload
from pantas.intake.services.submit import PersonInput, ReportInput, submit_report
from pantas.intake.tests.conftest import jpeg_with_gps, pdf_bytes, upload

pytestmark = [pytest.mark.django_db(transaction=True)]


APPS = {"core", "registry", "accounts", "intake", "cases", "merit", "auth"}
# Run inside a separate process against the restored database: counts, audit chain, evidence decryption.
PROBE = """
import hashlib, json
from django.apps import apps
from pantas.core.audit import verify_chain
from pantas.intake.models import Evidence
from pantas.intake.security import storage
print(json.dumps({
    "counts": {m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.app_label in APPS},
    "broken": verify_chain(),
    "files": {e.storage_name: hashlib.sha256(storage.load(e.storage_name)).hexdigest()
              for e in Evidence.objects.exclude(storage_name="")},
}))
""".replace("APPS", repr(sorted(APPS)))


def _counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.app_label in APPS}


def _probe(url: str, evidence_root: Path, var_dir: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pantas.settings.test",
        "DATABASE_URL": url,
        "PANTAS_EVIDENCE_ROOT": str(evidence_root),
        "PANTAS_VAR_DIR": str(var_dir),
    }
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PROBE],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _tree(root: Path) -> dict:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


@pytest.fixture
def restored_db(tmp_path):
    """An empty database next to the test database, as a second connection alias."""
    source = connection.settings_dict
    if connection.vendor == "postgresql":
        name = f"{source['NAME']}_restored"
        env = {**os.environ, "PGPASSWORD": str(source.get("PASSWORD") or "")}
        psql = [
            "psql",
            "-h",
            str(source["HOST"]),
            "-p",
            str(source["PORT"] or 5432),
            "-U",
            str(source["USER"]),
            "-d",
            "postgres",
        ]
        subprocess.run(
            [*psql, "-c", f'DROP DATABASE IF EXISTS "{name}"'], env=env, check=True, capture_output=True
        )
        subprocess.run([*psql, "-c", f'CREATE DATABASE "{name}"'], env=env, check=True, capture_output=True)
    else:
        name = str(tmp_path / "restored.sqlite3")
    yield {**source, "NAME": name, "TEST": {}}
    if connection.vendor == "postgresql":
        subprocess.run(
            [*psql, "-c", f'DROP DATABASE IF EXISTS "{name}"'], env=env, check=True, capture_output=True
        )


def test_backup_restores_into_an_empty_database_with_everything_intact(settings, tmp_path, restored_db):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    settings.PANTAS_RECEIPT_ARGON2 = {"time_cost": 1, "memory_cost": 1024}
    for i in range(2):
        submit_report(
            ReportInput(
                description=f"Kepala dinas mengajak ASN hadir di kampanye ({i}).",
                persons=[PersonInput(name=f"Terlapor {i}")],
                anonymity="anonymous",
                files=[
                    check_upload(upload("a.jpg", jpeg_with_gps())),
                    check_upload(upload("b.pdf", pdf_bytes())),
                ],
            )
        )
    seal()
    assert verify_chain() == []
    originals = {e.storage_name: storage.load(e.storage_name) for e in Evidence.objects.all()}

    manifest = backup.backup(tmp_path / "backup")
    assert manifest["files"] and all(len(h) == 64 for h in manifest["files"].values())
    with pytest.raises(backup.BackupError):
        backup.restore(tmp_path / "backup", db=connection.settings_dict, evidence_root=tmp_path / "evidence")

    backup.restore(tmp_path / "backup", db=restored_db, evidence_root=tmp_path / "restored-evidence")

    assert _tree(tmp_path / "restored-evidence") == _tree(tmp_path / "evidence")
    if connection.vendor == "postgresql":
        db = restored_db
        url = f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    else:
        url = f"sqlite:///{restored_db['NAME']}"
    restored = _probe(url, tmp_path / "restored-evidence", tmp_path / "var")
    assert restored["counts"] == _counts()
    assert restored["broken"] == []
    assert restored["files"] == {name: hashlib.sha256(data).hexdigest() for name, data in originals.items()}
    assert len(restored["files"]) == 4


def test_restore_refuses_a_tampered_backup(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    (tmp_path / "evidence" / "intake").mkdir(parents=True)
    (tmp_path / "evidence" / "intake" / "x").write_bytes(b"ciphertext")
    backup.backup(tmp_path / "backup")
    (tmp_path / "backup" / "evidence" / "intake" / "x").write_bytes(b"changed")
    with pytest.raises(backup.BackupError, match="SHA-256"):
        backup.verify(tmp_path / "backup")
