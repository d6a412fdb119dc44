"""PDFs of the numbered follow-up documents (blocking request to BKN, report of a PPK to its ministry), rendered
from the row by `core.pdf` (static-only fetcher). Official text stays in Indonesian."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from pantas.cases.pdf import qr_svg
from pantas.core.pdf import STATIC_BASE, render_pdf


def _render(context: dict, code: str, verify_url: str) -> bytes:
    context = {**context, "static_base": STATIC_BASE, "verification_code": code, "verify_url": verify_url}
    if verify_url:
        context["qr"] = qr_svg(verify_url)
    with override("id"):
        html = render_to_string("followup/documents/letter_pdf.html", context)
    return render_pdf(html)


def blocking_request_pdf(blocking, code: str, verify_url: str) -> bytes:
    """The request to BKN; `code` and `verify_url` come from its `core.Document` (`documents.renderer_for`)."""
    follow_up = blocking.follow_up
    return _render(
        {
            "kind": "blocking",
            "number": blocking.number,
            "date": timezone.localdate(blocking.requested_at),
            "subject": "Permintaan pemblokiran data kepegawaian ASN",
            "addressee": "Kepala Badan Kepegawaian Negara u.p. Deputi Bidang Sistem Informasi Kepegawaian",
            "authority": follow_up.recommendation.authority,
            "follow_up": follow_up,
            "due_on": follow_up.recommendation.follow_up_due,
        },
        code,
        verify_url,
    )


def ppk_report_pdf(report, code: str, verify_url: str) -> bytes:
    follow_up = report.follow_up
    return _render(
        {
            "kind": "report",
            "number": report.number,
            "date": timezone.localdate(report.sent_at),
            "subject": "Laporan Pejabat Pembina Kepegawaian yang tidak menindaklanjuti rekomendasi",
            "addressee": report.addressee.name,
            "authority": follow_up.recommendation.authority,
            "follow_up": follow_up,
            "due_on": follow_up.recommendation.follow_up_due,
        },
        code,
        verify_url,
    )
