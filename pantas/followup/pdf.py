"""PDFs of the numbered follow-up documents (blocking request to BKN, report of a PPK to its ministry), rendered
from the row by `core.pdf` (static-only fetcher). Official text stays in Indonesian."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from pantas.core.pdf import STATIC_BASE, render_pdf


def _render(context: dict) -> bytes:
    with override("id"):
        html = render_to_string("followup/documents/letter_pdf.html", {**context, "static_base": STATIC_BASE})
    return render_pdf(html)


def blocking_request_pdf(blocking) -> bytes:
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
        }
    )


def ppk_report_pdf(report) -> bytes:
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
        }
    )
