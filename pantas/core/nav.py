"""Navigation registry: each app registers its entry points in `AppConfig.ready()`; the home page (tiles) and
the header menu on every page show a user only the entries their roles allow. `core` never imports the apps to
its right."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str  # lazy translation
    url_name: str
    roles: frozenset  # empty = every logged-in user
    description: str = ""
    order: int = 100
    header: bool = True  # False: a tile on the home page only (rarely used pages)


_items: list[NavItem] = []


def register(label, url_name, roles=(), description="", order=100, header=True):
    item = NavItem(label, url_name, frozenset(roles), description, order, header)
    if item not in _items:
        _items.append(item)


def items_for(user):
    visible = []
    for item in sorted(_items, key=lambda i: i.order):
        if item.roles and not user.has_any_role(item.roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        visible.append(
            {"label": item.label, "url": url, "description": item.description, "header": item.header}
        )
    return visible


def menu_for(user, path: str) -> list[dict]:
    """The header menu: home first, then the user's entries; the entry whose address is the longest prefix of
    `path` is current (`aria-current="page"` when it is the page itself, "true" for a page below it)."""
    entries = [{"label": _("Beranda"), "url": reverse("core:home")}]
    entries += [item for item in items_for(user) if item["header"]]
    best = max((e for e in entries if path.startswith(e["url"])), key=lambda e: len(e["url"]), default=None)
    return [{**e, "current": ("page" if path == e["url"] else "true") if e is best else ""} for e in entries]


# --- Home panels: what each role's home page opens with (ADR 0072) ---------------------------------------------
@dataclass(frozen=True)
class Panel:
    key: str
    title: str  # lazy translation
    build: object  # callable(user) -> list of {"label", "value", "url"} (few queries: counts, not rows)
    roles: frozenset
    order: int = 100


_panels: dict[str, Panel] = {}


def register_panel(key, title, build, roles, order=100):
    """Apps register their panels in `AppConfig.ready()`; core never imports them (same as the menu)."""
    _panels[key] = Panel(key, title, build, frozenset(roles), order)


def panels_for(user) -> list[dict]:
    panels = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        if panel.roles and not user.has_any_role(panel.roles):
            continue
        panels.append({"key": panel.key, "title": panel.title, "items": panel.build(user)})
    return panels
