"""The English catalogue is complete: every extracted message has a translation and none is fuzzy (fuzzy
entries are not compiled, so the English UI would silently show Indonesian)."""

import gettext
import re
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries(text):
    for block in text.split("\n\n"):
        if "msgid " in block:
            yield block


def test_every_message_has_an_english_translation():
    text = PO.read_text(encoding="utf-8")
    untranslated, fuzzy = [], []
    for block in _entries(text):
        msgid = re.search(r'^msgid "(.*)"$', block, re.M).group(1)
        if not msgid:
            continue  # the header
        if re.search(r"^#,.*\bfuzzy\b", block, re.M):
            fuzzy.append(msgid)
        strings = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', block, re.M)
        if not strings or any(not s for s in strings):
            untranslated.append(msgid)
    assert not fuzzy, f"fuzzy entries: {fuzzy[:5]}"
    assert not untranslated, f"untranslated: {untranslated[:5]}"


def _unescape(value):
    return re.sub(r'\\(["\\n])', lambda m: "\n" if m.group(1) == "n" else m.group(1), value)


def test_the_compiled_catalogue_matches_its_source():
    """`make messages` compiles; a .po edited without recompiling fails here (content, not file dates)."""
    catalogue = gettext.GNUTranslations(PO.with_suffix(".mo").open("rb"))
    stale = []
    for block in _entries(PO.read_text(encoding="utf-8")):
        single = re.search(r'^msgid "(.+)"\nmsgstr "(.+)"$', block, re.M)
        if single and "msgctxt" not in block:
            msgid, msgstr = (_unescape(v) for v in single.groups())
            if catalogue.gettext(msgid) != msgstr:
                stale.append(msgid)
    assert not stale, f"recompile the catalogue (make messages): {stale[:5]}"
