"""Bounds shared by every parser of untrusted numbers (API query parameters, request bodies, forms)."""

# Every integer column we compare with fits 32 signed bits; a larger number from outside cannot match anything,
# and one beyond 64 bits overflows the database driver (a 500), so parsers refuse it up front.
MAX_INT = 2**31 - 1
