"""`/lapor/` without JavaScript (issue 12): several reported persons, "tambah tautan", and files kept after an
error in the encrypted holding area (ADR 0110)."""

import hashlib
import os
import re
import time
from pathlib import Path

import pytest
from django.conf import settings

from pantas.core import retention
from pantas.intake.models import Report
from pantas.intake.security import holding

from .conftest import jpeg_with_gps, pdf_bytes, upload
from .helpers import public_form_data

pytestmark = pytest.mark.django_db
URL = "/lapor/"


def _hold_value(html: str) -> str:
    return re.search(r'name="hold" value="([^"]+)"', html).group(1)


def _token(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_tambah_terlapor_without_javascript_adds_a_row_and_sends_nothing(client):
    response = client.post(URL, public_form_data(add_person="+ Tambah terlapor"))
    assert response.status_code == 200 and not Report.objects.exists()
    html = response.content.decode()
    assert 'name="terlapor-TOTAL_FORMS" value="1"' in html and 'id="id_terlapor-0-name"' in html
    assert "form-errors" not in html  # a "tambah" press is not an error


def test_several_reported_persons_go_into_one_report(client, personas):
    data = public_form_data(
        **{
            "terlapor-TOTAL_FORMS": "2",
            "terlapor-INITIAL_FORMS": "0",
            "terlapor-0-name": "Camat Tamalate",
            "terlapor-0-employee_type": "pns",
            "terlapor-0-agency": "Pemerintah Kota Makassar",
            "terlapor-0-position": "Camat",
            "terlapor-1-name": "",  # an empty row left from "tambah terlapor" is ignored
            "terlapor-1-employee_type": "pns",
        }
    )
    response = client.post(URL, data)
    assert response.status_code == 200, response.content.decode()[:2000]
    report = Report.objects.get()
    names = sorted(report.reported_persons.values_list("name", flat=True))
    assert names == ["Andi Baso", "Camat Tamalate"]


def test_a_bad_nip_of_the_second_person_is_a_field_error_in_the_summary(client):
    data = public_form_data(
        **{
            "terlapor-TOTAL_FORMS": "1",
            "terlapor-INITIAL_FORMS": "0",
            "terlapor-0-name": "Camat",
            "terlapor-0-nip": "12345",
            "terlapor-0-employee_type": "pns",
        }
    )
    response = client.post(URL, data)
    assert response.status_code == 400 and not Report.objects.exists()
    assert 'href="#id_terlapor-0-nip"' in response.content.decode()


def test_tambah_tautan_adds_a_link_row_and_every_link_is_kept(client):
    response = client.post(
        URL, public_form_data(add_link="+ Tambah tautan", link_url_1="https://x.com/a/status/1")
    )
    html = response.content.decode()
    assert 'id="id_link_url_2"' in html and 'id="id_link_url_3"' not in html
    assert 'name="link_count" value="2"' in html
    data = public_form_data(
        link_count="2", link_url_1="https://x.com/a/status/1", link_url_2="https://www.tiktok.com/@b/video/2"
    )
    assert client.post(URL, data).status_code == 200
    assert Report.objects.get().evidence.filter(kind="link").count() == 2


def test_only_one_link_row_at_first(client):
    html = client.get(URL).content.decode()
    assert 'id="id_link_url_1"' in html and 'id="id_link_url_2"' not in html


def test_a_chosen_file_is_kept_after_an_error_and_sent_with_the_report(client):
    photo = jpeg_with_gps()
    first = client.post(URL, {**public_form_data(description=""), "files": [upload("foto-camat.jpg", photo)]})
    assert first.status_code == 400
    html = first.content.decode()
    assert "Berkas tersimpan" in html and "foto-camat.jpg" in html
    # Held encrypted under a name that is not the hold id; no plain JPEG on disk.
    held_dir = Path(settings.EVIDENCE_ROOT) / "holding"
    stored = [p for p in held_dir.rglob("*") if p.is_file()]
    assert stored and all(b"\xff\xd8\xff" not in p.read_bytes()[:64] for p in stored)
    hold = _hold_value(html)
    assert holding.open_hold(hold) not in {p.name for p in held_dir.iterdir()}
    # Fixed, sent again without picking the file again.
    second = client.post(URL, public_form_data(hold=hold, token=_token(html), held_name="foto-camat.jpg"))
    assert second.status_code == 200, second.content.decode()[:3000]
    evidence = Report.objects.get().evidence.get()
    assert evidence.file_name == "foto-camat.jpg" and evidence.sha256 == hashlib.sha256(photo).hexdigest()
    assert not [p for p in held_dir.rglob("*") if p.is_file()]  # the hold is cleared once sent


def test_a_held_file_can_be_removed(client):
    response = client.post(URL, {**public_form_data(description=""), "files": [upload("a.pdf", pdf_bytes())]})
    html = response.content.decode()
    file_id = re.search(r'name="drop_held_([0-9a-f]{32})"', html).group(1)
    again = client.post(
        URL, public_form_data(hold=_hold_value(html), **{f"drop_held_{file_id}": "hapus"}, held_name="a.pdf")
    )
    assert again.status_code == 200 and "a.pdf" not in again.content.decode()
    assert holding.held(holding.open_hold(_hold_value(html))) == []


def test_a_refused_file_is_named_and_the_good_one_kept(client):
    files = [upload("bagus.jpg", jpeg_with_gps()), upload("palsu.jpg", b"GIF89a not a jpeg")]
    html = client.post(URL, {**public_form_data(), "files": files}).content.decode()
    assert "palsu.jpg" in html and "Berkas tersimpan" in html and "bagus.jpg" in html


def test_an_expired_hold_names_the_files_to_pick_again(client, settings):
    html = client.post(
        URL, {**public_form_data(description=""), "files": [upload("foto.jpg", jpeg_with_gps())]}
    ).content.decode()
    hold = _hold_value(html)
    import time_machine

    with time_machine.travel(time.time() + holding.HOLD_SECONDS + 60):
        again = client.post(URL, public_form_data(hold=hold, held_name="foto.jpg", token=_token(html)))
    assert again.status_code == 400 and not Report.objects.exists()
    assert "pilih ulang: foto.jpg" in again.content.decode()


def test_the_retention_purge_removes_holds_after_an_hour(client):
    client.post(URL, {**public_form_data(description=""), "files": [upload("foto.jpg", jpeg_with_gps())]})
    base = holding.root()
    [folder] = list(base.iterdir())
    retention.load_rules()
    assert "intake.held_upload" in {r.kind for r in retention.current_rules()}
    retention.purge()
    assert folder.exists()  # still fresh
    old = time.time() - holding.HOLD_SECONDS - 5
    for path in [folder, *folder.iterdir()]:
        os.utime(path, (old, old))
    retention.purge()
    assert not folder.exists()


def test_holding_files_has_its_own_rate_limit(client, settings):
    settings.PANTAS_INTAKE_LIMITS = {"min_fill_seconds": 0, "rework": (1, 3600)}
    bad = {**public_form_data(description="")}
    client.post(URL, {**bad, "files": [upload("satu.jpg", jpeg_with_gps())]})
    html = client.post(URL, {**bad, "files": [upload("dua.pdf", pdf_bytes())]}).content.decode()
    assert "Pilih ulang berkas ini: dua.pdf" in html
    stored = [p for p in holding.root().rglob("*.meta")]
    assert len(stored) == 1  # only the first request's file was held
