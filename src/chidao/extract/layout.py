"""The form of a document (Decree 30/2020): header, type and subject, addressees, body,
footnotes, recipients and signature block.

Robust to headers converted from two columns (issuer and national motto on one line, or
in one table row joined by `` | ``) and to drafts with blank numbers and days.
"""
from __future__ import annotations

from chidao.extract.chars import LOWER as L, LOWER_LETTERS, UPPER as U  # noqa: E402

import re
from dataclasses import dataclass, field

from chidao.extract.casing import sentence_case, title_words
from chidao.extract.model import DocumentInfo, Signer
from chidao.extract.names import expand
from chidao.registry.doctypes import doc_types
from chidao.text.normalize import paragraphs

MOTTO = re.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc"
                   r"|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM", re.IGNORECASE)
_SKIP_WORDS = re.compile(r"^(?:Nhảy đến nội dung|Skip to (?:main )?content|[-_=*.\s]+|\d{1,4}|Ảnh minh họa|.*\s[>/»]\s.*"
                         r"|(?:THƯỢNG KHẨN|HỎA TỐC|HOẢ TỐC|KHẨN|MẬT|TỐI MẬT|TUYỆT MẬT)(?:\s*[-,]\s*\S+)*)$", re.IGNORECASE)
# a news site's name in capitals above an article ("BÁO VĨNH LONG ĐIỆN TỬ", "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH …")
_SITE = re.compile(r"^(?:BÁO|CỔNG THÔNG TIN|TRANG THÔNG TIN|TẠP CHÍ)\b[^" + LOWER_LETTERS + r"]*$"
                   r"|^(?:Cổng|Trang) (?i:thông tin điện tử)\b[^.:;]{0,60}$")


def _skippable(line: str) -> bool:
    """A line around a document that is not part of it: navigation, a site's name, an urgency mark."""
    return bool(_SKIP_WORDS.match(line) or _SITE.match(line))
NUMBER_LINE = re.compile(r"^\**Số\s*(?:và ký hiệu)?\s*:?\s*(?P<num>[^\s|]*(?:\s+/\s*\S+)?)", re.IGNORECASE)
PLACE_DATE = re.compile(
    r"(?P<place>(?:(?:TP\.|Tp\.)\s*)?" + U + r"[\wÀ-ỹ]*(?:\s+" + U + r"[\wÀ-ỹ]*){0,4})\s*,\s*ngày\s*"
    r"(?P<d>\d{1,2}|[\s._…]*)\s*tháng\s*(?P<m>\d{1,2}|[\s._…]*)\s*năm\s*(?P<y>\d{4})")
AUTHORITY = re.compile(r"^(?:TM|KT|TL|TUQ|Q|Q\.\s*CHỦ TỊCH|THỪA LỆNH|THỪA ỦY QUYỀN)\.\s*\S", re.IGNORECASE)
DATELINE = re.compile(r"^(?:Thứ\s+\w+|Chủ nhật|Cập nhật|Ngày đăng|Đăng ngày|Ngày cập nhật|Đăng lúc)?[,:\s]*"
                      r"(?:\d{1,2}[:h]\d{2}\s*[,|-]?\s*)?(?:ngày\s+)?(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
                      r"(?:\s*[-|,]?\s*\d{1,2}[:h]\d{2}(?:\s*(?:GMT|\(GMT)\S*)?)?\)?(?:\s*\|.*)?$", re.IGNORECASE)
APPENDIX = re.compile(r"^\**(?:PHỤ LỤC|Phụ lục|DANH MỤC|BIỂU|Biểu)\b")
RECIPIENTS = re.compile(r"^\**Nơi\s+nhận\s*:?\**", re.IGNORECASE)
# "Kính gửi:", or the sender's line of a Công điện: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:"
ADDRESSEE = re.compile(r"^\**(?:(?i:Kính\s+gửi)\s*:?|(?:CHỦ TỊCH|THỦ TƯỚNG|BỘ TRƯỞNG|GIÁM ĐỐC)\b[^\n:]{0,80}\s(?i:điện)\s*:)\**\s*")
SUBJECT_VV = re.compile(r"^\**(?:V/v|V/V)\s*:?\s*")
BODY_OPENERS = re.compile(r"^(?:Căn cứ|Thực hiện|Theo|Ngày|Sáng|Chiều|Tối|Trong|Sau khi|Để|Nhằm|Vừa qua|Hiện nay|Tại|"
                          r"Qua|Trên cơ sở|Xét|Nhận được|Tiếp nhận|Triển khai|Ủy ban|UBND|Chủ tịch|Văn phòng|I\.|1\.)")
FOOTNOTE = re.compile(r"^[\u00b9\u00b2\u00b3\u2070-\u2079]+|^\[\d+\]|^\(\d+\)\s")
NAME = re.compile(r"^(?:" + U + L + r"*|" + U + r"+)(?:\s+(?:" + U + L + r"*|" + U + r"+)){1,4}$")
SIGNED = re.compile(r"^[\[(]?(?:đã ký|Đã ký|ĐÃ KÝ|ký|\(ký.*\)|chữ ký số|Signed)[\])]?\.?$", re.IGNORECASE)
DIGEST = re.compile(r"chỉ đạo,?\s+điều hành.*(?:\btuần\b|\btừ ngày\b.*\bđến ngày\b)", re.IGNORECASE)
ROLE_WORDS = re.compile(r"CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG|CHÁNH|BÍ THƯ|THỦ TRƯỞNG|PHÓ|TỔNG|VIỆN|HIỆU|CHỦ NHIỆM|UỶ VIÊN|ỦY VIÊN")


@dataclass
class Layout:
    """Where the parts of a document lie, and what its header says."""

    document: DocumentInfo
    body_start: int
    body_end: int
    lines: list[tuple[int, int]]
    footnotes: list[tuple[int, int]] = field(default_factory=list)
    appendix_start: int | None = None
    addressees: list[tuple[str, int, int]] = field(default_factory=list)
    province: str | None = None


def _clean(s: str) -> str:
    return " ".join(s.replace("*", " ").replace("_", " ").split())


_UPPER_RE = re.compile(U)
_LOWER_RE = re.compile(L)


def _is_upper_line(s: str) -> bool:
    up, low = len(_UPPER_RE.findall(s, 0, 300)), len(_LOWER_RE.findall(s, 0, 300))
    return up + low >= 2 and up / (up + low) > 0.85


def _type_names() -> dict[str, str]:
    names = {}
    for t in doc_types():
        names[t.name.upper()] = t.name
    return names


def _iso(d: str, m: str, y: str) -> str | None:
    d, m = d.strip(" ._…"), m.strip(" ._…")
    year = int(y)
    if m.isdigit() and 1 <= int(m) <= 12:
        if d.isdigit() and 1 <= int(d) <= 31:
            return f"{year:04d}-{int(m):02d}-{int(d):02d}"
        return f"{year:04d}-{int(m):02d}"
    return f"{year:04d}"


def _split_cells(text: str, spans):
    """Lines of the header, with table rows split into their cells (two-column headers)."""
    out = []
    for s, e in spans:
        line = text[s:e]
        if " | " in line:
            pos = s
            for cell in line.split(" | "):
                cs = text.find(cell, pos, e) if cell else pos
                out.append((cs, cs + len(cell)))
                pos = cs + len(cell)
        else:
            out.append((s, e))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _registry_casing(name: str) -> str:
    """A name from capitals written as the registry writes it, where the registry knows it."""
    try:
        from chidao.registry import fold, load
        body = load().find_body(name)
    except Exception:  # registry unavailable
        return name
    return body.name if body and fold(body.name) == fold(name) else name


def _issuer_from_lines(lines: list[str]) -> str | None:
    parts = [p for p in (_clean(MOTTO.sub(" ", ln)) for ln in lines) if p and _is_upper_line(p) and not _skippable(p)]
    if not parts:
        return None
    joined: list[str] = []
    for p in parts:  # "SỞ NÔNG NGHIỆP" / "VÀ PHÁT TRIỂN NÔNG THÔN": one name over two lines
        if joined and (p.startswith(("VÀ ", "- ")) or joined[-1].endswith((" VÀ", ","))):
            joined[-1] = joined[-1] + " " + p
        else:
            joined.append(p)
    parts = joined
    parts = [_registry_casing(sentence_case(expand(p))) for p in parts]
    levels = ("tỉnh ", "thành phố ", "huyện ", "thị xã ", "quận ", "xã ", "phường ", "thị trấn ")
    # "ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NAM": the second line is the locality of the first
    merged: list[str] = []
    for p in parts:
        if merged and p.startswith(levels) and not any(merged[-1].endswith(" " + lv.strip()) for lv in levels):
            merged[-1] = merged[-1] + " " + p
        else:
            merged.append(p)
    if len(merged) == 1:
        return merged[0]
    parent, child = merged[-2], merged[-1]
    if child.startswith(("Văn phòng", "Thường trực")) and not re.search(r"\b(tỉnh|huyện|xã|phường|thành phố)\b", child):
        return child + " " + parent
    loc = re.search(r"\b(tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\s+" + U + r".*$", parent)
    if loc and not re.search(r"\b(tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\b", child):
        return child + " " + loc.group(0)
    return child


TITLE_STARTS = ("PHÓ", "CHÁNH", "GIÁM", "TRƯỞNG", "CHỦ", "BÍ", "CỤC", "TỔNG", "VIỆN", "HIỆU", "THỦ")
_CELL_SIGNER = re.compile(r"^(?P<caps>[^" + LOWER_LETTERS + r"|]+?)\s+(?P<name>" + U + L + r"+(?:\s+" + U + L + r"+){1,4})\s*$")


def _fmt_role(s: str) -> str:
    m = re.match(r"^(\w+)\.\s*(.*)$", s)
    return f"{m.group(1).upper()}. {sentence_case(expand(m.group(2)))}" if m else sentence_case(expand(s))


def _signer_in_cell(cell: str) -> Signer | None:
    """A signature block written in one table cell: "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Hoàng Văn Sơn"."""
    m = _CELL_SIGNER.match(_clean(cell))
    if not m:
        return None
    caps = re.sub(r"\(?(?:ĐÃ KÝ|Đã ký|đã ký)\)?", " ", m.group("caps")).split()
    segments: list[list[str]] = []
    for w in caps:
        if re.fullmatch(r"(?:TM|KT|TL|TUQ|Q)\.", w) or not segments:
            segments.append([w])
        else:
            segments[-1].append(w)
    authority, title = [], []
    for seg in segments:
        if not re.fullmatch(r"(?:TM|KT|TL|TUQ|Q)\.", seg[0]):
            title = seg
            continue
        words = seg[1:]
        cut = next((i for i in range(1, len(words)) if words[i] in TITLE_STARTS), None) if seg is segments[-1] else None
        authority.append(" ".join([seg[0], *(words[:cut] if cut else words)]))
        if cut:
            title = words[cut:]
    if not title and not authority:
        return None
    return Signer(name=m.group("name"), title=_fmt_role(" ".join(title)) if title else None,
                  authority="; ".join(_fmt_role(a) for a in authority) or None)


def _signer(text: str, lines: list[tuple[int, int]]) -> tuple[Signer | None, int | None]:
    """The signature block at the end: authority lines, title lines, then a name."""
    if lines and " | " in text[lines[-1][0]:lines[-1][1]]:
        cell = text[lines[-1][0]:lines[-1][1]].split(" | ")[-1]
        found = _signer_in_cell(cell)
        if found:
            return found, lines[-1][0] + text[lines[-1][0]:lines[-1][1]].rfind(" | ")
    tail = lines[-12:]
    name_i = None
    for i in range(len(tail) - 1, -1, -1):
        ln = _clean(text[tail[i][0]:tail[i][1]])
        if SIGNED.match(ln) or not ln:
            continue
        if NAME.match(ln) and not _is_upper_line(ln) or (NAME.match(ln) and len(ln.split()) >= 2 and not ROLE_WORDS.search(ln)):
            name_i = i
        break
    if name_i is None:
        return None, None
    authority, titles = [], []
    first = name_i
    for j in range(name_i - 1, -1, -1):
        ln = _clean(text[tail[j][0]:tail[j][1]])
        if SIGNED.match(ln):
            continue
        if " | " in ln:  # a two-column row "Nơi nhận … | KT. CHỦ TỊCH …": take the right cell
            ln = _clean(ln.split(" | ")[-1])
        if not _is_upper_line(ln) or len(ln) > 80:
            break
        if AUTHORITY.match(ln):
            authority.insert(0, ln)
        else:
            titles.insert(0, ln)
        first = j
    if not authority and not titles:
        return None, None
    name = _clean(text[tail[name_i][0]:tail[name_i][1]])
    if _is_upper_line(name):
        name = title_words(name)

    def fmt(s: str) -> str:
        m = re.match(r"^(\w+)\.\s*(.*)$", s)
        return f"{m.group(1).upper()}. {sentence_case(expand(m.group(2)))}" if m else sentence_case(expand(s))
    signer = Signer(name=name, title=", ".join(fmt(t) for t in titles) or None,
                    authority="; ".join(fmt(a) for a in authority) or None)
    return signer, tail[first][0]


def _list_items(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """Entries of a "Kính gửi" or "Nơi nhận" list: one per "- …;" item."""
    items = []
    for s, e in spans:
        line = text[s:e]
        for m in re.finditer(r"(?:^|(?<=;)|(?<=\.))\s*[-+•]?\s*([^;]+?)\s*(?=;|\.?$|\.\s)", line):
            val = _clean(m.group(1)).strip(" -+•.;")
            if val:
                items.append((val, s + m.start(1), s + m.end(1)))
    return items


def analyse(text: str) -> Layout:
    """Read the layout of the normalised text of one document."""
    lines = paragraphs(text)
    n = len(lines)
    head_limit = min(n, 40)
    info: dict = {}
    header_end = 0  # index of the first body line
    issuer_lines: list[str] = []
    type_names = _type_names()
    type_idx = None
    num_idx = None
    date_idx = None
    for i in range(head_limit):
        s, e = lines[i]
        for cs, ce in _split_cells(text, [(s, e)]):
            cell = _clean(text[cs:ce])
            m = NUMBER_LINE.match(cell)
            if m and not (":" in cell[:m.start("num")] or not m.group("num") or re.search(r"[\d/]", m.group("num"))):
                m = None  # "Số ca mắc …": a sentence that begins with the word, not a number line
            if m and num_idx is None and i < 25:
                num = m.group("num").strip()
                num = re.sub(r"\s+", "", num)
                info["number"] = num or None
                num_idx = i
                rest = cell[m.end():]
                pd = PLACE_DATE.search(rest)
                if pd:
                    info.update(place=pd.group("place"), date=_iso(pd.group("d"), pd.group("m"), pd.group("y")))
                    date_idx = i
                continue
            pd = PLACE_DATE.search(cell)
            if pd and date_idx is None and i < 25 and pd.start() < 40:
                info.update(place=pd.group("place").replace("Tp.", "TP."), date=_iso(pd.group("d"), pd.group("m"), pd.group("y")))
                date_idx = i
                continue
            up = MOTTO.sub(" ", cell).strip(" -*")
            if type_idx is None and up.upper() in type_names and _is_upper_line(up):
                info["type"] = type_names[up.upper()]
                type_idx = i
                continue
            if type_idx is None and num_idx is None and date_idx is None and up and _is_upper_line(up) \
                    and len(up) < 90 and not _skippable(up) and not DIGEST.search(up):  # a digest's title in capitals
                issuer_lines.append(up)
        if type_idx is not None and i > type_idx:
            break
    # subject: "V/v …" lines, or the lines after the type line
    subject, subj_end_idx = None, None
    for i in range(head_limit):
        s, e = lines[i]
        cell = _clean(text[s:e].split(" | ")[0])
        if SUBJECT_VV.match(cell):
            parts = [SUBJECT_VV.sub("", cell)]
            j = i + 1
            while j < n and j < i + 6:
                nxt = _clean(text[lines[j][0]:lines[j][1]])
                if ADDRESSEE.match(nxt) or PLACE_DATE.search(nxt) or BODY_OPENERS.match(nxt) or nxt.endswith((".", ":")) \
                        or _is_upper_line(nxt) or MOTTO.search(nxt):
                    break
                parts.append(nxt)
                j += 1
            subject, subj_end_idx = " ".join(parts), j - 1
            info.setdefault("type", "Công văn")
            break
    if subject is None and type_idx is not None and type_idx + 1 < n:
        parts, j = [], type_idx + 1
        while j < n and j < type_idx + 5:
            nxt = _clean(text[lines[j][0]:lines[j][1]])
            if (_is_upper_line(nxt) and parts) or ADDRESSEE.match(nxt) or (BODY_OPENERS.match(nxt) and parts) \
                    or (nxt.endswith((".", ":")) and (len(nxt) > 160 or parts)) or (parts and len(" ".join(parts)) > 300):
                break
            if _is_upper_line(nxt) and not parts:  # "KẾT LUẬN …" in capitals
                nxt = sentence_case(nxt)
            parts.append(nxt)
            j += 1
            if nxt.endswith(":"):
                break
        if parts:
            subject, subj_end_idx = " ".join(parts), j - 1
    # addressees
    addressees: list[tuple[str, int, int]] = []
    addr_end_idx = None
    for i in range(head_limit):
        s, e = lines[i]
        line = text[s:e]
        m = ADDRESSEE.match(line)
        if not m:
            continue
        first = line[m.end():].strip()
        spans = []
        if first:
            spans.append((s + m.end() + (len(line[m.end():]) - len(line[m.end():].lstrip())), e))
        j = i + 1
        while j < n and text[lines[j][0]:lines[j][1]].lstrip().startswith(("-", "+", "•")):
            spans.append(lines[j])
            j += 1
        addressees = _list_items(text, spans)
        addr_end_idx = j - 1
        break
    # body boundaries
    marks = [x for x in (num_idx, date_idx, type_idx, subj_end_idx, addr_end_idx) if x is not None]
    header_end = max(marks) + 1 if marks else 0
    # a Quyết định has an authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …") before its grounds
    while header_end < n and header_end < 30 and _is_upper_line(text[lines[header_end][0]:lines[header_end][1]]) \
            and not re.match(r"^(?:[IVX]+|\d+)\.", text[lines[header_end][0]:lines[header_end][1]]):
        header_end += 1
    if not marks:  # no administrative header: skip navigation and a title line
        while header_end < n and (_skippable(line := _clean(text[lines[header_end][0]:lines[header_end][1]]))
                                  or DATELINE.match(line)):  # "Cập nhật: 21/10/2023 08:15" above the title
            header_end += 1
        if header_end < n:
            title = _clean(text[lines[header_end][0]:lines[header_end][1]])
            if DIGEST.search(title):
                info["type"] = "Bản tin"
                subject = title
                header_end += 1
        for k in range(min(n, 6)):  # a news dateline: "Thứ Ba, 21/08/2018", "Cập nhật: 21/08/2018 10:30"
            dl = DATELINE.match(_clean(text[lines[k][0]:lines[k][1]]))
            if dl and "date" not in info:
                info["dateline"] = _iso(dl.group("d"), dl.group("m"), dl.group("y"))
                break
    body_start = lines[header_end][0] if header_end < n else len(text)
    # recipients and signature
    rec_idx = None
    for i in range(n - 1, header_end - 1, -1):
        if RECIPIENTS.match(_clean(text[lines[i][0]:lines[i][1]])):
            rec_idx = i
            break
    # an appendix after the signature ("PHỤ LỤC", "DANH MỤC NHIỆM VỤ …") is the body's too
    appendix_idx = next((i for i in range((rec_idx if rec_idx is not None else header_end) + 1, n)
                         if APPENDIX.match(_clean(text[lines[i][0]:lines[i][1]]))), None)
    last = appendix_idx if appendix_idx is not None else n
    signer, sig_start = _signer(text, lines[header_end:last] if header_end < last else [])
    body_end_pos = len(text)
    recipients: list[str] = []
    if rec_idx is not None:
        body_end_pos = lines[rec_idx][0]
        s, e = lines[rec_idx]
        first = RECIPIENTS.sub("", text[s:e].split(" | ")[0]).strip()
        spans = []
        if first:
            off = text.find(first, s, e)
            spans.append((off, off + len(first)))
        for j in range(rec_idx + 1, n):
            ln = text[lines[j][0]:lines[j][1]]
            if sig_start is not None and lines[j][0] >= sig_start:
                break
            if " | " in ln:
                ln_left = ln.split(" | ")[0]
                spans.append((lines[j][0], lines[j][0] + len(ln_left)))
                continue
            if not ln.lstrip().startswith(("-", "+", "•")):
                break
            spans.append(lines[j])
        recipients = [v for v, _, _ in _list_items(text, spans)]
    elif sig_start is not None:
        body_end_pos = sig_start
    footnotes = [(s, e) for s, e in lines if s >= body_start and s < body_end_pos and FOOTNOTE.match(text[s:e])]
    number = info.get("number")
    doc_type = info.get("type")
    if doc_type is None:
        code = _type_code(number)
        if code:
            doc_type = code
        elif addressees:
            doc_type = "Công văn"
        elif number is None and info.get("date") is None:
            doc_type = "Tin bài"
    if info.get("dateline") and not info.get("date"):
        info["date"] = info["dateline"]
    header_issuer = _issuer_from_lines(issuer_lines)
    province = _province(text, info.get("place"), header_issuer, subject)
    issuer = header_issuer or _infer_issuer(text, number, info.get("place"), province, signer, doc_type, subject)
    document = DocumentInfo(
        type=doc_type, number=number, issuer=issuer, place=info.get("place"), date=info.get("date"),
        subject=_clean(subject) if subject else None, signer=signer, recipients=tuple(recipients),
        addressees=tuple(a for a, _, _ in addressees))
    return Layout(document=document, body_start=body_start, body_end=max(body_start, body_end_pos), lines=lines,
                  footnotes=footnotes, addressees=addressees, province=province,
                  appendix_start=lines[appendix_idx][0] if appendix_idx is not None else None)


def _type_code(number: str | None) -> str | None:
    if not number:
        return None
    from chidao.extract.symbols import symbol_parts
    code, _ = symbol_parts(number)
    if not code:
        return None
    for t in doc_types():
        if code.upper() in {c.upper() for c in (t.code, *t.also_codes) if c}:
            return t.name
    return None


_PROVINCE_MENTION = re.compile(r"\b(?:[Tt]ỉnh|[Tt]hành phố)\s+((?:" + U + L + r"+)(?:[ \t]+" + U + L + r"+){0,3})")


def _is_province(name: str) -> bool:
    try:
        from chidao.registry import load
        return load().find_province(name) is not None
    except Exception:  # registry unavailable
        return False


def province_level(name: str | None) -> str:
    """"tỉnh" or "thành phố" (centrally-run city) for a province's name."""
    try:
        from chidao.registry import load
        found = load().find_province(name) if name else None
    except Exception:  # registry unavailable
        found = None
    return found.kind if found else "tỉnh"


def _province(text: str, place: str | None, issuer: str | None = None, subject: str | None = None) -> str | None:
    """The province the document belongs to: its issuer's, its place line's if that is a
    province, else the most named "tỉnh X" (a city's when the title speaks of "UBND thành phố")."""
    for m in _PROVINCE_MENTION.finditer(issuer or ""):
        if m.group(0).lower().startswith("tỉnh") or _is_province(m.group(1)):
            return m.group(1)
    if place and _is_province(place):
        return place
    counts: dict[str, int] = {}
    for m in _PROVINCE_MENTION.finditer(text):
        if m.group(0).lower().startswith("thành phố") and not _is_province(m.group(1)):
            continue
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    if place and place in counts:
        return place
    if re.search(r"(?:UBND|Ủy ban nhân dân)\s+[Tt]hành phố\b(?!\s+" + U + r")", subject or ""):
        cities = {k: v for k, v in counts.items() if province_level(k) == "thành phố"}
        if cities:
            return max(cities.items(), key=lambda kv: kv[1])[0]
    known = {k: v for k, v in counts.items() if _is_province(k)}  # not "tỉnh Lê Minh Tâm", a leader's name
    if known or counts:
        return max((known or counts).items(), key=lambda kv: kv[1])[0]
    return None


_SELF_UBND = re.compile(r"\b(?:UBND|Ủy ban nhân dân|ỦY BAN NHÂN DÂN)\s+(tỉnh|huyện|thành phố|thị xã|xã|phường|thị trấn)\b"
                        r"(?:\s+((?:" + U + L + r"+)(?:\s+" + U + L + r"+){0,3}))?\s+(?:thông báo|ban hành|yêu cầu|chỉ đạo|giao)")


def _infer_issuer(text, number, place, province, signer, doc_type, subject) -> str | None:
    """The issuer when the header does not name it: from the symbol, the signature or the text."""
    if doc_type == "Tin bài":
        return None
    from chidao.extract.symbols import symbol_parts
    _, code = symbol_parts(number) if number else (None, None)
    head = (code or "").split("-")[0].upper()
    if head == "UBND" or (not head and signer and signer.authority and "Ủy ban nhân dân" in signer.authority):
        return _ubnd(text, place, province)
    if head:
        expansion = expand(head)
        if expansion != head:
            m = re.search(re.escape(expansion) + r"(?:\s+(?!các\b)[\wÀ-ỹ]+){0,2}?\s+(tỉnh|huyện|thành phố|thị xã|quận|xã|phường|thị trấn)\b"
                          r"(?!\s+" + U + r")", text)
            if m:
                where = place or province
                return m.group(0) + (" " + where if where else "")
            return expansion + (" tỉnh " + province if province else "")
    m = re.search(r"(?i)của\s+(?:UBND|Ủy ban nhân dân)\s+(?:tỉnh|thành phố)\b", subject or "") or _SELF_UBND.search(text)
    if m or (signer and signer.authority and "Chủ tịch" in signer.authority):
        return _ubnd(text, place, province)
    return None


def _ubnd(text: str, place: str | None, province: str | None) -> str:
    if place and re.search(r"\b(huyện|thị xã|thành phố|quận)\s+" + re.escape(place), text) and place != province:
        lvl = re.search(r"\b(huyện|thị xã|thành phố|quận)\s+" + re.escape(place), text).group(1)
        return f"Ủy ban nhân dân {lvl} {place}"
    where = province or place
    return f"Ủy ban nhân dân {province_level(where)}" + (" " + where if where else "")
