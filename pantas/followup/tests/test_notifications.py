"""Notifications are rows first (exactly once by their unique key), e-mail second, in each recipient's language."""

import pytest
from django.core import mail

from pantas.accounts.models import Organisation

from .. import services
from ..models import Notification
from .factories import follow_up_for

pytestmark = pytest.mark.django_db


def test_escalation_mails_the_ppk_in_each_recipients_language_and_copies_bkn(
    personas, django_capture_on_commit_callbacks
):
    follow_up = follow_up_for(personas)
    Organisation.objects.filter(pk=follow_up.addressee_id).update(email="bkpsdm@makassar.example")
    Organisation.objects.filter(code="bkn-data").update(email="data@bkn.example")
    ppk = personas["ppk.makassar"]
    ppk.email, ppk.preferred_language = "officer@makassar.example", "en"
    ppk.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.escalate(follow_up, None)
    overdue = [
        m for m in mail.outbox if "bkpsdm@makassar.example" in m.bcc or "officer@makassar.example" in m.bcc
    ]
    indonesian = next(m for m in overdue if "bkpsdm@makassar.example" in m.bcc)
    english = next(m for m in overdue if "officer@makassar.example" in m.bcc)
    assert "telah terlewati" in indonesian.body and "Melewati tenggat" in indonesian.subject
    assert "has passed" in english.body and "Overdue" in english.subject
    assert any("data@bkn.example" in m.bcc for m in mail.outbox)  # copied to BKN
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0
    sent = len(mail.outbox)
    assert services.notifications.send_pending() == 0  # nothing is sent twice
    assert len(mail.outbox) == sent


def test_notification_key_is_unique(personas):
    follow_up = follow_up_for(personas)
    from ..services.notifications import notify

    org = follow_up.addressee
    assert notify(follow_up, "early_warning", [org], key="2026-01-01") == 1
    assert notify(follow_up, "early_warning", [org], key="2026-01-01") == 0
    assert notify(follow_up, "early_warning", [org], key="2026-02-01") == 1


def test_english_portal(client, personas):
    follow_up_for(personas)
    client.force_login(personas["ppk.makassar"])
    page = client.get("/tindak-lanjut/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Follow-up of recommendations" in page and "Awaiting your decree" in page
