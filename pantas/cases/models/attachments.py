"""Files attached to a PPK's clarification answer or a referral partner's reply (ADR 0118): checked like intake
evidence (`intake.security.files`: sniffed, polyglots refused, images re-encoded without metadata), stored
encrypted (`intake.security.storage`), served through `core.downloads` to those who may read them."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pantas.core.models import VisibleQuerySet

from ..roles import CASE_STAFF_ROLES
from .case import Case, ClarificationAnswer, ReferralReply


class AttachmentQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Supervisor case staff: the attachments of the cases they see; a PPK office those of answers to its
        own clarification requests; a referral partner those of its own replies. Anyone else none."""
        if not user.is_authenticated:
            return self.none()
        qs = self.filter(case__in=Case.objects.visible_to(user))
        if user.has_any_role(CASE_STAFF_ROLES):
            return qs
        if not user.organisation_id:
            return self.none()
        org = user.organisation_id
        return qs.filter(Q(answer__request__addressee_id=org) | Q(reply__referral__partner_id=org))


class CaseAttachment(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    answer = models.ForeignKey(
        ClarificationAnswer, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    reply = models.ForeignKey(
        ReferralReply, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file_name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(_("jenis isi"), max_length=100)
    size = models.PositiveBigIntegerField(_("ukuran"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)  # of the file as received
    storage_name = models.CharField(max_length=80, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer__isnull=False, reply__isnull=True)
                | Q(answer__isnull=True, reply__isnull=False),
                name="cases_attachment_one_parent",
            )
        ]

    def __str__(self):
        return self.file_name
