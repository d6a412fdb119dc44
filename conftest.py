"""Shared test fixtures: reference data and the fixed cast of personas in the base test database, a live
server for browser tests, and Playwright driving Debian's Chromium with every non-local request refused."""

import os

import pytest
from django.db import connection

CHROMIUM = os.environ.get("PANTAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _load_base_data():
    from pantas.accounts.demo import create_cast
    from pantas.accounts.organisations import ensure_ppk_offices
    from pantas.registry.reference import load_all

    load_all()
    ensure_ppk_offices()
    create_cast()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data and personas are part of the base state every test starts from."""
    with django_db_blocker.unblock():
        _load_base_data()


@pytest.fixture(autouse=True)
def _indonesian_by_default():
    """A request with `Accept-Language: en` leaves English active in the thread; each test starts in Indonesian."""
    from django.utils import translation

    translation.activate("id")
    yield
    translation.deactivate()


@pytest.fixture
def personas(db):
    """The fixed cast (same usernames as the demo): admin, intake, analis, komisioner, kustodian, penilai,
    bawaslu.ri, bawaslu.sulsel, bawaslu.makassar, ppk.makassar, ppk.kemenag, bkn, kemendagri, ombudsman, cso.pattiro, pansel."""
    from pantas.accounts.models import User

    return {u.username: u for u in User.objects.all()}


def open_audit_permit():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM core_audit_purge_permit")
        if cursor.fetchone() is None:
            cursor.execute("INSERT INTO core_audit_purge_permit (reason) VALUES ('test database flush')")


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool({"transactional_db", "live_server", "live_app"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _audit_flush_permit(request, django_db_blocker):
    """Transactional tests end with a flush (DELETE on SQLite), which the append-only audit triggers refuse.

    pytest-django runs every non-transactional database test first, then the transactional ones (each xdist
    worker keeps that order under the default `--dist load`; never `loadfile`, which interleaves them); so from
    the first transactional test on, the purge permit (the mechanism the retention purge uses) stays open. The
    trigger tests themselves are non-transactional and always run before it. The permit table is not a model,
    so flushes keep it; it disappears with the test database.
    """
    if _is_transactional(request):
        request.getfixturevalue("django_db_setup")
        with django_db_blocker.unblock():
            open_audit_permit()


@pytest.fixture
def live_app(transactional_db, live_server):
    """A live server whose database holds the reference data and personas (reloaded after earlier flushes)."""
    _load_base_data()
    return live_server


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser` (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the same test are safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _new_page(browser, live_app, **context_args):
    context = browser.new_context(base_url=live_app.url, locale="id-ID", **context_args)
    foreign = []

    def only_local(route):
        url = route.request.url
        if url.startswith(live_app.url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", only_local)
    return context, context.new_page(), foreign


@pytest.fixture
def page(browser, live_app):
    """A desktop-sized page; the test fails if the app requests any non-local origin."""
    context, pg, foreign = _new_page(browser, live_app)
    pg.set_default_timeout(15000)
    yield pg
    context.close()
    assert not foreign, f"requests to non-local origins: {foreign}"


@pytest.fixture
def phone_page(browser, live_app):
    """A phone-sized page (360×740, touch)."""
    context, pg, foreign = _new_page(
        browser, live_app, viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True
    )
    pg.set_default_timeout(15000)
    yield pg
    context.close()
    assert not foreign, f"requests to non-local origins: {foreign}"


def login(page, username, password=None):
    """Log in through the real form as one of the personas."""
    from pantas.accounts.demo import DEMO_PASSWORD

    page.goto("/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password or DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/beranda/")
