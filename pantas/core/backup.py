"""Backup and restore: database dump + evidence files + a manifest with the SHA-256 of each (ADR 0096).

PostgreSQL is dumped with `pg_dump --format=custom` and restored with `pg_restore` (schema, data, the audit
triggers and the purge-permit table come back as they were); SQLite with its online backup API. The evidence
tree (`EVIDENCE_ROOT`: intake files and merit evidence, already encrypted at rest) is copied as is, so restored
files still decrypt with the same `PANTAS_EVIDENCE_KEY`. A restore checks every hash before touching anything and
refuses a database that already has tables or an evidence directory that is not empty.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump/pg_restore with argument lists, never a shell
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_DUMP = "database.sqlite3"
EVIDENCE = "evidence"


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} not found: install the PostgreSQL client tools (postgresql-client)")
    return path


def _pg_env(db: dict) -> tuple[list[str], dict]:
    """Connection arguments for the PostgreSQL client tools; the password goes through the environment."""
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def backup(target: Path, db: dict | None = None) -> dict:
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty")
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    db = db or connection.settings_dict
    vendor = "postgresql" if "postgresql" in db["ENGINE"] else "sqlite"
    if vendor == "postgresql":
        args, env = _pg_env(db)
        cmd = [
            _tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(target / PG_DUMP),
        ]
        subprocess.run([*cmd, *args], env=env, check=True)  # noqa: S603
    else:
        source = sqlite3.connect(db["NAME"])
        dest = sqlite3.connect(target / SQLITE_DUMP)
        with dest:
            source.backup(dest)
        dest.close()
        source.close()
    evidence_root = Path(settings.EVIDENCE_ROOT)
    if evidence_root.exists():
        shutil.copytree(evidence_root, target / EVIDENCE, ignore=shutil.ignore_patterns("*.tmp"))
    files = {
        str(path.relative_to(target)): _sha256(path)
        for path in sorted(target.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }
    manifest = {"created_at": timezone.now().isoformat(), "vendor": vendor, "files": files}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    return manifest


def verify(source: Path) -> dict:
    """Check every file against the manifest (and that nothing is missing); returns the manifest."""
    source = Path(source)
    manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    for rel, expected in manifest["files"].items():
        path = source / rel
        if not path.is_file() or _sha256(path) != expected:
            raise BackupError(f"{rel}: missing or its SHA-256 does not match the manifest")
    return manifest


def _pg_is_empty(db: dict) -> bool:
    args, env = _pg_env(db)
    sql = "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
    out = subprocess.run(  # noqa: S603
        [_tool("psql"), "-tAc", sql, *args], env=env, check=True, capture_output=True, text=True
    ).stdout
    return out.strip() == "0"


def restore(source: Path, db: dict | None = None, evidence_root: Path | None = None) -> dict:
    source = Path(source)
    manifest = verify(source)
    db = db or connection.settings_dict
    evidence_root = Path(evidence_root or settings.EVIDENCE_ROOT)
    if evidence_root.exists() and any(evidence_root.rglob("*")):
        raise BackupError(f"{evidence_root} is not empty")
    if manifest["vendor"] == "postgresql":
        if "postgresql" not in db["ENGINE"]:
            raise BackupError("a PostgreSQL backup restores into PostgreSQL only")
        if not _pg_is_empty(db):
            raise BackupError("the target database is not empty")
        args, env = _pg_env(db)
        cmd = [_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", str(source / PG_DUMP)]
        subprocess.run([*cmd, *args], env=env, check=True)  # noqa: S603
    else:
        target = Path(db["NAME"])
        if target.exists() and target.stat().st_size > 0:
            probe = sqlite3.connect(target)
            tables = probe.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
            probe.close()
            if tables:
                raise BackupError("the target database is not empty")
        src = sqlite3.connect(source / SQLITE_DUMP)
        dest = sqlite3.connect(target)
        with dest:
            src.backup(dest)
        dest.close()
        src.close()
    if (source / EVIDENCE).exists():
        shutil.copytree(source / EVIDENCE, evidence_root, dirs_exist_ok=True)
    return manifest
