"""Reference data: regions, agencies, elections, supervising authorities, civil servants and catalogues.

Everything here is versioned data with a legal source (`ReferenceDataset`), loaded by `load_reference`.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pantas.core.models import TimeStampedModel, VisibleQuerySet
from pantas.core.roles import CASE_HANDLER_ROLES, Role


class ReferenceDataset(models.Model):
    """Provenance of one loaded reference file: what, which version, from which legal source, since when."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    title = models.CharField(_("judul"), max_length=200)
    version = models.CharField(_("versi"), max_length=60)
    legal_source = models.TextField(_("sumber / dasar hukum"))
    effective_date = models.DateField(_("berlaku sejak"))
    checksum = models.CharField(_("SHA-256 berkas"), max_length=64)
    loaded_at = models.DateTimeField(_("dimuat"), auto_now=True)

    class Meta:
        verbose_name = _("set data referensi")
        verbose_name_plural = _("set data referensi")

    def __str__(self):
        return f"{self.title} ({self.version})"


class Province(models.Model):
    code = models.CharField(_("kode Kemendagri"), max_length=2, primary_key=True)
    name = models.CharField(_("nama"), max_length=100)

    class Meta:
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")
        ordering = ["code"]

    def __str__(self):
        return self.name


class RegencyKind(models.TextChoices):
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")
    KABUPATEN_ADMINISTRASI = "kabupaten_administrasi", _("Kabupaten administrasi")
    KOTA_ADMINISTRASI = "kota_administrasi", _("Kota administrasi")


class Regency(models.Model):
    """Kabupaten/kota, code in dotted Kemendagri form (`73.71`)."""

    code = models.CharField(_("kode Kemendagri"), max_length=5, primary_key=True)
    province = models.ForeignKey(
        Province, verbose_name=_("provinsi"), on_delete=models.PROTECT, related_name="regencies"
    )
    name = models.CharField(_("nama"), max_length=100)
    kind = models.CharField(_("jenis"), max_length=30, choices=RegencyKind.choices)

    class Meta:
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def is_autonomous(self) -> bool:
        """Jakarta's administrative units have no elected head and no PPK of their own."""
        return self.kind in (RegencyKind.KABUPATEN, RegencyKind.KOTA)


class AgencyKind(models.TextChoices):
    CENTRAL = "central", _("Instansi pusat")
    PROVINCE = "province", _("Pemerintah provinsi")
    REGENCY = "regency", _("Pemerintah kabupaten")
    CITY = "city", _("Pemerintah kota")


class AgencyQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        # Agency names are public reference data.
        return self

    def active(self):
        return self.filter(disabled_on__isnull=True)


class Agency(models.Model):
    """Instansi: a government agency whose PPK holds staffing authority."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=AgencyKind.choices, db_index=True)
    province = models.ForeignKey(
        Province, verbose_name=_("provinsi"), null=True, blank=True, on_delete=models.PROTECT
    )
    regency = models.OneToOneField(
        Regency, verbose_name=_("kabupaten/kota"), null=True, blank=True, on_delete=models.PROTECT
    )
    ppk_title = models.CharField(_("jabatan PPK"), max_length=100)
    has_own_ppk = models.BooleanField(
        _("memiliki PPK sendiri"),
        default=True,
        help_text=_("Kota/kabupaten administrasi di Jakarta tidak otonom: PPK-nya Gubernur DKI Jakarta."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("instansi atasan (untuk konflik kepentingan)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("instansi pendahulu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    legal_source = models.CharField(_("dasar hukum"), max_length=200, blank=True)
    disabled_on = models.DateField(_("tidak aktif sejak"), null=True, blank=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class ElectionKind(models.TextChoices):
    GENERAL = "general", _("Pemilu")
    REGIONAL = "regional", _("Pilkada")


class Election(models.Model):
    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    kind = models.CharField(_("jenis"), max_length=20, choices=ElectionKind.choices)
    voting_date = models.DateField(_("hari pemungutan suara"))
    region_count = models.PositiveIntegerField(_("jumlah daerah"), null=True, blank=True)
    province_count = models.PositiveIntegerField(_("jumlah provinsi"), null=True, blank=True)
    regency_count = models.PositiveIntegerField(_("jumlah kabupaten"), null=True, blank=True)
    city_count = models.PositiveIntegerField(_("jumlah kota"), null=True, blank=True)
    provinces = models.ManyToManyField(Province, verbose_name=_("provinsi peserta"), blank=True)
    regencies = models.ManyToManyField(Regency, verbose_name=_("kabupaten/kota peserta"), blank=True)
    legal_source = models.CharField(_("dasar hukum"), max_length=200)

    class Meta:
        verbose_name = _("pemilihan")
        verbose_name_plural = _("pemilihan")
        ordering = ["voting_date"]

    def __str__(self):
        return self.name


class AuthorityQuerySet(models.QuerySet):
    def for_date(self, day):
        """The authority that supervised on `day` (KASN until Sept 2024, BKN after, …)."""
        return (
            self.filter(valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .order_by("-valid_from")
            .first()
        )


class Authority(models.Model):
    """The body that supervises ASN neutrality and ethics in a period. Never a constant in code."""

    code = models.SlugField(_("kode"), max_length=30, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=30)
    valid_from = models.DateField(_("berwenang sejak"))
    valid_to = models.DateField(_("berwenang sampai"), null=True, blank=True)
    legal_source = models.TextField(_("dasar hukum"))
    letter_prefix = models.CharField(_("awalan nomor surat"), max_length=40)

    objects = AuthorityQuerySet.as_manager()

    class Meta:
        verbose_name = _("otoritas pengawas")
        verbose_name_plural = _("otoritas pengawas")
        ordering = ["valid_from"]

    def __str__(self):
        return self.short_name


class LetterConventionQuerySet(models.QuerySet):
    def for_authority(self, authority, day):
        """The convention in force for `authority` on `day` (the newest that started on or before it)."""
        return self.filter(authority=authority, valid_from__lte=day).order_by("-valid_from").first()


class LetterConvention(models.Model):
    """How an authority signs its recommendation letters and whom it copies (tembusan), by date (ADR 0117)."""

    authority = models.ForeignKey(
        Authority, verbose_name=_("otoritas pengawas"), on_delete=models.PROTECT, related_name="conventions"
    )
    valid_from = models.DateField(_("berlaku sejak"))
    signatory_position = models.CharField(_("jabatan penanda tangan"), max_length=200)
    # [{"name": "...", "tracks": ["neutrality", ...] (optional), "agency_kinds": ["central", ...] (optional)}]
    copies = models.JSONField(_("tembusan"), default=list)
    legal_source = models.TextField(_("dasar hukum"))

    objects = LetterConventionQuerySet.as_manager()

    class Meta:
        verbose_name = _("tata naskah surat rekomendasi")
        verbose_name_plural = _("tata naskah surat rekomendasi")
        ordering = ["authority", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "valid_from"], name="registry_one_convention_per_day"
            )
        ]

    def __str__(self):
        return f"{self.authority} {self.valid_from}"

    def copies_for(self, track: str, agency_kind: str | None) -> list[str]:
        """The tembusan of one letter: every entry whose conditions (track, kind of agency) the case meets."""
        return [
            c["name"]
            for c in self.copies
            if track in c.get("tracks", [track]) and agency_kind in c.get("agency_kinds", [agency_kind])
        ]


class EmployeeType(models.TextChoices):
    PNS = "pns", _("PNS")
    PPPK = "pppk", _("PPPK")


class PositionClass(models.TextChoices):
    JPT = "jpt", _("JPT (jabatan pimpinan tinggi)")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas")
    FUNGSIONAL = "fungsional", _("Fungsional")
    PELAKSANA = "pelaksana", _("Pelaksana")


class Gender(models.TextChoices):
    MALE = "1", _("Laki-laki")
    FEMALE = "2", _("Perempuan")


# Who reads the whole ASN register: the people who handle reports and cases, BKN (the register's owner), admins.
ASN_READ_ALL_ROLES = CASE_HANDLER_ROLES | {Role.BKN_OFFICER, Role.ADMINISTRATOR}
# A selection committee names its candidates; a longer list is a search, not a candidate check.
MAX_NIPS = 50


class CivilServantQuerySet(VisibleQuerySet):
    def visible_to(self, user, nips=None):
        """Report and case handlers, BKN and administrators see all ASN; a PPK office its own agency's; a
        selection committee only the candidates it names by exact NIP (`nips`, at most `MAX_NIPS`), never a
        browse or a name search; everyone else — the identity custodian and the merit assessor too — none
        (ADR 0090)."""
        if not user.is_authenticated:
            return self.none()
        if user.has_any_role(ASN_READ_ALL_ROLES):
            return self
        scope = Q(pk__in=[])
        if user.has_role(Role.PPK_OFFICER) and user.organisation and user.organisation.agency_id:
            scope |= Q(agency_id=user.organisation.agency_id)
        if user.has_role(Role.SELECTION_COMMITTEE) and nips:
            scope |= Q(nip__in=list(nips)[:MAX_NIPS])
        return self.filter(scope)


class CivilServant(TimeStampedModel):
    """ASN keyed by NIP. The employee type is stored: it cannot be derived reliably from the number."""

    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    employee_type = models.CharField(_("jenis pegawai"), max_length=4, choices=EmployeeType.choices)
    name = models.CharField(_("nama"), max_length=150)
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    agency = models.ForeignKey(
        Agency, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="civil_servants"
    )
    position_class = models.CharField(_("kelompok jabatan"), max_length=20, choices=PositionClass.choices)
    position_title = models.CharField(_("jabatan"), max_length=200, blank=True)
    province = models.ForeignKey(
        Province, verbose_name=_("provinsi"), null=True, blank=True, on_delete=models.PROTECT
    )
    regency = models.ForeignKey(
        Regency, verbose_name=_("kabupaten/kota"), null=True, blank=True, on_delete=models.PROTECT
    )

    objects = CivilServantQuerySet.as_manager()

    class Meta:
        verbose_name = _("ASN")
        verbose_name_plural = _("ASN")
        ordering = ["name"]
        indexes = [models.Index(fields=["agency", "name"], name="registry_asn_agency_name_idx")]

    def __str__(self):
        return f"{self.name} ({self.nip})"


class Track(models.TextChoices):
    NEUTRALITY = "neutrality", _("Netralitas")
    ETHICS = "ethics", _("Kode etik dan kode perilaku")
    MERIT = "merit", _("Manajemen sistem merit")


class SanctionLevel(models.TextChoices):
    MORAL = "moral", _("Sanksi moral (PP 42/2004)")
    LIGHT = "light", _("Hukuman disiplin ringan")
    MODERATE = "moderate", _("Hukuman disiplin sedang")
    HEAVY = "heavy", _("Hukuman disiplin berat")
    DISMISSAL = "dismissal", _("Pemberhentian tidak dengan hormat")
    NONE = "none", _("Tanpa sanksi / lainnya")


class SanctionKind(models.Model):
    """One sanction in the catalogue (PP 42/2004, PP 94/2021, PP 49/2018 for PPPK), versioned by `catalogue`."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    catalogue = models.CharField(_("versi katalog"), max_length=40)
    level = models.CharField(_("tingkat"), max_length=20, choices=SanctionLevel.choices)
    name = models.CharField(_("nama"), max_length=200)
    employee_type = models.CharField(
        _("berlaku untuk"), max_length=4, choices=EmployeeType.choices, blank=True
    )
    legal_source = models.CharField(_("dasar hukum"), max_length=200)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    disabled_on = models.DateField(_("tidak berlaku sejak"), null=True, blank=True)
    # How long the sanction runs once imposed (PP 94/2021); null: no fixed period (reprimands, dismissal).
    duration_months = models.PositiveSmallIntegerField(_("lama berlaku (bulan)"), null=True, blank=True)

    class Meta:
        verbose_name = _("jenis sanksi")
        verbose_name_plural = _("jenis sanksi")
        ordering = ["order"]

    def __str__(self):
        return self.name


class ViolationCategory(models.Model):
    """A violation in the catalogue (SKB 2022 A1–A7/B1–B12, ethics kinds, merit-system kinds)."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    catalogue = models.CharField(_("versi katalog"), max_length=40)
    track = models.CharField(_("jalur"), max_length=20, choices=Track.choices, db_index=True)
    group = models.CharField(_("kelompok"), max_length=80, blank=True)
    reference = models.CharField(_("butir"), max_length=20, blank=True)
    name = models.CharField(_("uraian"), max_length=300)
    default_level = models.CharField(_("tingkat sanksi bawaan"), max_length=20, choices=SanctionLevel.choices)
    default_sanction = models.ForeignKey(
        SanctionKind, verbose_name=_("sanksi bawaan"), null=True, blank=True, on_delete=models.PROTECT
    )
    legal_source = models.CharField(_("dasar hukum"), max_length=200)
    note = models.TextField(_("catatan"), blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    disabled_on = models.DateField(_("tidak berlaku sejak"), null=True, blank=True)

    class Meta:
        verbose_name = _("kategori pelanggaran")
        verbose_name_plural = _("kategori pelanggaran")
        ordering = ["order"]

    def __str__(self):
        return f"{self.reference} {self.name}".strip()


class StageDeadline(models.Model):
    """How many working days a workflow stage may take, with its legal source (configurable data)."""

    code = models.SlugField(_("kode tahap"), max_length=60, unique=True)
    name = models.CharField(_("tahap"), max_length=200)
    working_days = models.PositiveSmallIntegerField(_("hari kerja"))
    legal_source = models.CharField(_("dasar hukum"), max_length=300)

    class Meta:
        verbose_name = _("tenggat tahap")
        verbose_name_plural = _("tenggat tahap")

    def __str__(self):
        return f"{self.name}: {self.working_days}"
