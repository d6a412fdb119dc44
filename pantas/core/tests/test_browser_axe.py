"""axe-core (vendored from npm, `tests/vendor/axe-core/`, hashed in `core/data/vendored.json`) over every public page
and each demo role's home (issue 12): no critical or serious violations anywhere, no moderate ones on the
public pages."""

from pathlib import Path

import pytest

from conftest import _new_page, login
from pantas.accounts.demo import CAST

pytestmark = pytest.mark.browser
AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
PUBLIC_IMPACTS = ("critical", "serious", "moderate")
STAFF_IMPACTS = ("critical", "serious")


def violations(page, impacts) -> list[str]:
    """Run axe on the page as it is; the rule, impact, and the first few offending elements of each finding."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)  # through DevTools, not a <script>: the page's CSP stays as it is
    result = page.evaluate(
        """async () => {
            const r = await window.axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                          nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    return [
        f"{page.url} {v['impact']} {v['id']}: {v['help']} {v['nodes']}"
        for v in result
        if v["impact"] in impacts
    ]


@pytest.fixture
def phone(browser, live_app, settings):
    settings.PANTAS_INTAKE_LIMITS = {"min_fill_seconds": 0}
    context, page, foreign = _new_page(
        browser, live_app, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    page.set_default_timeout(15000)
    yield page
    context.close()
    assert not foreign, f"requests to non-local origins: {foreign}"


PUBLIC_PAGES = [
    "/",
    "/tentang/",
    "/lapor/",
    "/lapor/status/",
    "/verifikasi/",
    "/verifikasi/ABCD-EFGH-JKLM/",
    "/data/",
    "/data/kamus/",
    "/statistik/definisi/",
    "/publik/merit/",
    "/akun/masuk/",
    "/data/prakiraan/",
    "/pusat-media/",
    "/pengumuman/",
    "/panduan/",
    "/panduan/tanya-jawab/",
    "/panduan/privasi-pelapor/",
]


def test_public_pages_have_no_moderate_serious_or_critical_violations(phone):
    page, found = phone, []
    for url in PUBLIC_PAGES:
        page.goto(url)
        found += violations(page, PUBLIC_IMPACTS)
    # An election page of the data centre, when the reference data has one.
    page.goto("/data/")
    election = page.locator("main a[href^='/data/']:not([href*='kamus'])").first
    if election.count():
        election.click()
        page.wait_for_load_state()
        found += violations(page, PUBLIC_IMPACTS)
    # One guidance entry (generated from the catalogue).
    page.goto("/panduan/")
    page.locator("main a[href^='/panduan/']:not([href*='tanya-jawab']):not([href*='privasi'])").first.click()
    page.wait_for_load_state()
    found += violations(page, PUBLIC_IMPACTS)
    # /lapor/ after an error (summary, field errors) and with the rows added, then the receipt and the status.
    page.goto("/lapor/")
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_selector("#form-errors")
    page.locator("[data-add=person]").click()
    page.locator("[data-add=link]").click()
    found += violations(page, PUBLIC_IMPACTS)
    page.fill("#id_person_name", "Andi Baso")
    page.fill("#id_description", "Lurah membagikan unggahan kampanye pasangan calon di grup WhatsApp warga.")
    page.get_by_role("button", name="Kirim laporan").click()
    receipt = page.locator("#receipt").get_attribute("data-code")
    found += violations(page, PUBLIC_IMPACTS)
    page.goto("/lapor/status/")
    page.fill("#id_receipt", receipt)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "status" in page.url
    found += violations(page, PUBLIC_IMPACTS)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("username", [c[0] for c in CAST])
def test_each_role_home_has_no_serious_or_critical_violations(page, username):
    login(page, username)
    found = violations(page, STAFF_IMPACTS)
    assert not found, "\n".join(found)
