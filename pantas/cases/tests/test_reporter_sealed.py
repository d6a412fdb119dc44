"""Issue 15 §4: a civil servant reporting a colleague or superior through the confidential channel — the reported
person's own agency (its PPK office) never sees who reported, on any page or API it can reach."""

import io

import nacl.pwhash
import pytest
from django.urls import reverse
from pypdf import PdfReader

from pantas.intake.models import Anonymity
from pantas.intake.services.identity import create_custodian_key
from pantas.intake.services.submit import PersonInput, ReportInput, submit_report
from pantas.registry.models import Track, ViolationCategory

from .. import services
from ..models import Outcome
from ..workflow import Action
from .factories import makassar

pytestmark = pytest.mark.django_db

NAME = "CANARYNAMA Rahmawati"
CONTACT = "canary.kontak@contoh.example"
NIP = "199001012015032099"  # the reporter's own NIP, given in the sealed identity note
CANARIES = ("CANARYNAMA", "canary.kontak", NIP)


def _clean(text: str, where: str) -> None:
    for canary in CANARIES:
        assert canary not in text, f"reporter identity ({canary}) visible at {where}"


def _pages(client, case, report, recommendation=None) -> int:
    urls = [
        reverse("cases:list"),
        reverse("cases:inbox"),
        reverse("cases:referrals"),
        reverse("cases:detail", args=[case.number]),
        reverse("cases:letter_preview", args=[case.number]),
        *[reverse("cases:action", args=[case.number, action]) for action in Action.values],
        reverse("intake:staff_detail", args=[report.uuid]),
        reverse("intake:partner_detail", args=[report.uuid]),
        reverse("intake:partner_list"),
        "/api/v1/cases/",
        f"/api/v1/cases/{case.uuid}/",
        "/api/v1/recommendations/",
        f"/api/v1/reports/{report.uuid}/",
        f"/api/v1/reports/{report.uuid}/messages/",
        "/api/v1/reports/",
    ]
    if recommendation is not None:
        urls += [f"/api/v1/recommendations/{recommendation.uuid}/"]
    reached = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code == 200:
            reached += 1
            _clean(response.content.decode(), url)
    if recommendation is not None:
        for url in (
            reverse("cases:letter_pdf", args=[recommendation.uuid]),
            f"/api/v1/recommendations/{recommendation.uuid}/letter.pdf",
        ):
            response = client.get(url)
            if response.status_code == 200:
                reached += 1
                pdf = b"".join(response.streaming_content) if response.streaming else response.content
                text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
                _clean(text, url)
    return reached


def test_the_reported_persons_agency_never_sees_who_reported(client, personas):
    create_custodian_key(
        personas["kustodian"],
        "kustodian-uji-2026",
        "Kunci uji",
        opslimit=nacl.pwhash.argon2id.OPSLIMIT_MIN,
        memlimit=nacl.pwhash.argon2id.MEMLIMIT_MIN,
    )
    report = submit_report(
        ReportInput(
            description="Atasan saya, Kepala Bidang Pelayanan, meminta uang Rp500.000 untuk setiap izin usaha "
            "yang diproses di loket. Saya staf di bidang yang sama.",
            persons=[PersonInput(name="Hendra Saputra", agency=makassar(), position_title="Kepala Bidang")],
            track=Track.ETHICS,
            category=ViolationCategory.objects.get(code="etik-pungli"),
            anonymity=Anonymity.CONFIDENTIAL,
            identity={"name": NAME, "contact": CONTACT, "note": f"PNS Dinas Penanaman Modal, NIP {NIP}"},
        )
    ).report
    analyst, decider, ppk = personas["analis"], personas["komisioner"], personas["ppk.makassar"]
    case = services.open_cases_for_report(report, analyst)[0]
    services.verify(case, analyst)
    services.start_investigation(case, analyst, category="etik-pungli", assignee=analyst)
    services.request_clarification(case, analyst, question="Mohon penjelasan atas pungutan di loket izin.")
    client.force_login(ppk)
    assert _pages(client, case, report) >= 4  # the PPK reaches the case while it is asked for clarification
    services.answer_clarification(case, ppk, body="Terlapor membantah; rekaman CCTV terlampir.")
    services.resume_investigation(case, analyst)
    services.decide(case, analyst, outcome=Outcome.PROVEN, findings="Pungutan terbukti dari saksi dan CCTV.")
    services.issue_recommendation(case, decider)
    case.refresh_from_db()
    assert _pages(client, case, report, case.recommendation) >= 6
