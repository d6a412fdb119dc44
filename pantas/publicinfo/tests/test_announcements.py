"""Announcements: the lifecycle through the one engine (403 role, 409 state, history, audit), the staff pages
with Indonesian field errors, documents, and the candidate check that reuses the follow-up clearance service."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pantas.core.errors import InvalidTransition, NotAllowed, NotFound
from pantas.core.models import AuditEvent
from pantas.followup.models import ClearanceRequest
from pantas.followup.tests.record_factories import asn, nip, recommended
from pantas.followup.workflow import FollowUpState

from .. import services
from ..models import Announcement, AnnouncementStatusChange, CandidateCheck
from ..workflow import AnnouncementState as S
from .factories import announcement, other_committee, stages, values

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def test_the_committee_drafts_publishes_and_closes_with_history_and_audit(personas):
    pansel = personas["pansel"]
    draft = announcement(pansel)
    assert draft.state == S.DRAFT and draft.agency.code == "prov-73"
    published = services.publish(draft, pansel)
    assert published.state == S.PUBLISHED and published.published_at is not None
    services.close(published, pansel, reason="Selesai.")
    steps = list(
        AnnouncementStatusChange.objects.filter(announcement=draft).values_list("from_state", "to_state")
    )
    assert steps == [(S.DRAFT, S.PUBLISHED), (S.PUBLISHED, S.CLOSED)]
    codes = list(
        AuditEvent.objects.filter(object_id=str(draft.pk), action__startswith="publicinfo.announcement.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert codes == [
        "publicinfo.announcement.created",
        "publicinfo.announcement.published",
        "publicinfo.announcement.closed",
    ]


def test_a_state_that_does_not_allow_the_action_is_409(personas):
    closed = announcement(personas["pansel"], S.CLOSED)
    with pytest.raises(InvalidTransition):
        services.publish(closed, personas["pansel"])
    with pytest.raises(InvalidTransition):
        services.update_announcement(closed, personas["pansel"], values(), stages())


def test_another_agencys_committee_cannot_see_or_act(personas):
    draft = announcement(personas["pansel"])
    with pytest.raises(NotFound):  # outside its scope: the draft does not exist for it
        services.publish(draft, other_committee())
    published = services.publish(draft, personas["pansel"])
    with pytest.raises(NotAllowed):  # published: visible to all, but not its agency's
        services.close(published, other_committee())


def test_other_roles_may_not_act_and_a_committee_announces_only_for_its_agency(personas):
    draft = announcement(personas["pansel"])
    with pytest.raises((NotAllowed, NotFound)):
        services.publish(draft, personas["ppk.makassar"])
    with pytest.raises(PermissionDenied):
        services.create_announcement(
            personas["pansel"], other_committee().organisation.agency, values(), stages()
        )
    with pytest.raises(PermissionDenied):
        services.create_announcement(personas["analis"], draft.agency, values(), stages())
    # administrators may announce for any agency
    assert services.create_announcement(personas["admin"], draft.agency, values(), stages()).pk


def test_the_schedule_must_be_in_order(personas):
    bad = stages()
    bad[2] = type(bad[2])(bad[2].kind, bad[0].starts_on, bad[0].starts_on)  # assessment before administration
    with pytest.raises(ValidationError) as info:
        services.create_announcement(
            personas["pansel"], personas["pansel"].organisation.agency, values(), bad
        )
    assert "assessment_start" in info.value.message_dict


def test_visible_to(personas):
    pansel, other = personas["pansel"], other_committee()
    draft = announcement(pansel, position_title="Draf")
    published = announcement(pansel, S.PUBLISHED)
    withdrawn = announcement(pansel, S.WITHDRAWN)
    for user, expected in [
        (pansel, {draft, published, withdrawn}),
        (other, {published}),
        (personas["admin"], {draft, published, withdrawn}),
        (personas["analis"], {draft, published, withdrawn}),
        (personas["ppk.makassar"], {published}),
    ]:
        assert set(Announcement.objects.visible_to(user)) == expected, user.username
    assert set(Announcement.objects.managed_by(other)) == set()


# --- staff pages -----------------------------------------------------------------------------------------


def test_the_form_names_each_missing_field_in_indonesian(client, personas):
    client.force_login(personas["pansel"])
    response = client.post(reverse("publicinfo:staff_create"), {"level": "pratama"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nama jabatan wajib diisi." in html
    assert "Persyaratan pelamar wajib diisi." in html
    assert "Tanggal mulai Pendaftaran wajib diisi." in html
    assert 'id="id_position_title_error"' in html


def _form_data(**extra):
    data = {**values(), "version": ""}
    for stage in stages():
        data[f"{stage.kind}_start"] = stage.starts_on.isoformat()
        data[f"{stage.kind}_end"] = stage.ends_on.isoformat()
    data.update(extra)
    return data


def test_the_committee_creates_edits_and_publishes_through_the_pages(client, personas):
    client.force_login(personas["pansel"])
    response = client.post(reverse("publicinfo:staff_create"), _form_data(agency="prov-31"))
    created = Announcement.objects.get()
    assert response.status_code == 302 and created.agency.code == "prov-73"  # the fixed agency wins
    data = _form_data(position_title="Kepala Dinas Pendidikan dan Kebudayaan", version=created.version)
    data["interview_end"] = stages()[3].starts_on.replace(year=2000).isoformat()
    response = client.post(reverse("publicinfo:staff_edit", args=[created.pk]), data)
    assert (
        response.status_code == 400 and "Tanggal selesai tidak boleh sebelum tanggal mulai." in response.text
    )
    data = _form_data(position_title="Kepala Dinas Pendidikan dan Kebudayaan", version=created.version)
    assert client.post(reverse("publicinfo:staff_edit", args=[created.pk]), data).status_code == 302
    confirm = client.get(reverse("publicinfo:staff_action", args=[created.pk, "publish"]))
    assert confirm.status_code == 200 and 'id="confirm-text"' in confirm.text
    client.post(
        reverse("publicinfo:staff_action", args=[created.pk, "publish"]), {"version": created.version + 1}
    )
    created.refresh_from_db()
    assert created.state == S.PUBLISHED and created.position_title.endswith("Kebudayaan")
    again = client.post(reverse("publicinfo:staff_action", args=[created.pk, "publish"]), {})
    assert again.status_code == 409


def test_documents_are_checked_pdfs_and_public_once_published(client, personas):
    draft = announcement(personas["pansel"])
    client.force_login(personas["pansel"])
    url = reverse("publicinfo:staff_document_add", args=[draft.pk])
    html = SimpleUploadedFile(
        "x.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    response = client.post(url, {"title": "Pengumuman", "file": html})
    assert response.status_code == 400 and "Dokumen pengumuman harus berupa berkas PDF." in response.text
    active = PDF.replace(b"/Catalog", b"/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>")
    response = client.post(url, {"title": "Pengumuman", "file": SimpleUploadedFile("a.pdf", active)})
    assert "konten aktif" in response.text
    assert (
        client.post(url, {"title": "Surat pengumuman", "file": SimpleUploadedFile("s.pdf", PDF)}).status_code
        == 302
    )
    document = draft.documents.get()
    public_url = reverse("publicinfo:announcement_document", args=[draft.slug, document.pk])
    client.logout()
    assert client.get(public_url).status_code == 404  # draft: not public yet
    services.publish(draft, personas["pansel"])
    response = client.get(public_url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body == PDF
    assert response["Content-Security-Policy"].startswith("sandbox")


def test_the_committee_checks_its_candidates_through_the_clearance_service(client, personas):
    published = announcement(personas["pansel"], S.PUBLISHED)
    asn(nip(1), name="Calon Bersih")
    asn(nip(2), name="Calon Bermasalah")
    recommended(nip(2), FollowUpState.AWAITING)
    client.force_login(personas["pansel"])
    response = client.post(
        reverse("publicinfo:staff_candidates", args=[published.pk]), {"nips": f"{nip(1)}\n{nip(2)}"}
    )
    done = ClearanceRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "followup_record:clearance_detail", args=[done.uuid]
    )
    assert dict(done.results.values_list("nip", "status")) == {nip(1): "clear", nip(2): "not_followed_up"}
    assert done.purpose.startswith("Seleksi terbuka JPT Pratama Kepala Dinas Pendidikan")
    assert CandidateCheck.objects.get().announcement == published
    assert AuditEvent.objects.filter(action="publicinfo.announcement.candidates_checked").count() == 1
    assert AuditEvent.objects.filter(action="followup.clearance.checked").count() == 1
    page = client.get(reverse("publicinfo:staff_detail", args=[published.pk]))
    assert reverse("followup_record:clearance_detail", args=[done.uuid]) in page.text


def test_a_draft_cannot_be_checked_and_an_empty_list_is_refused(client, personas):
    draft = announcement(personas["pansel"])
    with pytest.raises(InvalidTransition):
        services.check_candidates(draft, personas["pansel"], [nip(1)])
    published = announcement(personas["pansel"], S.PUBLISHED)
    client.force_login(personas["pansel"])
    response = client.post(reverse("publicinfo:staff_candidates", args=[published.pk]), {"nips": " "})
    assert response.status_code == 400 and "Masukkan paling sedikit satu NIP kandidat." in response.text
    assert not ClearanceRequest.objects.exists()


def test_the_demo_seed_is_idempotent(personas):
    from .. import demo

    out = io.StringIO()
    demo.seed(out)
    demo.seed(out)
    states = sorted(Announcement.objects.values_list("state", flat=True))
    assert states == ["closed", "draft", "published", "published"]
