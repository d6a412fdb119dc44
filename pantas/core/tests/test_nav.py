"""The header menu: each role's own entries on every page, the current one marked (issue 12)."""

import re

import pytest
from django.urls import reverse

from pantas.core import nav

pytestmark = pytest.mark.django_db


def _menu(html: str) -> str:
    return re.search(r'<ul class="role-nav-bar">(.*?)</ul>', html, re.S).group(1)


def test_the_analyst_sees_own_entries_in_the_header_of_any_page(client, personas):
    client.force_login(personas["analis"])
    menu = _menu(client.get(reverse("cases:workflow")).text)
    assert reverse("cases:mine") in menu and reverse("cases:list") in menu and reverse("core:home") in menu
    assert reverse("cases:inbox") not in menu  # a PPK page
    assert f'<a href="{reverse("cases:workflow")}" aria-current="page">' in menu
    assert menu.count("aria-current") == 1


def test_the_ppk_sees_the_inbox_and_no_case_list(client, personas):
    client.force_login(personas["ppk.makassar"])
    menu = _menu(client.get(reverse("cases:inbox")).text)
    assert f'<a href="{reverse("cases:inbox")}" aria-current="page">' in menu
    assert f'href="{reverse("cases:list")}"' not in menu


def test_a_page_below_an_entry_marks_that_entry(personas):
    menu = nav.menu_for(personas["analis"], reverse("cases:list") + "KAS-2026-000001/")
    current = [e for e in menu if e["current"]]
    assert [e["url"] for e in current] == [reverse("cases:list")] and current[0]["current"] == "true"


def test_anonymous_pages_have_no_role_menu(client):
    assert 'class="role-nav"' not in client.get(reverse("intake:report_form")).text


def test_the_menu_collapses_into_details_without_javascript(client, personas):
    client.force_login(personas["komisioner"])
    html = client.get(reverse("core:home")).text
    assert '<details class="role-nav-menu">' in html
