"""Forms for every intake channel. One `ReportForm` with variants: public, staff, CSO/partner, Bawaslu.

Forms only parse and validate input; `to_input()` hands a `ReportInput` to the service. Files are checked
here (type, size, polyglots) so a refusal is a field error next to the file input.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pantas.core.forms import StrictTextMixin
from pantas.registry.models import Agency, Election, EmployeeType, Province, Regency, Track, ViolationCategory
from pantas.registry.nip import validate_nip

from .lapor import normalise_ticket
from .models import Anonymity, ElectionStage, ReportSource, ViolationMode
from .security import files as file_checks
from .security.files import FileRejected
from .services.submit import STAFF_SOURCES, LinkInput, PersonInput, ReportInput

MAX_LINK_ROWS = 10
MAX_FILES_PER_FORM = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceFilesField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"accept": file_checks.ACCEPT})

    def clean(self, data, initial=None):
        items = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(items) > MAX_FILES_PER_FORM:
            raise ValidationError(
                _("Paling banyak %(n)s berkas sekali kirim.") % {"n": MAX_FILES_PER_FORM}, code="too_many"
            )
        checked, problems = [], []
        for item in items:
            try:
                checked.append(file_checks.check_upload(item))
            except FileRejected as exc:
                problems.append(ValidationError(exc.message, code="file_rejected"))
        self.accepted = checked  # the files that passed, kept by /lapor/ even when others were refused
        if problems:
            problems.append(
                ValidationError(_("Pilih ulang berkas yang benar sebelum mengirim."), code="reselect")
            )
            raise ValidationError(problems)
        return checked


def region_choices():
    """Provinces with their regencies as one grouped list: `P:73` (whole province) or `R:73.71`."""
    groups = {}
    for code, name in Province.objects.values_list("code", "name"):
        groups[code] = (name, [(f"P:{code}", _("%(name)s — seluruh provinsi") % {"name": name})])
    for code, name, province_id in Regency.objects.values_list("code", "name", "province_id"):
        groups[province_id][1].append((f"R:{code}", name))
    return [("", _("— pilih wilayah —")), *[(label, options) for label, options in groups.values()]]


def category_choices():
    groups = {}
    for pk, reference, name, track in ViolationCategory.objects.filter(disabled_on__isnull=True).values_list(
        "pk", "reference", "name", "track"
    ):
        groups.setdefault(Track(track).label, []).append((str(pk), f"{reference} {name}".strip()))
    return [("", _("— tidak tahu / biarkan petugas menentukan —")), *groups.items()]


def election_choices():
    return [("", _("— tidak terkait pemilihan —"))] + [
        (str(pk), name) for pk, name in Election.objects.order_by("-voting_date").values_list("pk", "name")
    ]


def find_agency(text: str):
    text = (text or "").strip()
    if not text:
        return None
    return (
        Agency.objects.filter(Q(name__iexact=text) | Q(short_name__iexact=text) | Q(code__iexact=text))
        .order_by("disabled_on", "pk")
        .first()
    )


class PersonForm(StrictTextMixin, forms.Form):
    """One more reported person (the second and later): the same fields as the first one on `ReportForm`."""

    name = forms.CharField(label=_("Nama ASN yang dilaporkan"), max_length=150)
    nip = forms.CharField(
        label=_("NIP"),
        max_length=30,
        required=False,
        help_text=_("Jika tahu: 18 digit. Boleh dikosongkan."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    employee_type = forms.ChoiceField(
        label=_("Jenis pegawai"), choices=EmployeeType.choices, initial=EmployeeType.PNS
    )
    agency = forms.CharField(
        label=_("Instansi tempat bekerja"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"list": "agency-list", "autocomplete": "off"}),
    )
    position = forms.CharField(label=_("Jabatan"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("Nama ASN yang dilaporkan wajib diisi.")

    def clean_nip(self):
        return "".join(ch for ch in self.cleaned_data["nip"] if ch not in " .")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("nip"):
            try:
                validate_nip(cleaned["nip"], cleaned.get("employee_type") or EmployeeType.PNS)
            except ValidationError as exc:
                self.add_error("nip", exc)
        return cleaned


# The first person is `ReportForm`'s own fields; up to MAX_MORE_PERSONS more come in this formset.
PERSON_PREFIX = "terlapor"
MAX_MORE_PERSONS = 19
MorePersonsFormSet = forms.formset_factory(
    PersonForm, extra=0, max_num=MAX_MORE_PERSONS, validate_max=True, absolute_max=MAX_MORE_PERSONS
)


def _grown(data, prefix: str, key: str, start: int, limit: int):
    """`data` with the count `key` one higher (the no-JavaScript "tambah …" buttons), at most `limit`."""
    grown = data.copy()
    try:
        current = int(grown.get(key, start))
    except ValueError:
        current = start
    grown[key] = str(min(current + 1, limit))
    return grown


class ReportForm(StrictTextMixin, forms.Form):
    """Fields every channel shares: the reported persons, the act, the evidence."""

    person_name = forms.CharField(label=_("Nama ASN yang dilaporkan"), max_length=150)
    person_nip = forms.CharField(
        label=_("NIP"),
        max_length=30,
        required=False,
        help_text=_("Jika tahu: 18 digit. Boleh dikosongkan."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    person_employee_type = forms.ChoiceField(
        label=_("Jenis pegawai"), choices=EmployeeType.choices, initial=EmployeeType.PNS
    )
    person_agency = forms.CharField(
        label=_("Instansi tempat bekerja"),
        max_length=200,
        required=False,
        help_text=_("Mis. Pemerintah Kota Makassar, Kementerian Agama."),
        widget=forms.TextInput(attrs={"list": "agency-list", "autocomplete": "off"}),
    )
    person_position = forms.CharField(label=_("Jabatan"), max_length=200, required=False)
    region = forms.ChoiceField(label=_("Wilayah kejadian"), required=False)
    track = forms.ChoiceField(
        label=_("Jenis dugaan pelanggaran"),
        choices=Track.choices,
        initial=Track.NEUTRALITY,
        widget=forms.RadioSelect,
    )
    category = forms.ChoiceField(label=_("Kategori pelanggaran"), required=False)
    mode = forms.ChoiceField(
        label=_("Bentuk perbuatan"), choices=ViolationMode.choices, initial=ViolationMode.OTHER
    )
    election = forms.ChoiceField(label=_("Pemilihan"), required=False)
    election_stage = forms.ChoiceField(
        label=_("Tahapan pemilihan saat kejadian"), choices=ElectionStage.choices, initial=ElectionStage.NONE
    )
    place = forms.CharField(label=_("Tempat kejadian"), max_length=300, required=False)
    act_date = forms.DateField(
        label=_("Tanggal kejadian"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Tanggal tidak valid; gunakan format HH/BB/TTTT.")},
    )
    description = forms.CharField(
        label=_("Uraian kejadian"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Apa yang dilakukan, kapan, di mana, dan siapa saja yang terlibat."),
        error_messages={"required": _("Uraian kejadian wajib diisi.")},
    )
    files = EvidenceFilesField(
        label=_("Berkas bukti (foto, PDF, video)"),
        help_text=_(
            "Maksimal 10 berkas: foto/PDF sampai 15 MB, video sampai 50 MB. Data lokasi (GPS) pada foto dihapus "
            "otomatis, tetapi isi gambar tidak: tangkapan layar bisa memperlihatkan akun Anda sendiri."
        ),
    )
    link_count = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=MAX_LINK_ROWS
    )

    source_choices: tuple = ()

    def __init__(self, data=None, *args, add=None, **kwargs):
        """`add` is "person" or "link" for the no-JavaScript "tambah …" buttons: one more empty row."""
        if data is not None and add == "person":
            data = _grown(data, PERSON_PREFIX, f"{PERSON_PREFIX}-TOTAL_FORMS", 0, MAX_MORE_PERSONS)
        if data is not None and add == "link":
            data = _grown(data, "", "link_count", self._link_count(data), MAX_LINK_ROWS)
        super().__init__(data, *args, **kwargs)
        self.fields["region"].choices = region_choices()
        self.fields["category"].choices = category_choices()
        self.fields["election"].choices = election_choices()
        self.fields["person_name"].error_messages["required"] = _("Nama ASN yang dilaporkan wajib diisi.")
        self.link_total = self._link_count(data) if data is not None else 1
        if data is not None and add == "link":
            self.link_total = min(int(data["link_count"]), MAX_LINK_ROWS)
        for i in range(1, self.link_total + 1):
            self.fields[f"link_url_{i}"] = forms.URLField(
                label=_("Tautan bukti %(n)s") % {"n": i},
                required=False,
                max_length=1000,
                assume_scheme="https",
                error_messages={"invalid": _("Tautan harus berupa alamat web lengkap, mis. https://…")},
                widget=forms.URLInput(attrs={"inputmode": "url", "autocomplete": "off"}),
            )
            self.fields[f"link_account_{i}"] = forms.CharField(
                label=_("Akun pengunggah (tautan %(n)s)") % {"n": i}, max_length=200, required=False
            )
            self.fields[f"link_act_{i}"] = forms.CharField(
                label=_("Perbuatan yang terlihat (tautan %(n)s)") % {"n": i},
                max_length=300,
                required=False,
                help_text=_("Mis. “membagikan unggahan kampanye calon nomor 2”."),
            )
        if self.is_bound:
            self.initial["link_count"] = self.link_total
        else:
            self.initial.setdefault("link_count", 1)
        persons_data = None
        if data is not None:
            persons_data = data
            if f"{PERSON_PREFIX}-TOTAL_FORMS" not in data:  # a client that only knows the one-person form
                persons_data = data.copy()
                persons_data[f"{PERSON_PREFIX}-TOTAL_FORMS"] = "0"
                persons_data[f"{PERSON_PREFIX}-INITIAL_FORMS"] = "0"
        self.more_persons = MorePersonsFormSet(persons_data, prefix=PERSON_PREFIX)

    @staticmethod
    def _link_count(data) -> int:
        """Rows to show: the posted `link_count`, or more when a client posted higher-numbered links."""
        try:
            count = int(data.get("link_count") or 1)
        except ValueError:
            count = 1
        for i in range(MAX_LINK_ROWS, 0, -1):
            if any(data.get(f"link_{part}_{i}") for part in ("url", "account", "act")):
                count = max(count, i)
                break
        return max(1, min(count, MAX_LINK_ROWS))

    def is_valid(self):
        persons_ok = self.more_persons.is_valid()
        return super().is_valid() and persons_ok

    def link_rows(self):
        return [
            (self[f"link_url_{i}"], self[f"link_account_{i}"], self[f"link_act_{i}"])
            for i in range(1, self.link_total + 1)
        ]

    def person_rows(self):
        return list(self.more_persons)

    def clean_person_nip(self):
        return "".join(ch for ch in self.cleaned_data["person_nip"] if ch not in " .")

    def clean(self):
        cleaned = super().clean()
        nip = cleaned.get("person_nip")
        if nip:
            try:
                validate_nip(nip, cleaned.get("person_employee_type") or EmployeeType.PNS)
            except ValidationError as exc:
                self.add_error("person_nip", exc)
        category_id = cleaned.get("category")
        cleaned["category_obj"] = None
        if category_id:
            category = ViolationCategory.objects.filter(pk=category_id).first()
            if category and category.track != cleaned.get("track"):
                self.add_error(
                    "category", _("Kategori ini tidak termasuk jenis pelanggaran yang dipilih di atas.")
                )
            cleaned["category_obj"] = category
        for i in range(1, self.link_total + 1):
            if not cleaned.get(f"link_url_{i}") and (
                cleaned.get(f"link_account_{i}") or cleaned.get(f"link_act_{i}")
            ):
                self.add_error(
                    f"link_url_{i}", _("Isi tautannya juga, atau kosongkan akun dan perbuatannya.")
                )
        return cleaned

    def clear_errors_for_more_rows(self):
        """After a "tambah …" press: show the page again without calling anything an error, except file
        refusals (the reporter must know which files were not kept)."""
        from django.forms.utils import ErrorDict, ErrorList

        kept = ErrorDict()
        if "files" in (self._errors or {}):
            kept["files"] = self._errors["files"]
        self._errors = kept
        self.more_persons._non_form_errors = ErrorList()
        for row in self.more_persons.forms:
            row._errors = ErrorDict()
        self.more_persons._errors = [row._errors for row in self.more_persons.forms]

    def _region(self):
        value = self.cleaned_data.get("region") or ""
        if value.startswith("R:"):
            regency = Regency.objects.select_related("province").filter(code=value[2:]).first()
            return (regency.province if regency else None), regency
        if value.startswith("P:"):
            return Province.objects.filter(code=value[2:]).first(), None
        return None, None

    def to_input(self, **extra) -> ReportInput:
        d = self.cleaned_data
        province, regency = self._region()
        agency = find_agency(d["person_agency"])
        person = PersonInput(
            name=d["person_name"],
            nip=d["person_nip"],
            employee_type=d["person_employee_type"],
            agency=agency,
            agency_text="" if agency else d["person_agency"],
            position_title=d["person_position"],
            province=province,
            regency=regency,
        )
        links = [
            LinkInput(url=d[f"link_url_{i}"], account=d[f"link_account_{i}"], act=d[f"link_act_{i}"])
            for i in range(1, self.link_total + 1)
            if d.get(f"link_url_{i}")
        ]
        persons = [person]
        for row in self.more_persons.forms:
            p = getattr(row, "cleaned_data", None)
            if not p or not p.get("name"):
                continue  # an empty row left over from "tambah terlapor"
            row_agency = find_agency(p["agency"])
            persons.append(
                PersonInput(
                    name=p["name"],
                    nip=p["nip"],
                    employee_type=p["employee_type"],
                    agency=row_agency,
                    agency_text="" if row_agency else p["agency"],
                    position_title=p["position"],
                    province=province,
                    regency=regency,
                )
            )
        return ReportInput(
            description=d["description"],
            persons=persons,
            track=d["track"],
            category=d["category_obj"],
            mode=d["mode"],
            election=Election.objects.filter(pk=d["election"]).first() if d.get("election") else None,
            election_stage=d["election_stage"],
            place=d["place"],
            province=province,
            regency=regency,
            act_date=d["act_date"],
            links=links,
            files=d.get("files") or [],
            **extra,
        )


class PublicReportForm(ReportForm):
    anonymity = forms.ChoiceField(
        label=_("Bagaimana Anda ingin melapor?"),
        choices=[
            (
                Anonymity.ANONYMOUS,
                _("Anonim — tanpa identitas. Anda memantau laporan hanya dengan kode laporan."),
            ),
            (
                Anonymity.CONFIDENTIAL,
                _(
                    "Rahasia — identitas Anda dienkripsi dan hanya dapat dibuka oleh kustodian identitas "
                    "dengan alasan yang dicatat."
                ),
            ),
        ],
        initial=Anonymity.ANONYMOUS,
        widget=forms.RadioSelect,
    )
    identity_name = forms.CharField(label=_("Nama Anda"), max_length=150, required=False)
    identity_contact = forms.CharField(
        label=_("Nomor telepon atau surel (opsional)"), max_length=200, required=False
    )
    identity_note = forms.CharField(
        label=_("Keterangan tentang Anda (opsional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mis. hubungan Anda dengan kejadian. Ikut disegel bersama nama Anda."),
    )
    # Honeypot: hidden from people by CSS and from assistive tech by aria-hidden; bots fill it in.
    website = forms.CharField(required=False, label=_("Jangan diisi"))
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    hold = forms.CharField(
        widget=forms.HiddenInput, required=False
    )  # files kept across re-renders (ADR 0110)

    IDENTITY_FIELDS = ("identity_name", "identity_contact", "identity_note")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("anonymity") == Anonymity.ANONYMOUS:
            # Fields left visible without JavaScript never block or travel with an anonymous report.
            for name in self.IDENTITY_FIELDS:
                self.errors.pop(name, None)
                cleaned[name] = ""
        if (
            cleaned.get("anonymity") == Anonymity.CONFIDENTIAL
            and not (cleaned.get("identity_name") or "").strip()
        ):
            self.add_error("identity_name", _("Untuk laporan rahasia, isi nama Anda (akan dienkripsi)."))
        return cleaned

    def to_input(self, **extra) -> ReportInput:
        d = self.cleaned_data
        identity = None
        if d["anonymity"] == Anonymity.CONFIDENTIAL:
            identity = {
                "name": d["identity_name"].strip(),
                "contact": d["identity_contact"],
                "note": d["identity_note"],
            }
        return super().to_input(
            anonymity=d["anonymity"], identity=identity, source=ReportSource.PUBLIC, **extra
        )


class StaffReportForm(ReportForm):
    source = forms.ChoiceField(
        label=_("Sumber laporan"),
        choices=[(s.value, s.label) for s in STAFF_SOURCES],
        initial=ReportSource.LAPOR,
    )
    lapor_ticket = forms.CharField(
        label=_("Nomor tiket SP4N-LAPOR!"),
        max_length=30,
        required=False,
        help_text=_("Untuk laporan dari SP4N-LAPOR!: nomor tracking di lapor.go.id, mis. #4823156."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    field_order = ["source", "lapor_ticket"]

    def clean_lapor_ticket(self):
        return normalise_ticket(self.cleaned_data["lapor_ticket"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("lapor_ticket") and cleaned.get("source") != ReportSource.LAPOR:
            self.add_error(
                "lapor_ticket", _("Nomor tiket SP4N-LAPOR! hanya untuk laporan bersumber SP4N-LAPOR!.")
            )
        return cleaned

    def to_input(self, **extra) -> ReportInput:
        return super().to_input(lapor_ticket=self.cleaned_data.get("lapor_ticket", ""), **extra)


class PartnerReportForm(ReportForm):
    register_number = forms.CharField(
        label=_("Nomor register / nomor surat"),
        max_length=80,
        required=False,
        help_text=_("Nomor yang Anda pakai untuk laporan ini; dipakai untuk mencegah pengiriman ganda."),
    )
    field_order = ["register_number"]


class BawasluReportForm(ReportForm):
    register_number = forms.CharField(
        label=_("Nomor register temuan/laporan Bawaslu"),
        max_length=80,
        error_messages={"required": _("Nomor register Bawaslu wajib diisi.")},
    )
    initial_study = forms.CharField(
        label=_("Hasil kajian awal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        error_messages={"required": _("Hasil kajian awal wajib diisi.")},
    )
    field_order = ["register_number", "initial_study"]


class ReceiptForm(StrictTextMixin, forms.Form):
    receipt = forms.CharField(
        label=_("Kode laporan"),
        max_length=80,
        help_text=_("24 huruf/angka yang Anda terima saat melapor, mis. ABCD-EFGH-…"),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={"required": _("Masukkan kode laporan Anda.")},
    )


class ReporterReplyForm(StrictTextMixin, forms.Form):
    body = forms.CharField(
        label=_("Balasan Anda"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    files = EvidenceFilesField(label=_("Tambah bukti (opsional)"))
    link_url = forms.URLField(
        label=_("Tautan bukti tambahan (opsional)"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        error_messages={"invalid": _("Tautan harus berupa alamat web lengkap, mis. https://…")},
    )
    access = forms.CharField(widget=forms.HiddenInput)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        if (
            not (cleaned.get("body") or "").strip()
            and not cleaned.get("files")
            and not cleaned.get("link_url")
        ):
            if not self.errors:
                self.add_error("body", _("Tulis balasan atau lampirkan bukti."))
        return cleaned


class StaffMessageForm(StrictTextMixin, forms.Form):
    body = forms.CharField(
        label=_("Pesan atau catatan"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tulis isi pesan.")},
    )


class OrganisationMessageForm(StrictTextMixin, forms.Form):
    body = forms.CharField(
        label=_("Balasan untuk petugas"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tulis isi pesan.")},
    )


class LinkForm(forms.Form):
    target_number = forms.CharField(
        label=_("Nomor laporan induk"), max_length=20, help_text=_("Mis. LAP-2026-000123")
    )
    reason = forms.CharField(label=_("Alasan"), max_length=500, required=False)


class DecisionForm(forms.Form):
    reason = forms.CharField(label=_("Alasan (opsional)"), max_length=500, required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status baru"))
    reason = forms.CharField(
        label=_("Alasan (terlihat di riwayat internal)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tuliskan alasan perubahan status.")},
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices


class RevealForm(forms.Form):
    passphrase = forms.CharField(
        label=_("Frasa sandi kustodian"),
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Masukkan frasa sandi kunci kustodian.")},
    )
    reason = forms.CharField(
        label=_("Alasan membuka identitas"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Tuliskan alasan membuka identitas.")},
    )


class CustodianKeyForm(forms.Form):
    label = forms.CharField(label=_("Label kunci"), max_length=100, initial=_("Kunci kustodian"))
    passphrase = forms.CharField(
        label=_("Frasa sandi baru"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        min_length=12,
        help_text=_(
            "Minimal 12 karakter. Tanpa frasa sandi ini identitas pelapor tidak dapat dibuka kembali."
        ),
        error_messages={"min_length": _("Frasa sandi minimal 12 karakter.")},
    )
    passphrase2 = forms.CharField(
        label=_("Ulangi frasa sandi"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("passphrase") and cleaned.get("passphrase") != cleaned.get("passphrase2"):
            self.add_error("passphrase2", _("Frasa sandi tidak sama."))
        return cleaned


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas XLSX atau CSV"),
        help_text=_("Gunakan templat. Maksimal 5 MB dan 2.000 baris."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={"required": _("Pilih berkas yang akan diimpor.")},
    )
