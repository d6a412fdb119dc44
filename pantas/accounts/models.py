"""Organisations, users, roles, API tokens and login-failure tracking."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from pantas.core.models import TimeStampedModel, VisibleQuerySet
from pantas.core.roles import SUPERVISOR_ROLES, Role
from pantas.registry.models import Agency, Authority, Province, Regency


class OrganisationKind(models.TextChoices):
    SUPERVISOR = "supervisor", _("Pengawas ASN (KASN/BKN)")
    BAWASLU = "bawaslu", _("Bawaslu")
    PPK_OFFICE = "ppk_office", _("Kantor PPK instansi")
    BKN_RECORDS = "bkn_records", _("BKN — unit data kepegawaian")
    KEMENPANRB = "kemenpanrb", _("KemenPANRB")
    KEMENDAGRI = "kemendagri", _("Kemendagri")
    OMBUDSMAN = "ombudsman", _("Ombudsman RI")
    CSO = "cso", _("Organisasi masyarakat sipil")
    SELECTION_COMMITTEE = "selection_committee", _("Panitia seleksi JPT")


class BawasluLevel(models.TextChoices):
    RI = "ri", _("Bawaslu RI")
    PROVINCE = "province", _("Bawaslu Provinsi")
    REGENCY = "regency", _("Bawaslu Kabupaten/Kota")


class OrganisationQuerySet(VisibleQuerySet):
    def within(self, organisation):
        """The organisation and every organisation under it (one prefix match on the indexed path)."""
        return self.filter(path__startswith=organisation.scope_path)

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.has_any_role(SUPERVISOR_ROLES | {Role.ADMINISTRATOR}):
            return self
        return self.filter(pk=user.organisation_id)


class Organisation(TimeStampedModel):
    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=30, choices=OrganisationKind.choices, db_index=True)
    bawaslu_level = models.CharField(
        _("tingkat Bawaslu"), max_length=10, choices=BawasluLevel.choices, blank=True
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("instansi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    authority = models.ForeignKey(
        Authority, verbose_name=_("otoritas"), null=True, blank=True, on_delete=models.PROTECT
    )
    province = models.ForeignKey(
        Province, verbose_name=_("provinsi"), null=True, blank=True, on_delete=models.PROTECT
    )
    regency = models.ForeignKey(
        Regency, verbose_name=_("kabupaten/kota"), null=True, blank=True, on_delete=models.PROTECT
    )
    email = models.EmailField(_("surel"), blank=True)
    # Hierarchy (ADR 0115): Bawaslu RI → Bawaslu provinsi → Bawaslu kabupaten/kota. `path` is materialised
    # ("/bawaslu-ri/bawaslu-73/bawaslu-kota-73-71/") and kept by `organisations.rebuild_paths`, so a tier's
    # scope is one indexed prefix match, never a per-row recursion.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("organisasi induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("jalur hierarki"), max_length=255, blank=True, db_index=True, editable=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisasi")
        verbose_name_plural = _("organisasi")
        ordering = ["kind", "name"]
        constraints = [
            # One PPK office per instansi: recommendations for an agency have exactly one addressee.
            models.UniqueConstraint(
                fields=["agency"],
                condition=models.Q(kind="ppk_office"),
                name="accounts_one_ppk_office_per_agency",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def scope_path(self) -> str:
        """The prefix that selects this organisation and every organisation under it."""
        return self.path or f"/{self.code}/"


class PantasUserManager(UserManager):
    def get_queryset(self):
        return super().get_queryset().select_related("organisation")


class User(AbstractUser):
    """A person working for one organisation and holding one or more roles."""

    full_name = models.CharField(_("nama lengkap"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisasi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    mfa_secret = models.BinaryField(_("rahasia TOTP (terenkripsi)"), null=True, blank=True, editable=False)
    mfa_enabled = models.BooleanField(_("MFA aktif"), default=False)
    preferred_language = models.CharField(_("bahasa"), max_length=5, default="id")
    # An official's NIP and position as printed under a signature (recommendation letters, ADR 0117).
    nip = models.CharField(_("NIP"), max_length=18, blank=True)

    objects = PantasUserManager()

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self):
        return self.full_name or self.username

    def _get_session_auth_hash(self, secret=None):
        # Sessions carry this hash; covering the MFA secret too ends every session when MFA is reset (P-15).
        mfa = bytes(self.mfa_secret).hex() if self.mfa_secret else ""
        return salted_hmac(
            "pantas.accounts.User.session_auth_hash", self.password + mfa, secret=secret, algorithm="sha256"
        ).hexdigest()

    @cached_property
    def role_set(self) -> frozenset[str]:
        if not self.pk or not self.is_active:
            return frozenset()
        return frozenset(self.role_assignments.values_list("role", flat=True))

    def has_role(self, role) -> bool:
        return role in self.role_set

    def has_any_role(self, roles) -> bool:
        return not self.role_set.isdisjoint(roles)

    @property
    def is_supervisor_staff(self) -> bool:
        return self.has_any_role(SUPERVISOR_ROLES)


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("peran"), max_length=40, choices=Role.choices)
    granted_at = models.DateTimeField(_("diberikan"), default=timezone.now)

    class Meta:
        verbose_name = _("peran pengguna")
        verbose_name_plural = _("peran pengguna")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="accounts_unique_user_role")]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}"


class ApiToken(models.Model):
    """A bearer token for partner systems. Only its SHA-256 is stored; the token is shown once."""

    PREFIX = "pantas"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_id = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    name = models.CharField(_("nama"), max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self):
        return f"{self.PREFIX}_{self.key_id}_…"

    @staticmethod
    def hash(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str = "") -> tuple["ApiToken", str]:
        key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)  # 256 bits: a fast hash is enough at this entropy
        token = cls.objects.create(user=user, key_id=key_id, digest=cls.hash(secret), name=name)
        return token, f"{cls.PREFIX}_{key_id}_{secret}"


class LoginFailure(models.Model):
    """Failed password attempts per username, for the lockout. No client IP is kept."""

    username = models.CharField(max_length=150, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"{self.username} @ {self.at:%Y-%m-%d %H:%M}"
