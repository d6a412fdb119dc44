"""Opening a report with its receipt: the one path the public status page and the receipt API share."""

from django.utils.translation import gettext_lazy

from pantas.core.throttle import too_many_message

from ..security import receipts, throttle

__all__ = ["WRONG_RECEIPT", "lookup_receipt", "too_many_message"]

WRONG_RECEIPT = gettext_lazy(
    "Kode laporan tidak dikenali. Periksa kembali kode yang Anda simpan (24 huruf dan angka)."
)


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
