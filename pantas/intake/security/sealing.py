"""Confidential reporter identities sealed to the identity custodian's public key (ADR 0012).

The web server holds only the public key and a passphrase-wrapped private key: it can seal, never open,
unless the custodian types the passphrase in the reveal form.
"""

import json

import nacl.exceptions
import nacl.pwhash
import nacl.secret
import nacl.utils
from nacl.public import PrivateKey, PublicKey, SealedBox

from ..models import CustodianKey

# Interactive Argon2id limits (libsodium): ~64 MiB, well under a second on a server.
DEFAULT_OPSLIMIT = nacl.pwhash.argon2id.OPSLIMIT_INTERACTIVE
DEFAULT_MEMLIMIT = nacl.pwhash.argon2id.MEMLIMIT_INTERACTIVE
MIN_PASSPHRASE_LENGTH = 12


class WrongPassphrase(Exception):
    pass


class NoCustodianKey(Exception):
    pass


def _wrap_key(passphrase: str, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    return nacl.pwhash.argon2id.kdf(
        nacl.secret.SecretBox.KEY_SIZE, passphrase.encode(), salt, opslimit=opslimit, memlimit=memlimit
    )


def new_key_material(passphrase: str, *, opslimit=DEFAULT_OPSLIMIT, memlimit=DEFAULT_MEMLIMIT) -> dict:
    """Fields for a new CustodianKey: a fresh Curve25519 pair, the private half wrapped by the passphrase."""
    private = PrivateKey.generate()
    salt = nacl.utils.random(nacl.pwhash.argon2id.SALTBYTES)
    box = nacl.secret.SecretBox(_wrap_key(passphrase, salt, opslimit, memlimit))
    return {
        "public_key": bytes(private.public_key),
        "encrypted_private_key": bytes(box.encrypt(bytes(private))),
        "kdf_salt": salt,
        "kdf_opslimit": opslimit,
        "kdf_memlimit": memlimit,
    }


def active_key() -> CustodianKey | None:
    return CustodianKey.objects.filter(active=True).first()


def seal(identity: dict) -> tuple[CustodianKey, bytes]:
    key = active_key()
    if key is None:
        raise NoCustodianKey
    plaintext = json.dumps(identity, ensure_ascii=False, sort_keys=True).encode()
    return key, SealedBox(PublicKey(bytes(key.public_key))).encrypt(plaintext)


def seal_many(identities) -> tuple[CustodianKey | None, list[bytes]]:
    """Seal many identities to the active key in one go (bulk loads: the scale generator); (None, []) without
    a key."""
    key = active_key()
    if key is None:
        return None, []
    box = SealedBox(PublicKey(bytes(key.public_key)))
    return key, [box.encrypt(json.dumps(i, ensure_ascii=False, sort_keys=True).encode()) for i in identities]


def unseal(key: CustodianKey, ciphertext: bytes, passphrase: str) -> dict:
    try:
        wrapping = nacl.secret.SecretBox(
            _wrap_key(passphrase, bytes(key.kdf_salt), key.kdf_opslimit, key.kdf_memlimit)
        )
        private = PrivateKey(wrapping.decrypt(bytes(key.encrypted_private_key)))
    except nacl.exceptions.CryptoError as exc:
        raise WrongPassphrase from exc
    return json.loads(SealedBox(private).decrypt(bytes(ciphertext)).decode())
