"""Navigation registry: each app registers its entry points in `AppConfig.ready()`; the home page and menu
show a user only the entries their roles allow. `core` never imports the apps to its right."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: str  # lazy translation
    url_name: str
    roles: frozenset  # empty = every logged-in user
    description: str = ""
    order: int = 100


_items: list[NavItem] = []


def register(label, url_name, roles=(), description="", order=100):
    item = NavItem(label, url_name, frozenset(roles), description, order)
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
        visible.append({"label": item.label, "url": url, "description": item.description})
    return visible
