"""P-16: revealing a reporter's identity needs a fresh second factor, not only the custodian passphrase."""

import pyotp
import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from pantas.accounts import services as accounts
from pantas.core.models import AuditEvent

from .conftest import CUSTODIAN_PASSPHRASE
from .test_staff_and_partner import _confidential_report

pytestmark = pytest.mark.django_db
REASON = "Pemeriksaan saksi pelapor."


@override_settings(MFA_REQUIRED=True, MFA_REAUTH_MINUTES=5)
def test_reveal_asks_for_the_totp_again_when_the_second_factor_is_stale(client, personas, custodian_key):
    user = personas["kustodian"]
    secret = accounts.new_totp_secret()
    accounts.enable_mfa(user, secret, pyotp.TOTP(secret).now())
    report = _confidential_report()
    url = reverse("intake:reveal", args=[report.uuid])
    with time_machine.travel("2026-11-22 09:00 +0700", tick=False) as clock:
        client.force_login(user)  # a session without any second factor checked
        response = client.post(url, {"passphrase": CUSTODIAN_PASSPHRASE, "reason": REASON})
        assert response.status_code == 302 and response["Location"].startswith("/akun/mfa/konfirmasi/")
        assert (
            client.post("/akun/mfa/konfirmasi/", {"code": pyotp.TOTP(secret).now(), "next": url})["Location"]
            == url
        )
        response = client.post(url, {"passphrase": CUSTODIAN_PASSPHRASE, "reason": REASON})
        assert response.status_code == 200 and "Siti Pelapor" in response.content.decode()
        event = AuditEvent.objects.get(action="intake.identity.revealed")
        assert event.data["second_factor_at"] == client.session[accounts.MFA_AT]

        clock.shift(6 * 60)  # past the window: asked again, nothing revealed
        response = client.post(url, {"passphrase": CUSTODIAN_PASSPHRASE, "reason": REASON})
        assert response.status_code == 302 and "Siti Pelapor" not in response.content.decode()
    assert AuditEvent.objects.filter(action="intake.identity.revealed").count() == 1


@override_settings(MFA_REQUIRED=True)
def test_the_reveal_service_refuses_without_a_fresh_second_factor(personas, custodian_key):
    from pantas.core.errors import NotAllowed
    from pantas.intake.services.identity import reveal_identity

    report = _confidential_report()
    with pytest.raises(NotAllowed):
        reveal_identity(report.sealed_identity, personas["kustodian"], CUSTODIAN_PASSPHRASE, REASON)
    assert AuditEvent.objects.filter(action="intake.identity.reveal_refused").count() == 1
