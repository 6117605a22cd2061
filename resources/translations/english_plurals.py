"""Fill the English plural forms of chugiai_en.ts (made by `lupdate -pluralonly`).

The code writes counts as "%n highlight(s)"; without a translation Qt shows that as it is
("1 highlight(s)"). English has two forms, so each numerus message gets "%n highlight"
and "%n highlights": "(s)" and "(es)" are dropped or kept, "is/are" and "was/were" pick
their side. Run by `make translations`; tests/ui/test_translations.py checks the result.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

_CHOICES = re.compile(r"\b(is/are|was/were|this/these|it/they)\b")


def forms(source: str) -> tuple[str, str]:
    one = _CHOICES.sub(lambda m: m.group(1).split("/")[0], source)
    other = _CHOICES.sub(lambda m: m.group(1).split("/")[1], source)
    one = one.replace("(es)", "").replace("(s)", "")
    other = other.replace("(es)", "es").replace("(s)", "s")
    return one, other


def fill(path: Path) -> int:
    """Fill every numerus message of `path`; return how many there are."""
    tree = ET.parse(path)
    root = tree.getroot()
    root.set("language", "en")
    count = 0
    for message in root.iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        for child in list(translation):
            translation.remove(child)
        count += 1
        for text in forms(source):
            ET.SubElement(translation, "numerusform").text = text
        translation.attrib.pop("type", None)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return count


if __name__ == "__main__":
    print(f"{fill(Path(sys.argv[1]))} English plural messages filled")
