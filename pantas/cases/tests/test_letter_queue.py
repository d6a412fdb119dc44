"""Issue 12: the commissioner's queue of letters awaiting approval, the confirmation step before issuing, and the
action panel opening on the next normal step."""

import pytest
from django.urls import reverse

from ..models import RecommendationLetter
from .factories import proven_case, received_case, recommended_case

pytestmark = pytest.mark.django_db


def test_the_queue_lists_proven_cases_with_a_draft_letter_only(client, personas):
    waiting = proven_case(personas["analis"], nip="198609262015051001")
    issued = recommended_case(personas["analis"], personas["komisioner"], nip="199001012015051002")
    client.force_login(personas["komisioner"])
    html = client.get(reverse("cases:letters_awaiting")).content.decode()
    assert waiting.number in html and issued.number not in html
    assert reverse("cases:action", args=[waiting.number, "issue-recommendation"]) in html


def test_the_queue_is_for_deciders_and_is_in_their_menu(client, personas):
    client.force_login(personas["analis"])
    assert client.get(reverse("cases:letters_awaiting")).status_code == 403
    client.force_login(personas["komisioner"])
    assert reverse("cases:letters_awaiting") in client.get(reverse("core:home")).content.decode()


def test_issuing_takes_a_confirmation_page_not_an_inline_form(client, personas):
    case = proven_case(personas["analis"])
    client.force_login(personas["komisioner"])
    detail = client.get(reverse("cases:detail", args=[case.number])).content.decode()
    assert 'data-action="issue-recommendation"' not in detail
    url = reverse("cases:action", args=[case.number, "issue-recommendation"])
    assert f'href="{url}"' in detail
    confirm = client.get(url).content.decode()
    assert "Periksa sebelum menerbitkan" in confirm and "Ya, setujui dan terbitkan" in confirm
    assert RecommendationLetter.objects.get(case=case).state == "draft"


def test_the_action_panel_opens_on_the_next_normal_step(client, personas):
    case = received_case(personas["analis"])
    client.force_login(personas["analis"])
    html = client.get(reverse("cases:detail", args=[case.number])).content.decode()
    first_open = html.index('<details class="action" open>')
    assert html.index("<summary>Mulai verifikasi</summary>", first_open) < html.index(
        "</details>", first_open
    )
    assert html.count('<details class="action" open>') == 1
