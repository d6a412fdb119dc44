"""Encrypted file store under `settings.EVIDENCE_ROOT` (outside the web root), random names (ADR 0013).

Files are encrypted with a SecretBox key derived from `PANTAS_EVIDENCE_KEY` when set, else from SECRET_KEY
(BLAKE2b with a purpose-specific `person`), so a copied evidence directory alone reveals nothing.
"""

import hashlib
import os
import secrets
from pathlib import Path

import nacl.secret
from django.conf import settings

_PERSON = b"pantas-evidence"


def _box() -> nacl.secret.SecretBox:
    material = getattr(settings, "PANTAS_EVIDENCE_KEY", "") or settings.SECRET_KEY
    key = hashlib.blake2b(material.encode(), digest_size=32, person=_PERSON).digest()
    return nacl.secret.SecretBox(key)


def _path(name: str) -> Path:
    if len(name) != 32 or not all(c in "0123456789abcdef" for c in name):
        raise ValueError("invalid storage name")
    return Path(settings.EVIDENCE_ROOT) / "intake" / name[:2] / name


def save(data: bytes) -> str:
    """Encrypt and write `data`; return its random storage name."""
    name = secrets.token_hex(16)
    path = _path(name)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        fh.write(_box().encrypt(data))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return name


def load(name: str) -> bytes:
    return _box().decrypt(_path(name).read_bytes())


def delete(name: str) -> None:
    try:
        _path(name).unlink()
    except (FileNotFoundError, ValueError):
        pass
