"""A case: one reported civil servant and one act, built from one or more linked reports."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from pantas.core.models import StateChange, TimeStampedModel, VisibleQuerySet
from pantas.core.roles import Role
from pantas.registry.models import EmployeeType, PositionClass, Track

from ..roles import ADDRESSEE_ROLES, REFERRAL_PARTNER_ROLES, VIEW_ALL_ROLES  # noqa: F401  (re-exported)
from ..workflow import FRONT_DESK_STATES, OPEN_STATES, CaseState, ReferralStatus  # noqa: F401


class RejectionReason(models.TextChoices):
    INCOMPLETE = "incomplete", _("Laporan tidak lengkap")
    NOT_OUR_AUTHORITY = "not_our_authority", _("Bukan kewenangan pengawas ASN")
    NOT_A_VIOLATION = "not_a_violation", _("Bukan pelanggaran")
    HANDLED_BY_PPK = "handled_by_ppk", _("Sudah ditindaklanjuti langsung oleh PPK")


class CaseQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Leadership and deciders see all; the intake desk sees front-desk states; analysts see their own,
        their teams' and the unassigned pool; addressee organisations see disclosed cases addressed to them;
        referral partners see cases referred to them (ADR 0022)."""
        branches = self.visibility_branches(user)
        return self if branches is None else self.any_of(*branches)

    @staticmethod
    def visibility_branches(user, prefix: str = "") -> list | None:
        """`visible_to`'s branches — `Q`s and id querysets — or None for "every case". With `prefix`
        ("case__"), the same branches for a model that points at its case, so that model's scope joins the
        case row instead of first collecting every visible case's id (ADR 0136)."""
        if not user.is_authenticated:
            return []
        roles = user.role_set
        if roles & VIEW_ALL_ROLES:
            return None
        # Staff scopes are dense among recent cases: one OR of plain columns (the user's teams read first), so a
        # page is read in list order until it is full and a count combines the indexes (BitmapOr).
        # Organisations' scopes are sparse: their ids are collected by `any_of` from each branch's index and
        # only those rows are read (ADR 0130).
        staff = Q(pk__in=[])
        if Role.INTAKE_OFFICER in roles:
            staff |= Q(state__in=FRONT_DESK_STATES)
        if Role.ANALYST in roles:
            staff |= (
                Q(assignee=user)
                | Q(team__in=_team_ids(user))
                | Q(assignee__isnull=True, state__in=[CaseState.RECEIVED, CaseState.VERIFICATION])
            )
        branches = [staff] if roles & {Role.INTAKE_OFFICER, Role.ANALYST} else []
        if user.organisation_id and roles & ADDRESSEE_ROLES:
            branches.append(Q(addressee_id=user.organisation_id, disclosed_at__isnull=False))
        if user.organisation_id and roles & REFERRAL_PARTNER_ROLES:
            branches.append(Referral.objects.filter(partner_id=user.organisation_id).values("case_id"))
        if not prefix:
            return branches
        return [_prefixed(b, prefix) if isinstance(b, Q) else Q(**{f"{prefix}pk__in": b}) for b in branches]

    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def with_awaiting_answer(self):
        """Annotate `awaiting_answer`: a clarification request of the case has no answer yet."""
        unanswered = ClarificationRequest.objects.filter(case=OuterRef("pk"), answers__isnull=True)
        return self.annotate(awaiting_answer=Exists(unanswered))


def _prefixed(q: Q, prefix: str) -> Q:
    """`q` with every lookup prefixed (`state` → `case__state`), connectors and negation kept."""
    out = Q()
    out.connector, out.negated = q.connector, q.negated
    out.children = [
        _prefixed(child, prefix) if isinstance(child, Q) else (prefix + child[0], child[1])
        for child in q.children
    ]
    return out


def _team_ids(user) -> list[int]:
    """The analyst's case teams, read once per user object (a request's user)."""
    if not hasattr(user, "_case_team_ids"):
        user._case_team_ids = list(user.case_teams.values_list("pk", flat=True))
    return user._case_team_ids


class Case(TimeStampedModel):
    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("nomor kasus"), max_length=20, unique=True)
    state = models.CharField(
        _("status"), max_length=20, choices=CaseState.choices, default=CaseState.RECEIVED, db_index=True
    )
    version = models.PositiveIntegerField(_("versi"), default=0)
    state_changed_at = models.DateTimeField(_("status berubah"), default=timezone.now)
    track = models.CharField(_("jalur"), max_length=20, choices=Track.choices, default=Track.NEUTRALITY)
    category = models.ForeignKey(
        "registry.ViolationCategory",
        verbose_name=_("kategori pelanggaran"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    election = models.ForeignKey(
        "registry.Election", verbose_name=_("pemilihan"), null=True, blank=True, on_delete=models.PROTECT
    )
    election_stage = models.CharField(_("tahapan pemilihan"), max_length=20, blank=True)
    authority = models.ForeignKey(
        "registry.Authority", verbose_name=_("otoritas pengawas"), on_delete=models.PROTECT
    )
    received_at = models.DateTimeField(_("laporan pertama diterima"), default=timezone.now)
    # The one reported civil servant, copied from the first linked ReportedPerson for filters and exports.
    subject_name = models.CharField(_("nama terlapor"), max_length=150)
    subject_nip = models.CharField(_("NIP terlapor"), max_length=18, blank=True, db_index=True)
    employee_type = models.CharField(
        _("jenis pegawai"), max_length=4, choices=EmployeeType.choices, default=EmployeeType.PNS
    )
    civil_servant = models.ForeignKey(
        "registry.CivilServant",
        verbose_name=_("ASN (data kepegawaian)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    position_title = models.CharField(_("jabatan"), max_length=200, blank=True)
    position_class = models.CharField(
        _("kelompok jabatan"), max_length=20, choices=PositionClass.choices, blank=True
    )
    agency = models.ForeignKey(
        "registry.Agency", verbose_name=_("instansi"), null=True, blank=True, on_delete=models.PROTECT
    )
    province = models.ForeignKey(
        "registry.Province", verbose_name=_("provinsi"), null=True, blank=True, on_delete=models.PROTECT
    )
    regency = models.ForeignKey(
        "registry.Regency", verbose_name=_("kabupaten/kota"), null=True, blank=True, on_delete=models.PROTECT
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("analis"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
    )
    team = models.ForeignKey(
        "cases.Team", verbose_name=_("tim"), null=True, blank=True, on_delete=models.PROTECT
    )
    due_on = models.DateField(_("tenggat tahap"), null=True, blank=True)
    deadline_code = models.CharField(_("kode tenggat"), max_length=60, blank=True)
    rejection_reason = models.CharField(
        _("alasan penolakan"), max_length=30, choices=RejectionReason.choices, blank=True
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("digabung ke"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_cases",
    )
    # Routing of the recommendation (and of clarification requests): the agency's PPK office, or the next
    # level when its PPK is a candidate in the election (ADR 0023).
    addressee = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("tujuan rekomendasi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="addressed_cases",
    )
    conflict_of_interest = models.BooleanField(_("konflik kepentingan PPK"), default=False)
    routing_overridden = models.BooleanField(_("tujuan diubah manual"), default=False)
    routing_note = models.TextField(_("catatan tujuan"), blank=True)
    disclosed_at = models.DateTimeField(_("diberitahukan ke tujuan"), null=True, blank=True)
    decided_at = models.DateTimeField(_("diputus"), null=True, blank=True)
    # The same complaint filed with the Ombudsman (its register number): cases with the same number are linked.
    ombudsman_register_number = models.CharField(
        _("nomor register Ombudsman"), max_length=60, blank=True, db_index=True
    )
    # Merit-system complaints about a selection: the open-selection announcement (a model comes later).
    selection_reference = models.TextField(_("rujukan seleksi / pengumuman"), null=True, blank=True)
    closed_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    # Set when the retention purge removed the subject's personal data (ADR 0095).
    purged_at = models.DateTimeField(_("data pribadi dihapus"), null=True, blank=True, editable=False)
    # Statistical facts (ADR 0140), written by the workflow hooks (`cases.factstore`, `followup.services.facts`)
    # in the transaction of the change, never by save(): every figure of `insights.stats` reads them in one scan.
    # The dimensions of the opening report (its first link), read per case by statistics.
    report_mode = models.CharField(max_length=40, blank=True, editable=False)
    report_source = models.CharField(max_length=20, blank=True, editable=False)
    # First moments the case reached a state it never leaves in statistics (null: not yet).
    investigation_reached_at = models.DateTimeField(null=True, blank=True, editable=False)
    recommended_reached_at = models.DateTimeField(null=True, blank=True, editable=False)
    merged_reached_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Start of the current run in proven/recommended (null: not in it now); ended runs are `CaseFactRun` rows.
    proven_since = models.DateTimeField(null=True, blank=True, editable=False)
    # Follow-up facts: the first follow-up opened (when, its due date in the letter), the current run of the
    # sanction reported (the last follow-up change is reported/verified/closed) and the first report ever.
    follow_up_opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    follow_up_due = models.DateField(null=True, blank=True, editable=False)
    sanctioned_since = models.DateTimeField(null=True, blank=True, editable=False)
    sanction_reported_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["state", "due_on"], name="cases_state_due_idx"),
            models.Index(fields=["assignee", "state"], name="cases_assignee_state_idx"),
            models.Index(fields=["election", "state"], name="cases_election_state_idx"),
            # With the id, an organisation's disclosed cases are an index-only scan (visible_to, ADR 0136).
            models.Index(fields=["addressee", "disclosed_at", "id"], name="cases_addressee_idx"),
            # Every case list sorts by (received_at, id) and pages by it (ADR 0131).
            models.Index(fields=["received_at", "id"], name="cases_received_idx"),
        ]

    def __str__(self):
        return self.number

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()

    @property
    def is_merit(self) -> bool:
        return self.track == Track.MERIT

    @cached_property
    def current_decision(self):
        return (
            self.decisions.filter(superseded_at__isnull=True).select_related("category", "sanction").first()
        )


class CaseReportHow(models.TextChoices):
    OPENED = "opened", _("Membuka kasus")
    LINKED = "linked", _("Laporan tertaut (duplikat)")
    MERGED = "merged", _("Digabung dari kasus lain")


class CaseReport(models.Model):
    """One reported person of one report, handled in this case. A person belongs to exactly one case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links")
    report = models.ForeignKey("intake.Report", on_delete=models.PROTECT, related_name="case_links")
    reported_person = models.OneToOneField(
        "intake.ReportedPerson", on_delete=models.PROTECT, related_name="case_link"
    )
    how = models.CharField(max_length=10, choices=CaseReportHow.choices, default=CaseReportHow.OPENED)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("laporan dalam kasus")
        verbose_name_plural = _("laporan dalam kasus")
        ordering = ["added_at", "id"]

    def __str__(self):
        return f"{self.case_id} ← {self.report_id}/{self.reported_person_id}"


class CaseStatusChange(StateChange):
    """Append-only status history (one row per state change), cheap to query for time-in-state."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_state = models.CharField(max_length=20, choices=CaseState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=CaseState.choices)

    class Meta(StateChange.Meta):
        verbose_name = _("riwayat status kasus")
        verbose_name_plural = _("riwayat status kasus")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="cases_history_case_idx")]

    def __str__(self):
        return f"{self.case_id}: {self.from_state} → {self.to_state}"


class Outcome(models.TextChoices):
    PROVEN = "proven", _("Terbukti")
    NOT_PROVEN = "not_proven", _("Tidak terbukti")


class Decision(models.Model):
    """The finding of the investigation. The catalogue's default sanction is proposed; a different one needs
    a reason. A decision returned to investigation is kept, marked superseded."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("putusan"), max_length=20, choices=Outcome.choices)
    category = models.ForeignKey(
        "registry.ViolationCategory", verbose_name=_("kategori"), null=True, on_delete=models.PROTECT
    )
    proposed_sanction = models.ForeignKey(
        "registry.SanctionKind",
        verbose_name=_("sanksi bawaan katalog"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sanction = models.ForeignKey(
        "registry.SanctionKind",
        verbose_name=_("sanksi yang direkomendasikan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    override_reason = models.TextField(_("alasan menyimpang dari sanksi bawaan"), blank=True)
    findings = models.TextField(_("pertimbangan dan temuan"))
    catalogue_version = models.CharField(_("versi katalog"), max_length=80, blank=True)
    # Null only for decisions imported from the archive (no acting user in this system).
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("putusan")
        verbose_name_plural = _("putusan")
        ordering = ["-decided_at", "-id"]

    def __str__(self):
        return f"{self.case_id}: {self.get_outcome_display()}"


class CorrectiveAction(models.Model):
    """One correction a merit-system recommendation asks of the PPK, with the decree it concerns. Written with the
    decision; tied to the `Recommendation` when the letter is issued, so the follow-up app can track each one."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="corrective_actions")
    recommendation = models.ForeignKey(
        "cases.Recommendation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrective_actions",
    )
    kind = models.ForeignKey(
        "cases.CorrectiveActionKind", verbose_name=_("tindakan korektif"), on_delete=models.PROTECT
    )
    decree_number = models.CharField(_("nomor keputusan"), max_length=120, blank=True)
    decree_date = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    decree_subject = models.CharField(_("perihal keputusan"), max_length=300, blank=True)
    note = models.TextField(_("keterangan"), blank=True)
    catalogue_version = models.CharField(_("versi katalog"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("rekomendasi korektif")
        verbose_name_plural = _("rekomendasi korektif")
        ordering = ["decision", "id"]

    def __str__(self):
        return f"{self.kind_id}: {self.decree_number or '-'}"


class Respondent(models.TextChoices):
    REPORTED_PERSON = "reported_person", _("Terlapor")
    PPK = "ppk", _("PPK instansi")


class ClarificationRequest(models.Model):
    """A question to the reported ASN and/or the PPK: the reported person's right to be heard."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clarifications")
    addressee = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    question = models.TextField(_("pertanyaan / hal yang perlu diklarifikasi"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(_("batas jawaban"), null=True, blank=True)

    class Meta:
        verbose_name = _("permintaan klarifikasi")
        verbose_name_plural = _("permintaan klarifikasi")
        ordering = ["requested_at", "id"]

    def __str__(self):
        return f"{self.case_id} @ {self.requested_at:%Y-%m-%d}"


class ClarificationAnswer(models.Model):
    request = models.ForeignKey(ClarificationRequest, on_delete=models.CASCADE, related_name="answers")
    respondent = models.CharField(_("yang menjawab"), max_length=20, choices=Respondent.choices)
    body = models.TextField(_("jawaban"))
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("jawaban klarifikasi")
        verbose_name_plural = _("jawaban klarifikasi")
        ordering = ["answered_at", "id"]

    def __str__(self):
        return f"{self.request_id}: {self.get_respondent_display()}"


class ReferralMode(models.TextChoices):
    HANDOVER = "handover", _("Dilimpahkan (kasus ditutup di sini)")
    JOINT = "joint", _("Ditangani bersama (kasus tetap berjalan)")


class ReferralOutcome(models.TextChoices):
    IN_PROGRESS = "in_progress", _("Diterima, sedang ditangani")
    MALADMINISTRATION_FOUND = "maladministration_found", _("Terbukti maladministrasi / pelanggaran")
    NOT_FOUND = "not_found", _("Tidak terbukti")
    DECLINED = "declined", _("Bukan kewenangan mitra")
    OTHER = "other", _("Lainnya")


class ReferralQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        return self.filter(case__in=Case.objects.visible_to(user))


class Referral(models.Model):
    """A case sent to the Ombudsman or another body, tracked until the partner replies with its outcome."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    partner = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("mitra"), on_delete=models.PROTECT, related_name="referrals"
    )
    mode = models.CharField(_("bentuk"), max_length=10, choices=ReferralMode.choices)
    maladministration = models.ForeignKey(
        "cases.MaladministrationCategory",
        verbose_name=_("kategori maladministrasi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    note = models.TextField(_("uraian rujukan"))
    status = models.CharField(max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.OPEN)
    # Filled in by the partner in its reply: its own register number and findings (joint handling).
    partner_register_number = models.CharField(_("nomor register mitra"), max_length=60, blank=True)
    findings = models.TextField(_("temuan mitra"), blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("rujukan")
        verbose_name_plural = _("rujukan")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["partner", "status"], name="cases_referral_partner_idx")]

    def __str__(self):
        return f"{self.case_id} → {self.partner_id}"


class ReferralReply(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="replies")
    outcome = models.CharField(_("hasil"), max_length=30, choices=ReferralOutcome.choices)
    body = models.TextField(_("tanggapan"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tanggapan rujukan")
        verbose_name_plural = _("tanggapan rujukan")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.referral_id}: {self.get_outcome_display()}"
