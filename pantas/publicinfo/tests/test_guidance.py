"""Every guidance entry is generated from a catalogue entry: each violation in the catalogue has a page whose rule
text, sanction and legal sources are the catalogue's; no template carries a copy of a rule; the "when" dimension is
reference data with a source for every entry."""

import re
from html import unescape
from pathlib import Path

import pytest
from django.urls import reverse

from pantas.registry.models import ViolationCategory

from .. import guidance

pytestmark = pytest.mark.django_db

TEMPLATES = Path(guidance.__file__).parent / "templates" / "publicinfo"


def _rule_texts(html: str) -> list[str]:
    return [unescape(t).strip() for t in re.findall(r"<span[^>]*data-rule[^>]*>(.*?)</span>", html, re.S)]


def test_every_catalogue_entry_has_a_phase_row_with_a_source():
    rows = guidance.phase_rows()
    codes = set(ViolationCategory.objects.filter(disabled_on__isnull=True).values_list("code", flat=True))
    assert codes, "the catalogue is loaded in the base test data"
    assert codes <= set(rows), f"catalogue entries without a campaign phase: {sorted(codes - set(rows))}"
    for code, row in rows.items():
        assert row.phases and set(row.phases) <= set(guidance.Phase.values), code
        assert row.source.strip() and row.tag in {"V", "P"}, code
    assert set(rows) <= codes | set(ViolationCategory.objects.values_list("code", flat=True)), "stale rows"


def test_every_catalogue_entry_has_a_page_and_its_text_is_the_catalogues(client):
    for category in ViolationCategory.objects.filter(disabled_on__isnull=True).select_related(
        "default_sanction"
    ):
        response = client.get(reverse("publicinfo:guidance_entry", args=[category.code]))
        assert response.status_code == 200, category.code
        html = response.content.decode()
        assert _rule_texts(html) == [category.name], category.code
        text = unescape(html)
        assert category.legal_source in text, category.code
        if category.default_sanction:
            assert category.default_sanction.name in text and category.default_sanction.legal_source in text


def test_the_index_lists_exactly_the_catalogue_by_phase(client):
    html = client.get(reverse("publicinfo:guidance")).content.decode()
    names = set(ViolationCategory.objects.filter(disabled_on__isnull=True).values_list("name", flat=True))
    assert set(_rule_texts(html)) == names
    entry_links = set(re.findall(r'href="/panduan/([a-z0-9-]+)/"', html)) - {"tanya-jawab", "privasi-pelapor"}
    assert entry_links == set(
        ViolationCategory.objects.filter(disabled_on__isnull=True).values_list("code", flat=True)
    )


def test_no_template_or_module_holds_a_copy_of_a_rule():
    """The rule texts, sanction names and legal sources live in the catalogue files only."""
    from pantas.registry.models import SanctionKind

    copies = [c.name for c in ViolationCategory.objects.all()] + [s.name for s in SanctionKind.objects.all()]
    sources = [*TEMPLATES.glob("*.html"), *Path(guidance.__file__).parent.glob("*.py")]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for copy in copies:
            assert copy not in text, f"{path.name} repeats the catalogue text “{copy}”"


def test_an_entry_that_left_the_catalogue_has_no_page(client):
    category = ViolationCategory.objects.get(code="skb2022-b1")
    ViolationCategory.objects.filter(pk=category.pk).update(disabled_on="2020-01-01")
    assert client.get(reverse("publicinfo:guidance_entry", args=["skb2022-b1"])).status_code == 404
    assert client.get(reverse("publicinfo:guidance_entry", args=["bukan-kode"])).status_code == 404


def test_a_new_catalogue_entry_without_its_phase_fails_loudly():
    ViolationCategory.objects.create(code="baru-x", catalogue="X", track="ethics", name="Butir baru", default_level="moral",
                                     legal_source="PP 42/2004")  # fmt: skip
    with pytest.raises(guidance.MissingPhase):
        guidance.entries()


def test_the_fixed_pages_never_collide_with_a_code():
    codes = set(ViolationCategory.objects.values_list("code", flat=True))
    assert not codes & {"tanya-jawab", "privasi-pelapor"}


def test_a_pppk_sees_the_pppk_variant_of_the_sanction(client):
    html = unescape(client.get(reverse("publicinfo:guidance_entry", args=["skb2022-b1"])).content.decode())
    assert "Penurunan jabatan setingkat lebih rendah selama 12 bulan" in html  # from the catalogue rows
    assert "Bagi PPPK: pemutusan hubungan perjanjian kerja dengan hormat" in html


def test_the_privacy_notice_reads_the_retention_reference_data(client):
    from pantas.publicinfo import privacy

    lines = privacy.retention_rules()
    assert [line.kind for line in lines] == list(privacy.REPORTER_KINDS)
    html = unescape(client.get(reverse("publicinfo:privacy")).content.decode())
    for line in lines:
        assert line.description in html and line.legal_source in html
        assert f"{line.days} hari" in html
    assert "UU 27/2022" in html or "27 Tahun 2022" in html
    assert reverse("intake:report_form") in html and reverse("core:verify_form") in html


def test_faq_lists_the_sanction_catalogue_and_links(client):
    html = unescape(client.get(reverse("publicinfo:faq")).content.decode())
    assert "Pemotongan tunjangan kinerja 25% selama 6 bulan" in html
    assert reverse("intake:report_form") in html and reverse("core:verify_form") in html
