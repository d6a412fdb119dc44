"""The public about page names the authority competent today from the reference data (issue 12)."""

import datetime

import pytest
from django.urls import reverse

from pantas.registry.models import Authority

pytestmark = pytest.mark.django_db


def test_the_about_page_is_public_and_names_todays_authority(client):
    response = client.get(reverse("registry:about"))
    assert response.status_code == 200
    html = response.content.decode()
    assert Authority.objects.get(code="bkn").name in html
    assert "Komisi Aparatur Sipil Negara" in html  # history
    assert "Alamat IP Anda tidak disimpan" in html


def test_a_new_authority_in_the_reference_data_changes_the_page(client):
    Authority.objects.filter(code="bkn").update(valid_to=datetime.date(2025, 1, 1))
    Authority.objects.create(
        code="badan-independen",
        name="Badan Pengawas Independen ASN",
        short_name="BPI",
        valid_from=datetime.date(2025, 1, 2),
        legal_source="Putusan MK 121/PUU-XXII/2024",
        letter_prefix="BPI",
    )
    html = client.get(reverse("registry:about")).content.decode()
    assert "Pengawasan dijalankan oleh <strong>Badan Pengawas Independen ASN</strong>" in html


def test_every_page_links_the_favicon_and_the_about_page(client):
    html = client.get("/lapor/").content.decode()
    assert 'rel="icon" href="/static/pantas/favicon.svg"' in html
    assert f'href="{reverse("registry:about")}"' in html
