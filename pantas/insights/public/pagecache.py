"""Whole-page cache for the public data centre (ADR 0156; issue 14, W6).

A public statistics page is the same for every anonymous visitor of one (path and query, language): only the
data version changes it. So the rendered body is stored once per (path+query, language) together with the data
version it was rendered at, and served while that version is current. The hot path is one cache round trip
(`figures.data_version`: two small keys in one `get_many`), then one `bytes.replace`.

What must not be shared is kept out of the stored body:
- the CSRF token of the header's language form: rendered as a placeholder and filled in per request;
- anything of a logged-in user or a session (header menu, messages): a request carrying a session or messages
  cookie is rendered normally and never stored;
- a CSP nonce: a page that used one is not stored (the nonce in the body would not match the next header).
"""

import hashlib
import threading
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.utils import translation

from .figures import CACHE_SECONDS, data_version

# Safe characters only: `{% csrf_token %}` escapes the value it renders.
CSRF_SLOT = "pantas-csrf-slot-3f9c1e"
# Query parameters the cached views read; any other query string is rendered uncached (no cache flooding).
CACHED_PARAMS = frozenset({"as_of", "tanggal", "pemilihan"})
MESSAGES_COOKIE = "messages"


def _shared(request) -> bool:
    """May this request get (and fill) the shared copy? Anonymous, no session, no pending messages."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and MESSAGES_COOKIE not in cookies
        and set(request.GET) <= CACHED_PARAMS
    )


def page_key(request) -> str:
    raw = f"{request.get_full_path()}\x00{translation.get_language()}"
    return "insights:public:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _fill_slot(request, body: bytes) -> bytes:
    slot = CSRF_SLOT.encode()
    return body.replace(slot, get_token(request).encode()) if slot in body else body


class _Recent:
    """This worker's copies of the most recently served pages (at most `size`, least recently used dropped).
    Locked: a threaded server (runserver, gthread) must not evict a page between a look-up and its reorder."""

    def __init__(self, size: int):
        self.size, self.pages, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key, page) -> None:
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)


# ≈ 100 KB a page (the SVG map): 64 pages are a few MB per worker.
recent = _Recent(64)


def cached_public_page(view):
    """Serve the view's 200 response from the page cache while the data version is unchanged. The view renders
    with `slot_context(request)` in its context, so a stored body never holds a visitor's CSRF token.

    Hot path: one cache read of the two small version keys, then this worker's copy of the page. The shared
    cache (database or Redis) holds the page for the other workers: read only when this worker's copy is
    missing or older, so the ≈ 100 KB body does not cross the network on every request."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _shared(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        version = data_version()
        page = recent.get(key)
        if page is None or page[0] != version:
            page = cache.get(key)
            if page is not None and page[0] == version:
                recent.put(key, page)
        if page is not None and page[0] == version:
            return HttpResponse(_fill_slot(request, page[2]), content_type=page[1])
        request.pantas_csrf_slot = True
        response = view(request, *args, **kwargs)
        if response.streaming:
            return response
        body = response.content
        if response.status_code == 200 and not get_nonce(request):
            page = (version, response["Content-Type"], body)
            cache.set(key, page, CACHE_SECONDS)
            recent.put(key, page)
        response.content = _fill_slot(request, body)
        return response

    return wrapper


def slot_context(request) -> dict:
    """Context for a cacheable render: the CSRF placeholder instead of this visitor's token."""
    return {"csrf_token": CSRF_SLOT} if getattr(request, "pantas_csrf_slot", False) else {}
