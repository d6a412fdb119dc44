"""Open-selection (seleksi terbuka) announcements for senior executive posts (JPT), ADR 0102.

An announcement belongs to one instansi (`registry.Agency`); its selection committee drafts, publishes and
closes it through the table in `workflow.py`. The public reads published and closed announcements only.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from pantas.core.models import StateChange, VisibleQuerySet

from . import roles
from .workflow import AnnouncementState


class PositionLevel(models.TextChoices):
    """The three JPT levels are fixed by statute (UU 5/2014 Pasal 19 ayat (1), kept by UU 20/2023): code, not
    data — a new level would be a new law and new rules everywhere (ADR 0102)."""

    UTAMA = "utama", _("JPT Utama")
    MADYA = "madya", _("JPT Madya")
    PRATAMA = "pratama", _("JPT Pratama")


class StageKind(models.TextChoices):
    """The stages of an open selection, in their order."""

    REGISTRATION = "registration", _("Pendaftaran")
    ADMINISTRATIVE = "administrative", _("Seleksi administrasi")
    ASSESSMENT = "assessment", _("Assessment (uji kompetensi)")
    INTERVIEW = "interview", _("Wawancara")
    ANNOUNCEMENT = "announcement", _("Pengumuman hasil")


STAGE_ORDER = {kind: index for index, kind in enumerate(StageKind.values)}
PUBLIC_STATES = (AnnouncementState.PUBLISHED, AnnouncementState.CLOSED)


class AnnouncementQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Everyone reads published and closed announcements; a committee also its own agency's drafts and
        withdrawn ones; administrators and the supervisor's case handlers everything."""
        public = Q(state__in=PUBLIC_STATES)
        if user is None or not user.is_authenticated:
            return self.filter(public)
        if user.has_any_role(roles.READ_ALL):
            return self
        if user.has_role("selection_committee") and roles.agency_id_of(user):
            return self.filter(public | Q(agency_id=roles.agency_id_of(user)))
        return self.filter(public)

    def managed_by(self, user):
        """What a user may open on the staff pages: own agency's for a committee, all for administrators."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.has_role("administrator"):
            return self.visible_to(user)
        if user.has_role("selection_committee") and roles.agency_id_of(user):
            return self.visible_to(user).filter(agency_id=roles.agency_id_of(user))
        return self.none()

    def public(self):
        return self.filter(state__in=PUBLIC_STATES)


class Announcement(models.Model):
    slug = models.SlugField(_("alamat"), max_length=90, unique=True, editable=False)
    agency = models.ForeignKey(
        "registry.Agency", verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="+"
    )
    position_title = models.CharField(_("jabatan yang diisi"), max_length=200)
    level = models.CharField(_("jenjang JPT"), max_length=10, choices=PositionLevel.choices)
    unit = models.CharField(_("unit kerja"), max_length=200, blank=True)
    summary = models.TextField(_("ringkasan"), max_length=1000, blank=True)
    requirements = models.TextField(_("persyaratan"), max_length=6000)
    location = models.CharField(_("lokasi seleksi"), max_length=300)
    contact = models.TextField(_("kontak panitia"), max_length=500)
    state = models.CharField(
        _("status"), max_length=12, choices=AnnouncementState.choices, default=AnnouncementState.DRAFT
    )
    version = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)
    published_at = models.DateTimeField(_("diterbitkan"), null=True, blank=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengumuman seleksi terbuka JPT")
        verbose_name_plural = _("pengumuman seleksi terbuka JPT")
        ordering = ["-published_at", "-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "-published_at"], name="publicinfo_ann_state_idx"),
            models.Index(fields=["agency", "state"], name="publicinfo_ann_agency_idx"),
        ]

    def __str__(self):
        return self.position_title

    @staticmethod
    def new_slug(agency_code: str, title: str) -> str:
        """Readable and unguessable enough that a draft's address says nothing; never reused."""
        return f"{slugify(f'{agency_code} {title}')[:70].strip('-')}-{secrets.token_hex(3)}"

    @property
    def is_open(self) -> bool:
        return self.state == AnnouncementState.PUBLISHED

    def stage_list(self):
        return sorted(self.stages.all(), key=lambda s: STAGE_ORDER[s.kind])

    def registration(self):
        return next((s for s in self.stages.all() if s.kind == StageKind.REGISTRATION), None)


class AnnouncementStage(models.Model):
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(_("tahap"), max_length=20, choices=StageKind.choices)
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))

    class Meta:
        verbose_name = _("tahap seleksi")
        verbose_name_plural = _("tahap seleksi")
        constraints = [
            models.UniqueConstraint(fields=["announcement", "kind"], name="publicinfo_one_stage_per_kind"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="publicinfo_stage_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.starts_on} – {self.ends_on}"


class AnnouncementDocument(models.Model):
    """A public PDF of an announcement (the official announcement letter, forms). Public once the announcement
    is, so it is kept in the database (small, checked by `lib.uploads`), not in the encrypted evidence store."""

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("judul dokumen"), max_length=200)
    content = models.BinaryField(editable=False)
    size = models.PositiveIntegerField(_("ukuran (byte)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("diunggah oleh")
    )
    uploaded_at = models.DateTimeField(_("diunggah"), default=timezone.now)

    class Meta:
        verbose_name = _("dokumen pengumuman")
        verbose_name_plural = _("dokumen pengumuman")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.title


class AnnouncementStatusChange(StateChange):
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="status_changes")
    from_state = models.CharField(max_length=12, choices=AnnouncementState.choices, blank=True)
    to_state = models.CharField(max_length=12, choices=AnnouncementState.choices)

    class Meta(StateChange.Meta):
        verbose_name = _("riwayat status pengumuman")
        verbose_name_plural = _("riwayat status pengumuman")

    def __str__(self):
        return f"{self.announcement_id}: {self.from_state} → {self.to_state}"


class CandidateCheck(models.Model):
    """A clearance look-up (`followup.ClearanceRequest`, ADR 0056) run from an announcement on its candidates."""

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="candidate_checks")
    clearance = models.OneToOneField(
        "followup.ClearanceRequest", on_delete=models.PROTECT, related_name="+", verbose_name=_("penelusuran")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("penelusuran kandidat")
        verbose_name_plural = _("penelusuran kandidat")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.announcement_id}: {self.clearance_id}"
