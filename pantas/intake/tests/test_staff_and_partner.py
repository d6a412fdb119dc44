"""Staff pages (`/pengaduan/`) and partner pages (`/mitra/`): table-driven permissions, cross-organisation
404s (P-02), messages vs internal notes, duplicate linking, status, export escaping, identity reveal."""

import pytest
from django.urls import reverse

from pantas.core.models import AuditEvent
from pantas.intake.models import DuplicateSuggestion, Message, Report, ReportStatus, SealedIdentity
from pantas.intake.services.duplicates import suggest_for
from pantas.intake.services.messages import post_staff_message
from pantas.intake.services.submit import PersonInput, ReportInput, submit_report

from .conftest import CUSTODIAN_PASSPHRASE
from .factories import BawasluReportFactory, CsoReportFactory, ReportedPersonFactory, ReportFactory

pytestmark = pytest.mark.django_db

# Supervisor staff who handle reports; the custodian and the merit assessor read no report pages (ADR 0090).
SUPERVISOR = ["intake", "analis", "komisioner"]
NO_REPORTS = ["kustodian", "penilai"]
OUTSIDERS = ["ppk.makassar", "ppk.kemenag", "bkn", "pansel"]


def _routes(report):
    return {
        "staff_list": reverse("intake:staff_list"),
        "staff_detail": reverse("intake:staff_detail", args=[report.uuid]),
        "staff_new": reverse("intake:staff_new"),
        "staff_export": reverse("intake:staff_export"),
        "custodian_key": reverse("intake:custodian_key"),
        "partner_list": reverse("intake:partner_list"),
        "partner_detail": reverse("intake:partner_detail", args=[report.uuid]),
        "partner_new": reverse("intake:partner_new"),
        "import_list": reverse("intake:import_list"),
    }


# (route, users allowed (200), users refused (403)); anyone else in scope gets 404 for objects
PERMISSIONS = [
    ("staff_list", SUPERVISOR + ["admin"], NO_REPORTS + OUTSIDERS + ["cso.pattiro", "bawaslu.sulsel"]),
    ("staff_detail", SUPERVISOR + ["admin"], NO_REPORTS + OUTSIDERS + ["cso.pattiro", "bawaslu.sulsel"]),
    (
        "staff_new",
        ["intake", "komisioner", "admin"],
        ["analis", "kustodian", "penilai", "cso.pattiro", *OUTSIDERS],
    ),
    (
        "staff_export",
        ["intake", "analis", "komisioner"],
        ["kustodian", "penilai", "admin", "cso.pattiro", *OUTSIDERS],
    ),
    ("custodian_key", ["kustodian"], ["intake", "analis", "admin", "cso.pattiro", *OUTSIDERS]),
    (
        "partner_list",
        ["cso.pattiro", "bawaslu.sulsel", "ombudsman", "kemendagri"],
        ["intake", "analis", *OUTSIDERS],
    ),
    ("partner_detail", ["cso.pattiro"], ["intake", *OUTSIDERS]),
    ("partner_new", ["cso.pattiro", "bawaslu.sulsel"], ["intake", *OUTSIDERS]),
    ("import_list", ["bawaslu.sulsel"], ["cso.pattiro", "intake", *OUTSIDERS]),
]


@pytest.mark.parametrize(("route", "allowed", "refused"), PERMISSIONS, ids=[p[0] for p in PERMISSIONS])
def test_each_page_admits_exactly_its_roles(client, personas, route, allowed, refused):
    report = CsoReportFactory()
    url = _routes(report)[route]
    for username in allowed:
        client.force_login(personas[username])
        assert client.get(url).status_code == 200, (route, username)
    for username in refused:
        client.force_login(personas[username])
        assert client.get(url).status_code == 403, (route, username)
    client.logout()
    assert client.get(url).status_code == 302


def test_a_partner_sees_only_its_own_organisations_reports(client, personas):
    own = CsoReportFactory(description="Laporan milik PATTIRO")
    other = BawasluReportFactory(description="Laporan milik Bawaslu")
    public = ReportFactory(description="Laporan masyarakat")
    client.force_login(personas["cso.pattiro"])
    html = client.get(reverse("intake:partner_list")).content.decode()
    assert own.number in html and other.number not in html and public.number not in html
    assert client.get(reverse("intake:partner_detail", args=[other.uuid])).status_code == 404
    assert client.get(reverse("intake:partner_detail", args=[public.uuid])).status_code == 404
    assert client.post(reverse("intake:partner_message", args=[other.uuid]), {"body": "x"}).status_code == 404


def test_a_cso_submits_a_report_attributed_to_its_organisation(client, personas):
    client.force_login(personas["cso.pattiro"])
    response = client.post(
        reverse("intake:partner_new"),
        {
            "register_number": "PATTIRO/2024/017",
            "person_name": "Drs. Hasan",
            "person_employee_type": "pns",
            "person_agency": "Kementerian Agama",
            "track": "neutrality",
            "mode": "like",
            "election_stage": "campaign",
            "description": "Menyukai dan membagikan unggahan kampanye calon presiden.",
        },
    )
    report = Report.objects.get()
    assert response.status_code == 302
    assert (report.source, report.organisation.code, report.submitted_by.username) == (
        "cso",
        "cso-pattiro",
        "cso.pattiro",
    )
    assert report.reported_persons.get().agency.code == "kemenag"
    assert report.receipt_lookup is None


def test_bawaslu_needs_a_register_number_and_the_initial_study(client, personas):
    client.force_login(personas["bawaslu.sulsel"])
    data = {
        "person_name": "Andi",
        "person_employee_type": "pns",
        "track": "neutrality",
        "mode": "share",
        "election_stage": "campaign",
        "description": "Membagikan unggahan kampanye di Facebook.",
    }
    response = client.post(reverse("intake:partner_new"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nomor register Bawaslu wajib diisi." in html and "Hasil kajian awal wajib diisi." in html
    assert "Membagikan unggahan kampanye di Facebook." in html
    data |= {"register_number": "007/Reg/TM/PB/Prov/27.00/X/2024", "initial_study": "Memenuhi syarat."}
    assert client.post(reverse("intake:partner_new"), data).status_code == 302
    again = client.post(reverse("intake:partner_new"), data)
    assert again.status_code == 400
    assert "sudah pernah dikirim" in again.content.decode()
    assert Report.objects.filter(source="bawaslu").count() == 1


def test_staff_messages_reach_the_organisation_but_internal_notes_do_not(client, personas):
    report = CsoReportFactory()
    client.force_login(personas["intake"])
    url = reverse("intake:staff_message", args=[report.uuid])
    client.post(url, {"body": "Mohon lengkapi NIP terlapor.", "visibility": "public"})
    client.post(url, {"body": "CATATAN-INTERNAL: kemungkinan duplikat", "visibility": "internal"})
    assert Message.objects.filter(report=report).count() == 2
    client.force_login(personas["cso.pattiro"])
    html = client.get(reverse("intake:partner_detail", args=[report.uuid])).content.decode()
    assert "Mohon lengkapi NIP terlapor." in html and "CATATAN-INTERNAL" not in html
    client.post(reverse("intake:partner_message", args=[report.uuid]), {"body": "NIP: 198501012010011001"})
    client.force_login(personas["analis"])
    html = client.get(reverse("intake:staff_detail", args=[report.uuid])).content.decode()
    assert "NIP: 198501012010011001" in html and "CATATAN-INTERNAL" in html


def test_an_empty_staff_message_is_a_field_error(client, personas):
    report = ReportFactory()
    client.force_login(personas["intake"])
    response = client.post(reverse("intake:staff_message", args=[report.uuid]), {"body": ""})
    assert response.status_code == 400 and "Tulis isi pesan." in response.content.decode()


def test_staff_link_a_suggested_duplicate_or_dismiss_it(client, personas):
    older = ReportedPersonFactory(nip="198501012010011001").report
    newer = ReportedPersonFactory(nip="198501012010011001").report
    third = ReportedPersonFactory(nip="198501012010011001").report
    suggest_for(newer)
    suggest_for(third)
    suggestion = DuplicateSuggestion.objects.get(report=newer, candidate=older)
    client.force_login(personas["analis"])
    response = client.post(
        reverse("intake:suggestion_decide", args=[newer.uuid, suggestion.pk]),
        {"decision": "link", "reason": "sama"},
    )
    assert response.status_code == 302
    newer.refresh_from_db()
    assert newer.linked_to == older
    assert AuditEvent.objects.filter(action="intake.report.linked", object_id=str(newer.pk)).exists()
    dismiss = DuplicateSuggestion.objects.filter(report=third).first()
    client.post(reverse("intake:suggestion_decide", args=[third.uuid, dismiss.pk]), {"decision": "dismiss"})
    dismiss.refresh_from_db()
    assert dismiss.state == "dismissed" and dismiss.decided_by == personas["analis"]
    # Deciding twice is refused (compare-and-set), not applied twice.
    client.post(reverse("intake:suggestion_decide", args=[third.uuid, dismiss.pk]), {"decision": "link"})
    third.refresh_from_db()
    assert third.linked_to is None


def test_manual_links_point_at_the_root_report(client, personas):
    root, middle, leaf = ReportFactory(), ReportFactory(), ReportFactory()
    client.force_login(personas["intake"])
    client.post(reverse("intake:staff_link", args=[middle.uuid]), {"target_number": root.number})
    client.post(reverse("intake:staff_link", args=[leaf.uuid]), {"target_number": middle.number})
    leaf.refresh_from_db()
    assert leaf.linked_to == root
    response = client.post(reverse("intake:staff_link", args=[root.uuid]), {"target_number": leaf.number})
    assert response.status_code == 409
    response = client.post(
        reverse("intake:staff_link", args=[root.uuid]), {"target_number": "LAP-1999-000001"}
    )
    assert "tidak ditemukan" in response.content.decode()


def test_staff_reject_a_report_with_a_reason_and_the_reporter_sees_it(client, personas):
    report = ReportFactory()
    client.force_login(personas["intake"])
    url = reverse("intake:staff_status", args=[report.uuid])
    assert client.post(url, {"status": "rejected", "reason": ""}).status_code == 400
    assert client.post(url, {"status": "rejected", "reason": "Terlapor bukan ASN."}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.REJECTED
    assert (
        client.post(url, {"status": "verification", "reason": "x"}).status_code == 400
    )  # not a manual status


def test_the_export_escapes_formulas_and_never_contains_identities(client, personas, custodian_key):
    submit_report(
        ReportInput(
            description='=HYPERLINK("http://evil.example","klik")',
            persons=[PersonInput(name="+SUM(1,2)")],
            anonymity="confidential",
            identity={"name": "CANARY-EXPORT"},
        )
    )
    client.force_login(personas["analis"])
    response = client.get(reverse("intake:staff_export"))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Disposition"].startswith("attachment")
    assert "'=HYPERLINK" in text and "'+SUM(1,2)" in text
    assert "CANARY-EXPORT" not in text


def test_list_filters_narrow_the_reports(client, personas):
    cso = CsoReportFactory()
    bawaslu = BawasluReportFactory()
    ReportedPersonFactory(report=bawaslu, name="Muhammad Ridwan", nip="198501012010011001")
    client.force_login(personas["analis"])
    html = client.get(reverse("intake:staff_list"), {"source": "cso"}).content.decode()
    assert cso.number in html and bawaslu.number not in html
    html = client.get(reverse("intake:staff_list"), {"q": "ridwan"}).content.decode()
    assert bawaslu.number in html and cso.number not in html
    html = client.get(reverse("intake:staff_list"), {"q": "198501012010011001"}).content.decode()
    assert bawaslu.number in html


def test_staff_record_a_lapor_report(client, personas):
    client.force_login(personas["intake"])
    response = client.post(
        reverse("intake:staff_new"),
        {
            "source": "lapor",
            "person_name": "Sekretaris Desa",
            "person_employee_type": "pns",
            "track": "ethics",
            "mode": "other",
            "election_stage": "none",
            "description": "Pungutan liar pada pelayanan KTP menurut aduan SP4N-LAPOR!.",
        },
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.source, report.channel, report.submitted_by.username) == ("lapor", "staff", "intake")


def _confidential_report():
    return submit_report(
        ReportInput(
            description="Camat mengarahkan RT memilih calon tertentu.",
            persons=[PersonInput(name="Camat")],
            anonymity="confidential",
            identity={"name": "Siti Pelapor", "contact": "0812-0000-1111", "note": ""},
        )
    ).report


def test_the_custodian_reveals_an_identity_with_passphrase_and_reason(client, personas, custodian_key):
    report = _confidential_report()
    url = reverse("intake:reveal", args=[report.uuid])
    client.force_login(personas["kustodian"])
    wrong = client.post(url, {"passphrase": "salah-sekali-frasa", "reason": "Pemeriksaan saksi pelapor."})
    assert wrong.status_code == 400 and "Siti Pelapor" not in wrong.content.decode()
    assert AuditEvent.objects.filter(action="intake.identity.reveal_failed").count() == 1
    no_reason = client.post(url, {"passphrase": CUSTODIAN_PASSPHRASE, "reason": ""})
    assert no_reason.status_code == 400 and "Siti Pelapor" not in no_reason.content.decode()
    response = client.post(url, {"passphrase": CUSTODIAN_PASSPHRASE, "reason": "Pemeriksaan saksi pelapor."})
    assert response.status_code == 200 and "Siti Pelapor" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action="intake.identity.revealed")
    assert event.actor == personas["kustodian"] and event.reason == "Pemeriksaan saksi pelapor."
    assert "Siti" not in str(event.data)


@pytest.mark.parametrize("username", ["intake", "analis", "komisioner", "admin", "cso.pattiro"])
def test_nobody_but_the_custodian_reaches_the_reveal(client, personas, custodian_key, username):
    report = _confidential_report()
    client.force_login(personas[username])
    response = client.post(
        reverse("intake:reveal", args=[report.uuid]),
        {"passphrase": CUSTODIAN_PASSPHRASE, "reason": "ingin tahu saja"},
    )
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="intake.identity.revealed").exists()


def test_the_custodian_rotates_the_key_and_old_identities_stay_readable(client, personas, custodian_key):
    old_report = _confidential_report()
    client.force_login(personas["kustodian"])
    response = client.post(
        reverse("intake:custodian_key"),
        {
            "label": "Kunci 2026",
            "passphrase": "frasa-baru-yang-panjang",
            "passphrase2": "frasa-baru-yang-panjang",
        },
    )
    assert response.status_code == 302
    new_report = _confidential_report()
    assert SealedIdentity.objects.get(report=new_report).key.label == "Kunci 2026"
    response = client.post(
        reverse("intake:reveal", args=[old_report.uuid]),
        {"passphrase": CUSTODIAN_PASSPHRASE, "reason": "Pemeriksaan lanjutan."},
    )
    assert "Siti Pelapor" in response.content.decode()


def test_a_short_or_mismatched_passphrase_is_refused(client, personas):
    client.force_login(personas["kustodian"])
    response = client.post(
        reverse("intake:custodian_key"), {"label": "k", "passphrase": "pendek", "passphrase2": "x"}
    )
    assert response.status_code == 400 and "minimal 12 karakter" in response.content.decode()


def test_home_tiles_follow_roles(client, personas):
    client.force_login(personas["intake"])
    html = client.get("/beranda/").content.decode()
    assert reverse("intake:staff_list") in html and reverse("intake:partner_list") not in html
    client.force_login(personas["bawaslu.sulsel"])
    html = client.get("/beranda/").content.decode()
    assert reverse("intake:import_list") in html and reverse("intake:staff_list") not in html


def test_staff_pages_do_not_query_per_row(client, personas, django_assert_max_num_queries):
    for _ in range(30):
        ReportedPersonFactory(report=CsoReportFactory())
    client.force_login(personas["analis"])
    with django_assert_max_num_queries(14):
        assert client.get(reverse("intake:staff_list")).status_code == 200


def test_a_message_cannot_be_posted_by_a_role_without_handling_rights(personas):
    from pantas.core.errors import NotAllowed

    with pytest.raises(NotAllowed):
        post_staff_message(ReportFactory(), personas["admin"], "halo")
