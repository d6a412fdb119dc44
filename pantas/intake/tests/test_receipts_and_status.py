"""Receipts (P-07) and the status page `/lapor/status/`: POST only, identical errors for wrong and malformed
receipts, rate limits per client and per look-up id (P-06), replies with evidence through a short-lived access
token that is not the receipt."""

import logging
import math
import re

import pytest
import time_machine
from django.core import signing

from pantas.intake.models import Message, Report
from pantas.intake.security import receipts
from pantas.intake.services.messages import post_staff_message
from pantas.intake.services.submit import PersonInput, ReportInput, submit_report

from .conftest import jpeg_with_gps, upload
from .helpers import database_contains, public_form_data

pytestmark = pytest.mark.django_db
STATUS = "/lapor/status/"


def _public_report(
    description="Kepala dinas memasang baliho calon bupati di kantor dinas.",
) -> tuple[Report, str]:
    result = submit_report(
        ReportInput(description=description, persons=[PersonInput(name="Budi")], anonymity="anonymous")
    )
    return result.report, result.receipt


def _access(response) -> str:
    return re.search(r'name="access" value="([^"]+)"', response.content.decode()).group(1)


def _token(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)


def test_receipts_have_at_least_80_bits_of_secret_from_secrets_and_a_readable_format():
    lookup, secret = receipts.new_lookup(), receipts.new_secret()
    assert len(secret) * math.log2(len(receipts.ALPHABET)) >= 80
    formatted = receipts.format_receipt(lookup, secret)
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}", formatted)
    assert len({receipts.new_secret() for _ in range(200)}) == 200


def test_receipts_are_read_forgivingly():
    lookup, secret = "ABCD0123", "EFGH4567JKMN89PQ"
    typed = "abcd-o123 efgh-4567-jkmn-89pq"  # lower case, spaces, the letter O for zero
    assert receipts.parse(typed) == (lookup, secret)
    assert receipts.parse("ABCD-0123-EFGH") is None
    assert receipts.parse("ABCD-0123-EFGH-4567-JKMN-89PU") is None  # U is not in the alphabet


def test_the_receipt_is_stored_only_as_an_argon2id_hash_and_never_logged(caplog):
    caplog.set_level(logging.DEBUG)
    report, receipt = _public_report()
    lookup, secret = receipts.parse(receipt)
    assert report.receipt_hash.startswith("$argon2id$")
    assert database_contains(secret) == []
    assert database_contains(receipt) == []
    assert secret not in caplog.text and receipt not in caplog.text


def test_the_status_page_needs_a_post(client):
    report, receipt = _public_report()
    response = client.get(STATUS, {"receipt": receipt})
    assert response.status_code == 200
    assert report.number not in response.content.decode()  # GET never looks anything up


def test_it_shows_status_history_and_public_messages_only(client, personas):
    report, receipt = _public_report()
    post_staff_message(report, personas["intake"], "Kapan tepatnya baliho dipasang?")
    post_staff_message(report, personas["intake"], "CATATAN-INTERNAL rahasia", internal=True)
    response = client.post(STATUS, {"receipt": receipt.lower()})
    html = response.content.decode()
    assert response.status_code == 200
    assert report.number in html and "Diterima" in html
    assert "Kapan tepatnya baliho dipasang?" in html
    assert "CATATAN-INTERNAL" not in html
    assert receipt not in html  # the page never echoes the receipt
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("typed", ["ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ", "not a receipt", "ABCD", "<script>"])
def test_wrong_and_malformed_receipts_get_the_same_answer(client, typed):
    _report, receipt = _public_report()
    wrong_secret = receipt[:10] + (
        "0000-0000-0000-0000" if not receipt.endswith("0000") else "1111-1111-1111-1111"
    )
    expected = client.post(STATUS, {"receipt": wrong_secret})
    response = client.post(STATUS, {"receipt": typed})
    assert response.status_code == expected.status_code == 400

    def error(r):
        return re.search(r'<p class="error"[^>]*>([^<]+)</p>', r.content.decode()).group(1)

    assert error(response) == error(expected)


def test_receipt_lookups_are_rate_limited_per_client(client, settings):
    settings.PANTAS_INTAKE_LIMITS = {"receipt": (3, 900)}
    _report, receipt = _public_report()
    for _ in range(3):
        client.post(STATUS, {"receipt": "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"})
    blocked = client.post(STATUS, {"receipt": receipt})
    assert blocked.status_code == 429 and blocked["Retry-After"] == "900"
    with time_machine.travel("2099-01-01", tick=False):
        assert client.post(STATUS, {"receipt": receipt}).status_code == 200


def test_a_lookup_id_is_locked_after_repeated_wrong_secrets_from_anywhere(client, settings):
    settings.PANTAS_INTAKE_LIMITS = {"receipt_lookup_id": (2, 3600)}
    _report, receipt = _public_report()
    wrong = receipt[:10] + "0000-0000-0000-000" + ("1" if receipt[-1] != "1" else "2")
    for i in range(2):
        client.post(STATUS, {"receipt": wrong}, REMOTE_ADDR=f"198.51.100.{i}")
    # Even the right receipt from a fresh address is refused for this look-up id (distributed guessing).
    response = client.post(STATUS, {"receipt": receipt}, REMOTE_ADDR="198.51.100.99")
    assert response.status_code == 400


def test_the_reporter_answers_a_question_and_adds_evidence(client, personas):
    report, receipt = _public_report()
    post_staff_message(report, personas["intake"], "Mohon kirim foto balihonya.")
    page = client.post(STATUS, {"receipt": receipt})
    access = _access(page)
    assert receipt not in access
    data = {
        "access": access,
        "token": _token(page),
        "body": "Ini fotonya, dipasang tanggal 3.",
        "link_url": "https://www.instagram.com/p/abc/",
        "files": [upload("baliho.jpg", jpeg_with_gps(), "image/jpeg")],
    }
    response = client.post(STATUS, data)
    assert response.status_code == 200
    assert "Balasan Anda sudah kami terima" in response.content.decode()
    message = Message.objects.get(report=report, author_kind="reporter")
    assert message.body == "Ini fotonya, dipasang tanggal 3."
    assert report.evidence.filter(message=message).count() == 2
    # A double click on "Kirim balasan" posts once.
    client.post(STATUS, data | {"files": [upload("baliho.jpg", jpeg_with_gps(), "image/jpeg")]})
    assert Message.objects.filter(report=report, author_kind="reporter").count() == 1


def test_an_empty_reply_is_refused_with_a_clear_message(client):
    _report, receipt = _public_report()
    page = client.post(STATUS, {"receipt": receipt})
    response = client.post(STATUS, {"access": _access(page), "token": _token(page), "body": "  "})
    assert response.status_code == 400
    assert "Tulis balasan atau lampirkan bukti." in response.content.decode()


def test_the_access_token_expires_after_30_minutes(client):
    report, receipt = _public_report()
    page = client.post(STATUS, {"receipt": receipt})
    access = _access(page)
    with time_machine.travel(report.received_at.timestamp() + 31 * 60, tick=False):
        response = client.post(STATUS, {"access": access, "token": _token(page), "body": "halo"})
    assert response.status_code == 400
    assert "Sesi pemantauan berakhir" in response.content.decode()
    assert not Message.objects.filter(author_kind="reporter").exists()


def test_a_forged_access_token_opens_nothing(client):
    report, _receipt = _public_report()
    forged = signing.dumps(str(report.uuid), salt="another-salt")
    response = client.post(STATUS, {"access": forged, "body": "halo"})
    assert response.status_code == 400
    assert not Message.objects.exists()


def test_receipts_never_appear_in_urls(client):
    response = client.post("/lapor/", public_form_data())
    html = response.content.decode()
    receipt = re.search(r'id="receipt" data-code="([^"]+)"', html).group(1).strip()
    for href in re.findall(r'(?:href|action)="([^"]*)"', html):
        assert receipt not in href and receipt.replace("-", "") not in href
