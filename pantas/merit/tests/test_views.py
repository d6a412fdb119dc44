"""Pages: permissions (table-driven), cross-agency 404, the forms of each step, 409 on invalid transitions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pantas.merit.models import AssessmentStatus, CycleStatus, Evidence, InstrumentVersion
from pantas.merit.services import assessments as svc

from . import factories as f

S = AssessmentStatus


def _login(client, personas, username):
    client.force_login(personas[username])
    return client


@pytest.fixture
def final_assessment(makassar):
    return f.final(makassar)


# (url name, kwargs from the assessment, username, expected status)
MATRIX = [
    ("merit:home", None, "penilai", 200),
    ("merit:home", None, "ppk.makassar", 200),
    ("merit:home", None, "komisioner", 200),
    ("merit:home", None, "analis", 403),
    ("merit:home", None, "bawaslu.sulsel", 403),
    ("merit:cycle_create", None, "penilai", 200),
    ("merit:cycle_create", None, "ppk.makassar", 403),
    ("merit:cycle_create", None, "admin", 403),
    ("merit:cycle_detail", "cycle", "penilai", 200),
    ("merit:cycle_detail", "cycle", "ppk.makassar", 403),
    ("merit:cycle_results", "cycle", "komisioner", 200),
    ("merit:assessment_detail", "assessment", "penilai", 200),
    ("merit:assessment_detail", "assessment", "ppk.makassar", 200),
    ("merit:assessment_detail", "assessment", "ppk.kemenag", 404),
    ("merit:assessment_detail", "assessment", "analis", 403),
    ("merit:assessment_aspect", "aspect", "ppk.makassar", 200),
    ("merit:assessment_aspect", "aspect", "ppk.kemenag", 404),
    ("merit:assessment_pdf", "assessment", "ppk.makassar", 200),
    ("merit:assessment_pdf", "assessment", "ppk.kemenag", 404),
    ("merit:assessment_reply", "assessment", "ppk.kemenag", 404),
    ("merit:instrument_list", None, "admin", 200),
    ("merit:instrument_list", None, "penilai", 200),
    ("merit:instrument_list", None, "ppk.makassar", 403),
    ("merit:instrument_create", None, "admin", 200),
    ("merit:instrument_create", None, "penilai", 403),
    ("merit:import_upload", None, "penilai", 200),
    ("merit:import_upload", None, "admin", 200),
    ("merit:import_upload", None, "ppk.makassar", 403),
    ("merit:public_index", None, None, 200),
]


def _kwargs(kind, assessment):
    if kind == "cycle":
        return {"pk": assessment.cycle_id}
    if kind == "assessment":
        return {"pk": assessment.pk}
    if kind == "aspect":
        return {"pk": assessment.pk, "aspect_id": assessment.cycle.instrument_version.aspects.first().pk}
    return {}


@pytest.mark.parametrize(("name", "kind", "username", "status"), MATRIX)
def test_each_page_answers_each_role_as_documented(
    client, personas, final_assessment, name, kind, username, status
):
    if username:
        client.force_login(personas[username])
    response = client.get(reverse(name, kwargs=_kwargs(kind, final_assessment) or None))
    assert response.status_code == status


def test_evidence_of_another_agency_is_not_found(client, personas, makassar):
    assessment = f.submitted(makassar)
    evidence = Evidence.objects.filter(answer__assessment=assessment).first()
    url = reverse("merit:evidence_download", kwargs={"pk": evidence.pk})
    assert _login(client, personas, "ppk.kemenag").get(url).status_code == 404
    response = _login(client, personas, "penilai").get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_agency_fills_an_aspect_with_evidence(client, personas, makassar):
    assessment = f.self_assessment(makassar)
    aspect = assessment.cycle.instrument_version.aspects.get(code="a1")
    answers = list(svc.answers_of(assessment).filter(indicator__aspect=aspect))
    url = reverse("merit:assessment_aspect", kwargs={"pk": assessment.pk, "aspect_id": aspect.pk})
    top = [a.indicator.options.get(order=4) for a in answers]
    data = {f"opt_{a.pk}": o.pk for a, o in zip(answers, top, strict=True)}
    data |= {f"note_{a.pk}": "Sudah diterapkan" for a in answers}
    data |= {
        f"evtitle_{answers[0].pk}": "SK 12/2026",
        f"evfile_{answers[0].pk}": SimpleUploadedFile("sk.pdf", f.PDF_BYTES),
    }
    data |= {f"evtitle_{answers[1].pk}": "Laman", f"evurl_{answers[1].pk}": "https://makassar.go.id/sk"}
    response = _login(client, personas, "ppk.makassar").post(url, data)
    assert response.status_code == 302
    for answer, option in zip(answers, top, strict=True):
        answer.refresh_from_db()
        assert answer.self_option == option and answer.self_note == "Sudah diterapkan"
        assert answer.evidence.count() == 1


def test_a_refused_save_keeps_what_was_typed(client, personas, makassar):
    assessment = f.self_assessment(makassar)
    aspect = assessment.cycle.instrument_version.aspects.get(code="a1")
    answer = svc.answers_of(assessment).filter(indicator__aspect=aspect).first()
    url = reverse("merit:assessment_aspect", kwargs={"pk": assessment.pk, "aspect_id": aspect.pk})
    data = {
        f"note_{answer.pk}": "Catatan saya",
        f"evtitle_{answer.pk}": "Berkas",
        f"evfile_{answer.pk}": SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf"),
    }
    response = _login(client, personas, "ppk.makassar").post(url, data)
    assert response.status_code == 200
    assert "Jenis berkas tidak diterima" in response.content.decode()
    assert "Catatan saya" in response.content.decode()
    answer.refresh_from_db()
    assert answer.self_note == ""  # all or nothing


def test_the_assessor_adjusts_on_the_aspect_page(client, personas, makassar):
    assessment = f.submitted(makassar)
    aspect = assessment.cycle.instrument_version.aspects.get(code="a1")
    answers = list(svc.answers_of(assessment).filter(indicator__aspect=aspect))
    url = reverse("merit:assessment_aspect", kwargs={"pk": assessment.pk, "aspect_id": aspect.pk})
    lowest = answers[0].indicator.options.get(order=1)
    data = {f"opt_{answers[0].pk}": lowest.pk, f"opt_{answers[1].pk}": answers[1].self_option_id}
    response = _login(client, personas, "penilai").post(url, data)
    assert response.status_code == 200 and "alasan" in response.content.decode()
    data[f"reason_{answers[0].pk}"] = "SK belum ditetapkan"
    assert client.post(url, data).status_code == 302
    answers[0].refresh_from_db()
    assert answers[0].is_adjusted and answers[0].assessor_reason == "SK belum ditetapkan"


def test_the_reply_page_sends_the_one_reply(client, personas, makassar):
    assessment = f.verified(makassar)
    adjusted = [a for a in svc.answers_of(assessment) if a.is_adjusted]
    url = reverse("merit:assessment_reply", kwargs={"pk": assessment.pk})
    client = _login(client, personas, "ppk.makassar")
    response = client.post(url, {f"agree_{adjusted[0].pk}": "0", "text": ""})
    assert response.status_code == 200 and "Jelaskan" in response.content.decode()
    response = client.post(
        url, {f"agree_{adjusted[0].pk}": "0", f"note_{adjusted[0].pk}": "Lihat SK", "text": "Mohon ditinjau"}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == S.REPLIED and assessment.reply_text == "Mohon ditinjau"
    again = client.post(url, {f"agree_{adjusted[0].pk}": "1", "text": ""})
    assert again.status_code == 409


def test_an_invalid_transition_answers_409(client, personas, makassar):
    assessment = f.self_assessment(makassar)
    response = _login(client, personas, "penilai").post(
        reverse("merit:assessment_send", kwargs={"pk": assessment.pk})
    )
    assert response.status_code == 409
    assert "sudah dikirim" in response.content.decode() or "tidak dapat" in response.content.decode()


def test_submitting_an_incomplete_assessment_lists_what_is_missing(client, personas, makassar):
    assessment = f.self_assessment(makassar)
    client = _login(client, personas, "ppk.makassar")
    response = client.post(reverse("merit:assessment_submit", kwargs={"pk": assessment.pk}), follow=True)
    assert "belum dijawab" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == S.SELF_ASSESSMENT


def test_the_supervisor_prepares_opens_and_publishes_a_cycle(client, personas, makassar, kemenag):
    version = f.PublishedVersionFactory()
    client = _login(client, personas, "penilai")
    response = client.post(
        reverse("merit:cycle_create"),
        {
            "year": 2026,
            "title": "Penilaian uji 2026",
            "instrument_version": version.pk,
            "self_assessment_due": "2026-12-31",
            "reply_window_days": 10,
            "participants": [makassar.pk, kemenag.pk],
        },
    )
    assert response.status_code == 302
    cycle = version.cycles.get()
    assert cycle.status == CycleStatus.DRAFT and cycle.participants.count() == 2
    assert client.post(reverse("merit:cycle_open", kwargs={"pk": cycle.pk})).status_code == 302
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.OPEN and cycle.assessments.count() == 2
    # nothing final yet: publishing is refused with a message
    assert client.post(reverse("merit:cycle_publish", kwargs={"pk": cycle.pk})).status_code == 409


def test_the_cycle_form_reports_a_duplicate_year(client, personas, makassar):
    cycle = f.draft_cycle(agencies=[makassar])
    response = _login(client, personas, "penilai").post(
        reverse("merit:cycle_create"),
        {
            "year": cycle.year,
            "title": "Lagi",
            "instrument_version": cycle.instrument_version_id,
            "self_assessment_due": "2026-12-31",
            "reply_window_days": 10,
        },
    )
    assert response.status_code == 200
    assert "Sudah ada siklus" in response.content.decode()


def test_public_pages_show_published_results_only(client, personas, makassar):
    assessment = f.final(makassar)
    cycle = assessment.cycle
    assert client.get(reverse("merit:public_cycle", kwargs={"pk": cycle.pk})).status_code == 404
    result_url = reverse("merit:public_result", kwargs={"pk": cycle.pk, "agency": makassar.code})
    assert client.get(result_url).status_code == 404
    from pantas.merit.services import cycles as cycle_svc

    cycle_svc.publish_cycle(cycle, personas["penilai"])
    page = client.get(reverse("merit:public_cycle", kwargs={"pk": cycle.pk})).content.decode()
    band = assessment.result.band
    assert makassar.name in page and f"{band.code} {band.name}" in page
    detail = client.get(result_url)
    assert detail.status_code == 200 and "<svg" in detail.content.decode()
    pdf = client.get(reverse("merit:public_result_pdf", kwargs={"pk": cycle.pk, "agency": makassar.code}))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_instrument_pages_edit_a_draft(client, personas, kasn):
    client = _login(client, personas, "admin")
    assert client.get(reverse("merit:version_detail", kwargs={"pk": kasn.pk})).status_code == 200
    response = client.post(reverse("merit:version_draft", kwargs={"pk": kasn.pk}))
    assert response.status_code == 302
    draft = kasn.instrument.versions.get(status="draft")
    indicator = draft.aspects.get(code="sistem-informasi").indicators.get(code="8.2")
    url = reverse("merit:indicator_edit", kwargs={"pk": indicator.pk})
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "code": "8.2",
        "order": 2,
        "text": "Teks baru",
        "guidance": "",
        "opt-TOTAL_FORMS": 2,
        "opt-INITIAL_FORMS": 0,
    }
    data |= {
        "opt-0-label": "Belum",
        "opt-0-score": "2",
        "opt-1-label": "Sudah",
        "opt-1-score": "8",
        "opt-1-evidence_required": "on",
    }
    assert client.post(url, data).status_code == 302
    indicator.refresh_from_db()
    assert indicator.text == "Teks baru" and indicator.options.count() == 2
    # the published version is untouched and cannot be edited through the page
    published_indicator = kasn.aspects.get(code="sistem-informasi").indicators.get(code="8.2")
    assert (
        client.post(reverse("merit:indicator_edit", kwargs={"pk": published_indicator.pk}), data).status_code
        == 409
    )
    assert published_indicator.options.count() == 4


def test_the_agency_does_not_see_adjustments_before_they_are_sent(client, personas, makassar):
    assessment = f.submitted(makassar)
    aspect = assessment.cycle.instrument_version.aspects.get(code="a1")
    first = svc.answers_of(assessment).first()
    svc.verify_answers(
        assessment, personas["penilai"], [(first, first.indicator.options.get(order=1), "RAHASIA-PENILAI")]
    )
    url = reverse("merit:assessment_aspect", kwargs={"pk": assessment.pk, "aspect_id": aspect.pk})
    assert "RAHASIA-PENILAI" not in _login(client, personas, "ppk.makassar").get(url).content.decode()
    assert "RAHASIA-PENILAI" in _login(client, personas, "penilai").get(url).content.decode()
    svc.send_verification(assessment, personas["penilai"])
    assert "RAHASIA-PENILAI" in _login(client, personas, "ppk.makassar").get(url).content.decode()


def test_an_administrator_builds_and_publishes_a_new_instrument_through_the_pages(client, personas):
    client = _login(client, personas, "admin")
    response = client.post(
        reverse("merit:instrument_create"),
        {
            "code": "nkk-uji",
            "name": "NKK uji",
            "kind": "nkk",
            "title": "Versi 1",
            "legal_source": "Uji",
            "max_score": "10",
        },
    )
    assert response.status_code == 302
    version = InstrumentVersion.objects.get(instrument__code="nkk-uji")
    assert (
        client.post(
            reverse("merit:aspect_create", kwargs={"version_pk": version.pk}),
            {"code": "etik", "order": 1, "name": "Etik"},
        ).status_code
        == 302
    )
    aspect = version.aspects.get()
    indicator = {
        "code": "1",
        "order": 1,
        "text": "Kode etik ditetapkan",
        "opt-TOTAL_FORMS": 2,
        "opt-INITIAL_FORMS": 0,
        "opt-0-label": "Belum",
        "opt-0-score": "0",
        "opt-1-label": "Sudah",
        "opt-1-score": "10",
    }
    assert (
        client.post(reverse("merit:indicator_create", kwargs={"aspect_pk": aspect.pk}), indicator).status_code
        == 302
    )
    edit = {
        "title": "Versi 1",
        "legal_source": "Uji",
        "max_score": "10",
        "band-TOTAL_FORMS": 2,
        "band-INITIAL_FORMS": 0,
    }
    edit |= {
        "band-0-code": "TP",
        "band-0-name": "Tidak Patuh",
        "band-0-min_score": "0",
        "band-0-max_score": "7",
    }
    edit |= {
        "band-1-code": "P",
        "band-1-name": "Patuh",
        "band-1-min_score": "8",
        "band-1-max_score": "10",
        "band-1-is_award": "on",
    }
    assert client.post(reverse("merit:version_edit", kwargs={"pk": version.pk}), edit).status_code == 302
    page = client.get(reverse("merit:version_detail", kwargs={"pk": version.pk})).content.decode()
    assert "Belum dapat diterbitkan" not in page
    assert client.post(reverse("merit:version_publish", kwargs={"pk": version.pk})).status_code == 302
    version.refresh_from_db()
    assert version.status == "published" and version.bands.count() == 2
