"""Forms of the announcement pages (staff) and the public search. Field errors are Indonesian and name the
field's problem; service `ValidationError`s reach the same fields through `core.forms.apply_validation_error`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pantas.core.forms import StrictTextMixin
from pantas.registry.models import Agency

from .models import PositionLevel, StageKind
from .services import Stage
from .workflow import AnnouncementState

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Tanggal tidak valid; gunakan format TTTT-BB-HH.")}
# The stages whose dates are required (the rest may be announced later).
REQUIRED_STAGES = {StageKind.REGISTRATION}


class AnnouncementForm(StrictTextMixin, forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Instansi"),
        queryset=Agency.objects.none(),
        to_field_name="code",
        error_messages={"required": _("Pilih instansi yang mengumumkan seleksi.")},
    )
    position_title = forms.CharField(
        label=_("Jabatan yang diisi"),
        max_length=200,
        help_text=_("Mis. Kepala Dinas Pendidikan Provinsi Sulawesi Selatan."),
        error_messages={
            "required": _("Nama jabatan wajib diisi."),
            "max_length": _("Nama jabatan paling banyak 200 karakter."),
        },
    )
    level = forms.ChoiceField(
        label=_("Jenjang JPT"),
        choices=[("", _("— Pilih —")), *PositionLevel.choices],
        error_messages={"required": _("Pilih jenjang JPT (utama, madya, atau pratama).")},
    )
    unit = forms.CharField(label=_("Unit kerja"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("Ringkasan"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Ringkasan paling banyak 1.000 karakter.")},
    )
    requirements = forms.CharField(
        label=_("Persyaratan"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Satu persyaratan per baris."),
        error_messages={
            "required": _("Persyaratan pelamar wajib diisi."),
            "max_length": _("Persyaratan paling banyak 6.000 karakter."),
        },
    )
    location = forms.CharField(
        label=_("Lokasi seleksi"),
        max_length=300,
        error_messages={"required": _("Lokasi seleksi wajib diisi (alamat atau “daring”).")},
    )
    contact = forms.CharField(
        label=_("Kontak panitia"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Kontak panitia wajib diisi (surel atau telepon sekretariat).")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, announcement=None, **kwargs):
        if announcement is not None:
            initial = kwargs.setdefault("initial", {})
            for name in ("position_title", "level", "unit", "summary", "requirements", "location", "contact"):
                initial.setdefault(name, getattr(announcement, name))
            initial.setdefault("agency", announcement.agency.code)
            initial.setdefault("version", announcement.version)
            for stage in announcement.stages.all():
                initial.setdefault(f"{stage.kind}_start", stage.starts_on)
                initial.setdefault(f"{stage.kind}_end", stage.ends_on)
        super().__init__(*args, **kwargs)
        fixed = announcement.agency if announcement is not None else None
        if fixed is None and user is not None and not user.has_role("administrator"):
            organisation = getattr(user, "organisation", None)
            fixed = getattr(organisation, "agency", None)
        if fixed is not None:
            # A committee announces for its own agency only; an existing announcement keeps its agency.
            self.fields["agency"].queryset = Agency.objects.filter(pk=fixed.pk)
            self.fields["agency"].initial = fixed.code
            self.fields["agency"].disabled = True
        else:
            self.fields["agency"].queryset = Agency.objects.active().order_by("name")
        for kind, label in StageKind.choices:
            required = kind in REQUIRED_STAGES
            self.fields[f"{kind}_start"] = forms.DateField(
                label=_("%(stage)s — mulai") % {"stage": label},
                required=required,
                widget=DATE,
                error_messages={"required": _("Tanggal mulai %(stage)s wajib diisi.") % {"stage": label},
                                **DATE_ERRORS},
            )  # fmt: skip
            self.fields[f"{kind}_end"] = forms.DateField(
                label=_("%(stage)s — selesai") % {"stage": label},
                required=required,
                widget=DATE,
                error_messages={"required": _("Tanggal selesai %(stage)s wajib diisi.") % {"stage": label},
                                **DATE_ERRORS},
            )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        for kind, label in StageKind.choices:
            start, end = cleaned.get(f"{kind}_start"), cleaned.get(f"{kind}_end")
            if f"{kind}_start" in self.errors or f"{kind}_end" in self.errors:
                continue
            if bool(start) != bool(end):
                missing = f"{kind}_end" if start else f"{kind}_start"
                self.add_error(missing, _("Isi tanggal mulai dan selesai %(stage)s.") % {"stage": label})
        return cleaned

    def stage_fields(self):
        """(label, start field, end field) per stage, for the template."""
        return [(label, self[f"{kind}_start"], self[f"{kind}_end"]) for kind, label in StageKind.choices]

    def content_fields(self):
        names = (
            "agency",
            "position_title",
            "level",
            "unit",
            "summary",
            "requirements",
            "location",
            "contact",
        )
        return [self[name] for name in names]

    def values(self) -> dict:
        names = ("position_title", "level", "unit", "summary", "requirements", "location", "contact")
        return {name: self.cleaned_data.get(name, "") for name in names}

    def stages(self) -> list[Stage]:
        stages = []
        for kind in StageKind.values:
            start, end = self.cleaned_data.get(f"{kind}_start"), self.cleaned_data.get(f"{kind}_end")
            if start and end:
                stages.append(Stage(kind, start, end))
        return stages


class DocumentForm(StrictTextMixin, forms.Form):
    title = forms.CharField(
        label=_("Judul dokumen"),
        max_length=200,
        error_messages={"required": _("Beri judul dokumen, mis. “Surat pengumuman seleksi”.")},
    )
    file = forms.FileField(
        label=_("Berkas PDF (maks. 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        error_messages={"required": _("Pilih berkas PDF.")},
    )


class ReasonForm(StrictTextMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("Alasan / catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CandidatesForm(StrictTextMixin, forms.Form):
    nips = forms.CharField(
        label=_("NIP kandidat"),
        max_length=60000,
        widget=forms.Textarea(attrs={"rows": 6, "inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("Satu NIP per baris (atau dipisah koma). Paling banyak 1.000 NIP."),
        error_messages={"required": _("Masukkan paling sedikit satu NIP kandidat.")},
    )


class SearchForm(forms.Form):
    """The public list's filters (GET). Unknown values are ignored, never an error page."""

    STATUS_CHOICES = [
        ("", _("Semua")),
        ("open", AnnouncementState.PUBLISHED.label),
        ("closed", AnnouncementState.CLOSED.label),
    ]

    q = forms.CharField(label=_("Cari jabatan atau kata kunci"), max_length=100, required=False)
    instansi = forms.ChoiceField(label=_("Instansi"), required=False)
    jenjang = forms.ChoiceField(
        label=_("Jenjang"), required=False, choices=[("", _("Semua")), *PositionLevel.choices]
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instansi"].choices = [("", _("Semua")), *agencies]
