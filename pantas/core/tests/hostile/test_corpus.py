"""Every entry point × the hostile corpus (issue 13 item 9, ADR 0093): public form, partner API, staff and partner
forms, the Bawaslu and merit imports, intake and merit evidence uploads. Each input gets a field-specific error in
the request's language (or is normalised, for unicode tricks in names), nothing answers 5xx, and the database and
the evidence store are unchanged (row counts + files on disk)."""

import contextlib
import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from pantas.intake.models import Evidence, ImportBatch, ImportStatus, Message, Report, ReportedPerson
from pantas.intake.spreadsheets import COLUMN_NAMES
from pantas.intake.tests.helpers import public_form_data
from pantas.merit import models as merit

from . import corpus

pytestmark = pytest.mark.django_db

LANGS = ("id", "en")


@pytest.fixture(autouse=True)
def _stores(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PANTAS_INTAKE_LIMITS = {"min_fill_seconds": 0}
    settings.PANTAS_RECEIPT_ARGON2 = {"time_cost": 1, "memory_cost": 1024}
    settings.PANTAS_EVIDENCE_LIMITS = {"image": 64 * 1024, "pdf": 64 * 1024}  # "oversized" stays small


def _files(settings) -> set:
    roots = [Path(settings.EVIDENCE_ROOT), Path(settings.MEDIA_ROOT)]
    return {str(p) for root in roots if root.exists() for p in root.rglob("*") if p.is_file()}


def _counts() -> dict:
    models = [Report, ReportedPerson, Evidence, Message, merit.Evidence, merit.Result]
    return {m.__name__ + m.__module__: m.objects.count() for m in models}


@contextlib.contextmanager
def unchanged(settings):
    """The database rows that matter and the files in the evidence/media stores are the same afterwards."""
    before = (_counts(), _files(settings))
    yield
    assert (_counts(), _files(settings)) == before


def _fresh_client(client):
    from django.core.cache import cache

    cache.clear()  # the public rate limits would otherwise answer 429 long before the corpus is through
    return client


def _form_errors(response) -> dict:
    assert response.status_code < 500
    form = response.context["form"]
    return {k: [str(m) for m in v] for k, v in form.errors.items()}


def _in_both_languages(send, field):
    """`send(lang)` → error dict; the field has an error in each language, and the two differ (translated)."""
    messages = {}
    for lang in LANGS:
        errors = send(lang)
        assert field in errors, (field, errors)
        messages[lang] = json.dumps(errors[field], ensure_ascii=False)
    assert messages["id"] != messages["en"], messages


# --- the field cases every report form shares --------------------------------------------------------------

FORM_FIELD_CASES = (
    [(f"name-{k}", "person_name", v) for k, v in corpus.REFUSED_NAMES.items()]
    + [(f"nip-{k}", "person_nip", v) for k, v in corpus.MALFORMED_NIPS.items()]
    + [
        ("description-10k", "description", corpus.LONG_TEXT),
        ("place-control-char", "place", "Kelurahan\x1bBara"),
        ("position-10k", "person_position", corpus.LONG_TEXT),
    ]
)


@pytest.mark.parametrize(("case", "field", "value"), FORM_FIELD_CASES, ids=[c[0] for c in FORM_FIELD_CASES])
def test_public_form_refuses_hostile_fields(client, settings, case, field, value):
    def send(lang):
        response = _fresh_client(client).post(
            "/lapor/", public_form_data(**{field: value}), HTTP_ACCEPT_LANGUAGE=lang
        )
        assert response.status_code == 400, case
        return _form_errors(response)

    with unchanged(settings):
        _in_both_languages(send, field)


def test_public_form_refuses_invalid_utf8_as_a_field_error(client, settings):
    data = public_form_data()
    data.pop("person_name")

    def send(lang):
        body = urlencode(data).encode() + b"&person_name=Andi%C3%28Baso%FF"
        response = _fresh_client(client).post(
            "/lapor/", body, content_type="application/x-www-form-urlencoded", HTTP_ACCEPT_LANGUAGE=lang
        )
        assert response.status_code == 400
        return _form_errors(response)

    with unchanged(settings):
        _in_both_languages(send, "person_name")


@pytest.mark.parametrize("case", list(corpus.NORMALISED_NAMES))
def test_unicode_tricks_in_names_are_stripped(client, case):
    typed, stored = corpus.NORMALISED_NAMES[case]
    response = _fresh_client(client).post("/lapor/", public_form_data(person_name=typed))
    assert response.status_code == 200
    assert ReportedPerson.objects.get().name == stored


def test_homoglyphs_are_kept_as_typed(client):
    _fresh_client(client).post("/lapor/", public_form_data(person_name=corpus.HOMOGLYPH_NAME))
    assert ReportedPerson.objects.get().name == corpus.HOMOGLYPH_NAME


HOSTILE_FILES = corpus.hostile_files()


@pytest.mark.parametrize("case", list(HOSTILE_FILES))
def test_public_form_refuses_hostile_uploads(client, settings, case):
    name, data = HOSTILE_FILES[case]

    def send(lang):
        form = public_form_data()
        form["files"] = [SimpleUploadedFile(name, data, "image/jpeg")]
        response = _fresh_client(client).post("/lapor/", form, HTTP_ACCEPT_LANGUAGE=lang)
        assert response.status_code == 400, case
        return _form_errors(response)

    with unchanged(settings):
        _in_both_languages(send, "files")


def test_oversized_upload_is_refused(client, settings):
    """The size limit is lowered to 64 KB for the corpus (see `_stores`), so "oversized" stays small here."""
    form = public_form_data()
    form["files"] = [SimpleUploadedFile("besar.pdf", corpus.pdf(b"/X" * 40_000), "application/pdf")]
    with unchanged(settings):
        response = _fresh_client(client).post("/lapor/", form)
        assert response.status_code == 400 and "files" in _form_errors(response)


# --- staff and partner forms -------------------------------------------------------------------------------

FORM_PAGES = [("intake", "intake:staff_new", {"source": "lapor"}), ("cso.pattiro", "intake:partner_new", {})]
SOME_FIELD_CASES = [c for c in FORM_FIELD_CASES if c[0] in {"name-10k-characters", "name-nul", "nip-letter"}]


@pytest.mark.parametrize(("username", "route", "extra"), FORM_PAGES, ids=[p[1] for p in FORM_PAGES])
def test_staff_and_partner_forms_refuse_hostile_input(client, settings, personas, username, route, extra):
    client.force_login(personas[username])
    url = reverse(route)
    with unchanged(settings):
        for _case, field, value in [*SOME_FIELD_CASES, ("place-bell", "place", "Bara\x07")]:

            def send(lang, field=field, value=value):
                response = client.post(
                    url, public_form_data(**extra, **{field: value}), HTTP_ACCEPT_LANGUAGE=lang
                )
                assert response.status_code == 400
                return _form_errors(response)

            _in_both_languages(send, field)
        for case in ("jpeg+html-after-eoi", "pdf-javascript", "zip-bomb"):
            name, data = HOSTILE_FILES[case]
            form = public_form_data(**extra)
            form["files"] = [SimpleUploadedFile(name, data)]
            response = client.post(url, form)
            assert response.status_code == 400 and "files" in _form_errors(response), case


# --- partner API -------------------------------------------------------------------------------------------


def _api_body(**person) -> dict:
    return {"description": "Lurah ikut kampanye.", "persons": [{"name": "Andi", **person}], "mode": "share"}


API_CASES = (
    # The serializer refuses length and NUL (errors nested under `persons`); the service the rest (`name`).
    [
        (f"name-{k}", {"persons": [{"name": v}]}, "persons" if k in {"10k-characters", "nul"} else "name")
        for k, v in corpus.REFUSED_NAMES.items()
    ]
    + [
        (f"nip-{k}", {"persons": [{"name": "Andi", "nip": v}]}, "nip")
        for k, v in corpus.MALFORMED_NIPS.items()
    ]
    + [
        ("3000-persons", {"persons": [{"name": f"ASN {i}"} for i in range(3000)]}, "persons"),
        ("no-persons", {"persons": []}, "persons"),
        ("description-10k", {"description": corpus.LONG_TEXT}, "description"),
        ("place-control-char", {"place": "Bara\x1b"}, "place"),
        ("lone-surrogate", {"description": "Lurah \ud800 kampanye"}, "description"),
    ]
)


@pytest.mark.parametrize(("case", "change", "field"), API_CASES, ids=[c[0] for c in API_CASES])
def test_partner_api_refuses_hostile_fields(settings, personas, case, change, field):
    api = APIClient()
    api.force_authenticate(personas["cso.pattiro"])
    body = _api_body() | change
    payload = json.dumps(
        body, ensure_ascii=True
    ).encode()  # \ud800 travels as an escape, as attackers send it

    def send(lang):
        response = api.post(
            "/api/v1/reports/", payload, content_type="application/json", HTTP_ACCEPT_LANGUAGE=lang
        )
        assert response.status_code == 400, (case, response.status_code, response.content[:300])
        return response.json()

    with unchanged(settings):
        _in_both_languages(send, field)


def test_partner_api_refuses_invalid_utf8_and_hostile_multipart(settings, personas):
    api = APIClient()
    api.force_authenticate(personas["cso.pattiro"])
    with unchanged(settings):
        raw = b'{"description": "Lurah \xff\xfe", "persons": [{"name": "Andi"}]}'
        response = api.post("/api/v1/reports/", raw, content_type="application/json")
        assert response.status_code == 400 and response["Content-Type"].startswith("application/json")
        for case, (name, data) in HOSTILE_FILES.items():
            response = api.post(
                "/api/v1/reports/",
                {"payload": json.dumps(_api_body()), "files": [SimpleUploadedFile(name, data)]},
                format="multipart",
            )
            assert response.status_code == 400 and "files" in response.json(), case
        # Invalid UTF-8 inside the multipart payload becomes U+FFFD in Django's decoding: a field error.
        boundary = "XyZ"
        body = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n'.encode()
            + b'{"description": "Lurah kampanye", "persons": [{"name": "An\xffdi"}]}'
            + f"\r\n--{boundary}--\r\n".encode()
        )
        response = api.post(
            "/api/v1/reports/", body, content_type=f"multipart/form-data; boundary={boundary}"
        )
        assert response.status_code == 400 and "name" in response.json()


# --- imports -----------------------------------------------------------------------------------------------


def _import_row(**changes) -> list:
    row = {
        "nomor_register": "001/Reg/LP/PG/Kota/27.01/X/2024",
        "nama_terlapor": "Andi Makkasau",
        "uraian": "Membagikan unggahan kampanye pasangan calon.",
    } | changes
    return [row.get(c, "") for c in COLUMN_NAMES]


def _intake_import_cases():
    base = corpus.xlsx(COLUMN_NAMES, [_import_row()])
    latin = ";".join(_import_row(nama_terlapor="Andi Pérez"))
    return {
        "xlsx-formula": (
            "f.xlsx",
            corpus.xlsx(COLUMN_NAMES, [_import_row()], {"B2": '=HYPERLINK("http://x","k")'}),
        ),
        "csv-formula": ("f.csv", corpus.csv(COLUMN_NAMES, [_import_row(nama_terlapor="=cmd|' /C calc'!A0")])),
        "xml-bomb": ("b.xlsx", corpus.xlsx_with_sheet(base, corpus.XML_BOMB)),
        "zip-bomb": ("z.xlsx", corpus.xlsx_zip_bomb(base)),
        "latin-1-csv": ("l.csv", (";".join(COLUMN_NAMES) + "\n" + latin).encode("latin-1")),
        "invalid-utf8-csv": ("u.csv", corpus.csv(COLUMN_NAMES, [_import_row()]) + b"\xff\xfe\n"),
        "nul-csv": ("n.csv", corpus.csv(COLUMN_NAMES, [_import_row(nama_terlapor="An\x00di")])),
        "10k-name": ("k.xlsx", corpus.xlsx(COLUMN_NAMES, [_import_row(nama_terlapor="A" * 10_000)])),
        "control-char": ("c.csv", corpus.csv(COLUMN_NAMES, [_import_row(tempat="Bara\x1b")])),
        "malformed-nips": (
            "m.csv",
            corpus.csv(
                COLUMN_NAMES,
                [
                    _import_row(nomor_register=f"R-{k}", nip=v)
                    for k, v in corpus.MALFORMED_NIPS.items()
                    if ";" not in v
                ],
            ),
        ),
        "polyglot-as-xlsx": ("p.xlsx", corpus.jpeg() + b"PK\x03\x04"),
        "exe-as-csv": ("e.csv", b"MZ\x90\x00" + b"\0" * 64),
    }


def test_bawaslu_import_refuses_every_hostile_spreadsheet(
    client, settings, personas, django_capture_on_commit_callbacks
):
    client.force_login(personas["bawaslu.sulsel"])
    for case, (name, data) in _intake_import_cases().items():
        with unchanged(settings), django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("intake:import_list"), {"file": SimpleUploadedFile(name, data)})
        assert response.status_code in (302, 400), case
        if response.status_code == 302:
            batch = ImportBatch.objects.order_by("-id").first()
            assert batch.status in (ImportStatus.FAILED, ImportStatus.INVALID), case
            assert batch.error or batch.rows.exclude(errors=[]).exists(), case
            page = client.get(reverse("intake:import_detail", args=[batch.uuid]))
            assert page.status_code == 200
        else:
            assert "file" in _form_errors(response), case


def _merit_cases():
    header = ["instansi", "tahun", "skor", "kategori"]
    return {
        "csv-formula": ("f.csv", corpus.csv(header, [['=HYPERLINK("http://x")', "2020", "300", ""]])),
        "xml-bomb": (
            "b.xlsx",
            corpus.xlsx_with_sheet(corpus.xlsx(header, [["prov-36", "2020", "300", ""]]), corpus.XML_BOMB),
        ),
        "zip-bomb": ("z.xlsx", corpus.xlsx_zip_bomb(corpus.xlsx(header, [["prov-36", "2020", "300", ""]]))),
        "latin-1": ("l.csv", corpus.csv(header, [["Pérez", "2020", "300", ""]], encoding="latin-1")),
        "superscript-year": ("y.csv", corpus.csv(header, [["prov-36", "²⁰²⁰", "300", ""]])),
        "huge-year": ("h.csv", corpus.csv(header, [["prov-36", "99999999999999999999", "300", ""]])),
        "10k-cell": ("k.csv", corpus.csv(header, [["A" * 10_000, "2020", "300", ""]])),
        "nan-score": ("n.csv", corpus.csv(header, [["prov-36", "2020", "NaN", ""]])),
        "exe": ("e.xlsx", b"MZ\x90\x00" + b"\0" * 64),
    }


def test_merit_import_refuses_every_hostile_spreadsheet(client, settings, personas):
    from pantas.merit.reference import load_all

    load_all()
    version = merit.InstrumentVersion.objects.filter(status="published").first()
    client.force_login(personas["penilai"])
    for case, (name, data) in _merit_cases().items():
        with unchanged(settings):
            response = client.post(
                reverse("merit:import_upload"),
                {"instrument_version": version.pk, "file": SimpleUploadedFile(name, data)},
            )
        assert response.status_code in (200, 302), case
        if response.status_code == 200:
            assert "file" in _form_errors(response), case
        else:
            batch = merit.ImportBatch.objects.order_by("-id").first()
            assert batch.rows and all(r["errors"] for r in batch.rows), case


def test_merit_evidence_upload_refuses_hostile_files(client, settings, personas):
    from pantas.merit.reference import load_all
    from pantas.merit.services import assessments as svc
    from pantas.merit.tests import factories as f
    from pantas.registry.models import Agency

    load_all()
    assessment = f.self_assessment(Agency.objects.get(code="kota-73-71"))
    aspect = assessment.cycle.instrument_version.aspects.order_by("order").first()
    answer = svc.answers_of(assessment).filter(indicator__aspect=aspect).first()
    url = reverse("merit:assessment_aspect", kwargs={"pk": assessment.pk, "aspect_id": aspect.pk})
    client.force_login(personas["ppk.makassar"])
    for case, (name, data) in HOSTILE_FILES.items():
        with unchanged(settings):
            response = client.post(
                url, {f"evtitle_{answer.pk}": "Bukti", f"evfile_{answer.pk}": SimpleUploadedFile(name, data)}
            )
        assert response.status_code == 200, case  # the page again, with the error beside the indicator
        assert not merit.Evidence.objects.exists(), case
