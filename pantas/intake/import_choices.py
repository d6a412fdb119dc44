"""The allowed values of the import spreadsheet's coded columns, built from the reference data (ADR 0116).

One `ChoiceList` per column feeds both sides: the template's drop-down lists (a hidden sheet `daftar`, read by
openpyxl `DataValidation`s) and the importer, which accepts the code, the label in any interface language, or a
"code — label" entry as the drop-down writes it. A wrong value's row error lists the allowed labels, or — for
long lists (regions, instansi) — names the template sheet and column that holds them.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantas.registry.models import (
    Agency,
    Election,
    EmployeeType,
    PositionClass,
    Province,
    Regency,
    ViolationCategory,
)

from .models import ElectionStage, ViolationMode

LIST_SHEET = "daftar"
SEPARATOR = " — "
SHORT_LIST = 12  # up to this many values, a row error lists them all
LABEL_MAX = 120  # drop-down entries stay readable; long catalogue names are cut at a word


def _key(value) -> str:
    return re.sub(r"\s+", " ", str(value or "")).strip().lower()


def _short(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= LABEL_MAX:
        return text
    return text[: LABEL_MAX - 1].rsplit(" ", 1)[0] + "…"


@dataclass
class ChoiceList:
    column: str
    title: object  # lazy: the column's heading in the template
    entries: list = field(default_factory=list)  # (value, label in the active language)
    keys: dict = field(default_factory=dict)  # normalised code / label (every language) → value
    example: str = ""

    @property
    def labels(self) -> list[str]:
        return [label for _value, label in self.entries]

    def add(self, value, *names) -> None:
        for name in names:
            if name:
                self.keys.setdefault(_key(name), value)

    def resolve(self, text: str):
        """The value for a typed or chosen cell, or None. Empty cells are the caller's business."""
        key = _key(text)
        if key in self.keys:
            return self.keys[key]
        if SEPARATOR.strip() in key:  # "73.71 — Kota Makassar": the part before the dash is the code
            head = key.split(SEPARATOR.strip(), 1)[0].strip()
            if head in self.keys:
                return self.keys[head]
        if len(self.entries) <= SHORT_LIST:  # "kampanye" → the one label that holds that word
            words = set(key.split())
            hits = {
                v
                for v, label in self.entries
                if words and words <= set(_key(label).replace("/", " ").split())
            }
            if len(hits) == 1:
                return hits.pop()
        return None

    def error(self, text: str) -> str:
        if len(self.entries) <= SHORT_LIST:
            return _("“%(v)s” tidak dikenal. Pilihan yang sah: %(choices)s.") % {
                "v": text,
                "choices": "; ".join(self.labels),
            }
        return _(
            "“%(v)s” tidak dikenal. Pilih dari daftar pada kolom ini di templat XLSX (lembar “%(sheet)s”, "
            "kolom “%(title)s”), atau tulis kodenya, mis. %(example)s."
        ) % {"v": text, "sheet": LIST_SHEET, "title": self.title, "example": self.example}


def _for_every_language(build) -> None:
    """Call build() once per interface language so labels in any of them are accepted."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            build()


def _enum(column, title, choices, example) -> ChoiceList:
    lst = ChoiceList(column, title, [(c.value, str(c.label)) for c in choices], example=example)

    def names():
        for c in choices:
            lst.add(c.value, c.value, str(c.label))

    _for_every_language(names)
    return lst


def build() -> dict[str, ChoiceList]:
    """Every coded column's list, read once per file (no query per row)."""
    lists = {
        "jenis_pegawai": _enum("jenis_pegawai", gettext_lazy("Jenis pegawai"), EmployeeType, "PNS"),
        "kelompok_jabatan": _enum(
            "kelompok_jabatan", gettext_lazy("Kelompok jabatan"), PositionClass, "Pengawas"
        ),
        "tahapan": _enum(
            "tahapan", gettext_lazy("Tahapan"), ElectionStage, str(ElectionStage.CAMPAIGN.label)
        ),
        "cara": _enum(
            "cara", gettext_lazy("Bentuk perbuatan"), ViolationMode, str(ViolationMode.SHARE.label)
        ),
    }
    categories = ChoiceList("kategori", gettext_lazy("Kategori pelanggaran"), example="B.6")
    for pk, code, reference, name in ViolationCategory.objects.filter(disabled_on__isnull=True).values_list(
        "pk", "code", "reference", "name"
    ):
        label = _short(f"{reference}{SEPARATOR}{name}" if reference else name)
        categories.entries.append((pk, label))
        categories.add(pk, code, label)
        if reference:
            categories.add(pk, reference, reference.replace(".", ""), reference.replace(".", " "))
    lists["kategori"] = categories
    regions = ChoiceList("kode_wilayah", gettext_lazy("Wilayah"), example="73.71")
    for code, name in Province.objects.values_list("code", "name"):
        label = f"{code}{SEPARATOR}{name}"
        regions.entries.append((code, label))
        regions.add(code, code, label)
    for code, name in Regency.objects.values_list("code", "name"):
        label = f"{code}{SEPARATOR}{name}"
        regions.entries.append((code, label))
        regions.add(code, code, label)
    regions.entries.sort()
    for code, name in Province.objects.values_list("code", "name"):  # names last: a code always wins
        regions.add(code, name)
    for code, name in Regency.objects.values_list("code", "name"):
        regions.add(code, name)
    lists["kode_wilayah"] = regions
    elections = ChoiceList("pemilihan", gettext_lazy("Pemilihan"), example="pilkada-2024")
    for pk, code, name in Election.objects.order_by("-voting_date").values_list("pk", "code", "name"):
        label = f"{code}{SEPARATOR}{name}"
        elections.entries.append((pk, label))
        elections.add(pk, code, name, label)
    lists["pemilihan"] = elections
    agencies = ChoiceList("instansi", gettext_lazy("Instansi"), example="kota-73-71")
    for pk, code, name in Agency.objects.order_by("name").values_list("pk", "code", "name"):
        agencies.entries.append((pk, name))
        agencies.add(pk, code, name, f"{code}{SEPARATOR}{name}")
    lists["instansi"] = agencies
    return lists
