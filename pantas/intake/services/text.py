"""Text normalisation and a 64-bit simhash for near-duplicate descriptions on any database (ADR 0014)."""

import hashlib
import re
import unicodedata

_WORD = re.compile(r"\w+", re.UNICODE)
MIN_TOKENS = 8  # shorter texts match too easily to mean anything
MAX_DISTANCE = 3  # four 16-bit bands: a distance ≤ 3 guarantees one identical band


def normalise_name(name: str) -> str:
    text = unicodedata.normalize("NFKC", name or "").casefold()
    return " ".join(_WORD.findall(text))[:150]


def tokens(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text or "").casefold())


def simhash(text: str) -> int:
    words = tokens(text)
    if len(words) < MIN_TOKENS:
        return 0
    features = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    weights = [0] * 64
    for feature in features:
        h = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if h >> bit & 1 else -1
    value = 0
    for bit in range(64):
        if weights[bit] > 0:
            value |= 1 << bit
    return value


def bands(value: int) -> tuple[int, int, int, int]:
    return tuple((value >> (16 * i)) & 0xFFFF for i in range(4))


def from_bands(b0: int, b1: int, b2: int, b3: int) -> int:
    return b0 | b1 << 16 | b2 << 32 | b3 << 48


def distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def band_fields(text: str) -> dict:
    b = bands(simhash(text))
    return {f"text_band{i}": b[i] for i in range(4)}
