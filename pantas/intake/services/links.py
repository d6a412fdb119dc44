"""Evidence links: a normalised key for duplicate matching and the platform guessed from the host."""

from urllib.parse import urlsplit, urlunsplit

from ..models import Platform

_HOSTS = {
    "facebook.com": Platform.FACEBOOK,
    "fb.com": Platform.FACEBOOK,
    "fb.watch": Platform.FACEBOOK,
    "instagram.com": Platform.INSTAGRAM,
    "twitter.com": Platform.X,
    "x.com": Platform.X,
    "tiktok.com": Platform.TIKTOK,
    "youtube.com": Platform.YOUTUBE,
    "youtu.be": Platform.YOUTUBE,
    "wa.me": Platform.WHATSAPP,
    "whatsapp.com": Platform.WHATSAPP,
}
_TRACKING = ("utm_", "fbclid", "igshid", "si=", "mibextid")


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    for prefix in ("www.", "m.", "mobile.", "web.", "vm.", "vt."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host


def platform_for(url: str) -> str:
    host = _host(url)
    for known, platform in _HOSTS.items():
        if host == known or host.endswith("." + known):
            return platform
    return Platform.OTHER


def url_key(url: str) -> str:
    """Scheme-less, host-normalised, tracking-free form: the same post shared twice gives the same key."""
    parts = urlsplit(url.strip())
    query = "&".join(
        p for p in parts.query.split("&") if p and not any(p.lower().startswith(t) for t in _TRACKING)
    )
    return urlunsplit(("", _host(url), parts.path.rstrip("/"), query, "")).lstrip("/")[:1000]
