"""A short-lived, encrypted holding area for the files chosen on `/lapor/` (ADR 0110).

A browser cannot re-fill a file input, so without this every validation error or "tambah terlapor" press would
lose the files the reporter picked. Files that pass the upload checks are held for at most `HOLD_SECONDS`:

* under `EVIDENCE_ROOT/holding/<HMAC of the hold id>/` — the hold id itself is never written to disk;
* encrypted with a SecretBox key derived from the evidence key material *and* the hold id, which only the
  reporter's form carries (a signed, time-stamped hidden field), so the server alone cannot open a held file
  once the form is gone;
* checked again when taken (`take`): the same `check_upload` as a fresh upload, so nothing skips the checks;
* removed when the report is sent, when the reporter presses "hapus", when the signed id expires (one hour),
  and by the retention purge (`intake.held_upload`, `manage.py purge_expired`) for forms never sent.

Nothing here knows who the reporter is: no IP, no session, no cookie; only the form holds the id.
"""

import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import nacl.exceptions
import nacl.secret
from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile

from . import files as file_checks

HOLD_SECONDS = 3600
MAX_HELD = 10
_SALT = "pantas.intake.hold"
_PERSON = b"pantas-hold"
_FILE_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class HeldFile:
    id: str
    name: str
    size: int
    sha256: str


def new_hold() -> str:
    """A signed, time-stamped new hold id for a form's hidden `hold` field."""
    return signing.TimestampSigner(salt=_SALT).sign(secrets.token_urlsafe(24))


def open_hold(value: str) -> str | None:
    """The hold id from the form's field, or None when missing, forged or older than `HOLD_SECONDS`."""
    try:
        return signing.TimestampSigner(salt=_SALT).unsign(value or "", max_age=HOLD_SECONDS)
    except signing.BadSignature:
        return None


def root() -> Path:
    return Path(settings.EVIDENCE_ROOT) / "holding"


def _dir(hold_id: str) -> Path:
    name = hmac.new(settings.SECRET_KEY.encode(), f"hold|{hold_id}".encode(), hashlib.sha256).hexdigest()[:32]
    return root() / name


def _box(hold_id: str) -> nacl.secret.SecretBox:
    material = (getattr(settings, "PANTAS_EVIDENCE_KEY", "") or settings.SECRET_KEY).encode()
    key = hashlib.blake2b(
        hold_id.encode(), key=hashlib.sha256(material).digest(), digest_size=32, person=_PERSON
    )
    return nacl.secret.SecretBox(key.digest())


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def held(hold_id: str) -> list[HeldFile]:
    """The files held for this form, oldest first (unreadable entries are removed)."""
    folder = _dir(hold_id)
    if not folder.is_dir():
        return []
    box, found = _box(hold_id), []
    for meta in sorted(folder.glob("*.meta"), key=lambda p: p.stat().st_mtime):
        try:
            info = json.loads(box.decrypt(meta.read_bytes()))
            found.append(HeldFile(meta.stem, info["name"], info["size"], info["sha256"]))
        except (OSError, ValueError, KeyError, nacl.exceptions.CryptoError):
            drop(hold_id, meta.stem)
    return found


def hold(hold_id: str, checked: list) -> list:
    """Hold checked files (`security.files.CheckedFile`) not already held; returns those that did not fit
    (over `MAX_HELD`), so the page can name them to be picked again."""
    already = held(hold_id)
    hashes = {f.sha256 for f in already}
    room = MAX_HELD - len(already)
    folder = _dir(hold_id)
    box, left_out = _box(hold_id), []
    for item in checked:
        if item.sha256 in hashes:
            continue
        if room <= 0:
            left_out.append(item)
            continue
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        file_id = secrets.token_hex(16)
        _write(folder / f"{file_id}.data", bytes(box.encrypt(item.data)))
        meta = {"name": item.name, "size": item.size, "sha256": item.sha256}
        _write(folder / f"{file_id}.meta", bytes(box.encrypt(json.dumps(meta).encode())))
        hashes.add(item.sha256)
        room -= 1
    return left_out


def take(hold_id: str) -> tuple[list, list[str]]:
    """The held files as `CheckedFile`s, checked again like a fresh upload; and the names of any that no
    longer pass (or cannot be read), for the page to name."""
    box, checked, failed = _box(hold_id), [], []
    for item in held(hold_id):
        try:
            data = box.decrypt((_dir(hold_id) / f"{item.id}.data").read_bytes())
            checked.append(file_checks.check_upload(SimpleUploadedFile(item.name, data)))
        except (OSError, nacl.exceptions.CryptoError, file_checks.FileRejected):
            drop(hold_id, item.id)
            failed.append(item.name)
    return checked, failed


def drop(hold_id: str, file_id: str) -> None:
    if not _FILE_ID.match(file_id or ""):
        return
    for suffix in (".data", ".meta"):
        try:
            (_dir(hold_id) / f"{file_id}{suffix}").unlink()
        except FileNotFoundError:
            pass


def clear(hold_id: str) -> None:
    shutil.rmtree(_dir(hold_id), ignore_errors=True)


def expired(older_than: float) -> list[str]:
    """Names of holding folders last written before the epoch time `older_than`."""
    base = root()
    if not base.is_dir():
        return []
    stale = []
    for folder in base.iterdir():
        if not folder.is_dir():
            continue
        times = [p.stat().st_mtime for p in folder.iterdir()] or [folder.stat().st_mtime]
        if max(times) < older_than:
            stale.append(folder.name)
    return stale


def remove(names) -> int:
    base, count = root(), 0
    for name in names:
        if re.fullmatch(r"[0-9a-f]{32}", str(name)) and (base / name).is_dir():
            shutil.rmtree(base / name, ignore_errors=True)
            count += 1
    return count


def purge_expired(now: float | None = None) -> int:
    """Remove every holding folder untouched for `HOLD_SECONDS` (also run by the retention purge)."""
    return remove(expired((now or time.time()) - HOLD_SECONDS))
