"""A realistic corpus of N article files made from the seeds, for import, search and
startup benchmarks. Each copy differs: its title and date, a few swapped words, its
paragraphs' order in the body, and its encoding (most UTF-8, some UTF-8 with BOM,
UTF-16 with CRLF, or Windows-1258, as real Vietnamese corpora mix them)."""

from __future__ import annotations

import random
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
WORDS = ["cán bộ", "Đảng viên", "tổ chức", "nhân dân", "kinh tế", "giáo dục", "Quốc hội", "Chính phủ",
         "địa phương", "thanh niên", "phụ nữ", "nông thôn", "đổi mới", "chuyển đổi số", "môi trường"]
PLACES = ["Hà Nội", "Huế", "Đà Nẵng", "Cần Thơ", "Hải Phòng", "Nghệ An", "Lào Cai", "Cà Mau"]


def variant(text: str, i: int, rng: random.Random) -> str:
    lines = text.split("\n")
    title_at = next(k for k, line in enumerate(lines) if line.strip())
    lines[title_at] = f"{lines[title_at].strip()} ({rng.choice(PLACES)}, số {i})"
    body_start = min(len(lines), title_at + 4)
    body = lines[body_start:]
    paragraphs = [k for k, line in enumerate(body) if len(line) > 80]
    if len(paragraphs) > 2:  # swap two body paragraphs
        a, b = rng.sample(paragraphs, 2)
        body[a], body[b] = body[b], body[a]
    out = "\n".join(lines[:body_start] + body)
    for _ in range(6):
        out = out.replace(rng.choice(WORDS), rng.choice(WORDS), 1)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2010, 2024)
    return out + f"\n\nCập nhật lúc : {day:02d}/{month:02d}/{year} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}\n"


def encode(text: str, i: int) -> bytes:
    kind = i % 20
    if kind == 0:
        return "\ufeff".encode("utf-16-le") + text.replace("\n", "\r\n").encode("utf-16-le")
    if kind == 1:
        try:
            return text.encode("cp1258")
        except UnicodeEncodeError:  # a character Windows-1258 lacks: keep it UTF-8
            return text.encode("utf-8")
    if kind == 2:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode("utf-8")


def make_corpus(folder: Path, n: int, seed: int = 11) -> list[Path]:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    paths = []
    for i in range(n):
        sub = folder / f"{2010 + i % 15}" / f"{i % 12 + 1:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"bài báo {i:05d}.txt"
        path.write_bytes(encode(variant(texts[i % len(texts)], i, rng), i))
        paths.append(path)
    return paths
