"""Forms of the follow-up pages: one per action; `service_kwargs()` is what the service function takes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pantas.registry.models import SanctionKind

from .models import ObjectionOutcome
from .workflow import BlockingAction, FollowUpAction, FollowUpState

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActionForm(forms.Form):
    """`version` detects a page that went stale while the user was reading it."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, obj=None, **kwargs):
        self.obj = obj
        if obj is not None:
            kwargs.setdefault("initial", {}).setdefault("version", obj.version)
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


def _sanctions():
    return SanctionKind.objects.filter(disabled_on__isnull=True).order_by("order")


class NoteForm(ActionForm):
    reason = forms.CharField(
        label=_("Catatan (opsional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}))


class ReportForm(ActionForm):
    number = forms.CharField(label=_("Nomor SK"), max_length=120)
    decree_date = forms.DateField(label=_("Tanggal SK"), widget=DATE)
    imposed_sanction = forms.ModelChoiceField(
        label=_("Sanksi yang dijatuhkan"), queryset=SanctionKind.objects.none(), to_field_name="code"
    )
    starts_on = forms.DateField(label=_("Berlaku mulai"), widget=DATE)
    ends_on = forms.DateField(
        label=_("Berakhir (opsional)"),
        required=False,
        widget=DATE,
        help_text=_("Kosongkan untuk menghitung dari lama sanksi (mis. 6 bulan)."),
    )
    upload = forms.FileField(
        label=_("Berkas SK (PDF)"), widget=forms.ClearableFileInput(attrs={"accept": ".pdf"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["imposed_sanction"].queryset = _sanctions()
        if self.obj is not None and self.obj.recommended_sanction_id:
            self.fields["imposed_sanction"].initial = self.obj.recommended_sanction.code


class ObjectForm(ActionForm):
    reasons = forms.CharField(label=_("Alasan keberatan"), widget=forms.Textarea(attrs={"rows": 4}))


class AnswerObjectionForm(ActionForm):
    outcome = forms.ChoiceField(label=_("Hasil"), choices=ObjectionOutcome.choices, widget=forms.RadioSelect)
    answer = forms.CharField(label=_("Jawaban"), widget=forms.Textarea(attrs={"rows": 3}))
    revised_sanction = forms.ModelChoiceField(
        label=_("Sanksi setelah perubahan"),
        queryset=SanctionKind.objects.none(),
        to_field_name="code",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revised_sanction"].queryset = _sanctions()


class VerifyForm(ActionForm):
    deviation_reason = forms.CharField(
        label=_("Alasan perbedaan sanksi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wajib bila sanksi dalam SK berbeda dari rekomendasi."),
    )


FOLLOW_UP_FORMS = {
    FollowUpAction.ACKNOWLEDGE: NoteForm,
    FollowUpAction.REPORT: ReportForm,
    FollowUpAction.OBJECT: ObjectForm,
    FollowUpAction.ANSWER_OBJECTION: AnswerObjectionForm,
    FollowUpAction.VERIFY: VerifyForm,
    FollowUpAction.RETURN_REPORT: ReasonForm,
    FollowUpAction.ESCALATE: NoteForm,
    FollowUpAction.CLOSE: NoteForm,
}


class BlockForm(ActionForm):
    reference = forms.CharField(label=_("Referensi SIASN"), max_length=100)
    blocked_on = forms.DateField(label=_("Tanggal blokir"), widget=DATE)


class UnblockForm(ActionForm):
    reference = forms.CharField(label=_("Referensi buka blokir"), max_length=100)
    unblocked_on = forms.DateField(label=_("Tanggal buka blokir"), widget=DATE)


class ConfirmForm(ActionForm):
    pass


BLOCKING_FORMS = {
    BlockingAction.ACKNOWLEDGE: ConfirmForm,
    BlockingAction.BLOCK: BlockForm,
    BlockingAction.UNBLOCK: UnblockForm,
}


class ReprimandForm(ActionForm):
    note = forms.CharField(label=_("Isi teguran"), widget=forms.Textarea(attrs={"rows": 3}))
    reference = forms.CharField(label=_("Nomor surat teguran"), max_length=120, required=False)


class FollowUpFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua"))] + list(FollowUpState.choices)
    )
    overdue = forms.BooleanField(label=_("Hanya yang melewati tenggat"), required=False)
    agency = forms.CharField(label=_("Instansi / PPK"), required=False, max_length=100)
