"""Numbered follow-up documents (blocking requests to BKN, PPK reports to a ministry) as `core.Document`s
(ADR 0044): reserved in the escalation's transaction, rendered and stored after it commits
(`tasks.issue_followup_documents_task`), or on the first download if that task has not run yet.

Each kind keeps its former counter series in `core.numbering` (`followup-<series>`, scope "", per year), so
numbers continue. Clearance certificates are `core.Document`s too (`clearance.py`)."""

from datetime import date

from django.utils.translation import gettext_noop

from pantas.core import documents
from pantas.core.models import Document

SERIES = {
    "blocking": "PBD",  # permintaan blokir data
    "unblocking": "PBB",  # permintaan buka blokir
    "ppk-report": "LPK",  # laporan PPK tidak patuh
}
BLOCKING_KIND = "followup-blocking"
PPK_REPORT_KIND = "followup-ppk-report"
# What the public verification page says: the kind of letter, never the ASN or the PPK it is about. Stored in
# Indonesian; the page translates them through the catalogue.
BLOCKING_TITLE = gettext_noop("Surat permintaan blokir data kepegawaian")
BLOCKING_SUBJECT = gettext_noop("Permintaan pemblokiran data kepegawaian ASN (SIASN)")
BLOCKING_ADDRESSEE = "Badan Kepegawaian Negara"
PPK_REPORT_TITLE = gettext_noop("Surat laporan PPK tidak patuh")
PPK_REPORT_SUBJECT = gettext_noop("Laporan PPK yang tidak menindaklanjuti rekomendasi")


def kind(series: str) -> str:
    """The counter series (and `Document.kind`) of a follow-up series: `followup-blocking`."""
    return f"followup-{series}"


def number_format(series: str) -> documents.NumberFormat:
    """`PBD-2026-000001` from the counter value and the document date."""
    prefix = SERIES[series]

    def fmt(value: int, on: date) -> str:
        return f"{prefix}-{on.year}-{value:06d}"

    return fmt


def reserve_blocking_many(follow_ups, *, on: date, actor=None) -> list[documents.Reserved]:
    """In the escalation's transaction: numbers and verification codes of the requests to BKN for a batch of
    escalations (one or many), the series taken once (ADR 0146)."""
    return documents.reserve_many(
        kind("blocking"),
        len(follow_ups),
        number_format=number_format("blocking"),
        title=BLOCKING_TITLE,
        actor=actor,
        scope="",
        on=on,
        per_document=lambda i: {
            "authority_id": follow_ups[i].recommendation.authority_id,
            "addressee": BLOCKING_ADDRESSEE,
        },
        subject=BLOCKING_SUBJECT,
    )


def reserve_ppk_report_many(
    follow_ups, ministries: dict, *, on: date, actor=None
) -> list[documents.Reserved]:
    """The same for the reports to the ministries; `ministries`: follow-up pk → the ministry of the report."""
    return documents.reserve_many(
        kind("ppk-report"),
        len(follow_ups),
        number_format=number_format("ppk-report"),
        title=PPK_REPORT_TITLE,
        actor=actor,
        scope="",
        on=on,
        per_document=lambda i: {
            "authority_id": follow_ups[i].recommendation.authority_id,
            "addressee": ministries[follow_ups[i].pk].name,
        },
        subject=PPK_REPORT_SUBJECT,
    )


verify_url = documents.verify_url


def renderer_for(document: Document) -> documents.Renderer:
    """The PDF renderer of the blocking request or PPK report that owns `document`."""
    from . import pdf
    from .models import BlockingRequest, PPKReport

    related = ("follow_up__recommendation__authority", "follow_up__recommendation__letter", "follow_up__case")
    if document.kind == kind("blocking"):
        blocking = BlockingRequest.objects.select_related(*related).get(document=document)
        return lambda number, code, url: pdf.blocking_request_pdf(blocking, code, url)
    report = PPKReport.objects.select_related("addressee", *related).get(document=document)
    return lambda number, code, url: pdf.ppk_report_pdf(report, code, url)


def issued(document: Document, actor=None) -> Document:
    """The issued document: rendered and stored now if it is still reserved (the task has not run, or failed);
    a concurrent issue by the task wins and is returned."""
    from pantas.core.errors import InvalidTransition

    if document.is_issued:
        return document
    try:
        return documents.finish(document, renderer_for(document), actor=actor)
    except InvalidTransition:
        document = Document.objects.get(pk=document.pk)
        if not document.is_issued:
            raise
        return document
