"""Every HTML page, rendered in Indonesian as a role that may open it, shows no known English placeholder or raw
code (issue 12). Detail pages are rendered with real objects: a case with a draft letter and a recommended one."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from pantas.cases.models import RecommendationLetter
from pantas.cases.tests.factories import proven_case, recommended_case

from .routes import all_routes

# Visible text that betrays an untranslated default or a raw code. `<code>` (technical codes shown to staff on
# purpose), scripts and styles are not visible text in this sense.
FORBIDDEN = [
    re.compile(r"Select an option"),
    re.compile(r"\bsystem\b"),
    re.compile(r"\bNone\b"),
    re.compile(r"\bnot_proven\b"),
    re.compile(r"\breceived\b"),
    re.compile(r"\(verification\)|\(clarification\)|\(investigation\)"),
]
SKIP_PREFIXES = ("admin:", "api", "accounts:logout", "set_language", "healthz")
# Who renders a page: the first persona of this order holding one of the view's roles.
ORDER = [
    "analis",
    "komisioner",
    "intake",
    "kustodian",
    "penilai",
    "admin",
    "bawaslu.sulsel",
    "ppk.makassar",
    "kemendagri",
    "ombudsman",
    "cso.pattiro",
    "bkn",
    "pansel",
]


class _VisibleText(HTMLParser):
    HIDDEN = {"script", "style", "code", "title"}

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_leftovers(html: str) -> list[str]:
    text = visible_text(html)
    found = []
    for pattern in FORBIDDEN:
        for match in pattern.finditer(text):
            found.append(text[max(0, match.start() - 60) : match.end() + 60])
    return found


def _persona_for(view, personas):
    roles = getattr(view, "pantas_roles", None) or getattr(
        getattr(view, "view_class", None), "pantas_roles", None
    )
    if not roles:
        return None
    for username in ORDER:
        if personas[username].has_any_role(roles):
            return personas[username]
    return None


def _real_urls(personas):
    """Detail pages with objects that exist, so the sweep sees their content and not only the 404 page."""
    draft = proven_case(personas["analis"], name="Budi Santoso")
    done = recommended_case(personas["analis"], personas["komisioner"], nip="199001012015051002")
    letter = RecommendationLetter.objects.get(case=done)
    report = draft.links.first().report
    return {
        "cases:detail": [
            reverse("cases:detail", args=[draft.number]),
            reverse("cases:detail", args=[done.number]),
        ],
        "cases:letter_preview": [reverse("cases:letter_preview", args=[draft.number])],
        "core:verify_document": [reverse("core:verify_document", args=[letter.verification_code])],
        "intake:staff_detail": [reverse("intake:staff_detail", args=[report.uuid])],
        "cases:action": [reverse("cases:action", args=[draft.number, "issue-recommendation"])],
    }


@pytest.mark.django_db
def test_no_english_placeholder_or_raw_code_on_any_indonesian_page(personas):
    real = _real_urls(personas)
    clients = {}
    problems = []
    checked = 0
    for name, url, view in all_routes():
        if name.startswith(SKIP_PREFIXES):
            continue
        persona = _persona_for(view, personas)
        if persona is None and name == "core:home":
            persona = personas["analis"]
        key = persona.username if persona else ""
        if key not in clients:
            clients[key] = Client(HTTP_ACCEPT_LANGUAGE="id")
            if persona:
                clients[key].force_login(persona)
        for target in real.get(name, [url]):
            response = clients[key].get(target)
            if "text/html" not in response.get("Content-Type", "") or response.status_code >= 500:
                assert response.status_code < 500, f"{name} {target}: {response.status_code}"
                continue
            checked += 1
            problems += [
                f"{name} {target} as {key or 'anonymous'}: …{s}…" for s in english_leftovers(response.text)
            ]
    assert checked > 40
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_the_english_case_page_names_one_case_in_the_singular(client, personas):
    case = proven_case(personas["analis"])
    client.force_login(personas["analis"])
    with translation.override("en"):
        response = client.get(reverse("cases:detail", args=[case.number]), HTTP_ACCEPT_LANGUAGE="en")
    heading = re.search(r"<h1>(.*?)<span", response.text, re.S).group(1)
    assert heading.strip().startswith("Case ") and "Cases" not in heading


def test_the_blank_choice_is_indonesian():
    from django.db.models.utils import get_blank_choice_label

    with translation.override("id"):
        assert str(get_blank_choice_label()) == "— Pilih —"
