"""Vietnamese news outlets: by web address, and by the abbreviation a lead starts with.

One name per outlet, whichever way it was found, so the library's source filter groups
"(NLĐO) -", "nld.com.vn" and "Người Lao Động" as one outlet. A name not in the tables
is kept as the article writes it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from desktop_app.core.text.normalize import fold

# Domain (and every subdomain of it) -> the outlet's name. The largest outlets by
# readership, the Party and state press, and the agencies they credit.
DOMAINS: dict[str, str] = {
    "vnexpress.net": "VnExpress",
    "dantri.com.vn": "Dân trí",
    "tuoitre.vn": "Tuổi Trẻ",
    "thanhnien.vn": "Thanh Niên",
    "nld.com.vn": "Người Lao Động",
    "vietnamplus.vn": "VietnamPlus",
    "baochinhphu.vn": "Báo Chính phủ",
    "chinhphu.vn": "Báo Chính phủ",
    "nhandan.vn": "Nhân Dân",
    "nhandan.com.vn": "Nhân Dân",
    "plo.vn": "Pháp Luật TP.HCM",
    "tienphong.vn": "Tiền Phong",
    "laodong.vn": "Lao Động",
    "vov.vn": "VOV",
    "vtv.vn": "VTV",
    "zingnews.vn": "Znews",
    "znews.vn": "Znews",
    "kenh14.vn": "Kenh14",
    "cafef.vn": "CafeF",
    "vietnamnet.vn": "VietNamNet",
    "qdnd.vn": "Quân đội nhân dân",
    "cand.com.vn": "Công an nhân dân",
    "baomoi.com": "Báo Mới",
    "24h.com.vn": "24h",
    "soha.vn": "Soha",
    "doisongphapluat.com": "Đời sống & Pháp luật",
    "giadinh.suckhoedoisong.vn": "Gia đình & Xã hội",
    "suckhoedoisong.vn": "Sức khỏe & Đời sống",
    "baophapluat.vn": "Pháp luật Việt Nam",
    "congly.vn": "Công lý",
    "vneconomy.vn": "VnEconomy",
    "thesaigontimes.vn": "Kinh tế Sài Gòn",
    "sggp.org.vn": "Sài Gòn Giải Phóng",
    "hanoimoi.vn": "Hà Nội Mới",
    "hanoimoi.com.vn": "Hà Nội Mới",
    "baodautu.vn": "Đầu tư",
    "dangcongsan.vn": "Đảng Cộng sản Việt Nam",
    "dangcongsan.org.vn": "Đảng Cộng sản Việt Nam",
    "tapchicongsan.org.vn": "Tạp chí Cộng sản",
    "xaydungdang.org.vn": "Xây dựng Đảng",
    "daidoanket.vn": "Đại Đoàn Kết",
    "daibieunhandan.vn": "Đại biểu Nhân dân",
    "baotintuc.vn": "Tin tức",
    "vnanet.vn": "TTXVN",
    "bnews.vn": "BNEWS",
    "vtc.vn": "VTC News",
    "congluan.vn": "Công luận",
    "danviet.vn": "Dân Việt",
    "nongnghiep.vn": "Nông nghiệp Việt Nam",
    "baoquocte.vn": "Thế giới & Việt Nam",
    "giaoducthoidai.vn": "Giáo dục & Thời đại",
    "thethaovanhoa.vn": "Thể thao & Văn hóa",
    "phunuonline.com.vn": "Phụ Nữ TP.HCM",
    "baoxaydung.com.vn": "Xây dựng",
    "thanhtra.com.vn": "Thanh tra",
    "baotainguyenmoitruong.vn": "Tài nguyên & Môi trường",
    "vietnamnews.vn": "Việt Nam News",
    "vietnamfinance.vn": "VietnamFinance",
    "infonet.vietnamnet.vn": "VietNamNet",
}

# Abbreviations in a dateline, "(NLĐ) -", keyed folded ("nld") -> the outlet's name.
ABBREVIATIONS: dict[str, str] = {
    "ttxvn": "TTXVN", "vna": "TTXVN",
    "nld": "Người Lao Động", "nldo": "Người Lao Động",
    "plvn": "Pháp luật Việt Nam", "plo": "Pháp Luật TP.HCM",
    "qdnd": "Quân đội nhân dân", "cand": "Công an nhân dân",
    "dcsvn": "Đảng Cộng sản Việt Nam", "ndo": "Nhân Dân", "nddt": "Nhân Dân",
    "tto": "Tuổi Trẻ", "tno": "Thanh Niên", "dan tri": "Dân trí",
    "sggp": "Sài Gòn Giải Phóng", "hnm": "Hà Nội Mới", "hnmo": "Hà Nội Mới",
    "gd&td": "Giáo dục & Thời đại", "ddk": "Đại Đoàn Kết", "dbnd": "Đại biểu Nhân dân",
    "tbktsg": "Kinh tế Sài Gòn", "vtc news": "VTC News", "vov": "VOV", "vov.vn": "VOV",
    "vtv": "VTV", "vtv news": "VTV", "dvo": "Dân Việt", "tg&vn": "Thế giới & Việt Nam",
    "baotintuc.vn": "Tin tức", "chinhphu.vn": "Báo Chính phủ",
    "baochinhphu.vn": "Báo Chính phủ", "vietnamplus": "VietnamPlus",
}
# Leads that start without parentheses: "TTO - Sáng 12-3, …" (only these, from the table).
BARE_LEAD_RE = re.compile(r"(TTO|NLĐO|PLO|TNO|VTV|VOV)\s*[-–—]\s+\S")

_DOMAIN_RE = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}")


def outlet_for_url(url: str | None) -> str | None:
    """The outlet whose site `url` is on, or None for an address not in the table."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    return outlet_for_domain(host)


def outlet_for_domain(host: str) -> str | None:
    parts = host.lower().rstrip(".").split(".")
    for i in range(len(parts) - 1):  # the longest suffix first: giadinh.suckhoedoisong.vn
        name = DOMAINS.get(".".join(parts[i:]))
        if name:
            return name
    return None


def canonical_outlet(written: str) -> str:
    """The table's name for an outlet as an article writes it ("NLĐ", "Chinhphu.vn")."""
    key = " ".join(fold(written).split())
    if key in ABBREVIATIONS:
        return ABBREVIATIONS[key]
    if _DOMAIN_RE.fullmatch(key):
        return outlet_for_domain(key) or written
    return written
