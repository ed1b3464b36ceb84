"""Turning header capitals ("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN") into the usual written form."""
from __future__ import annotations

import re

LEVELS = ("tỉnh", "thành phố", "huyện", "thị xã", "quận", "xã", "phường", "thị trấn")
_LEVEL_RE = re.compile(r"\b(" + "|".join(sorted(LEVELS, key=len, reverse=True)) + r")\s+(.+)$")
# words kept capitalised after the first one in names of bodies and titles
_PROPER = {"văn phòng": "Văn phòng", "ủy ban nhân dân": "Ủy ban nhân dân", "hội đồng nhân dân": "Hội đồng nhân dân",
           "chỉ đạo": "Chỉ đạo", "chỉ huy": "Chỉ huy", "thường trực": "Thường trực", "quốc hội": "Quốc hội",
           "chính phủ": "Chính phủ", "tỉnh ủy": "Tỉnh ủy", "mặt trận tổ quốc việt nam": "Mặt trận Tổ quốc Việt Nam"}


def title_words(s: str) -> str:
    """``LẠNG SƠN`` → ``Lạng Sơn``."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in s.split())


def sentence_case(s: str) -> str:
    """``PHÓ CHÁNH VĂN PHÒNG`` → ``Phó Chánh Văn phòng``; ``ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM``
    → ``Ủy ban nhân dân tỉnh Quảng Nam``; ``SỞ TÀI CHÍNH`` → ``Sở Tài chính``."""
    s = " ".join(s.split())
    if not s:
        return s
    low = s.lower()
    place = None
    m = _LEVEL_RE.search(low)
    if m and (m.start() == 0 or low[m.start() - 1] == " "):
        place = m
    head = low[: place.start()].strip() if place else low
    for k, v in _PROPER.items():
        head = re.sub(r"\b%s\b" % re.escape(k), v, head)
    words = head.split()
    if words:
        words[0] = words[0][:1].upper() + words[0][1:]
        # "Sở tài chính" → "Sở Tài chính", "Ban chỉ đạo" handled by _PROPER
        if len(words) > 1 and words[0] in {"Sở", "Bộ", "Ban", "Phó", "Chánh", "Cục", "Chi", "Phòng", "Trưởng", "Giám"} \
                and words[1][:1].islower() and words[1] not in {"đốc", "ban", "cục", "phòng", "trưởng", "chủ", "giám"}:
            words[1] = words[1][:1].upper() + words[1][1:]
        if words[0] in {"Phó", "Trưởng"} and len(words) > 1 and words[1] == "chủ":
            words[1] = "Chủ"
    out = " ".join(words)
    if place:
        out = (out + " " if out else "") + place.group(1) + " " + title_words(place.group(2))
    return out.strip()
