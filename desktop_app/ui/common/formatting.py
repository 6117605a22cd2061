"""How dates and article facts read on screen (Vietnamese convention: day first)."""

from __future__ import annotations


def display_date(iso: str | None) -> str:
    """'2023-04-04T10:48' -> '04/04/2023 10:48'; '2023-04-04' -> '04/04/2023'."""
    if not iso:
        return ""
    date, _, time = iso.partition("T")
    parts = date.split("-")
    if len(parts) != 3:
        return iso
    y, m, d = parts
    return f"{d}/{m}/{y}" + (f" {time[:5]}" if time else "")


def meta_line(published: str | None, source: str | None, author: str | None = None) -> str:
    return " · ".join(p for p in (display_date(published), source or "", author or "") if p)


def file_size(size: int) -> str:
    """A file's size for people: "840 kB", "12.3 MB" (decimal units, as file managers say)."""
    if size >= 1_000_000_000:
        return f"{size / 1_000_000_000:,.1f} GB"
    if size >= 100_000:
        return f"{size / 1_000_000:,.1f} MB"
    return f"{max(size, 1) / 1000:,.0f} kB"
