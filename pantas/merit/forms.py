"""Forms of the merit pages. Dynamic per-indicator forms keep what the user typed when a save is refused."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from pantas.registry.models import Agency, AgencyKind

from .formatting import score_text
from .models import InstrumentKind, InstrumentVersion, VersionStatus


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Catatan (opsional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CycleForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2014, max_value=2100)
    title = forms.CharField(label=_("Judul siklus"), max_length=200)
    instrument_version = forms.ModelChoiceField(
        label=_("Versi instrumen"), queryset=InstrumentVersion.objects.none(), empty_label=None
    )
    self_assessment_due = forms.DateField(
        label=_("Batas penilaian mandiri"), widget=forms.DateInput(attrs={"type": "date"})
    )
    verification_due = forms.DateField(
        label=_("Batas verifikasi"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reply_window_days = forms.IntegerField(
        label=_("Masa tanggapan instansi (hari kerja)"), min_value=1, max_value=60, initial=10
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Instansi peserta"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Tahan Ctrl (atau Cmd) untuk memilih beberapa instansi."),
    )
    add_kinds = forms.MultipleChoiceField(
        label=_("Tambahkan semua instansi berjenis"),
        choices=AgencyKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument_version"].queryset = (
            InstrumentVersion.objects.visible_to(user).published().select_related("instrument")
        )
        self.fields["participants"].queryset = (
            Agency.objects.visible_to(user).active().order_by("kind", "name")
        )

    def clean(self):
        data = super().clean()
        due, verify = data.get("self_assessment_due"), data.get("verification_due")
        if due and verify and verify < due:
            self.add_error(
                "verification_due", _("Batas verifikasi tidak boleh sebelum batas penilaian mandiri.")
            )
        chosen = set(data.get("participants") or [])
        if data.get("add_kinds"):
            chosen |= set(Agency.objects.active().filter(kind__in=data["add_kinds"]))
        data["all_participants"] = sorted(chosen, key=lambda a: a.pk)
        return data


class InstrumentForm(forms.Form):
    code = forms.SlugField(label=_("Kode"), max_length=60)
    name = forms.CharField(label=_("Nama instrumen"), max_length=200)
    kind = forms.ChoiceField(label=_("Jenis"), choices=InstrumentKind.choices)
    description = forms.CharField(
        label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    title = forms.CharField(label=_("Judul versi 1"), max_length=200)
    legal_source = forms.CharField(label=_("Dasar hukum / sumber"), widget=forms.Textarea(attrs={"rows": 2}))
    max_score = forms.DecimalField(label=_("Skor maksimum"), max_digits=7, decimal_places=2, min_value=1)


class VersionForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=200)
    legal_source = forms.CharField(label=_("Dasar hukum / sumber"), widget=forms.Textarea(attrs={"rows": 3}))
    effective_date = forms.DateField(
        label=_("Berlaku sejak"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    max_score = forms.DecimalField(
        label=_("Skor maksimum"),
        max_digits=7,
        decimal_places=2,
        min_value=1,
        help_text=_(
            "Sumber berbeda (400 atau 410): harus sama dengan jumlah skor tertinggi semua indikator."
        ),
    )
    change_note = forms.CharField(
        label=_("Catatan perubahan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BandForm(forms.Form):
    code = forms.CharField(label=_("Kode"), max_length=10)
    name = forms.CharField(label=_("Nama kategori"), max_length=100)
    min_score = forms.DecimalField(label=_("Skor minimum"), max_digits=7, decimal_places=2, min_value=0)
    max_score = forms.DecimalField(label=_("Skor maksimum"), max_digits=7, decimal_places=2, min_value=0)
    is_award = forms.BooleanField(label=_("Penghargaan"), required=False)


BandFormSet = formset_factory(BandForm, extra=1, can_delete=True)


class AspectForm(forms.Form):
    code = forms.SlugField(label=_("Kode"), max_length=60)
    order = forms.IntegerField(label=_("Urutan"), min_value=0, initial=1)
    name = forms.CharField(label=_("Nama aspek"), max_length=200)
    description = forms.CharField(
        label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    declared_max = forms.DecimalField(
        label=_("Skor maksimum menurut sumber"),
        max_digits=7,
        decimal_places=2,
        required=False,
        help_text=_("Kosongkan bila sumber tidak menyebutkan."),
    )
    shows_case_data = forms.BooleanField(
        label=_("Tampilkan data kasus netralitas/etik di samping aspek ini (informatif, tidak dinilai)"),
        required=False,
    )


class IndicatorForm(forms.Form):
    code = forms.CharField(label=_("Kode"), max_length=60)
    order = forms.IntegerField(label=_("Urutan"), min_value=0, initial=1)
    text = forms.CharField(label=_("Indikator"), widget=forms.Textarea(attrs={"rows": 2}))
    guidance = forms.CharField(
        label=_("Petunjuk pengisian"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class OptionForm(forms.Form):
    label = forms.CharField(label=_("Pilihan jawaban"), max_length=500)
    score = forms.DecimalField(label=_("Skor"), max_digits=7, decimal_places=2, min_value=0)
    evidence_required = forms.BooleanField(label=_("Wajib bukti"), required=False)
    evidence_hint = forms.CharField(label=_("Bukti yang diminta"), max_length=300, required=False)


OptionFormSet = formset_factory(OptionForm, extra=1, can_delete=True)


def formset_rows(formset) -> list[dict]:
    """The filled, not-deleted rows of a valid formset, in order."""
    return [
        {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def _option_choices(indicator):
    return [
        (
            str(o.pk),
            f"{o.label} — {score_text(o.score)}"
            + (" · " + str(_("wajib bukti")) if o.evidence_required else ""),
        )
        for o in indicator.options.all()
    ]


class SelfAssessmentForm(forms.Form):
    """One aspect of a self-assessment: per indicator an answer, a note, and optionally new evidence (link or
    file); existing evidence can be ticked for removal."""

    def __init__(self, *args, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = answers
        evidence_choices = []
        for a in answers:
            self.fields[f"opt_{a.pk}"] = forms.TypedChoiceField(
                label=a.indicator.text,
                choices=_option_choices(a.indicator),
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                initial=a.self_option_id,
            )
            self.fields[f"note_{a.pk}"] = forms.CharField(
                label=_("Penjelasan"),
                required=False,
                initial=a.self_note,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"evtitle_{a.pk}"] = forms.CharField(
                label=_("Judul bukti"), max_length=200, required=False
            )
            self.fields[f"evurl_{a.pk}"] = forms.URLField(
                label=_("Tautan bukti"), required=False, assume_scheme="https", max_length=500
            )
            self.fields[f"evfile_{a.pk}"] = forms.FileField(
                label=_("Berkas bukti (PDF, JPG, PNG, DOCX, XLSX, PPTX; maks. 5 MB)"), required=False
            )
            evidence_choices += [(str(e.pk), e.title) for e in a.evidence.all()]
        self.fields["remove_evidence"] = forms.TypedMultipleChoiceField(
            choices=evidence_choices, coerce=int, required=False, widget=forms.CheckboxSelectMultiple
        )

    def clean(self):
        data = super().clean()
        for a in self.answers:
            title = data.get(f"evtitle_{a.pk}", "")
            has_new = data.get(f"evurl_{a.pk}") or data.get(f"evfile_{a.pk}")
            if has_new and not title:
                self.add_error(f"evtitle_{a.pk}", _("Beri judul bukti dukung (mis. nomor SK)."))
            if data.get(f"evurl_{a.pk}") and data.get(f"evfile_{a.pk}"):
                self.add_error(f"evurl_{a.pk}", _("Isi tautan atau unggah berkas, salah satu saja."))
            if title and not has_new:
                self.add_error(f"evurl_{a.pk}", _("Isi tautan atau unggah berkas untuk bukti ini."))
        return data

    def rows(self):
        for a in self.answers:
            yield {
                "answer": a,
                "option": self[f"opt_{a.pk}"],
                "note": self[f"note_{a.pk}"],
                "evtitle": self[f"evtitle_{a.pk}"],
                "evurl": self[f"evurl_{a.pk}"],
                "evfile": self[f"evfile_{a.pk}"],
            }


class VerifyForm(forms.Form):
    """Assessors: per indicator the option that counts (the agency's by default) and, if different, a reason."""

    def __init__(self, *args, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = answers
        for a in answers:
            self.fields[f"opt_{a.pk}"] = forms.TypedChoiceField(
                label=a.indicator.text,
                choices=_option_choices(a.indicator),
                coerce=int,
                widget=forms.RadioSelect,
                initial=a.assessor_option_id or a.self_option_id,
            )
            self.fields[f"reason_{a.pk}"] = forms.CharField(
                label=_("Alasan penyesuaian"),
                required=False,
                initial=a.assessor_reason,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        for a in self.answers:
            yield {"answer": a, "option": self[f"opt_{a.pk}"], "reason": self[f"reason_{a.pk}"]}


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Tanggapan umum"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

    def __init__(self, *args, adjusted, **kwargs):
        super().__init__(*args, **kwargs)
        self.adjusted = adjusted
        for a in adjusted:
            self.fields[f"agree_{a.pk}"] = forms.TypedChoiceField(
                label=_("Sikap instansi"),
                choices=[("1", _("Setuju")), ("0", _("Tidak setuju"))],
                coerce=lambda v: v == "1",
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{a.pk}"] = forms.CharField(
                label=_("Penjelasan"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=5000,
            )

    def clean(self):
        data = super().clean()
        for a in self.adjusted:
            if data.get(f"agree_{a.pk}") is False and not data.get(f"note_{a.pk}", "").strip():
                self.add_error(f"note_{a.pk}", _("Jelaskan mengapa instansi tidak setuju."))
        return data

    def rows(self):
        for a in self.adjusted:
            yield {"answer": a, "agree": self[f"agree_{a.pk}"], "note": self[f"note_{a.pk}"]}

    def answers(self) -> dict[int, tuple[bool, str]]:
        return {
            a.pk: (self.cleaned_data[f"agree_{a.pk}"], self.cleaned_data[f"note_{a.pk}"])
            for a in self.adjusted
        }


class ImportForm(forms.Form):
    instrument_version = forms.ModelChoiceField(
        label=_("Instrumen (versi) hasil yang diimpor"),
        queryset=InstrumentVersion.objects.none(),
        empty_label=None,
    )
    file = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        help_text=_(
            "Kolom: instansi (kode atau nama persis), tahun, skor, kategori. Maks. 2 MB, 5.000 baris."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument_version"].queryset = (
            InstrumentVersion.objects.visible_to(user)
            .exclude(status=VersionStatus.DRAFT)
            .select_related("instrument")
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Unggah berkas .csv atau .xlsx."))
        return upload
