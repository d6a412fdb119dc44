"""Fill empty msgstr entries of a .po file from a JSON dictionary {msgid: msgstr} (maintenance helper).

Usage: python scripts/fill_po.py locale/en/LC_MESSAGES/django.po translations.json
Only single-line msgids are handled; plural/multi-line entries are left for a translator.
"""

import json
import re
import sys

ENTRY = re.compile(r'(?m)^msgid "(?P<id>(?:[^"\\]|\\.)*)"\nmsgstr ""\n(?!")')


def fill(po_text: str, table: dict[str, str]) -> tuple[str, int]:
    count = 0

    def replace(match):
        nonlocal count
        msgid = match.group("id").replace('\\"', '"').replace("\\\\", "\\")
        if msgid in table and msgid:
            count += 1
            value = table[msgid].replace("\\", "\\\\").replace('"', '\\"')
            return f'msgid "{match.group("id")}"\nmsgstr "{value}"\n'
        return match.group(0)

    return ENTRY.sub(replace, po_text), count


if __name__ == "__main__":
    path, table_path = sys.argv[1], sys.argv[2]
    with open(table_path, encoding="utf-8") as fh:
        table = json.load(fh)
    with open(path, encoding="utf-8") as fh:
        text, n = fill(fh.read(), table)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    print(f"filled {n} entries")
