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
