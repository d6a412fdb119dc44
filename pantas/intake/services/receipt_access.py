"""Opening a report with its receipt: the one path the public status page and the receipt API share."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..security import receipts, throttle

WRONG_RECEIPT = gettext_lazy(
    "Kode laporan tidak dikenali. Periksa kembali kode yang Anda simpan (24 huruf dan angka)."
)


def too_many_message(retry_after_seconds: int) -> str:
    return _("Terlalu banyak percobaan dari jaringan Anda. Coba lagi dalam %(m)s menit.") % {
        "m": max(1, retry_after_seconds // 60)
    }


def lookup_receipt(request, text: str):
    """Receipt → report, with the per-look-up-id limit. Malformed, unknown and wrong receipts look the same."""
    parsed = receipts.parse(text)
    if parsed and not throttle.peek(request, "receipt_lookup_id", parsed[0]):
        receipts.find_report("")  # same work as a miss
        return None
    report = receipts.find_report(text)
    if report is None and parsed:
        throttle.check(request, "receipt_lookup_id", parsed[0])
    return report
