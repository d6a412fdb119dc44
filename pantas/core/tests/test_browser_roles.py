import pytest

from conftest import login
from pantas.accounts.demo import CAST

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("username", [c[0] for c in CAST])
def test_each_demo_role_logs_in_and_sees_its_home(page, username):
    login(page, username)
    assert page.locator("h1").inner_text().startswith("Selamat datang")
    roles_text = page.locator(".lead").inner_text()
    assert "belum ada peran" not in roles_text
    # Logout is a POST form with CSRF.
    page.click("text=Keluar")
    page.wait_for_url("**/akun/masuk/")


def _phone(browser, live_app, javascript=True):
    """The phone of issue 12's walk: 390×844, touch."""
    from conftest import _new_page

    context, pg, foreign = _new_page(
        browser,
        live_app,
        viewport={"width": 390, "height": 844},
        has_touch=True,
        is_mobile=True,
        java_script_enabled=javascript,
    )
    pg.set_default_timeout(15000)
    return context, pg, foreign


@pytest.fixture
def phone_390_no_js(browser, live_app):
    context, pg, foreign = _phone(browser, live_app, javascript=False)
    yield pg
    context.close()
    assert not foreign, f"requests to non-local origins: {foreign}"


def test_the_role_menu_is_a_bar_on_desktop(page):
    login(page, "analis")
    bar = page.locator(".role-nav-bar")
    assert bar.is_visible() and not page.locator(".role-nav-menu").is_visible()
    bar.get_by_role("link", name="Daftar kerja saya").click()
    page.wait_for_url("**/kasus/saya/")
    assert page.locator('.role-nav-bar a[aria-current="page"]').inner_text() == "Daftar kerja saya"


def test_the_role_menu_collapses_on_a_phone_and_works_without_javascript(phone_390_no_js):
    page = phone_390_no_js
    login(page, "ppk.makassar")
    assert not page.locator(".role-nav-bar").is_visible()
    menu = page.locator(".role-nav-menu")
    assert menu.is_visible()
    menu.locator("summary").click()
    menu.get_by_role("link", name="Kotak masuk rekomendasi").click()
    page.wait_for_url("**/kasus/kotak-masuk/")
    assert "Kotak masuk rekomendasi" in page.locator(".role-nav-menu summary").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="/tmp/rolesux/nav-phone.png")
