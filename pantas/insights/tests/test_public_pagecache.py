"""The whole-page cache of the public data centre (ADR 0156; issue 14, W6): a repeated anonymous request is one
cache read and no SQL, a data change shows at once, and nothing of one visitor reaches another (CSRF token,
logged-in header, messages, language)."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from pantas.cases.models import Case
from pantas.cases.tests.factories import received_case

from ..public import pagecache
from ..public.figures import VERSION_KEY, data_version

pytestmark = pytest.mark.django_db
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _url():
    return reverse("public_data:election", args=["pilkada-2020"])


def _cases(personas, n):
    from pantas.registry.models import Election

    cases = [received_case(personas["analis"]) for _ in range(n)]
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(
        election_id=Election.objects.get(code="pilkada-2020").pk
    )


def test_a_repeated_request_is_served_without_sql(client, personas, django_assert_num_queries):
    _cases(personas, 6)
    first = client.get(_url())
    assert first.status_code == 200
    with django_assert_num_queries(0):  # the version keys and the page come from the cache
        again = Client().get(_url())
    assert again.status_code == 200
    assert TOKEN.sub(b"", again.content) == TOKEN.sub(b"", first.content)


def test_a_change_shows_at_once(client, personas, django_capture_on_commit_callbacks):
    _cases(personas, 6)
    key = pagecache.page_key(client.get(_url()).wsgi_request)
    before = cache.get(key)[0]
    with django_capture_on_commit_callbacks(execute=True):  # the bump runs after the commit
        received_case(personas["analis"])
    client.get(_url())
    assert cache.get(key)[0] != before
    assert cache.get(key)[0] == data_version()


def test_every_visitor_gets_a_csrf_token_of_their_own_that_works(personas):
    _cases(personas, 6)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_1, page_2 = first.get(_url()), second.get(_url())
    token_1, token_2 = TOKEN.search(page_1.content)[1], TOKEN.search(page_2.content)[1]
    assert token_1 != token_2
    assert pagecache.CSRF_SLOT.encode() not in page_2.content
    stored = cache.get(pagecache.page_key(page_2.wsgi_request))
    assert pagecache.CSRF_SLOT.encode() in stored[2] and token_1 not in stored[2] and token_2 not in stored[2]
    switched = second.post(
        reverse("set_language"), {"language": "en", "next": _url(), "csrfmiddlewaretoken": token_2.decode()}
    )
    assert switched.status_code == 302


def test_a_logged_in_user_is_never_served_nor_stored(client, personas):
    _cases(personas, 6)
    anonymous = Client().get(_url())
    client.force_login(personas["analis"])
    staff = client.get(_url())
    assert personas["analis"].username.encode() not in anonymous.content
    assert str(personas["analis"]).encode() in staff.content
    assert str(personas["analis"]).encode() not in Client().get(_url()).content


def test_languages_are_stored_apart(personas):
    _cases(personas, 6)
    indonesian = Client().get(_url())
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get(_url())
    assert b'<html lang="id">' in indonesian.content and b'<html lang="en">' in english.content
    assert b'<html lang="id">' in Client().get(_url()).content


def test_an_unknown_query_parameter_is_rendered_but_not_stored(client, personas):
    _cases(personas, 6)
    response = client.get(_url() + "?utm=1")
    assert response.status_code == 200
    assert cache.get(pagecache.page_key(response.wsgi_request)) is None
    response = client.get(_url() + "?as_of=2024-12-31")
    assert cache.get(pagecache.page_key(response.wsgi_request)) is not None


def test_a_page_after_a_bump_in_another_worker_is_not_served_from_this_ones_copy(client, personas):
    _cases(personas, 6)
    key = pagecache.page_key(client.get(_url()).wsgi_request)
    version = pagecache.recent.get(key)[0]
    cache.set(VERSION_KEY, "other", None)  # what another process's commit does
    client.get(_url())
    assert pagecache.recent.get(key)[0] != version


def test_a_worker_keeps_only_the_most_recent_pages():
    recent = pagecache._Recent(2)
    recent.put("a", 1)
    recent.put("b", 2)
    recent.get("a")  # used: "b" is now the oldest
    recent.put("c", 3)
    assert (recent.get("a"), recent.get("b"), recent.get("c")) == (1, None, 3)


def test_the_version_token_can_still_be_incremented_by_the_previous_release():
    from ..public.figures import bump_version

    bump_version()
    before = cache.get(VERSION_KEY)
    cache.incr(VERSION_KEY)  # what a worker of the previous release does during a rolling deploy
    assert cache.get(VERSION_KEY) == before + 1
