"""P-25: every route needs a logged-in user (and a role where declared) except an explicit public allowlist."""

import pytest

from .routes import all_routes

# Every view an anonymous visitor may reach. Adding a name here is a security decision: review it.
PUBLIC_ALLOWLIST = {
    "healthz",
    "set_language",
    "admin:login",  # redirects to our login (lockout + MFA)
    "accounts:login",
    "accounts:mfa_verify",
    "accounts:logout",
    "core:landing",
    "registry:about",  # what Pantas is, who runs it, privacy summary (no personal data)
    "api-schema",
    "api-docs",
    "api-provinces",
    "api-regencies",
    "api-agencies",
    "api-elections",
    "api-nip-validate",
    # intake: the public reporting channel and receipt look-up (rate-limited, receipt only by POST)
    "intake:report_form",
    "intake:status",
    "api-receipt-status",
    # core: public verification of official documents (no personal data of the people concerned)
    "core:verify_form",
    "core:verify_document",
    # insights: the definitions of the published statistics (text only, no data)
    "insights:definitions",
    # cases: the public letter API (same facts as the verification page)
    "api-public-letter",
    # merit: published results only
    "merit:public_index",
    "merit:public_cycle",
    "merit:public_result",
    "merit:public_result_pdf",
    "api-public-merit-cycles",
    "api-public-merit-cycle",
    "api-public-merit-cycle-results",
    "api-public-merit-results",
    # insights: the public data centre (counts only, small cells suppressed; ADR 0076/0077)
    "public_data:overview",
    "public_data:dictionary",
    "public_data:election",
    "public_data:province",
    "public_data:download",
    "public_data:press",
    "public_data:press_pdf",
    "api-public-stats",
    # publicinfo (Media Center, ADRs 0100-0103): published/closed announcements and their PDFs, guidance
    # generated from the catalogues, FAQ and the reporters' privacy notice — no personal data
    "publicinfo:media_center",
    "publicinfo:announcements",
    "publicinfo:announcement",
    "publicinfo:announcement_document",
    "publicinfo:guidance",
    "publicinfo:guidance_entry",
    "publicinfo:faq",
    "publicinfo:privacy",
    "api-public-announcements",
    "api-public-announcement",
    "api-public-guidance",
    "api-public-guidance-entry",
    # insights: the violation forecast (model output over reference data, no personal data; ADR 0108)
    "public_data:forecast",
    "public_data:forecast_province",
    "api-public-forecast",
}

# Non-public views that any logged-in user may use (everything else must declare roles).
ANY_LOGGED_IN = {"core:home", "accounts:mfa_setup", "accounts:mfa_reauth"}

DENIED = {301, 302, 401, 403, 404, 405}


def _routes():
    return list(all_routes())


def test_the_route_walk_sees_the_whole_site():
    names = {name for name, _url, _view in _routes()}
    assert {"core:home", "accounts:login", "api-provinces", "admin:index"} <= names
    assert len(names) > 40


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url"), [(n, u) for n, u, _v in _routes()], ids=lambda v: str(v))
def test_anonymous_reaches_only_the_public_allowlist(client, name, url):
    response = client.get(url)
    if name in PUBLIC_ALLOWLIST:
        assert response.status_code < 500, f"{name} ({url}) failed with {response.status_code}"
        return
    assert response.status_code in DENIED, f"{name} ({url}) is reachable anonymously: {response.status_code}"
    if response.status_code in (301, 302):
        assert "/akun/masuk/" in response["Location"], f"{name} redirects elsewhere: {response['Location']}"


def _is_drf(view):
    return getattr(getattr(view, "cls", None), "permission_classes", None) is not None


def _declared_roles(view):
    roles = getattr(view, "pantas_roles", None)
    view_class = getattr(view, "view_class", None) or getattr(view, "cls", None)
    return roles or getattr(view_class, "pantas_roles", None)


def test_every_public_view_is_marked_public_and_allowlisted():
    for name, _url, view in _routes():
        view_class = getattr(view, "view_class", None) or getattr(view, "cls", None)
        marked = getattr(view, "pantas_public", False) or getattr(view_class, "pantas_public", False)
        if marked:
            assert name in PUBLIC_ALLOWLIST, f"{name} is marked @public but not reviewed into the allowlist"


def test_every_staff_page_declares_its_roles():
    """A new HTML view without `@role_required` fails here (admin and DRF views have their own checks)."""
    missing = []
    for name, _url, view in _routes():
        if name in PUBLIC_ALLOWLIST or name in ANY_LOGGED_IN or name.startswith("admin:") or _is_drf(view):
            continue
        if not _declared_roles(view):
            missing.append(name)
    assert not missing, f"views without declared roles: {missing}"


def test_drf_views_never_allow_anonymous_access_unless_public():
    from rest_framework.permissions import AllowAny

    for name, _url, view in _routes():
        if not _is_drf(view):
            continue
        if AllowAny in view.cls.permission_classes:
            marked = getattr(view, "pantas_public", False) or getattr(view.cls, "pantas_public", False)
            assert marked and name in PUBLIC_ALLOWLIST, name


@pytest.mark.django_db
def test_a_user_without_roles_is_refused_on_role_restricted_views(client, personas):
    from pantas.accounts.models import User

    nobody = User.objects.create_user("tanpa.peran", password="x-very-long-password-1")
    client.force_login(nobody)
    for name, url, view in _routes():
        if name in PUBLIC_ALLOWLIST or name in ANY_LOGGED_IN or name.startswith("admin:") or _is_drf(view):
            continue
        response = client.get(url)
        assert response.status_code in (403, 404, 405), f"{name} ({url}) answered {response.status_code}"
