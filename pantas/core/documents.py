"""Numbered, immutable, hashed official documents with a public verification page (ADR 0044).

Issuing is three steps so that no lock other writers need is held while WeasyPrint works:

1. `reserve` — inside the caller's short transaction: the next number of the series (`core.numbering`), a
   verification code, and a `Document` row in state `reserved`. The counter lock ends with that transaction.
2. `render` — outside any transaction: `render(number, verification_code, verify_url) -> pdf bytes`.
3. `store` — inside a second short transaction: PDF and SHA-256 stored, compare-and-set `reserved → issued`,
   audited. The caller puts its own state change in the same transaction.

If rendering fails the reserved row stays; calling `render` + `store` again re-renders with the same number, so
numbers are never skipped silently. `issue` runs the three steps for callers with no state of their own.
"""

import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from . import audit, bulk, numbering, workflow
from .models import Document, DocumentState
from .roles import Role

logger = logging.getLogger(__name__)

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CROCKFORD_ALIASES = str.maketrans({"I": "1", "L": "1", "O": "0"})

Renderer = Callable[[str, str, str], bytes]
NumberFormat = Callable[[int, date], str]


def verification_code() -> str:
    """60 random bits as three groups of four Crockford base32 characters (no I, L, O, U)."""
    bits = secrets.randbits(60)  # 12 symbols of 5 bits each (one call: the sweep draws 20,000 at a time)
    raw = "".join(CROCKFORD[(bits >> (5 * i)) & 31] for i in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_code(text: str) -> str:
    """What people type → the stored form: case, spaces and dashes do not matter; I/L read as 1, O as 0."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum()).translate(_CROCKFORD_ALIASES)
    if len(raw) == 12 and all(ch in CROCKFORD for ch in raw):
        return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
    return raw[:40]


def public_url(path: str) -> str:
    """Absolute URL for printed documents and QR codes (`PANTAS_PUBLIC_URL`)."""
    return settings.PANTAS_PUBLIC_URL.rstrip("/") + path


def verify_url(code: str) -> str:
    return public_url(reverse("core:verify_document", args=[code]))


def _in_transaction() -> bool:
    # Test cases wrap each test in atomic blocks marked `_from_testcase`; those do not count.
    connection = transaction.get_connection()
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def reserve(
    kind: str,
    *,
    number_format: NumberFormat,
    title: str,
    actor=None,
    authority=None,
    scope: str | None = None,
    on: date | None = None,
    addressee: str = "",
    subject: str = "",
    language: str = "id",
) -> Document:
    """Step 1, in the caller's transaction: number (per kind, scope — the authority's code by default — and
    year of `on`) and verification code, recorded as a reserved document."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("documents.reserve() must run inside the caller's transaction")
    on = on or timezone.localdate()
    if scope is None:
        scope = authority.code if authority is not None else ""
    number = number_format(numbering.reserve(kind, scope, on.year), on)
    code = verification_code()
    while Document.objects.filter(verification_code=code).exists():
        code = verification_code()
    document = Document.objects.create(
        kind=kind,
        number=number,
        authority=authority,
        document_date=on,
        title=title,
        addressee=addressee,
        subject=subject,
        verification_code=code,
        language=language,
        issued_by=actor,
    )
    audit.record("core.document.reserved", document, actor=actor, data={"kind": kind, "number": number})
    return document


def reserve_many(
    kind: str,
    count: int,
    *,
    number_format: NumberFormat,
    title: str,
    actor=None,
    scope: str,
    on: date | None = None,
    per_document=None,
    subject: str = "",
    language: str = "id",
) -> list["Reserved"]:
    """`reserve` for `count` documents of one series (the deadline sweep, ADR 0146): the counter row is taken once
    for `count` consecutive numbers, the codes are checked in one query, the rows and their audit events are
    inserted in bulk. `per_document(i) -> dict` gives a document's own fields (`authority_id`, `addressee`)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("documents.reserve_many() must run inside the caller's transaction")
    if count < 1:
        return []
    on = on or timezone.localdate()
    first = numbering.reserve(kind, scope, on.year, count=count)
    codes = _unique_codes(count)
    rows = [
        {
            "kind": kind, "number": number_format(first + i, on), "document_date": on, "title": title,
            "subject": subject, "verification_code": codes[i], "language": language,
            "issued_by_id": getattr(actor, "pk", None), "addressee": "", "authority_id": None,
            **(per_document(i) if per_document else {}),
        }
        for i in range(count)
    ]  # fmt: skip
    pks = bulk.insert(Document, rows, returning=True)
    reserved = [
        Reserved(pk, row["number"], row["verification_code"]) for pk, row in zip(pks, rows, strict=True)
    ]
    audit.record_many(
        [
            {"action": "core.document.reserved", "object_type": Document._meta.label_lower, "object_id": d.pk,
             "data": {"kind": kind, "number": d.number}}
            for d in reserved
        ],
        actor=actor,
    )  # fmt: skip
    return reserved


@dataclass(frozen=True)
class Reserved:
    """A document `reserve_many` reserved (the row is in the database; load it by `pk` when needed)."""

    pk: int
    number: str
    verification_code: str


def _unique_codes(count: int) -> list[str]:
    """`count` fresh verification codes, distinct and not in use: one look-up per round (a clash is ~never)."""
    codes: set[str] = set()
    while len(codes) < count:
        fresh = {verification_code() for _ in range(count - len(codes))} - codes
        taken = set(
            Document.objects.filter(verification_code__in=fresh).values_list("verification_code", flat=True)
        )
        codes |= fresh - taken
    return list(codes)


def render(document: Document, renderer: Renderer) -> bytes:
    """Step 2, outside any transaction: nothing is locked while the PDF is produced."""
    if _in_transaction():
        logger.warning("document %s rendered inside a transaction: other writers wait", document.kind)
    return renderer(document.number, document.verification_code, verify_url(document.verification_code))


def store(document: Document, pdf: bytes, *, actor=None, at=None) -> Document:
    """Step 3, in the caller's transaction: hash, compare-and-set `reserved → issued`, audit."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("documents.store() must run inside the caller's transaction")
    if not pdf:
        raise ValueError("an issued document needs its PDF")
    sha = hashlib.sha256(pdf).hexdigest()
    with workflow.replay_at(at or workflow.now()) as moment:
        return DOCUMENT_FLOW.run(
            document,
            actor,
            DocumentAction.ISSUE,
            changes={"pdf": pdf, "sha256": sha, "issued_at": moment, "issued_by": actor},
            data={"kind": document.kind, "number": document.number},
        )


class DocumentAction(models.TextChoices):
    ISSUE = "issue", gettext_lazy("Terbitkan dokumen")


# Issuing is gated by the caller's own action (approving a letter, escalating a follow-up, a clearance check);
# the document's table only guarantees `reserved → issued` exactly once, audited (ADR 0044).
DOCUMENT_FLOW = workflow.Workflow(
    name="core.document",
    model_label="core.Document",
    states=DocumentState,
    actions=DocumentAction,
    rules=[
        workflow.Rule(
            DocumentAction.ISSUE,
            frozenset({DocumentState.RESERVED}),
            (DocumentState.ISSUED,),
            frozenset(set(Role) | {workflow.SYSTEM}),
            "core.document.issued",
        )
    ],
    terminal=frozenset({DocumentState.ISSUED}),
    version_field=None,
    check_visible=False,
    stale_message=gettext_lazy("Dokumen ini sudah diterbitkan."),
)


def finish(document: Document, renderer: Renderer, *, actor=None) -> Document:
    """Steps 2 and 3 — also the retry of a document whose rendering failed (same number)."""
    pdf = render(document, renderer)
    with transaction.atomic():
        return store(document, pdf, actor=actor)


def issue(kind: str, *, renderer: Renderer, **reservation) -> Document:
    """All three steps for callers with no state change of their own (see `reserve` for the arguments)."""
    with transaction.atomic():
        document = reserve(kind, **reservation)
    return finish(document, renderer, actor=reservation.get("actor"))


def find_issued(code: str) -> Document | None:
    """The public look-up: issued documents only, by a code typed any way `normalise_code` accepts."""
    return (
        Document.objects.select_related("authority")
        .filter(verification_code=normalise_code(code), state=DocumentState.ISSUED)
        .first()
    )
