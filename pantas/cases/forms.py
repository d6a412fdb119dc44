"""Forms: the case filter (shared by the list, the exports and the API) and one form per workflow action whose
field names are the service function's keyword arguments."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pantas.accounts.models import Organisation, OrganisationKind, User
from pantas.core.forms import use_fast_selects
from pantas.core.roles import Role
from pantas.intake.security.files import ACCEPT as FILE_ACCEPT
from pantas.lib.limits import MAX_INT
from pantas.registry.models import (
    Agency,
    Election,
    PositionClass,
    Province,
    SanctionKind,
    Track,
    ViolationCategory,
)

from . import facts
from .models import (
    Case,
    CorrectiveActionKind,
    MaladministrationCategory,
    Outcome,
    ReferralOutcome,
    RejectionReason,
    Respondent,
    Team,
)
from .services.transitions import default_sanction
from .workflow import Action, CaseState

PARTNER_KINDS = [
    OrganisationKind.OMBUDSMAN,
    OrganisationKind.KEMENDAGRI,
    OrganisationKind.KEMENPANRB,
    OrganisationKind.BAWASLU,
    OrganisationKind.BKN_RECORDS,
]


def analysts():
    return User.objects.filter(is_active=True, role_assignments__role=Role.ANALYST).order_by("full_name")


class AnalystChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.username


class CaseFilterForm(forms.Form):
    """Filters for the list, the CSV/XLSX exports and `GET /api/v1/cases/`: one definition, exact same rows."""

    q = forms.CharField(label=_("Cari nomor kasus, nama, atau NIP"), required=False, max_length=100)
    state = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua"))] + CaseState.choices
    )
    track = forms.ChoiceField(label=_("Jalur"), required=False, choices=[("", _("Semua"))] + Track.choices)
    election = forms.ModelChoiceField(
        label=_("Pemilihan"), required=False, queryset=Election.objects.all(), to_field_name="code"
    )
    province = forms.ModelChoiceField(
        label=_("Provinsi"), required=False, queryset=Province.objects.all(), to_field_name="code"
    )
    agency = forms.ModelChoiceField(
        label=_("Instansi"),
        required=False,
        queryset=Agency.objects.filter(disabled_on__isnull=True).order_by("name"),
        to_field_name="code",
    )
    category = forms.ModelChoiceField(
        label=_("Kategori"), required=False, queryset=ViolationCategory.objects.all(), to_field_name="code"
    )
    assignee = AnalystChoiceField(
        label=_("Analis"), required=False, queryset=User.objects.none(), to_field_name="username"
    )
    team = forms.ModelChoiceField(
        label=_("Tim"), required=False, queryset=Team.objects.all(), to_field_name="code"
    )
    # Dimensions of the statistics (drill-down from /statistik/ lands here with the same codes, ADR 0073).
    regency = forms.CharField(
        label=_("Kabupaten/kota"), required=False, max_length=5, widget=forms.HiddenInput
    )
    position_class = forms.ChoiceField(
        label=_("Kelompok jabatan"), required=False, choices=[("", _("Semua"))] + PositionClass.choices
    )
    authority = forms.CharField(required=False, max_length=30, widget=forms.HiddenInput)
    source = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    mode = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    addressee = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)
    overdue = forms.BooleanField(label=_("Hanya yang melewati tenggat"), required=False)
    conflict = forms.BooleanField(label=_("Hanya konflik kepentingan"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = analysts()
        use_fast_selects(self)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        if data["q"]:
            q = data["q"].strip()
            queryset = queryset.filter(
                Q(number__icontains=q) | Q(subject_name__icontains=q) | Q(subject_nip=q.replace(" ", ""))
            )
        for name in ("state", "track"):
            if data[name]:
                queryset = queryset.filter(**{name: data[name]})
        for name in ("election", "province", "agency", "category", "assignee", "team"):
            if data[name] is not None:
                queryset = queryset.filter(**{name: data[name]})
        for name in ("regency", "position_class", "authority", "source", "mode", "addressee"):
            if data[name]:  # the statistics' own definition of the dimension (cases.facts)
                column = facts.COLUMN[name]
                queryset = queryset.alias(**{column: facts.DIMENSIONS[name]}).filter(**{column: data[name]})
        if data["overdue"]:
            queryset = queryset.overdue(timezone.localdate())
        if data["conflict"]:
            queryset = queryset.filter(conflict_of_interest=True)
        return queryset


class ActionForm(forms.Form):
    """Base for action forms; `version` detects a page that went stale while the user was reading it."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=MAX_INT)

    def __init__(self, *args, case: Case, **kwargs):
        self.case = case
        kwargs.setdefault("initial", {}).setdefault("version", case.version)
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class ReasonForm(ActionForm):
    reason = forms.CharField(
        label=_("Catatan (opsional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RequiredReasonForm(ActionForm):
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}))


class ConfirmForm(ActionForm):
    pass


class RejectForm(ActionForm):
    reason_code = forms.ChoiceField(label=_("Alasan penolakan"), choices=RejectionReason.choices)
    reason = forms.CharField(label=_("Penjelasan"), widget=forms.Textarea(attrs={"rows": 3}))


class MergeForm(ActionForm):
    target = forms.CharField(
        label=_("Nomor kasus tujuan"),
        max_length=20,
        help_text=_("Kasus yang membahas orang dan perbuatan yang sama."),
    )
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))

    def clean_target(self):
        number = self.cleaned_data["target"].strip().upper()
        target = Case.objects.filter(number=number).first()
        if target is None:
            raise forms.ValidationError(_("Kasus %(number)s tidak ditemukan.") % {"number": number})
        return target


class ReferForm(ActionForm):
    partner = forms.ModelChoiceField(
        label=_("Instansi mitra"),
        queryset=Organisation.objects.filter(kind__in=PARTNER_KINDS).order_by("kind", "name"),
        to_field_name="code",
    )
    maladministration = forms.ModelChoiceField(
        label=_("Kategori maladministrasi"),
        required=False,
        queryset=MaladministrationCategory.objects.filter(disabled_on__isnull=True),
        to_field_name="code",
        help_text=_("Wajib untuk rujukan ke Ombudsman."),
    )
    note = forms.CharField(label=_("Uraian rujukan"), widget=forms.Textarea(attrs={"rows": 3}))


class StartInvestigationForm(ActionForm):
    category = forms.ModelChoiceField(
        label=_("Kategori pelanggaran"),
        queryset=ViolationCategory.objects.filter(disabled_on__isnull=True),
        to_field_name="code",
    )
    assignee = AnalystChoiceField(
        label=_("Analis"),
        required=False,
        queryset=User.objects.none(),
        to_field_name="username",
        help_text=_("Kosongkan untuk tetap pada analis saat ini (atau Anda sendiri bila Anda analis)."),
    )
    reason = forms.CharField(
        label=_("Catatan verifikasi"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, case, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("category", case.category.code if case.category else None)
        super().__init__(*args, case=case, **kwargs)
        self.fields["assignee"].queryset = analysts()


class RequestClarificationForm(ActionForm):
    question = forms.CharField(
        label=_("Hal yang perlu diklarifikasi"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Dikirim ke kantor PPK tujuan; terlapor berhak memberikan penjelasan."),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Optional files (PDF, photo, video), checked by the service like intake evidence (ADR 0118)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Lampiran (opsional)"))
        kwargs.setdefault(
            "help_text", _("PDF, foto (JPG/PNG) atau video; paling banyak 5 berkas. Metadata foto dihapus.")
        )
        super().__init__(widget=MultipleFileInput(attrs={"accept": FILE_ACCEPT}), **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(AttachmentsField, self).clean(f, initial) for f in files]


class AnswerClarificationForm(ActionForm):
    respondent = forms.ChoiceField(
        label=_("Yang menjawab"), choices=Respondent.choices, initial=Respondent.PPK
    )
    body = forms.CharField(label=_("Jawaban / penjelasan"), widget=forms.Textarea(attrs={"rows": 4}))
    attachments = AttachmentsField()


class SanctionDecisionForm(ActionForm):
    outcome = forms.ChoiceField(label=_("Putusan"), choices=Outcome.choices, widget=forms.RadioSelect)
    category = forms.ModelChoiceField(
        label=_("Kategori pelanggaran"),
        queryset=ViolationCategory.objects.filter(disabled_on__isnull=True),
        to_field_name="code",
        required=False,
    )
    sanction = forms.ModelChoiceField(
        label=_("Sanksi yang direkomendasikan"),
        queryset=SanctionKind.objects.filter(disabled_on__isnull=True),
        to_field_name="code",
        required=False,
    )
    override_reason = forms.CharField(
        label=_("Alasan bila berbeda dari sanksi bawaan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    findings = forms.CharField(label=_("Pertimbangan dan temuan"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, case, **kwargs):
        proposed = default_sanction(case.category, case.employee_type)
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("category", case.category.code if case.category else None)
        initial.setdefault("sanction", proposed.code if proposed else None)
        super().__init__(*args, case=case, **kwargs)
        self.fields["sanction"].queryset = SanctionKind.objects.filter(disabled_on__isnull=True).filter(
            Q(employee_type="") | Q(employee_type=case.employee_type)
        )
        if proposed:
            self.fields["sanction"].help_text = _("Sanksi bawaan katalog: %(name)s (%(source)s).") % {
                "name": proposed.name,
                "source": proposed.legal_source,
            }


# Rows of corrective actions on the decision form of a merit-system case (more can be sent through the API).
CORRECTIVE_ROWS = 3


class DecideForm(SanctionDecisionForm):
    """The decision: a sanction for every track, plus corrective-action rows for a merit-system case."""

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        if case.track != Track.MERIT:
            return
        kinds = CorrectiveActionKind.objects.filter(disabled_on__isnull=True)
        for row in range(1, CORRECTIVE_ROWS + 1):
            self.fields[f"corrective_kind_{row}"] = forms.ModelChoiceField(
                label=_("Tindakan korektif %(row)d") % {"row": row},
                queryset=kinds,
                to_field_name="code",
                required=False,
                help_text=_("Kasus sistem merit yang terbukti memerlukan sedikitnya satu tindakan korektif.")
                if row == 1
                else "",
            )
            self.fields[f"decree_number_{row}"] = forms.CharField(
                label=_("Nomor keputusan (SK) %(row)d") % {"row": row}, required=False, max_length=120
            )
            self.fields[f"decree_date_{row}"] = forms.DateField(
                label=_("Tanggal keputusan %(row)d") % {"row": row},
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
            self.fields[f"decree_subject_{row}"] = forms.CharField(
                label=_("Perihal keputusan %(row)d") % {"row": row}, required=False, max_length=300
            )

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        rows = []
        for row in range(1, CORRECTIVE_ROWS + 1):
            kind = data.pop(f"corrective_kind_{row}", None)
            values = {
                f: data.pop(f"{f}_{row}", None) for f in ("decree_number", "decree_date", "decree_subject")
            }
            if kind is not None:
                rows.append({"kind": kind, **{k: v or "" for k, v in values.items()}})
        data["corrective_actions"] = rows
        return data


class LinkOmbudsmanForm(ActionForm):
    ombudsman_register_number = forms.CharField(
        label=_("Nomor register Ombudsman"),
        required=False,
        max_length=60,
        help_text=_(
            "Bila pengaduan yang sama juga disampaikan ke Ombudsman; nomor yang sama menautkan kasus."
        ),
    )
    selection_reference = forms.CharField(
        label=_("Rujukan seleksi / pengumuman"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Untuk pengaduan tentang seleksi JPT: nomor atau tautan pengumuman seleksi terbuka."),
    )

    def __init__(self, *args, case, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("ombudsman_register_number", case.ombudsman_register_number)
        initial.setdefault("selection_reference", case.selection_reference or "")
        super().__init__(*args, case=case, **kwargs)


class AssignForm(ActionForm):
    assignee = AnalystChoiceField(
        label=_("Analis"), required=False, queryset=User.objects.none(), to_field_name="username"
    )
    team = forms.ModelChoiceField(
        label=_("Tim"), required=False, queryset=Team.objects.all(), to_field_name="code"
    )
    reason = forms.CharField(label=_("Catatan"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["assignee"].queryset = analysts()


class EditLetterForm(ActionForm):
    subject = forms.CharField(label=_("Perihal"), max_length=300)
    body = forms.CharField(label=_("Isi surat"), widget=forms.Textarea(attrs={"rows": 14}))

    def __init__(self, *args, case, **kwargs):
        letter = getattr(case, "letter", None)
        if letter is not None:
            initial = kwargs.setdefault("initial", {})
            initial.setdefault("subject", letter.subject)
            initial.setdefault("body", letter.body)
        super().__init__(*args, case=case, **kwargs)


class OverrideRoutingForm(ActionForm):
    addressee = forms.ModelChoiceField(
        label=_("Tujuan rekomendasi"),
        queryset=Organisation.objects.none(),
        to_field_name="code",
    )
    conflict_of_interest = forms.BooleanField(label=_("Ada konflik kepentingan PPK"), required=False)
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, case, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("addressee", case.addressee.code if case.addressee else None)
        initial.setdefault("conflict_of_interest", case.conflict_of_interest)
        super().__init__(*args, case=case, **kwargs)
        # The agency's own PPK office, its parent's, and the two supervising ministries.
        agencies = [a for a in (case.agency_id, getattr(case.agency, "parent_id", None)) if a]
        self.fields["addressee"].queryset = Organisation.objects.filter(
            Q(kind=OrganisationKind.PPK_OFFICE, agency_id__in=agencies)
            | Q(kind__in=[OrganisationKind.KEMENDAGRI, OrganisationKind.KEMENPANRB])
            | Q(pk=case.addressee_id)
        ).order_by("kind", "name")


ACTION_FORMS = {
    Action.VERIFY: ReasonForm,
    Action.REJECT: RejectForm,
    Action.MERGE: MergeForm,
    Action.REFER: ReferForm,
    Action.START_INVESTIGATION: StartInvestigationForm,
    Action.REQUEST_CLARIFICATION: RequestClarificationForm,
    Action.RESUME_INVESTIGATION: ReasonForm,
    Action.DECIDE: DecideForm,
    Action.RECONSIDER: RequiredReasonForm,
    Action.ISSUE_RECOMMENDATION: ConfirmForm,
    Action.ASSIGN: AssignForm,
    Action.CLAIM: ConfirmForm,
    Action.SHARE_WITH_PARTNER: ReferForm,
    Action.ANSWER_CLARIFICATION: AnswerClarificationForm,
    Action.EDIT_LETTER: EditLetterForm,
    Action.OVERRIDE_ROUTING: OverrideRoutingForm,
    Action.REROUTE: ReasonForm,
    Action.LINK_OMBUDSMAN: LinkOmbudsmanForm,
}


class ReferralReplyForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Hasil penanganan"), choices=ReferralOutcome.choices)
    body = forms.CharField(label=_("Tanggapan"), widget=forms.Textarea(attrs={"rows": 4}))
    partner_register_number = forms.CharField(
        label=_("Nomor register pada instansi Anda"), required=False, max_length=60
    )
    findings = forms.CharField(
        label=_("Temuan instansi Anda"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    attachments = AttachmentsField()


class CandidacyForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Instansi"),
        queryset=Agency.objects.filter(disabled_on__isnull=True, has_own_ppk=True).order_by("name"),
        to_field_name="code",
    )
    election = forms.ModelChoiceField(
        label=_("Pemilihan"), queryset=Election.objects.all(), to_field_name="code"
    )
    candidate_name = forms.CharField(label=_("Nama PPK yang menjadi calon"), max_length=150)
    source = forms.CharField(
        label=_("Sumber"),
        max_length=300,
        help_text=_("Misalnya keputusan KPU tentang penetapan pasangan calon."),
    )
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
