"""Legacy Vietnamese encodings: TCVN3 (ABC), VNI-Windows, VISCII and VIQR, both ways.

Government documents and older archives still circulate in TCVN3 and VNI (files typed
with the ABC or VNI fonts), some in VISCII; mail and forum text in VIQR ("Vie^.t Nam").
The tables are data files under resources/encodings/ with their source and license
(LICENSES.md there); VIQR follows the rules of RFC 1456.

Each decoder returns the text as the bytes spell it (VNI and VIQR: base letters followed
by marks, composed); `encode` is its inverse, so the importer can check that the text it
keeps gives back the file's bytes exactly.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from desktop_app import paths

TCVN3 = "tcvn3"
VNI = "vni-windows"
VISCII = "viscii"
VIQR = "viqr"
SINGLE_BYTE = (TCVN3, VNI, VISCII)  # what the detector tries on bytes that are not UTF-8

# How the details and notices name each encoding (proper names: not translated).
ENCODING_NAMES = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8 (with BOM)", "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE", "utf-32-le": "UTF-32 LE", "utf-32-be": "UTF-32 BE",
    "cp1258": "Windows-1258", TCVN3: "TCVN3 (ABC)", VNI: "VNI-Windows", VISCII: "VISCII",
    VIQR: "VIQR",
}


def encoding_name(codec: str) -> str:
    return ENCODING_NAMES.get(codec, codec)


def _tables_dir() -> Path:
    return paths.resources_dir() / "encodings"


def _rows(name: str) -> list[list[str]]:
    text = (_tables_dir() / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@functools.cache
def _byte_table(encoding: str) -> tuple[str, ...]:
    """The character each of the 256 bytes stands for, in TCVN3 or VISCII."""
    if encoding == TCVN3:
        # The ABC fonts show 80-9F as Windows-1252 does (quotes, dashes); A0-FF from the table.
        chars = [bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)]
        rows = _rows("tcvn3.tsv")
    else:
        chars = [chr(b) for b in range(256)]
        rows = _rows("viscii.tsv")
    for byte, code_point, _shown in rows:
        chars[int(byte, 16)] = chr(int(code_point[2:], 16))
    return tuple(chars)


@functools.cache
def _vni_table() -> tuple[dict[str, str], dict[str, str], re.Pattern[str]]:
    """(VNI spelling as Windows-1252 characters -> letter, letter -> spelling, a pattern
    matching the spellings longest first)."""
    to_letter: dict[str, str] = {}
    for letter, hex_bytes in _rows("vni-windows.tsv"):
        to_letter[bytes.fromhex(hex_bytes).decode("cp1252")] = letter
    to_spelling = {letter: spelling for spelling, letter in to_letter.items()}
    keys = sorted(to_letter, key=len, reverse=True)
    return to_letter, to_spelling, re.compile("|".join(re.escape(k) for k in keys))


def _cp1252(data: bytes) -> str:
    """Windows-1252, its five undefined bytes read as Latin-1 (so every byte is a character)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data) \
        if any(b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) for b in data) else data.decode("cp1252")


def decode(data: bytes, encoding: str) -> str:
    """The text the bytes spell in a legacy encoding (every byte gives a character)."""
    if encoding in (TCVN3, VISCII):
        table = _byte_table(encoding)
        return data.decode("latin-1").translate(dict(enumerate(table)))
    if encoding == VNI:
        to_letter, _spelling, pattern = _vni_table()
        return pattern.sub(lambda m: to_letter[m.group()], _cp1252(data))
    if encoding == VIQR:
        return viqr_to_unicode(data.decode("ascii", errors="replace"))
    raise ValueError(f"unknown legacy encoding {encoding!r}")


def encode(text: str, encoding: str) -> bytes:
    """Unicode text in a legacy encoding; `decode(encode(t)) == t` for Vietnamese text.

    Raises UnicodeEncodeError for a character the encoding cannot write.
    """
    if encoding in (TCVN3, VISCII):
        table = _byte_table(encoding)
        reverse = {ch: b for b, ch in enumerate(table)}
        reverse.update({chr(b): b for b in range(0x80) if table[b] == chr(b)})
        out = bytearray()
        for i, ch in enumerate(text):
            if ch not in reverse:
                raise UnicodeEncodeError(encoding, text, i, i + 1, "not in the table")
            out.append(reverse[ch])
        return bytes(out)
    if encoding == VNI:
        _letters, to_spelling, _pattern = _vni_table()
        return "".join(to_spelling.get(ch, ch) for ch in text).encode("cp1252")
    if encoding == VIQR:
        return unicode_to_viqr(text).encode("ascii")
    raise ValueError(f"unknown legacy encoding {encoding!r}")


def file_bytes(original: str, encoding: str) -> bytes:
    """The bytes a decoded file's `original` text came from (VIQR's original is the ASCII
    text itself). Raises UnicodeEncodeError when the text cannot give them back."""
    if encoding == VIQR:
        return original.encode("ascii")
    return encode(original, encoding)


# ---------------------------------------------------------------- VIQR (RFC 1456)

_VIQR_MARKS = {"^": "\u0302", "(": "\u0306", "+": "\u031b"}
_VIQR_TONES = {"'": "\u0301", "`": "\u0300", "?": "\u0309", "~": "\u0303", ".": "\u0323"}
_VIQR_VOWEL_MARKS = {"a": "^(", "e": "^", "o": "^+", "u": "+", "i": "", "y": ""}
# A vowel, an optional vowel mark, an optional tone; or DD/dd (Đ/đ) at a word's start
# or after capitals ("QDD" is QĐ);
# or a backslash escaping the next mark (RFC 1456: "\." is a full stop after a vowel).
_VIQR_RE = re.compile(r"\\([\^(+'`?~.dD])|(?<![a-z])(DD|Dd|dd)|([aeiouyAEIOUY])([\^(+])?(['`?~.])?")


def viqr_to_unicode(text: str) -> str:
    """VIQR mnemonics to letters.

    A "." or "?" after a word's last vowel is a tone (nặng, hỏi) or the end of a sentence.
    Text that escapes its full stops ("\\.", as RFC 1456 asks) says which; otherwise it
    is punctuation when the syllable already has a tone ("Ta`u.") or the sentence visibly
    ends (end of text or line, or a capital follows), and a tone otherwise ("bi. ba('t");
    a "?" after a vowel mark is always hỏi ("o+? Ha` No^.i": no question ends on "ơ").
    """
    escaped = "\\." in text or "\\?" in text

    def replace(m: re.Match[str]) -> str:
        if m.group(1):
            return m.group(1)
        if m.group(2):
            return "đ" if m.group(2) == "dd" else "Đ"
        vowel, mark, tone = m.group(3), m.group(4) or "", m.group(5) or ""
        if mark and mark not in _VIQR_VOWEL_MARKS[vowel.lower()]:
            return m.group()  # "i^" is no letter: leave it as typed
        tail = ""
        if tone in ".?" and not (tone == "?" and mark) and not _is_tone(text, m.start(), m.end(), escaped):
            tone, tail = "", tone
        return unicodedata.normalize("NFC", vowel + _VIQR_MARKS.get(mark, "") + _VIQR_TONES.get(tone, "")) + tail
    return _VIQR_RE.sub(replace, text)


def _is_tone(text: str, start: int, end: int, escaped: bool) -> bool:
    """Is the "." or "?" that ends text[start:end] (a vowel and its marks) a tone?"""
    if end < len(text) and (text[end].isalpha() or text[end] == "\\"):
        return True  # inside the word ("vie^.t") or before an escaped mark
    word_start = start
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] in "^(+'`?~."):
        word_start -= 1
    if any(ch in "'`?~." for ch in text[word_start:start]):
        return False  # the syllable has its tone already
    if escaped:
        return True
    rest = text[end:end + 40].lstrip(" \t")
    return bool(rest) and not rest[0].isupper() and rest[0] != "\n"


_MARK_TO_VIQR = {v: k for k, v in _VIQR_MARKS.items()}
_TONE_TO_VIQR = {v: k for k, v in _VIQR_TONES.items()}


def unicode_to_viqr(text: str) -> str:
    """Letters to VIQR, a mark character right after a vowel escaped with "\\" (RFC 1456)."""
    out = []
    after_vowel = False
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        if ch in "đĐ":
            out.append("dd" if ch == "đ" else "DD")
        elif parts[0] in "aeiouyAEIOUY":
            marks = "".join(_MARK_TO_VIQR.get(p, "") for p in parts[1:])
            tones = "".join(_TONE_TO_VIQR.get(p, "") for p in parts[1:])
            out.append(parts[0] + marks + tones)
        elif after_vowel and ch in "^(+'`?~.":
            out.append("\\" + ch)
        elif ch in "dD" and out and out[-1] in "dD" and not (len(out) > 1 and "a" <= out[-2][-1:] <= "z"):
            out.append("\\" + ch)  # a literal "dd" where VIQR would read đ
        else:
            out.append(ch)
        after_vowel = parts[0] in "aeiouyAEIOUY" or (after_vowel and ch in "^(+'`?~.")
    return "".join(out)
