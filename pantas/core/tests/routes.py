"""Enumerate every URL pattern with sample arguments (used by the deny-by-default tests)."""

import uuid

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

SAMPLES = {
    "int": ["1"],
    "id": ["1"],
    "uuid": [str(uuid.UUID(int=1))],
    "slug": ["x1"],
    "str": ["x1"],
    "path": ["x1"],
}
REGEX_SAMPLES = ["1", "core", "accounts", "x1", "00000000-0000-0000-0000-000000000001"]


def _walk(patterns, prefix_ns=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{prefix_ns}{entry.namespace}:" if entry.namespace else prefix_ns
            yield from _walk(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix_ns}{entry.name}", entry


def _kwargs_options(pattern: URLPattern):
    converters = getattr(pattern.pattern, "converters", {})
    names = list(pattern.pattern.regex.groupindex)
    options = [{}]
    for name in names:
        conv = converters.get(name)
        values = (
            SAMPLES.get(type(conv).__name__.replace("Converter", "").lower(), REGEX_SAMPLES)
            if conv
            else REGEX_SAMPLES
        )
        options = [{**o, name: v} for o in options for v in values]
    return options


def all_routes():
    """Yield (name, url, view callback) for every named pattern that can be reversed with sample kwargs."""
    seen = set()
    for name, pattern in _walk(get_resolver().url_patterns):
        if name in seen:
            continue
        for kwargs in _kwargs_options(pattern):
            try:
                url = reverse(name, kwargs=kwargs or None)
            except NoReverseMatch:
                continue
            if "(" in url or "\\" in url:  # an unresolved regex fragment: not a real URL
                continue
            seen.add(name)
            yield name, url, pattern.callback
            break
