"""P-15 sessions: rotation at login, idle and absolute timeouts, POST logout, sessions ended on password change,
MFA reset and deactivation. P-16: role changes need a fresh second factor."""

import pyotp
import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client, override_settings

from pantas.accounts import services
from pantas.accounts.demo import DEMO_PASSWORD
from pantas.accounts.models import RoleAssignment
from pantas.core.errors import NotAllowed
from pantas.core.models import AuditEvent
from pantas.core.roles import Role

pytestmark = pytest.mark.django_db


def _login(username):
    client = Client()
    response = client.post("/akun/masuk/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


@override_settings(SESSION_IDLE_TIMEOUT=30 * 60, SESSION_ABSOLUTE_TIMEOUT=8 * 3600)
def test_idle_and_absolute_timeouts_end_the_session(personas):
    with time_machine.travel("2026-11-22 08:00 +0700", tick=False) as clock:
        client = _login("analis")
        assert client.get("/beranda/").status_code == 200
        clock.shift(29 * 60)
        assert client.get("/beranda/").status_code == 200  # activity resets the idle clock
        clock.shift(31 * 60)
        response = client.get("/beranda/")
        assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
        assert "_auth_user_id" not in client.session

        client = _login("analis")
        for _ in range(17):  # active all day, a request every 29 minutes
            clock.shift(29 * 60)
            if client.get("/beranda/").status_code != 200:
                break
        assert client.get("/beranda/").status_code == 302  # 8 hours after login, whatever the activity


def test_logout_is_post_only(personas):
    client = _login("analis")
    assert client.get("/akun/keluar/").status_code == 405
    assert client.get("/beranda/").status_code == 200
    client.post("/akun/keluar/")
    assert client.get("/beranda/").status_code == 302


def _sessions_of(user):
    return [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)]


def test_password_change_ends_every_other_session(personas):
    user = personas["analis"]
    first, second = _login("analis"), _login("analis")
    keep = first.session.session_key
    assert services.change_password(user, "kata-sandi-baru-yang-panjang", actor=user, keep_session=keep) == 1
    assert second.get("/beranda/").status_code == 302
    assert [s.session_key for s in _sessions_of(user)] == [keep]
    assert AuditEvent.objects.filter(action="accounts.user.password_changed", object_id=str(user.pk)).exists()


def test_mfa_reset_and_deactivation_end_sessions(personas):
    user = personas["komisioner"]
    services.enable_mfa(user, secret := services.new_totp_secret(), pyotp.TOTP(secret).now())
    client = Client()
    client.force_login(user)
    assert client.get("/beranda/").status_code == 200
    services.reset_mfa(user, actor=personas["admin"])
    assert client.get("/beranda/").status_code == 302 and not _sessions_of(user)

    client.force_login(personas["analis"])
    services.deactivate_user(personas["analis"], actor=personas["admin"], reason="pensiun")
    assert client.get("/beranda/").status_code == 302 and not _sessions_of(personas["analis"])
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"accounts.user.mfa_reset", "accounts.user.deactivated"} <= actions


def test_the_session_hash_covers_the_mfa_secret(personas):
    """A session in any store (not only the database) dies when the MFA secret changes."""
    user = personas["komisioner"]
    before = user.get_session_auth_hash()
    user.mfa_secret = services.encrypt_secret(services.new_totp_secret())
    assert user.get_session_auth_hash() != before


@override_settings(MFA_REQUIRED=True, MFA_REAUTH_MINUTES=5)
def test_role_changes_need_a_fresh_second_factor(personas):
    admin, target = personas["admin"], personas["analis"]
    secret = services.new_totp_secret()
    services.enable_mfa(admin, secret, pyotp.TOTP(secret).now())
    with time_machine.travel("2026-11-22 09:00 +0700", tick=False) as clock:
        client = Client()
        client.post("/akun/masuk/", {"username": "admin", "password": DEMO_PASSWORD})
        client.post("/akun/masuk/verifikasi/", {"code": pyotp.TOTP(secret).now()})
        url = f"/admin/accounts/user/{target.pk}/change/"
        page = client.get(url)
        assert page.status_code == 200 and b'name="role_assignments-0-role"' in page.content
        clock.shift(6 * 60)  # the second factor is stale now: roles are read-only
        page = client.get(url)
        assert b'name="role_assignments-0-role"' not in page.content
        assert "/akun/mfa/konfirmasi/" in page.content.decode()
        with pytest.raises(NotAllowed):
            services.record_role_change(target, admin, {"a"}, {"a", "b"}, client.session[services.MFA_AT])
        assert client.post("/akun/mfa/konfirmasi/", {"code": "000000", "next": url}).status_code == 400
        clock.shift(31)  # next TOTP window, so the code is not a replay of the login code
        response = client.post("/akun/mfa/konfirmasi/", {"code": pyotp.TOTP(secret).now(), "next": url})
        assert response.status_code == 302 and response["Location"] == url
        assert b'name="role_assignments-0-role"' in client.get(url).content
    assert AuditEvent.objects.filter(action="accounts.user.mfa_reauth_failed").exists()
    assert AuditEvent.objects.filter(action="accounts.user.mfa_reauthenticated").exists()


def test_role_changes_are_audited(personas):
    admin, target = personas["admin"], personas["analis"]
    from django.db import transaction

    with transaction.atomic():
        RoleAssignment.objects.create(user=target, role=Role.INTAKE_OFFICER)
        services.record_role_change(target, admin, {"x"}, {"x", Role.INTAKE_OFFICER}, None)  # demo: no MFA
    event = AuditEvent.objects.get(action="accounts.user.roles_changed")
    assert event.data == {"added": [Role.INTAKE_OFFICER], "removed": []}


def test_production_cookies_are_hardened():
    """Production settings, imported in a fresh process: Secure, HttpOnly, SameSite and __Host- cookies."""
    import json
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pantas.settings.production",
        "PANTAS_DEMO": "0",
        "DEBUG": "0",
        "SECRET_KEY": "k" * 60,
        "PANTAS_EVIDENCE_KEY": "e" * 40,
        "PANTAS_PUBLIC_URL": "https://pantas.example.go.id",
        "REDIS_URL": "redis://:pw@127.0.0.1:6379/0",
        "PANTAS_VAR_DIR": "/tmp/pantas-settings-test",
    }
    env.pop("DATABASE_URL", None)
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; print(json.dumps(["
        "s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE,"
        "s.CSRF_COOKIE_NAME, s.CSRF_COOKIE_SECURE, s.MFA_REQUIRED, s.SESSION_IDLE_TIMEOUT]))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    name, secure, httponly, samesite, csrf_name, csrf_secure, mfa, idle = json.loads(out.stdout)
    assert name.startswith("__Host-") and secure and httponly and samesite in {"Lax", "Strict"}
    assert csrf_name.startswith("__Host-") and csrf_secure and mfa and idle <= 30 * 60
