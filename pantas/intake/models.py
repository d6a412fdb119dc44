"""Reports and everything that arrives with them: reported persons, sealed identities, evidence, messages,
duplicate suggestions and bulk-import batches.

The first block (enums, `Report`, `ReportedPerson`) is the contract the `cases` app builds on; keep names stable.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pantas.core.models import TimeStampedModel, VisibleQuerySet
from pantas.registry.models import EmployeeType, PositionClass, Track

# Role sets live in roles.py; re-exported here because services and views import them from models.
from .roles import CUSTODIAN_ROLES, HANDLER_ROLES, INTAKE_ROLES, PARTNER_ROLES, STAFF_ROLES  # noqa: F401


class ReportSource(models.TextChoices):
    PUBLIC = "public", _("Masyarakat")
    CSO = "cso", _("Organisasi masyarakat sipil")
    BAWASLU = "bawaslu", _("Temuan/penerusan Bawaslu")
    LAPOR = "lapor", _("SP4N-LAPOR!")
    MEDIA = "media", _("Pemantauan media")
    SUPERVISOR = "supervisor", _("Temuan pengawas")


class ReportStatus(models.TextChoices):
    """The status the reporter sees; the Cases app moves it through `services.set_public_status`."""

    RECEIVED = "received", _("Diterima")
    VERIFICATION = "verification", _("Verifikasi")
    INVESTIGATION = "investigation", _("Pemeriksaan")
    CLARIFICATION = "clarification", _("Klarifikasi")
    DECIDED = "decided", _("Diputus")
    REJECTED = "rejected", _("Tidak dapat ditindaklanjuti")
    REFERRED = "referred", _("Dilimpahkan ke instansi berwenang")
    CLOSED = "closed", _("Selesai")


class ViolationMode(models.TextChoices):
    LIKE = "like", _("Menyukai (like) unggahan media sosial")
    COMMENT = "comment", _("Mengomentari unggahan media sosial")
    SHARE = "share", _("Membagikan unggahan media sosial")
    UPLOAD = "upload", _("Mengunggah konten di media sosial")
    PHOTO_WITH_CANDIDATE = "photo_with_candidate", _("Berfoto bersama calon / menunjukkan gestur dukungan")
    ATTENDING_CAMPAIGN = "attending_campaign", _("Menghadiri kampanye / deklarasi")
    PARTY_MEMBERSHIP = "party_membership", _("Menjadi anggota / pengurus partai politik")
    DECISION_BENEFITING_CANDIDATE = (
        "decision_benefiting_candidate",
        _("Membuat keputusan yang menguntungkan calon"),
    )
    OTHER = "other", _("Lainnya")


class ElectionStage(models.TextChoices):
    PRE_CANDIDACY = "pre_candidacy", _("Sebelum penetapan calon (bakal calon)")
    CANDIDACY = "candidacy", _("Setelah penetapan calon")
    CAMPAIGN = "campaign", _("Masa kampanye")
    QUIET_PERIOD = "quiet_period", _("Masa tenang")
    VOTING = "voting", _("Pemungutan dan penghitungan suara")
    POST_VOTING = "post_voting", _("Setelah pemungutan suara")
    NONE = "none", _("Tidak terkait tahapan pemilihan")


class Channel(models.TextChoices):
    """How the report physically arrived (the source says who sent it)."""

    WEB = "web", _("Formulir web")
    PARTNER_WEB = "partner_web", _("Portal mitra")
    STAFF = "staff", _("Dicatat petugas")
    API = "api", _("API")
    IMPORT = "import", _("Impor berkas")


class Anonymity(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonim (tanpa identitas)")
    CONFIDENTIAL = "confidential", _("Rahasia (identitas disegel)")
    ORGANISATION = "organisation", _("Atas nama organisasi")


class ReportQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Report handlers and administrators see all; partner users their own organisation's; the identity
        custodian only reports with a sealed identity (for the reveal page, whose view is custodian-only);
        everyone else — the merit assessor too — none (ADR 0090)."""
        if not user.is_authenticated:
            return self.none()
        scope = self._content_scope(user)
        if scope is None:
            return self
        if user.has_any_role(CUSTODIAN_ROLES):
            scope |= Q(sealed_identity__isnull=False)
        return self.filter(scope)

    def contents_visible_to(self, user):
        """Reports whose contents (persons, evidence, messages, suggestions) the user may read: `visible_to`
        without the custodian's reveal scope — revealing an identity needs none of the report's contents."""
        if not user.is_authenticated:
            return self.none()
        scope = self._content_scope(user)
        return self if scope is None else self.filter(scope)

    @staticmethod
    def _content_scope(user):
        """None for "all", else a Q (possibly empty)."""
        if user.has_any_role(STAFF_ROLES):
            return None
        if user.has_any_role(PARTNER_ROLES) and user.organisation_id:
            return Q(organisation_id=user.organisation_id)
        return Q(pk__in=[])


class Report(TimeStampedModel):
    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("nomor laporan"), max_length=20, unique=True)
    source = models.CharField(_("sumber"), max_length=20, choices=ReportSource.choices, db_index=True)
    channel = models.CharField(_("saluran"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.RECEIVED, db_index=True
    )
    status_changed_at = models.DateTimeField(_("status berubah"), default=timezone.now)
    track = models.CharField(_("jalur"), max_length=20, choices=Track.choices, default=Track.NEUTRALITY)
    category = models.ForeignKey(
        "registry.ViolationCategory",
        verbose_name=_("kategori pelanggaran"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    mode = models.CharField(
        _("bentuk perbuatan"), max_length=40, choices=ViolationMode.choices, default=ViolationMode.OTHER
    )
    election = models.ForeignKey(
        "registry.Election", verbose_name=_("pemilihan"), null=True, blank=True, on_delete=models.PROTECT
    )
    election_stage = models.CharField(
        _("tahapan pemilihan"), max_length=20, choices=ElectionStage.choices, default=ElectionStage.NONE
    )
    place = models.CharField(_("tempat kejadian"), max_length=300, blank=True)
    province = models.ForeignKey(
        "registry.Province", verbose_name=_("provinsi"), null=True, blank=True, on_delete=models.PROTECT
    )
    regency = models.ForeignKey(
        "registry.Regency", verbose_name=_("kabupaten/kota"), null=True, blank=True, on_delete=models.PROTECT
    )
    act_date = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    description = models.TextField(_("uraian"))
    received_at = models.DateTimeField(_("diterima"), default=timezone.now, db_index=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diajukan oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submitted_reports",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisasi pengirim"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    register_number = models.CharField(_("nomor register"), max_length=80, blank=True)
    initial_study = models.TextField(_("hasil kajian awal"), blank=True)
    linked_to = models.ForeignKey(
        "self",
        verbose_name=_("ditautkan sebagai duplikat dari"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="linked_reports",
    )
    anonymity = models.CharField(
        _("identitas pelapor"), max_length=20, choices=Anonymity.choices, default=Anonymity.ORGANISATION
    )
    # Receipt: the look-up part is indexed; the secret part is kept only as an Argon2id hash (ADR 0011).
    receipt_lookup = models.CharField(max_length=8, unique=True, null=True, blank=True, editable=False)
    receipt_hash = models.CharField(max_length=200, blank=True, editable=False)
    # HMAC of the one-time form token: a double submit maps to the same report (P-04, ADR 0010).
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # Portable near-duplicate text detection: MinHash LSH, four bands of three min-hashes (ADR 0014).
    text_band0 = models.PositiveIntegerField(default=0, editable=False)
    text_band1 = models.PositiveIntegerField(default=0, editable=False)
    text_band2 = models.PositiveIntegerField(default=0, editable=False)
    text_band3 = models.PositiveIntegerField(default=0, editable=False)
    import_batch = models.ForeignKey(
        "ImportBatch", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    # Set when the retention purge removed the personal data; the row stays for statistics (ADR 0095).
    purged_at = models.DateTimeField(_("data pribadi dihapus"), null=True, blank=True, editable=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "organisation", "register_number"],
                condition=~Q(register_number=""),
                name="intake_unique_register_number",
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "-received_at"], name="intake_report_org_idx"),
            # The staff list's order and page key (ADR 0131).
            models.Index(fields=["received_at", "id"], name="intake_report_received_idx"),
            models.Index(fields=["election", "source"], name="intake_report_election_idx"),
            models.Index(fields=["text_band0"], name="intake_report_band0_idx"),
            models.Index(fields=["text_band1"], name="intake_report_band1_idx"),
            models.Index(fields=["text_band2"], name="intake_report_band2_idx"),
            models.Index(fields=["text_band3"], name="intake_report_band3_idx"),
        ]

    def __str__(self):
        return self.number

    @property
    def is_public_channel(self) -> bool:
        return self.receipt_lookup is not None

    def public_messages(self):
        """What the reporter (or submitting organisation) sees: never internal notes."""
        return self.messages.filter(visibility=MessageVisibility.PUBLIC).order_by("created_at", "id")


class ReportedPersonQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        return self.filter(report__in=Report.objects.contents_visible_to(user))


class ReportedPerson(models.Model):
    report = models.ForeignKey(
        Report, verbose_name=_("laporan"), on_delete=models.CASCADE, related_name="reported_persons"
    )
    name = models.CharField(_("nama terlapor"), max_length=150)
    nip = models.CharField(_("NIP"), max_length=18, blank=True, db_index=True)
    employee_type = models.CharField(
        _("jenis pegawai"), max_length=4, choices=EmployeeType.choices, default=EmployeeType.PNS
    )
    civil_servant = models.ForeignKey(
        "registry.CivilServant",
        verbose_name=_("ASN (data kepegawaian)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reported_as",
    )
    agency = models.ForeignKey(
        "registry.Agency", verbose_name=_("instansi"), null=True, blank=True, on_delete=models.PROTECT
    )
    # The agency as the reporter wrote it, when it did not match the register (staff resolve it later).
    agency_text = models.CharField(_("instansi (sesuai pelapor)"), max_length=200, blank=True)
    position_title = models.CharField(_("jabatan"), max_length=200, blank=True)
    position_class = models.CharField(
        _("kelompok jabatan"), max_length=20, choices=PositionClass.choices, blank=True
    )
    province = models.ForeignKey(
        "registry.Province", verbose_name=_("provinsi"), null=True, blank=True, on_delete=models.PROTECT
    )
    regency = models.ForeignKey(
        "registry.Regency", verbose_name=_("kabupaten/kota"), null=True, blank=True, on_delete=models.PROTECT
    )
    # Lower-cased, whitespace-collapsed name for duplicate matching (name + agency).
    name_key = models.CharField(max_length=150, blank=True, editable=False)

    objects = ReportedPersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("terlapor")
        verbose_name_plural = _("terlapor")
        ordering = ["id"]
        indexes = [models.Index(fields=["name_key", "agency"], name="intake_person_name_agency_idx")]

    def __str__(self):
        return f"{self.name} ({self.nip})" if self.nip else self.name


class ReportStatusHistory(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="status_history")
    from_status = models.CharField(max_length=20, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ReportStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("riwayat status laporan")
        verbose_name_plural = _("riwayat status laporan")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.report_id}: {self.from_status} → {self.to_status}"


class CustodianKey(models.Model):
    """The identity custodian's key pair: public key in clear, private key sealed with a passphrase-derived key.

    The web server can seal identities but cannot open them without the custodian's passphrase (ADR 0012).
    """

    label = models.CharField(_("label"), max_length=100)
    public_key = models.BinaryField(_("kunci publik"))
    encrypted_private_key = models.BinaryField(_("kunci privat terenkripsi"))
    kdf_salt = models.BinaryField()
    kdf_opslimit = models.PositiveBigIntegerField()
    kdf_memlimit = models.PositiveBigIntegerField()
    active = models.BooleanField(_("aktif"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kunci kustodian identitas")
        verbose_name_plural = _("kunci kustodian identitas")
        constraints = [
            models.UniqueConstraint(fields=["active"], condition=Q(active=True), name="intake_one_active_key")
        ]

    def __str__(self):
        return self.label


class SealedIdentity(models.Model):
    """A confidential reporter's identity, sealed to the custodian's public key (never stored in clear)."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="sealed_identity")
    key = models.ForeignKey(CustodianKey, on_delete=models.PROTECT)
    ciphertext = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("identitas tersegel")
        verbose_name_plural = _("identitas tersegel")

    def __str__(self):
        return f"{self.report_id}"


class EvidenceKind(models.TextChoices):
    FILE = "file", _("Berkas")
    LINK = "link", _("Tautan")


class Platform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    X = "x", "X (Twitter)"
    TIKTOK = "tiktok", "TikTok"
    YOUTUBE = "youtube", "YouTube"
    WHATSAPP = "whatsapp", "WhatsApp"
    NEWS = "news", _("Portal berita")
    OTHER = "other", _("Lainnya")


class EvidenceQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        return self.filter(report__in=Report.objects.contents_visible_to(user))


class Evidence(models.Model):
    """One file or link, with its SHA-256 and server timestamp at intake (integrity proof)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("jenis"), max_length=10, choices=EvidenceKind.choices)
    received_at = models.DateTimeField(_("diterima server"), default=timezone.now)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    from_reporter = models.BooleanField(default=True)
    message = models.ForeignKey(
        "Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    # Files
    file_name = models.CharField(_("nama berkas"), max_length=200, blank=True)
    content_type = models.CharField(_("jenis isi"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("ukuran"), default=0)
    storage_name = models.CharField(max_length=80, blank=True, editable=False)
    derivative_name = models.CharField(max_length=80, blank=True, editable=False)
    derivative_type = models.CharField(max_length=100, blank=True)
    derivative_sha256 = models.CharField(max_length=64, blank=True)
    # Links (social-media evidence): URL, platform, account, act
    url = models.URLField(_("tautan"), max_length=1000, blank=True)
    url_key = models.CharField(max_length=1000, blank=True, editable=False)
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices, blank=True)
    account = models.CharField(_("akun"), max_length=200, blank=True)
    act = models.CharField(_("perbuatan yang terlihat"), max_length=300, blank=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("bukti")
        verbose_name_plural = _("bukti")
        ordering = ["received_at", "id"]
        indexes = [models.Index(fields=["url_key"], name="intake_evidence_url_idx")]

    def __str__(self):
        return self.file_name or self.url


class MessageVisibility(models.TextChoices):
    PUBLIC = "public", _("Pesan (terlihat pelapor / pengirim)")
    INTERNAL = "internal", _("Catatan internal")


class AuthorKind(models.TextChoices):
    STAFF = "staff", _("Petugas")
    REPORTER = "reporter", _("Pelapor")
    ORGANISATION = "organisation", _("Organisasi pengirim")


class MessageQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        qs = self.filter(report__in=Report.objects.contents_visible_to(user))
        if user.is_authenticated and user.has_any_role(STAFF_ROLES):
            return qs
        return qs.filter(visibility=MessageVisibility.PUBLIC)


class Message(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    visibility = models.CharField(_("jenis"), max_length=10, choices=MessageVisibility.choices)
    author_kind = models.CharField(max_length=20, choices=AuthorKind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    body = models.TextField(_("isi"))
    created_at = models.DateTimeField(default=timezone.now)
    # HMAC of the reply form's one-time token: a double click posts one message.
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("pesan")
        verbose_name_plural = _("pesan")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.report_id} {self.author_kind} {self.created_at:%Y-%m-%d %H:%M}"


class SuggestionState(models.TextChoices):
    OPEN = "open", _("Menunggu keputusan")
    LINKED = "linked", _("Ditautkan")
    DISMISSED = "dismissed", _("Diabaikan")


class DuplicateSuggestionQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        if user.is_authenticated and user.has_any_role(STAFF_ROLES):
            return self
        return self.none()


class DuplicateSuggestion(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="duplicate_suggestions")
    candidate = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    reasons = models.JSONField(default=list)
    score = models.PositiveSmallIntegerField(default=0)
    state = models.CharField(
        max_length=10, choices=SuggestionState.choices, default=SuggestionState.OPEN, db_index=True
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = DuplicateSuggestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("saran duplikat")
        verbose_name_plural = _("saran duplikat")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "candidate"], name="intake_unique_suggestion"),
            models.CheckConstraint(
                condition=~Q(report=models.F("candidate")), name="intake_suggestion_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.report_id} ~ {self.candidate_id}"


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Diunggah, menunggu validasi")
    VALIDATED = "validated", _("Tervalidasi, menunggu konfirmasi")
    INVALID = "invalid", _("Ada kesalahan")
    IMPORTED = "imported", _("Diimpor")
    FAILED = "failed", _("Gagal dibaca")


class ImportBatchQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.has_any_role(STAFF_ROLES):
            return self
        if user.has_any_role(PARTNER_ROLES) and user.organisation_id:
            return self.filter(organisation_id=user.organisation_id)
        return self.none()


class ImportBatch(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT)
    source = models.CharField(max_length=20, choices=ReportSource.choices)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    file_name = models.CharField(max_length=200)
    file_sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=80, blank=True)
    status = models.CharField(max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED)
    error = models.TextField(blank=True)
    row_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    existing_count = models.PositiveIntegerField(default=0)
    imported_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    validated_at = models.DateTimeField(null=True, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("impor laporan")
        verbose_name_plural = _("impor laporan")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"


class ImportRow(models.Model):
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    row_number = models.PositiveIntegerField()
    register_number = models.CharField(max_length=80, blank=True)
    data = models.JSONField(default=dict)
    errors = models.JSONField(default=list)
    existing_report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["row_number"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "row_number"], name="intake_unique_import_row")
        ]

    def __str__(self):
        return f"{self.batch_id}#{self.row_number}"
