"""Translated messages for NIP validation codes and a Django validator built on `pantas.lib.nip`."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pantas.lib import nip as nip_lib

MESSAGES = {
    "empty": _("NIP wajib diisi."),
    "not_digits": _("NIP hanya boleh berisi angka (spasi dan titik diabaikan)."),
    "length": _("NIP harus terdiri dari 18 digit."),
    "employee_type": _("Jenis pegawai harus PNS atau PPPK."),
    "birth_date_invalid": _("Digit 1–8 NIP bukan tanggal lahir yang valid (format TTTTBBHH)."),
    "birth_date_range": _("Tanggal lahir pada NIP di luar rentang yang wajar (1940 sampai hari ini)."),
    "appointment_year_range": _("Tahun pengangkatan pada digit 9–12 NIP tidak wajar."),
    "appointment_month": _("Bulan pengangkatan CPNS pada digit 13–14 NIP harus 01–12."),
    "appointment_future": _("Tanggal pengangkatan pada NIP berada di masa depan."),
    "appointment_before_birth": _("Tahun pengangkatan pada NIP lebih awal dari tahun lahir."),
    "appointment_young": _("Pengangkatan sebelum usia 18 tahun: periksa kembali NIP."),
    "gender": _("Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan)."),
    "serial": _("Nomor urut pada digit 16–18 NIP tidak boleh 000."),
}


def messages_for(codes):
    return [str(MESSAGES[code]) for code in codes]


def validate_nip(value: str, employee_type: str = "pns") -> nip_lib.NipResult:
    """Raise ValidationError listing every problem; return the parsed result when valid."""
    result = nip_lib.parse(value, employee_type)
    if result.errors:
        raise ValidationError([ValidationError(MESSAGES[code], code=f"nip_{code}") for code in result.errors])
    return result
