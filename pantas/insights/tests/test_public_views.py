"""The public data centre on factory data: pages and API answer anonymously, cells below k are hidden, the cache
follows every change, no personal data leaves, and the published aggregates sit beside computed figures."""

import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from pantas.cases.models import Case
from pantas.cases.tests.factories import received_case, recommended_case

from ..models import PublishedFigure
from ..public.figures import public_table

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _cases(personas, n, election="pilkada-2020"):
    cases = [received_case(personas["analis"]) for _ in range(n)]
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(election_id=_election_id(election))
    return cases


def _election_id(code):
    from pantas.registry.models import Election

    return Election.objects.get(code=code).pk


def test_pages_answer_anonymously(client, personas):
    _cases(personas, 6)
    for url in [
        reverse("public_data:overview"),
        reverse("public_data:election", args=["pilkada-2020"]),
        reverse("public_data:election", args=["pilkada-2020"]) + "?as_of=2020-12-31",
        reverse("public_data:province", args=["pilkada-2020", "73"]),
        reverse("public_data:dictionary"),
        reverse("public_data:press", args=["pilkada-2020"]),
        reverse("api-public-stats") + "?election=pilkada-2020&group_by=province",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert client.get(reverse("public_data:election", args=["nope"])).status_code == 404
    assert client.get(reverse("public_data:election", args=["pilkada-2020"]) + "?as_of=x").status_code == 404


def test_small_counts_are_hidden_everywhere(client, personas):
    _cases(personas, 3)
    body = client.get(reverse("api-public-stats") + "?election=pilkada-2020").json()
    assert body["total"]["reported"] is None and body["min_cell"] == 5
    page = client.get(reverse("public_data:election", args=["pilkada-2020"])).content.decode()
    assert "disembunyikan" in page
    csv = client.get(reverse("public_data:download", args=["pilkada-2020", "csv"])).content.decode()
    assert csv.splitlines()[1].startswith("all,Total,,")


def test_the_api_refuses_free_filter_combinations(client, personas):
    url = reverse("api-public-stats")
    assert client.get(url + "?group_by=province").status_code == 400  # no election
    assert client.get(url + "?election=pilkada-2020&group_by=regency").status_code == 400  # no province
    assert client.get(url + "?election=pilkada-2020&group_by=subject_name").status_code == 400
    assert client.get(url + "?election=pilkada-2020&group_by=election").status_code == 400


def test_the_cache_follows_a_change(client, personas, django_capture_on_commit_callbacks):
    _cases(personas, 5)
    url = reverse("api-public-stats") + "?election=pilkada-2020"
    assert client.get(url).json()["total"]["reported"] == 5
    assert client.get(url).json()["total"]["reported"] == 5  # cached
    with django_capture_on_commit_callbacks(execute=True):  # the version is bumped once, after the commit
        extra = received_case(personas["analis"])
        extra.election_id = _election_id("pilkada-2020")
        extra.save()
    assert client.get(url).json()["total"]["reported"] == 6


def test_no_names_nips_or_case_ids_in_any_public_output(client, personas):
    cases = _cases(personas, 7) + [recommended_case(personas["analis"], personas["komisioner"])]
    Case.objects.filter(pk=cases[-1].pk).update(election_id=_election_id("pilkada-2020"))
    secrets = set()
    for case in Case.objects.all():
        secrets |= {case.subject_name, case.number, str(case.uuid)}
        if case.subject_nip:
            secrets.add(case.subject_nip)
    secrets.discard("")
    urls = [reverse("public_data:overview"), reverse("public_data:dictionary")]
    for group in ("", "province", "category", "mode", "position_class", "source", "month"):
        q = f"?group_by={group}" if group else ""
        urls.append(
            reverse("api-public-stats") + "?election=pilkada-2020" + (f"&group_by={group}" if group else "")
        )
        for fmt in ("csv", "json"):
            urls.append(reverse("public_data:download", args=["pilkada-2020", fmt]) + q)
    urls += [
        reverse("api-public-stats") + "?group_by=election",
        reverse("public_data:election", args=["pilkada-2020"]),
        reverse("public_data:press", args=["pilkada-2020"]),
        reverse("api-public-stats") + "?election=pilkada-2020&group_by=regency&province=73",
    ]
    for url in urls:
        text = client.get(url).content.decode()
        leaked = [s for s in secrets if s in text]
        assert not leaked, (url, leaked)
        if "/api/" in url or url.endswith(("json", "csv")) or ".json" in url:
            assert '"id"' not in text and "nip" not in text.lower()


def test_downloads_in_three_formats(client, personas):
    _cases(personas, 9)
    base = reverse("public_data:download", args=["pilkada-2020", "json"])
    body = json.loads(client.get(base).content)
    assert body["licence"] == "CC BY 4.0" and body["rows"][0]["reported"] == 9
    xlsx = client.get(reverse("public_data:download", args=["pilkada-2020", "xlsx"]) + "?group_by=province")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("public_data:download", args=["pilkada-2020", "exe"])).status_code == 404


def test_press_summary_links_every_number_and_renders_a_pdf(client, personas):
    _cases(personas, 12)
    page = client.get(
        reverse("public_data:press", args=["pilkada-2020"]) + "?as_of=2030-01-01"
    ).content.decode()
    assert (
        '<a href="/api/v1/public/stats/?election=pilkada-2020&amp;as_of=2030-01-01" class="figure">12</a>'
        in page
    )
    english = client.get(
        reverse("public_data:press", args=["pilkada-2020"]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "reported" in english
    pdf = client.get(reverse("public_data:press_pdf", args=["pilkada-2020"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_published_aggregates_load_and_stay_apart(client, personas):
    call_command("load_published_figures", verbosity=0)
    call_command("load_published_figures", verbosity=0)  # idempotent
    assert PublishedFigure.objects.filter(figure="pilkada2020.reported").get().value == 2034
    assert (
        PublishedFigure.objects.filter(figure="pemilu2019.bawaslu_forwarded", dimension="province").count()
        == 5
    )
    _cases(personas, 5)
    page = client.get(reverse("public_data:election", args=["pilkada-2020"])).content.decode()
    assert "Angka terbitan" in page and "2.034" in page
    # Computed from cases: 5, never 2,034 + 5.
    assert public_table("pilkada-2020").total["reported"] == 5
