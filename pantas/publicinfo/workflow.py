"""The announcement table (ADR 0102), run by the one engine `pantas.core.workflow` (ADR 0038):

    draft → published → closed;  draft | published → withdrawn

The selection committee acts only on its own agency's announcements (qualifier); administrators on all.
Edits, documents and candidate checks change no state: they are rules without targets (audited, state-checked).
"""

from django.db import models
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from pantas.core.roles import Role
from pantas.core.workflow import History, Qualifier, Rule, Workflow

from .roles import EDITORS, agency_id_of


class AnnouncementState(models.TextChoices):
    DRAFT = "draft", _("Draf")
    PUBLISHED = "published", _("Dibuka")
    CLOSED = "closed", _("Ditutup")
    WITHDRAWN = "withdrawn", _("Dibatalkan")


class AnnouncementAction(models.TextChoices):
    EDIT = "edit", _("Ubah pengumuman")
    ADD_DOCUMENT = "add-document", _("Unggah dokumen")
    REMOVE_DOCUMENT = "remove-document", _("Hapus dokumen")
    PUBLISH = "publish", _("Terbitkan")
    CLOSE = "close", _("Tutup seleksi")
    WITHDRAW = "withdraw", _("Batalkan pengumuman")
    CHECK_CANDIDATES = "check-candidates", _("Telusuri rekam jejak kandidat")


def _own_agency(user, announcement) -> bool:
    agency_id = agency_id_of(user)
    return agency_id is not None and agency_id == announcement.agency_id


OWN_AGENCY = Qualifier(gettext_lazy("hanya panitia seleksi instansi pengumuman"), _own_agency)

S = AnnouncementState
A = AnnouncementAction
LIVE = frozenset({S.DRAFT, S.PUBLISHED})
ANNOUNCEMENT_FLOW = Workflow(
    name="publicinfo.announcement",
    model_label="publicinfo.Announcement",
    states=AnnouncementState,
    actions=AnnouncementAction,
    rules=[
        Rule(A.EDIT, LIVE, (), EDITORS, "publicinfo.announcement.changed",
             refusal=gettext_lazy("Pengumuman yang sudah ditutup atau dibatalkan tidak dapat diubah.")),
        Rule(A.ADD_DOCUMENT, LIVE, (), EDITORS, "publicinfo.announcement.document_added",
             refusal=gettext_lazy("Dokumen hanya dapat ditambahkan pada pengumuman draf atau yang dibuka.")),
        Rule(A.REMOVE_DOCUMENT, frozenset({S.DRAFT}), (), EDITORS, "publicinfo.announcement.document_removed",
             refusal=gettext_lazy("Dokumen pengumuman yang sudah terbit tidak dapat dihapus.")),
        Rule(A.PUBLISH, frozenset({S.DRAFT}), (S.PUBLISHED,), EDITORS, "publicinfo.announcement.published",
             refusal=gettext_lazy("Hanya pengumuman draf yang dapat diterbitkan.")),
        Rule(A.CLOSE, frozenset({S.PUBLISHED}), (S.CLOSED,), EDITORS, "publicinfo.announcement.closed",
             refusal=gettext_lazy("Hanya seleksi yang sedang dibuka yang dapat ditutup.")),
        Rule(A.WITHDRAW, LIVE, (S.WITHDRAWN,), EDITORS, "publicinfo.announcement.withdrawn",
             refusal=gettext_lazy("Pengumuman yang sudah ditutup atau dibatalkan tidak dapat dibatalkan.")),
        # Only the committee: the clearance service (followup, ADR 0056) answers selection committees.
        Rule(A.CHECK_CANDIDATES, frozenset({S.PUBLISHED, S.CLOSED}), (), frozenset({Role.SELECTION_COMMITTEE}),
             "publicinfo.announcement.candidates_checked",
             refusal=gettext_lazy("Rekam jejak kandidat ditelusuri setelah pengumuman diterbitkan.")),
    ],
    terminal=frozenset({S.CLOSED, S.WITHDRAWN}),
    qualifiers={Role.SELECTION_COMMITTEE: OWN_AGENCY},
    history=History("publicinfo.AnnouncementStatusChange", obj="announcement"),
    updated_at_field="updated_at",
)  # fmt: skip
