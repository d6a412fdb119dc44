import pyotp
import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings

from pantas.accounts import services
from pantas.accounts.demo import DEMO_PASSWORD
from pantas.accounts.models import ApiToken, LoginFailure
from pantas.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _login(client, username, password):
    return client.post("/akun/masuk/", {"username": username, "password": password})


def test_it_logs_in_with_the_right_password_and_rotates_the_session(client, personas):
    client.get("/akun/masuk/")
    before = client.session.session_key
    response = _login(client, "analis", DEMO_PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/beranda/"
    assert client.session.session_key != before
    assert client.get("/beranda/").status_code == 200


def test_it_rejects_a_wrong_password_with_a_clear_message(client, personas):
    response = _login(client, "analis", "salah")
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah." in response.content.decode()


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCKOUT_MINUTES=15)
def test_it_locks_out_after_repeated_failures_even_with_the_right_password(client, personas):
    with time_machine.travel("2026-11-22 10:00 +0700", tick=False):
        for _ in range(3):
            _login(client, "analis", "salah")
        response = _login(client, "analis", DEMO_PASSWORD)
        assert "Akun dikunci sementara" in response.content.decode()
        assert "_auth_user_id" not in client.session
        assert AuditEvent.objects.filter(action="accounts.user.locked_out", object_id="analis").exists()
    with time_machine.travel("2026-11-22 10:16 +0700", tick=False):
        response = _login(client, "analis", DEMO_PASSWORD)
        assert response.status_code == 302
        assert not LoginFailure.objects.filter(username="analis").exists()


def test_logout_requires_post(client, personas):
    client.force_login(personas["analis"])
    assert client.get("/akun/keluar/").status_code == 405
    assert client.post("/akun/keluar/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_mfa_enrolment_and_two_step_login(client, personas):
    user = personas["komisioner"]
    client.force_login(user)
    page = client.get("/akun/mfa/")
    assert page.status_code == 200
    secret = client.session["pantas_mfa_setup_secret"]
    assert client.post("/akun/mfa/", {"code": "000000"}).status_code == 200  # wrong code: stays on the page
    response = client.post("/akun/mfa/", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.mfa_enabled and secret.encode() not in bytes(user.mfa_secret)
    client.post("/akun/keluar/")

    response = _login(client, "komisioner", DEMO_PASSWORD)
    assert response["Location"].startswith("/akun/masuk/verifikasi/")
    assert "_auth_user_id" not in client.session  # not logged in before the second factor
    bad = client.post("/akun/masuk/verifikasi/", {"code": "123456"})
    assert "Kode autentikator salah" in bad.content.decode()
    good = client.post("/akun/masuk/verifikasi/", {"code": pyotp.TOTP(secret).now()})
    assert good.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@override_settings(MFA_REQUIRED=True)
def test_staff_without_mfa_are_sent_to_enrolment_when_it_is_required(client, personas):
    client.force_login(personas["analis"])
    response = client.get("/beranda/")
    assert response.status_code == 302 and response["Location"] == "/akun/mfa/"
    assert client.get("/akun/mfa/").status_code == 200


def test_api_token_command_prints_the_token_alone_on_its_last_line(personas, capsys):
    call_command("api_token", "bawaslu.sulsel")
    out = capsys.readouterr().out.strip().splitlines()
    token = out[-1]
    assert token.startswith("pantas_") and " " not in token
    stored = ApiToken.objects.get(user=personas["bawaslu.sulsel"])
    assert token.split("_", 2)[2] not in stored.digest  # only the hash is stored
    assert services.user_for_token(token) == personas["bawaslu.sulsel"]


def test_the_api_accepts_bearer_tokens_and_rejects_bad_ones(client, personas):
    token = services.issue_api_token(personas["analis"])
    ok = client.get("/api/v1/provinces/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert ok.status_code == 200
    assert client.get("/api/v1/provinces/", HTTP_AUTHORIZATION="Bearer pantas_nope_nope").status_code == 401
    ApiToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    assert services.user_for_token(token) is None


def test_token_auth_reaches_protected_api_views(client, personas):
    assert client.get("/api/v1/me/").status_code == 401
    token = services.issue_api_token(personas["cso.pattiro"])
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert response.json() == {
        "username": "cso.pattiro",
        "organisation": "cso-pattiro",
        "organisation_kind": "cso",
        "roles": ["cso_monitor"],
    }
