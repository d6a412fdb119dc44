"""Text normalisation and a portable near-duplicate signature for report descriptions (ADR 0014).

MinHash over word bigrams with locality-sensitive hashing: 12 min-hashes grouped into 4 bands of 3, each band
stored as one indexed integer. Two texts whose bigram sets have Jaccard similarity 0.85 share a band with
probability ≈ 0.98; unrelated texts (similarity ≤ 0.1) almost never do. Candidates are then verified with the
exact Jaccard similarity, so a band collision alone never produces a suggestion.
"""

import hashlib
import random
import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"\w+", re.UNICODE)
MIN_TOKENS = 8  # shorter texts match too easily to mean anything
BANDS, ROWS = 4, 3
THRESHOLD = 0.6  # exact Jaccard similarity of bigram sets for a "near-identical text" suggestion
_PRIME = (1 << 61) - 1
_rng = random.Random(20240214)  # fixed: signatures must be stable across processes and releases
_PARAMS = [(_rng.randrange(1, _PRIME), _rng.randrange(0, _PRIME)) for _ in range(BANDS * ROWS)]


def normalise_name(name: str) -> str:
    text = unicodedata.normalize("NFKC", name or "").casefold()
    return " ".join(_WORD.findall(text))[:150]


def tokens(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text or "").casefold())


def shingles(text: str) -> set[str]:
    words = tokens(text)
    if len(words) < MIN_TOKENS:
        return set()
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _h(value: str) -> int:
    return int.from_bytes(hashlib.blake2b(value.encode(), digest_size=8).digest(), "big")


@lru_cache(maxsize=1 << 15)
def _gram_hashes(gram: str) -> tuple[int, ...]:
    """The 12 permuted hashes of one bigram. Cached: the reports of one import share most bigrams, and this
    arithmetic was the largest part of a 100k-row import (issue 14, W4). Same values as computing them inline."""
    h = _h(gram)
    return tuple((a * h + b) % _PRIME for a, b in _PARAMS)


def band_values(text: str) -> tuple[int, ...]:
    """Four non-zero 31-bit band hashes, or zeros for texts too short to compare."""
    grams = shingles(text)
    if not grams:
        return (0,) * BANDS
    mins = [min(column) for column in zip(*(_gram_hashes(g) for g in grams), strict=True)]
    values = []
    for band in range(BANDS):
        chunk = ",".join(str(m) for m in mins[band * ROWS : (band + 1) * ROWS])
        values.append((_h(f"{band}:{chunk}") & 0x7FFFFFFF) or 1)
    return tuple(values)


def band_fields(text: str) -> dict:
    return {f"text_band{i}": value for i, value in enumerate(band_values(text))}
