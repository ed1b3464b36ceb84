"""Bodies named in a clause: "Sở KH&ĐT", "UBND các huyện, thành phố", "Giám đốc Sở Tài chính",
"các sở, ban, ngành liên quan", "UBND các huyện: Chi Lăng, Cao Lộc" → canonical names.

The grammar works for any province: a head (Sở, Ban, UBND, Công an, Công ty…) and the words
after it up to a locality or a boundary word; roles stand for the body they head; collectives
keep their collective name. Known names from the registry fix the extent where they match.
"""
from __future__ import annotations

from chidao.extract.chars import LOWER as L, UPPER as U  # noqa: E402

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from chidao.extract.lexicon import _alt, _lead, lexicon
from chidao.extract.names import expand

W = r"[\wÀ-ỹ]"
CAP = U
PLACE = r"(?:" + CAP + L + r"+(?:\s+" + CAP + L + r"+){0,3})"
LOCALITY_LEVELS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường")
FUSED_HEADS = frozenset({"BQLDA", "BQL"})  # abbreviations that hold a name's first words: "BQLDA đầu tư xây dựng …"
NAMED_HEADS = frozenset({"Hội đồng", "Đoàn kiểm tra", "Đoàn công tác", "Đoàn thanh tra", "Tổ công tác", "Tổ chuyên viên",
                         "Ban", "Trung tâm", "Quỹ"})
COMPANY_WORDS = frozenset({"trình", "thu", "chi", "cấp", "lập", "quản lý", "xây dựng", "đầu tư", "phát triển", "khai thác",
                           "dịch vụ", "ký", "trực"})
NAME_VERBS = frozenset({"thẩm định", "đánh giá", "kiểm tra", "tư vấn", "xét duyệt", "quản lý", "điều phối", "thi đua",
                        "giám sát", "thanh tra", "chỉ đạo", "công tác"})
# heads that are whole names by themselves ("Đoàn kiểm tra có nhiệm vụ …")
WHOLE_HEADS = frozenset({"Báo và Phát thanh, Truyền hình", "Đoàn kiểm tra", "Đoàn công tác", "Đoàn thanh tra", "Tổ công tác", "Tổ chuyên viên", "Tỉnh ủy",
                         "Tỉnh uỷ", "Huyện ủy", "Đảng ủy", "Tỉnh đoàn", "Chính phủ", "Thủ tướng Chính phủ", "Quốc hội",
                         "UBND", "Ủy ban nhân dân", "HĐND", "Hội đồng nhân dân", "Công an", "Thanh tra",
                         "Kho bạc Nhà nước", "Bảo hiểm xã hội", "Văn phòng", "Ban Chỉ huy", "Bộ Chỉ huy",
                         "Ủy ban MTTQ Việt Nam", "Ủy ban Mặt trận Tổ quốc Việt Nam", "Điện lực", "Viễn thông"})
# heads that begin a name only when a capitalised word follows ("Báo Lạng Sơn", not "Báo cáo")
CAPITAL_HEADS = frozenset({"Báo", "Đài", "Bộ", "Vụ", "Viện", "Trường", "Quỹ", "Cục", "Chi cục", "Tổng cục", "Sở", "Ban",
                           "Phòng", "Trung tâm", "Văn phòng", "Bệnh viện", "Ngân hàng", "Học viện", "Đại học", "Trạm", "Hạt"})
COREF_HEADS = frozenset({"Hội đồng", "Đoàn kiểm tra", "Đoàn công tác", "Đoàn thanh tra", "Tổ công tác", "Tổ chuyên viên",
                         "Ban", "Trung tâm", "Quỹ"})
# two-syllable nouns whose second syllable alone is a verb ("công trình", not "trình")
NOUN_COMPOUNDS = frozenset({"công trình", "chương trình", "quy trình", "lộ trình", "tờ trình", "tiến trình", "hành trình",
                            "dự thảo", "kế hoạch", "tài trợ", "đô thị", "nông thôn", "thông tin", "nội dung", "chủ đầu",
                            "hạ tầng", "kiểm tra", "giao thông", "vận tải", "thủy lợi", "cứu nạn", "cứu hộ", "thường trực",
                            "quản lý", "chỉ đạo", "chỉ huy"})
PROVINCIAL_HEADS = ("Sở ", "Ban ", "Văn phòng", "Thanh tra", "Ủy ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND",
                    "Ủy ban Mặt trận", "Ủy ban MTTQ", "Công an", "Bộ Chỉ huy", "Tỉnh ủy", "Thành ủy", "Tỉnh đoàn",
                    "Trung tâm", "Hội ", "Liên đoàn", "Đoàn ", "Hội đồng", "Các ", "Cơ quan")
LONE_HEADS = frozenset({"UBND", "Ủy ban nhân dân", "HĐND", "Hội đồng nhân dân", "Công an", "Ban Chỉ huy"})
LISTED = re.compile(r"(?i:các)\s+(?P<kind>(?i:sở|bộ|ban))\s*:\s*(?P<items>" + U + r"[^;.:\n]{1,200}?)(?=\s*(?:;|\.|:|$|\n))")
# where a collective of localities lies: "ven sông Hậu, sông Cần Thơ và ven biển", "dọc biên giới"
_WATER = r"(?:sông|biển|kênh|suối|rạch|hồ|đầm|phá|bờ biển|biên giới|tuyến biên giới|" + U + L + r"*)(?:\s+" + U + L + r"*)*"
_REGION = (r"vùng\s+(?:trũng(?:\s+thấp)?|thấp\s+trũng|cao|sâu|xa|núi|ngập(?:\s+lụt)?|lũ|biên giới|ven biển|"
           r"(?:đặc biệt\s+)?khó khăn)")  # "các xã, phường vùng trũng thấp, ven sông Hương"
LOCATIVE = re.compile(r"\s+(?:(?:ven|dọc|giáp)\s+" + _WATER + r"|" + _REGION + r")"
                      r"(?:(?:\s*,\s*|\s+và\s+)(?:(?:(?:ven|dọc|giáp)\s+)?"
                      r"(?=sông|biển|kênh|suối|rạch|hồ|đầm|phá|bờ|biên giới|tuyến)" + _WATER + r"|" + _REGION + r"))*")
# a capitalised word that opens a role or a body, not a further place: "…, Long Đức, Phó Chủ tịch UBND tỉnh …"
NOT_A_PLACE = r"(?!(?:Phó|Chủ tịch|Giám đốc|Đồng chí|Trưởng|Thủ trưởng|Sở|UBND|Ủy ban|Ban|Công an|Phòng|Văn phòng)(?![\wÀ-ỹ]))"
LISTED_PLACES = re.compile(r"(?:\s*:\s*|(?:\s+" + L + r"+){0,2}\s+)(?P<items>" + PLACE
                           + r"(?:\s*(?:,|và)\s*(?:(?:các\s+)?(?:huyện|thị xã|thành phố|quận|xã|phường|thị trấn)\s*:?\s+)?"
                           + NOT_A_PLACE + PLACE + r")+)")
LISTED_LOCALITIES = re.compile(r"(?i:các)\s+(?P<level>huyện|xã|phường|quận|thị xã|thị trấn)(?:\s+" + L + r"+){0,4}?"
                               r"\s*[:(]?\s*(?P<items>" + PLACE + r"(?:\s*(?:,|và)\s*" + NOT_A_PLACE + PLACE + r")+)\s*\)?")
OWN_UNIT = re.compile(r"(Thanh tra|Văn phòng)\s+Sở(?=\s+" + L + r"|\s*[,;.:])")
RELATIVE = re.compile(r"\s+(?:thuộc diện|được giao|là thành viên|có tên|thuộc (?:UBND|Ủy ban nhân dân) (?:xã|phường|huyện|"
                      r"quận|thị xã|đặc khu)|do\s+(?:tỉnh|huyện|UBND tỉnh|Ủy ban nhân dân tỉnh|Trung ương)\s+quản lý)"
                      r"(?:\s[^,;:.()]{2,80})?")
# "ông Nguyễn Văn A", "đồng chí …": whole words, on one line ("… giao thông\nSở Giao …" is no person)
PERSON = re.compile(r"(?=[ĐđÔôBb])(?<![\wÀ-ỹ])(?:[Đđ]ồng chí|[ÔôBb]à|[Ôô]ng)[^\S\n]+" + CAP + r"[\wÀ-ỹ]*"
                    r"(?:[^\S\n]+" + CAP + r"[\wÀ-ỹ]*){1,4}")


@dataclass(frozen=True)
class Mention:
    """A body named at [start, end): its canonical names (several when the text distributes)."""

    start: int
    end: int
    names: tuple[str, ...]
    head: str
    via_role: bool = False
    needs_locality: bool = False
    collective: bool = False


@dataclass
class Context:
    """What the document tells about names: its province, focal locality, issuer, known names."""

    province: str | None = None
    focal: str | None = None          # e.g. "huyện Bình Gia"
    province_is_city: bool = False    # a centrally-run city (Cần Thơ, Huế…)
    own_department: str | None = None  # the issuing Sở, for "Thanh tra Sở", "Văn phòng Sở"
    issuer_locality: str | None = None  # "huyện Tiền Hải" when a district issues the document
    aliases: dict[str, str] = field(default_factory=dict)  # "(sau đây gọi tắt là Ban Chỉ đạo)": short → full
    focal_by_level: dict[str, str] = field(default_factory=dict)  # within a section "Đối với xã Hoa Thám"
    issuer: str | None = None
    abbreviations: dict[str, str] = field(default_factory=dict)
    known: list[str] = field(default_factory=list)
    established: list[tuple[int, str]] = field(default_factory=list)  # (where, name) of bodies "thành lập" here
    addressees: list[str] = field(default_factory=list)
    investors: tuple[str, ...] = ()     # companies the document names, for "Nhà đầu tư"
    index: list[tuple[int, str, tuple[str, ...]]] = field(default_factory=list)  # (start, head, names) of the document
    mentions: list["Mention"] = field(default_factory=list)  # of the whole body, read once
    mentions_range: tuple[int, int] = (0, 0)
    mention_starts: list[int] = field(default_factory=list)
    collecting: bool = False  # while the whole body is read once, each mention joins the index
    canonical_names: dict = field(default_factory=dict, repr=False, compare=False)  # memo of ``canonical``
    long_forms: tuple[int, tuple[str, ...]] = field(default=(-1, ()), repr=False, compare=False)  # memo of ``_long_forms``

    def last_named(self, head: str, before: int, also=()) -> tuple[str, ...] | None:
        """The names of the last body with ``head`` named before ``before`` ("đề nghị Ban …")."""
        found = None
        seen = [*self.index[:bisect_left(self.index, (before,))], *((m.start, m.head, m.names) for m in also)]
        for start, h, names in seen:
            if start >= before:
                break
            if h == head and names and len(names[0]) > len(head) + 2:
                found = names
        return found


@lru_cache(maxsize=1)
def _patterns():
    lx = lexicon()
    heads = _alt(lx.heads)
    roles = _alt(lx.roles)
    groups = _alt(lx.group_nouns)
    quals = _alt(lx.group_qualifiers)
    levels = _alt(LOCALITY_LEVELS)
    # a later noun written with a capital opens a name of its own ("các địa phương, Sở Nông nghiệp …")
    groups_ci = _alt(lx.group_nouns, ci=True)
    joined = r"(?:(?=" + L + r")(?i:" + groups_ci + r")|(?i:" + groups_ci + r")(?![\wÀ-ỹ])(?!\s+" + U + r"))"
    collective = (r"(?:[Cc]ác|[Nn]hững)\s+(?i:" + groups_ci + r")(?:\s*,\s*" + joined + r")*"  # "các X, các Y": two
                  r"(?:\s+và\s+(?:" + groups + r")(?![\wÀ-ỹ]))?"  # "các cơ quan, đơn vị và địa phương"
                  r"(?:\s+(?:" + quals + r"))*(?![\wÀ-ỹ])")
    lead = _lead((*lx.roles, *lx.heads, "các", "những"))
    head_re = re.compile(lead + r"(?<![\wÀ-ỹ/\-])(?:(?P<role>(?:" + roles + r")(?:\s*,\s*(?:" + roles + r"))*)\s+)?"
                         r"(?:(?P<coll>" + collective + r")|(?P<head>" + heads + r")(?![\wÀ-ỹ]))")
    return head_re, re.compile(levels), re.compile(r"^\s*(?:" + levels + r")(?![\wÀ-ỹ])")


def _starts_with(text: str, pos: int, words: frozenset[str] | tuple, ci: bool = False) -> str | None:
    """The longest of ``words`` that stands at ``pos`` as whole words (case-insensitive if ``ci``)."""
    if not words:
        return None
    m = _matcher(words if isinstance(words, frozenset) else tuple(words), ci).match(text, pos)
    return m.group().lower() if (m and ci) else (m.group() if m else None)


@lru_cache(maxsize=64)
def _matcher(words, ci: bool) -> re.Pattern:
    return re.compile(r"(?:" + _alt(words, ci) + r")(?![\wÀ-ỹ])", re.IGNORECASE if ci else 0)


def _level_at(text: str, pos: int) -> str | None:
    return _starts_with(text, pos, LOCALITY_LEVELS + ("cấp tỉnh", "cấp huyện", "cấp xã", "các cấp"))


def _listed_level_at(text: str, pos: int) -> str | None:
    """A level in a list after "các": "các huyện, thành, thị" short for thành phố, thị xã."""
    return _level_at(text, pos) or _starts_with(text, pos, ("thành", "thị"))


def _skip_ws(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in " \t":
        pos += 1
    return pos


_IN_AREA = re.compile(r"trên địa bàn\s+(tỉnh|huyện|thành phố|thị xã|xã|phường|thị trấn)(?:\s+(" + PLACE + r"))?")
_LEVELS_OF = re.compile(r"(các cấp|cấp tỉnh|cấp huyện|cấp xã)\s+(?:của\s+)?(tỉnh|huyện|thành phố|thị xã|xã|phường|thị trấn)"
                        r"(?:\s+(" + PLACE + r"))?")
_COMMA_OR_AND = re.compile(r"\s*,\s*|\s+và\s+")
_COMMA = re.compile(r"\s*,\s*")
_PLACE_AFTER = re.compile(r"\s+(" + PLACE + r")")
_NEXT_LOWER = re.compile(r"\s+" + L)


def _locality(text: str, pos: int, end: int, via_role: bool = False) -> tuple[int, list[str]] | None:
    """At a level word: "huyện Bình Gia", "các huyện, thành phố", "các huyện: Chi Lăng, Cao Lộc"."""
    p = _skip_ws(text, pos, end)
    m = _IN_AREA.match(text, p, min(end, p + 240))
    if m:
        return m.end(), [m.group(1) + (" " + m.group(2) if m.group(2) else "")]
    m = _LEVELS_OF.match(text, p, min(end, p + 240))
    if m:
        return m.end(), [f"{m.group(1)} {m.group(2)}" + (" " + m.group(3) if m.group(3) else "")]
    lv = _level_at(text, p)
    if lv is None and text.startswith(("các ", "Các "), p):
        q = p + 4
        lv2 = _level_at(text, q)
        if lv2 is None or lv2.startswith("cấp") or lv2 == "tỉnh":
            if lv2 == "cấp" or lv2 == "các cấp":
                return None
        if lv2 is None:
            return None
        words = [lv2]
        q += len(lv2)
        while True:
            m = _COMMA_OR_AND.match(text, q, min(end, q + 240))
            if not m:
                break
            lv3 = _listed_level_at(text, m.end())
            if not lv3 or lv3.startswith("cấp"):
                break
            words.append(lv3)
            q = m.end() + len(lv3)
        # "các huyện: Chi Lăng, Cao Lộc, Văn Lãng", "các xã biên giới Mường Nhé, Nậm Kè" → one locality each
        m = LISTED_PLACES.match(text, q, end)
        if m and len(words) == 1:
            items = [x.strip() for x in re.split(r"\s*,\s*|\s+và\s+", m.group("items")) if x.strip()]
            level, out = words[0], []
            for item in items:
                own = re.match(r"(?:các\s+)?(huyện|thị xã|thành phố|quận|xã|phường|thị trấn)\s*:?\s+(.+)$", item)
                if own:
                    level, item = own.group(1), own.group(2)
                out.append(f"{level} {item}")
            return m.end(), out
        where = LOCATIVE.match(text, q, end)  # "các xã, phường ven sông Hậu và ven biển": part of the collective
        if where:
            return where.end(), ["các " + ", ".join(words) + where.group()]
        return q, ["các " + ", ".join(words)]
    if lv is None:
        return None
    q = p + len(lv)
    m = _PLACE_AFTER.match(text[q:min(end, q + 240)])
    if m and via_role and lv in ("tỉnh", "thành phố") and m.group(1).split()[0] in lexicon().surnames \
            and len(m.group(1).split()) >= 2 and not _is_province_name(m.group(1)):
        m = None  # "Phó Chủ tịch UBND thành phố Lê Minh Khải": the role holder's name, not a place
    if m and (" " not in m.group(1)) and _NEXT_LOWER.match(text[q + m.end(1):q + m.end(1) + 3]):
        m = None  # "UBND tỉnh Quyết định …": a one-syllable "place" running into a word is not a place
    if m and not _starts_with(text, q + m.start(1), lexicon().heads):
        return q + m.end(1), [f"{lv} {m.group(1)}"]
    # "UBND huyện, xã": several levels, each local to the context
    more = [lv]
    while True:
        m = _COMMA.match(text, q, min(end, q + 240))
        if not m:
            break
        lv3 = _level_at(text, m.end())
        if not lv3 or lv3.startswith("cấp"):
            break
        more.append(lv3)
        q = m.end() + len(lv3)
    return q, more


def _long_forms(ctx: Context) -> tuple[str, ...]:
    """Expansions that hold commas or hyphens ("phòng, chống thiên tai và tìm kiếm cứu nạn")."""
    if ctx.long_forms[0] != len(ctx.abbreviations):
        ctx.long_forms = (len(ctx.abbreviations),
                          tuple(v for v in ctx.abbreviations.values() if "," in v or " - " in v))
    return ctx.long_forms[1]


_ABBREVIATION_IN_PLACE = re.compile(r"\(\s*" + U + r"[A-ZĐ&\-]{1,12}\s*\)")
_COMMA_CHONG = re.compile(r",\s*chống\b")
_DASH_BRANCH = re.compile(r"[-–]\s*Chi nhánh\b")
_NAME_WORD = re.compile(r"[\wÀ-ỹ&]+(?:\.[\wÀ-ỹ]+)*")
_PEOPLES_COMMITTEE = re.compile(r"(?:UBND|Ủy ban nhân dân)\b")
_NEXT_CAPITAL = re.compile(r"\s+" + U)


@lru_cache(maxsize=1)
def _heads_and_roles() -> tuple[str, ...]:
    return tuple(lexicon().heads) + tuple(lexicon().roles)


def _name_extent(text: str, pos: int, end: int, ctx: Context, head: str = "", via_role: bool = False) -> tuple[int, list[str]]:
    """From just after a head: the rest of the name, and its localities (if any)."""
    lx = lexicon()
    heads_roles = _heads_and_roles()
    q = pos
    words = 0
    last = pos
    needs_name = head in NAMED_HEADS and head not in WHOLE_HEADS
    company = head.lower() in ("công ty", "tổng công ty", "tập đoàn")
    titled, titled_at = 0, pos
    localities_done = False
    prev_word = head.split()[-1]
    while q < end and words < 24:
        p = _skip_ws(text, q, end)
        if p >= end:
            break
        loc = _locality(text, p, end, via_role) if (_level_at(text, p) or text.startswith(("các ", "Các ", "trên địa bàn"), p)) \
            else None
        if loc:
            return loc[0], loc[1]
        long_form = (_starts_with(text, p, _long_forms(ctx)) or _starts_with(text, p, lx.name_phrases, ci=True)) \
            if words or head in FUSED_HEADS \
            else _starts_with(text, p, _long_forms(ctx))
        if long_form:
            q = p + len(long_form)
            words += len(long_form.split())
            last = q
            continue
        ch = text[p]
        if ch == "(":  # an abbreviation defined in place: "Ban An toàn giao thông (ATGT) tỉnh"
            m = _ABBREVIATION_IN_PLACE.match(text, p, min(end, p + 240))
            if m:
                q = m.end()
                continue
            break
        if ch == "," and _COMMA_CHONG.match(text[p:p + 12]) and prev_word.lower() == "phòng":
            q = p + 1  # "Phòng, chống thiên tai …" inside a name
            continue
        if ch in "-–" and _DASH_BRANCH.match(text[p:p + 14]):
            q = _skip_ws(text, p + 1, end)  # "Ngân hàng Nhà nước Việt Nam - Chi nhánh tỉnh Sơn La"
            continue
        if ch == "," and not localities_done and _COMMA_TO_LEVEL.match(text, p, min(end, p + 60)):
            q = p + 1  # "Ban Chỉ đạo xóa nhà tạm, nhà dột nát tỉnh": the name goes on to its locality
            continue
        if ch in "-–":
            titled = 0
        if ch in ",-–&":
            nxt = _skip_ws(text, p + 1, end)
            if nxt < end and text[nxt].isupper() and not _starts_with(text, nxt, heads_roles) \
                    and not text.startswith(("UBND", "HĐND"), nxt):
                q = nxt
                continue
            break
        m = _NAME_WORD.match(text[p:min(end, p + 240)])
        if not m:
            break
        word = m.group()
        if word in ("và",):
            nxt = _skip_ws(text, p + 3, end)
            if head == "Văn phòng" and _PEOPLES_COMMITTEE.match(text[nxt:nxt + 20]):
                q = nxt  # "Văn phòng HĐND và UBND huyện": one office
                continue
            if nxt < end and text[nxt].isupper() and not _starts_with(text, nxt, heads_roles) \
                    and not text.startswith(("UBND", "HĐND"), nxt):
                q = nxt
                continue
            break
        stop = _starts_with(text, p, lx.boundaries, ci=True)
        if stop and prev_word and f"{prev_word.lower()} {word.lower()}" in NOUN_COMPOUNDS:
            stop = None
        if stop:
            nxt_word = _NEXT_WORD.match(text[p + m.end():p + m.end() + 20])
            if nxt_word and f"{word.lower()} {nxt_word.group(1).lower()}" in ("giao thông", "giao dịch", "thông tin"):
                stop = None  # "An toàn giao thông": "giao" begins a noun here
        if stop and not word[0].isupper() and not (words == 0 and needs_name and stop in NAME_VERBS) \
                and not (company and stop in COMPANY_WORDS):
            break
        if via_role and words > 0 and word in lx.surnames and _NEXT_CAPITAL.match(text[p + m.end():p + m.end() + 3]):
            break  # "Giám đốc Sở X Nguyễn Văn A": the person's name follows the body's
        if company and word[0].islower() and titled >= 2:
            break  # "Công ty Cổ phần Cấp nước Sóc Trăng vận hành …": the name ended with the place
        if word[0].islower() and titled >= 2 and _is_province_name(" ".join(text[titled_at:p].split())):
            break  # "Báo và Phát thanh, Truyền hình Đồng Nai tăng thời lượng …": the province's name ends it
        if word[0].isupper() and not word.isupper() and not titled:
            titled_at = p
        titled = titled + 1 if (word[0].isupper() and not word.isupper()) else (titled if word.isupper() else 0)
        prev_word = word
        words += 1
        q = p + m.end()
        last = q
    return last, []


def _learned(ctx: Context, name: str) -> str:
    if not ctx.abbreviations:
        return name
    return _abbreviation_re(tuple(ctx.abbreviations)).sub(lambda m: ctx.abbreviations[m.group()], name)


@lru_cache(maxsize=64)
def _abbreviation_re(abbrs: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\wÀ-ỹ&])(?:" + "|".join(re.escape(a) for a in sorted(abbrs, key=len, reverse=True))
                      + r")(?![\wÀ-ỹ&])")


def canonical(name: str, ctx: Context) -> str:
    """Expanded, province-free canonical name."""
    key = (name, ctx.province, ctx.province_is_city, len(ctx.abbreviations))
    found = ctx.canonical_names.get(key)
    if found is None:
        found = ctx.canonical_names[key] = _canonical(name, ctx)
    return found


_DEFINED_ABBREVIATION = re.compile(r"\s*\((?:" + U + r"[A-ZĐ&\-]{1,12})\)\s*")
_IN_PROVINCE = re.compile(r"\s+trên địa bàn tỉnh$")


def _canonical(name: str, ctx: Context) -> str:
    name = " ".join(name.replace("*", " ").split()).strip(" ,;:-")
    name = _DEFINED_ABBREVIATION.sub(" ", name).strip()
    name = expand(_learned(ctx, name))
    if ctx.province and name.startswith(PROVINCIAL_HEADS):
        # a body of the province's own government leaves the province's name off ("Sở Xây dựng", not
        # "… tỉnh Lạng Sơn"); a branch of a central agency keeps it ("Đài Khí tượng Thủy văn tỉnh Bến Tre")
        level = "thành phố" if ctx.province_is_city else "tỉnh"  # Lạng Sơn has a thành phố Lạng Sơn inside
        if ctx.province in name:
            name = re.sub(r"\s+" + level + r"\s+" + re.escape(ctx.province) + r"$", " " + level, name)
    if name.endswith("tỉnh"):
        name = _IN_PROVINCE.sub(" tỉnh", name)
    if name.startswith("Sở ") and name.endswith(" tỉnh"):
        name = name[: -len(" tỉnh")]
    if name.startswith(("các ", "những ")):
        name = "Các " + name.split(" ", 1)[1]
    if name.startswith("công ty"):
        name = "C" + name[1:]
    return name


def _collective_name(raw: str, ctx: Context) -> str:
    raw = _DROPPED().sub("", " ".join(raw.split()))
    return canonical(raw, ctx)


@lru_cache(maxsize=1)
def _DROPPED() -> re.Pattern:  # noqa: N802 - a compiled constant built from the lexicon
    words = sorted(lexicon().group_qualifiers_dropped, key=len, reverse=True)
    return re.compile(r"(?<!cấp)(?<!tuyến)(?<!trong)(?<!ngoài)(?:\s+(?:" + "|".join(re.escape(q) for q in words) + r"))+$")


LOCAL_GROUP = re.compile(
    r"(?=[CcHhTtLl])(?<![\wÀ-ỹ])(?:(?:[Cc]ả\s+)?[Hh]ệ thống chính trị|[Cc]ác cấp,\s*các ngành|[Cc]ác cấp ủy(?: đảng)?,\s*chính quyền"
    r"|(?:[Tt]ập thể\s+)?[Ll]ãnh đạo,\s*cán bộ,?\s*công chức,\s*viên chức)\s+(?:của\s+)?"
    r"(?P<lv>tỉnh|huyện|thành phố|thị xã|xã|phường|thị trấn|[Hh]uyện|[Xx]ã)(?:\s+(?P<place>" + PLACE + r"))?")


_COMMA_TO_LEVEL = re.compile(r",\s*(?!các\b)(?:" + L + r"+\s+){1,3}(?:tỉnh|huyện|thành phố|thị xã|xã)(?![\wÀ-ỹ])")
_BARE_DUTY = re.compile(r"\s+(?:tiếp tục|chủ động|khẩn trương|phối hợp|có trách nhiệm|chịu trách nhiệm|có nhiệm vụ|cần)\b")


def _bare_head(text: str, head: str, hend: int, start: int, out: list, ctx: Context) -> tuple[str, ...] | None:
    """A bare "Ban", "Hội đồng" with a duty after it: the body of that kind named just before."""
    if head not in ("Ban", "Sở", "Trung tâm", "Hội đồng", "Tổ công tác", "Đoàn") or not _BARE_DUTY.match(text, hend):
        return None
    return ctx.last_named(head, start, out)


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies in one of ``spans`` (sorted by start, not overlapping)."""
    k = bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def mentions_in(text: str, start: int, end: int, ctx: Context) -> list[Mention]:
    """Bodies named in ``text[start:end]``: from the document's single reading when it holds the
    range and no section-local locality applies, else read anew."""
    if ctx.mentions and not ctx.focal_by_level and ctx.mentions[0].start >= 0:
        lo, hi = ctx.mentions_range
        if lo <= start and end <= hi:
            i = bisect_left(ctx.mention_starts, start)
            j = bisect_left(ctx.mention_starts, end)
            return [m for m in ctx.mentions[i:j] if m.end <= end]
    return find_mentions(text, start, end, ctx)


def find_mentions(text: str, start: int, end: int, ctx: Context) -> list[Mention]:
    """Bodies named in ``text[start:end]``, in order, persons left out."""
    groups = list(LOCAL_GROUP.finditer(text, start, end))
    spans = [(g.start(), g.end()) for g in groups]
    out = [x for x in _find_mentions(text, start, end, ctx) if not _inside(spans, x.start)]
    taken = [(x.start, x.end) for x in out]
    for m in INVESTOR.finditer(text, start, end):
        if m.group()[0].isupper() and not _inside(taken, m.start()) and text[max(0, m.start() - 1)] != "(":
            out.append(Mention(m.start(), m.end(), ctx.investors or (m.group()[0].upper() + m.group()[1:],),
                               head="Nhà đầu tư"))
    for m in groups:
        lv = m.group("lv").lower()
        name = f"Ủy ban nhân dân {lv} {m.group('place')}" if m.group("place") else _localise(f"Ủy ban nhân dân {lv}", ctx)
        out.append(Mention(m.start(), m.end(), (name,), head="UBND", collective=False))
    out.sort(key=lambda x: x.start)
    out = _district_units(out, ctx, text)
    if ctx.collecting:
        ctx.index.extend((m.start, m.head, m.names) for m in out)
    return out


@lru_cache(maxsize=256)
def _is_province_name(name: str) -> bool:
    try:
        from chidao.registry import load
        return load().find_province(name) is not None
    except Exception:  # registry unavailable
        return False


def _join_known(kind: str, items: list[str]) -> list[str]:
    """"Văn hóa", "Thể thao và Du lịch" → "Văn hóa, Thể thao và Du lịch" where the registry knows the whole."""
    known = _all_known_names()
    out: list[str] = []
    i = 0
    while i < len(items):
        j = len(items)
        while j > i + 1 and _fold_key(f"{kind} " + ", ".join(items[i:j])) not in known:
            j -= 1
        out.append(", ".join(items[i:j]))
        i = j
    return out


@lru_cache(maxsize=1)
def _all_known_names() -> frozenset[str]:
    try:
        from chidao.registry import load
        return frozenset(_fold_key(n) for b in load().bodies for n in (b.name, *b.aliases))
    except Exception:
        return frozenset()


def _fold_key(name: str) -> str:
    from chidao.registry import expand_abbreviations, fold
    return fold(expand_abbreviations(name))


_DESCRIPTOR_WORD = re.compile(r"(?:\s+|,\s*)(?!(?:và|các|của|với|theo|trên|tại|trong|để|nhằm|có|được|đã|cần|phải|này|nêu|nói|"
                              r"vừa|đó|kể|như)\b)"
                              r"(" + L + r"+|[A-ZĐ]{2,6}(?![\wÀ-ỹ]))")  # "các công ty TNHH MTV lâm nghiệp"


def _descriptor_end(text: str, pos: int, end: int, limit: int = 5) -> int:
    """Lower-case words that describe a collective ("… chủ chương trình, chủ dự án thành phần"),
    up to a verb; where a verb comes first, nothing is taken."""
    lx = lexicon()
    q, taken = pos, 0
    while taken < limit:
        m = _DESCRIPTOR_WORD.match(text, q, end)
        if not m or _starts_with(text, m.start(1), lx.verbs, ci=True) or m.group(1) in LOCALITY_LEVELS \
                or _starts_with(text, m.start(1), lx.roles, ci=True):
            break
        if m.group(1).isupper() and ("," in text[q:m.start(1)] or _starts_with(text, m.start(1), lx.heads)):
            break  # "các sở, ngành, UBND các huyện": a new body, not a descriptor like "TNHH MTV"
        q, taken = m.end(), taken + 1
    if taken:  # "các bệnh viện đa khoa, chuyên khoa trong tỉnh": a qualifier after the descriptors
        qualified = _qualifier_after().match(text, q, end)
        q = qualified.end() if qualified else q
    return q if taken else pos


@lru_cache(maxsize=1)
def _qualifier_after() -> re.Pattern:
    return re.compile(r"\s+(?:" + _alt(lexicon().group_qualifiers) + r")(?![\wÀ-ỹ])")


_LOCAL_COMMITTEE = re.compile(r"Ủy ban nhân dân ((?:các )?(?:huyện|thị xã|thành phố|quận|xã|phường)\b.*)$")
_ANY_LEVEL = re.compile(r"\b(?:huyện|thị xã|thành phố|quận|tỉnh|xã|phường|thị trấn)\b")


def _district_units(mentions: list[Mention], ctx: Context, text: str) -> list[Mention]:
    """"UBND các huyện …; giao Phòng Nội vụ …": a district office takes the locality named before it
    in its paragraph (or, in a document about one district or commune, that one)."""
    out = []
    default = next((x for x in (ctx.issuer_locality, ctx.focal) if x and not x.startswith(("tỉnh", "xã", "phường",
                                                                                           "thị trấn", "đặc khu"))),
                   ctx.focal if ctx.focal and not ctx.focal.startswith("tỉnh") else None)
    locality = default
    prev_end = None
    for m in mentions:
        if prev_end is not None and "\n" in text[prev_end:m.start]:
            locality = default
        prev_end = m.end
        lm = _LOCAL_COMMITTEE.match(m.names[0]) if m.names and m.names[0].startswith("Ủy ban nhân dân ") else None
        if lm and not m.names[0].endswith("tỉnh"):
            locality = lm.group(1)
        if m.head == "Phòng" and len(m.names) == 1 and locality and not _ANY_LEVEL.search(m.names[0]):
            m = Mention(m.start, m.end, (f"{m.names[0]} {locality}",), m.head, m.via_role, False, m.collective)
        out.append(m)
    return out


INVESTOR = re.compile(r"(?=[NnC])(?<![\wÀ-ỹ])(?:[Nn]hà đầu tư|Chủ đầu tư)(?![\wÀ-ỹ])(?!\s+(?:đề xuất|được|đã|là))")


def _find_mentions(text: str, start: int, end: int, ctx: Context) -> list[Mention]:
    head_re, _, _ = _patterns()
    persons = [(m.start(), m.end()) for m in PERSON.finditer(text, start, end)]
    person_starts = [a for a, _ in persons]
    out: list[Mention] = []
    pos = start
    while pos < end:
        m = head_re.search(text, pos, end)
        if not m:
            break
        k = bisect_right(person_starts, m.start()) - 1
        if k >= 0 and m.start() < persons[k][1]:
            pos = m.end()
            continue
        role = m.group("role")
        if m.group("coll"):
            raw = m.group("coll")
            places = LISTED_LOCALITIES.match(text, m.start("coll"), end)
            if places:  # "các xã Ea Súp, Ia Lốp, Ea Rốk", "các huyện đã có dịch (Thanh Sơn, Tân Sơn)"
                items = [x.strip() for x in re.split(r"\s*,\s*|\s+và\s+", places.group("items")) if x.strip()]
                names = tuple(f"Ủy ban nhân dân {places.group('level')} {x}" for x in items)
                out.append(Mention(m.start(), places.end(), names, head="UBND", via_role=bool(role)))
                pos = places.end()
                continue
            listed = LISTED.match(text, m.start("coll"), end)
            if listed:  # "các sở: Nông nghiệp và PTNT, Tài chính, Y tế" → one body each
                kind = listed.group("kind").capitalize()
                items = _join_known(kind, [x.strip() for x in re.split(r"\s*,\s*", listed.group("items")) if x.strip()])
                names = tuple(canonical(f"{kind} {x}", ctx) for x in items)
                out.append(Mention(m.start(), listed.end(), names, head=kind, via_role=bool(role)))
                pos = listed.end()
                continue
            rel = RELATIVE.match(text, m.end(), end)
            if rel:  # "các đơn vị sự nghiệp công lập thuộc diện sắp xếp", "các sở, ngành được giao phụ trách …"
                stop = rel.end()
                for k, b in enumerate(re.finditer(r"\s+", text[rel.start():rel.end()])):
                    if k >= 4 and _starts_with(text, rel.start() + b.end(), lexicon().boundaries, ci=True):
                        stop = rel.start() + b.start()
                        break
                raw = text[m.start("coll"):stop]
                m_end = stop
            else:
                m_end = _descriptor_end(text, m.end(), end)  # "các cơ quan chủ chương trình, chủ dự án thành phần"
                raw = text[m.start("coll"):m_end]
            names = (_collective_name(raw, ctx),)
            out.append(Mention(m.start(), m_end, names, head="các", via_role=bool(role), collective=True))
            pos = m_end
            continue
        head = m.group("head")
        hend = m.end("head")
        own = OWN_UNIT.match(text, m.start("head"), end) if ctx.own_department else None
        if own:  # "Thanh tra Sở", "Văn phòng Sở" in a department's document
            out.append(Mention(m.start(), own.end(), (f"{own.group(1)} {ctx.own_department}",), head=own.group(1),
                               via_role=bool(role)))
            pos = own.end()
            continue
        if head in CAPITAL_HEADS and not re.match(r"\s+(?:" + U + r"|\d)", text[hend:hend + 3]):
            earlier = None if role else _bare_head(text, head, hend, m.start("head"), out, ctx)
            if earlier:  # "đề nghị Ban tiếp tục …": the Ban named before
                out.append(Mention(m.start(), hend, earlier, head=head, via_role=bool(role)))
            pos = hend
            continue
        known = _known_at(text, m.start("head"), end, ctx)
        if known:
            kend, kname = known
            out.append(Mention(m.start(), kend, (kname,), head=head, via_role=bool(role)))
            pos = kend
            continue
        nend, localities = _name_extent(text, hend, end, ctx, head, bool(role))
        base = text[m.start("head"):nend]
        if localities:
            # base holds the locality text too; rebuild per locality
            loc_start = _loc_start(text, hend, nend)
            stem = text[m.start("head"):loc_start].strip()
            names = tuple(canonical(f"{stem} {loc}", ctx) for loc in localities)
            needs = any(loc in LOCALITY_LEVELS for loc in localities)
            if needs and ctx.focal:
                names = tuple(_localise(n, ctx) for n in names)
            out.append(Mention(m.start(), nend, names, head=head, via_role=bool(role), needs_locality=False))
        else:
            name = canonical(base, ctx)
            lone = head in LONE_HEADS and nend == hend
            if head not in WHOLE_HEADS and nend == hend:
                earlier = None if role else _bare_head(text, head, hend, m.start("head"), out, ctx)
                if earlier:  # "Hội đồng có nhiệm vụ …": the Hội đồng named before
                    out.append(Mention(m.start(), hend, earlier, head=head, via_role=bool(role)))
                pos = hend
                continue  # a bare head word, not a name
            if head in COREF_HEADS:
                name = _corefer(name, ctx)
            out.append(Mention(m.start(), nend, (name,), head=head, via_role=bool(role), needs_locality=lone))
        pos = max(nend, m.end())
    return _share_localities(out, text, ctx)


_LOCALITY_START = re.compile(r"(?<![\wÀ-ỹ])(?:trên địa bàn|các cấp|cấp (?:tỉnh|huyện|xã)|(?:các\s+)?(?:"
                             + "|".join(LOCALITY_LEVELS) + r"))(?![\wÀ-ỹ])")


def _loc_start(text: str, s: int, e: int) -> int:
    m = _LOCALITY_START.search(text[s:e])
    return s + m.start() if m else e


def _localise(name: str, ctx: Context) -> str:
    """"Ủy ban nhân dân huyện" in a document about huyện Bình Gia → "… huyện Bình Gia";
    "Ủy ban nhân dân xã" there → "Ủy ban nhân dân các xã huyện Bình Gia"."""
    for lv in LOCALITY_LEVELS:
        if name.endswith(" " + lv) and lv in ctx.focal_by_level:
            return name + ctx.focal_by_level[lv][len(lv):]
        if name.endswith(" " + lv) and ctx.issuer_locality and ctx.issuer_locality.startswith(lv + " "):
            return name + ctx.issuer_locality[len(lv):]  # "Văn phòng Điều phối nông thôn mới huyện" of the issuing district
    if not ctx.focal:
        return name
    focal_level = ctx.focal.split(" ")[0] if not ctx.focal.startswith("thành phố") else "thành phố"
    for lv in LOCALITY_LEVELS:
        if name.endswith(" " + lv):
            if lv == focal_level:
                return name + ctx.focal[len(lv):]
            if lv in ("xã", "phường", "thị trấn") and focal_level in ("huyện", "thị xã", "thành phố", "quận"):
                return name[: -len(lv)] + "các " + lv + " " + ctx.focal
    return name


_NAME_LOCALITY = re.compile(r"\s((?:các\s+)?(?:" + "|".join(LOCALITY_LEVELS) + r")(?:[\s,].*)?)$")


def _share_localities(mentions: list[Mention], text: str, ctx: Context) -> list[Mention]:
    """"Chủ tịch UBND, Trưởng Ban Chỉ huy PCTT&TKCN các huyện, thành phố": the locality is shared."""
    out = list(mentions)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.needs_locality and _COMMA.fullmatch(text[a.end:b.start]) and b.names:
            loc = _NAME_LOCALITY.search(b.names[0])
            if loc:
                out[i] = Mention(a.start, a.end, (canonical(a.names[0] + " " + loc.group(1), ctx),), a.head,
                                 a.via_role, False, a.collective)
    return out


@lru_cache(maxsize=128)
def _registry_names(province: str | None) -> dict[str, tuple[tuple[str, str], ...]]:
    """(folded alias, canonical name) pairs of the central bodies and the province's, longest first,
    by the alias's first two folded words."""
    try:
        from chidao.registry import fold, load
        reg = load()
    except Exception:
        return {}
    pairs = []
    for body in reg.bodies:
        foreign = body.province is not None and body.province != province
        for alias in (body.name, *getattr(body, "aliases", ())):
            if not alias or len(alias) <= 6:
                continue
            if foreign and (fold(body.province) in fold(alias) or not alias.startswith(("Sở ", "Ban Dân tộc"))):
                continue  # another province's own body; its department names are the same everywhere
            pairs.append((fold(alias), body.name))
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    index: dict[str, list[tuple[str, str]]] = {}
    for folded, name in pairs:
        index.setdefault(" ".join(folded.split()[:2]), []).append((folded, name))
    return {k: tuple(v) for k, v in index.items()}


_TWO_WORDS = re.compile(r"\S+\s+\S+")
_WORD = re.compile(r"[\wÀ-ỹ]+")
_LEVEL_AND_PLACE = re.compile(r"\s+(?:" + "|".join(LOCALITY_LEVELS) + r")\s+" + CAP)
_BRANCH = re.compile(r"\s*[-–]\s*Chi nhánh\b")
_NEXT_WORD = re.compile(r"\s+([\wÀ-ỹ]+)")
_PROVINCE_TAIL = re.compile(r"\s+tỉnh(?:\s+" + PLACE + r")?(?![\wÀ-ỹ])")


@lru_cache(maxsize=4096)
def _fold_two(words: str) -> str:
    """The registry index key of two words: folded, the first two folded tokens."""
    from chidao.registry import fold
    return " ".join(fold(words).split()[:2])


def _known_at(text: str, pos: int, end: int, ctx: Context) -> tuple[int, str] | None:
    """A registry name starting at ``pos`` and ending at a word boundary."""
    index = _registry_names(ctx.province)
    if not index:
        return None
    from chidao.registry import fold
    two = _TWO_WORDS.match(text, pos, min(end, pos + 40))
    candidates = index.get(_fold_two(two.group()), ()) if two else ()
    if not candidates:
        return None
    window = text[pos:min(end, pos + 90)]
    fw = fold(window)
    ms: list[re.Match] | None = None
    for folded, name in candidates:
        if fw.startswith(folded) and (len(fw) == len(folded) or fw[len(folded)] == " "):
            # map folded length back onto the text: count words
            nwords = len(folded.split())
            if ms is None:
                ms = list(_WORD.finditer(window))
            if len(ms) < nwords:
                continue
            stop = pos + ms[nwords - 1].end()
            alias_caps = [w[:1].isupper() for w in name.split() if w[:1].isalpha()]
            text_caps = [x.group()[:1].isupper() for x in ms[:nwords]]
            if len(alias_caps) == len(text_caps) and alias_caps != text_caps and any(
                    a and not t for a, t in zip(alias_caps, text_caps)):
                continue
            after = text[stop:stop + 30]
            if _LEVEL_AND_PLACE.match(after) and not name.startswith("Sở"):
                return None  # a local body of the same kind: let the grammar read its locality
            if _BRANCH.match(text[stop:stop + 20]):
                return None  # "Ngân hàng Nhà nước Việt Nam - Chi nhánh tỉnh Sơn La": the branch, read by the grammar
            nxt = _NEXT_WORD.match(after)
            if nxt and nxt.group(1)[0].islower() and not _starts_with(text, stop + nxt.start(1), lexicon().boundaries, ci=True) \
                    and nxt.group(1) not in LOCALITY_LEVELS and not name.startswith("Sở "):
                return None  # the text goes on with a longer name ("… xây dựng các công trình giao thông")
            tail = _PROVINCE_TAIL.match(text[stop:stop + 40])
            if tail and name.startswith(("Sở ", "Ban ", "Văn phòng", "Thanh tra", "Công an", "Bộ Chỉ huy")):
                stop += tail.end()
            return stop, name
    return None


def with_coreference(m: Mention, ctx: Context) -> Mention:
    """The mention with a short name ("Hội đồng thẩm định") replaced by the longer one named elsewhere."""
    if m.head == "Nhà đầu tư" and ctx.investors and m.names != ctx.investors:
        return Mention(m.start, m.end, ctx.investors, m.head, m.via_role, m.needs_locality, m.collective)
    if len(m.names) == 1 and m.names[0] in ctx.aliases:
        return Mention(m.start, m.end, (ctx.aliases[m.names[0]],), m.head, m.via_role, m.needs_locality, m.collective)
    if m.head not in COREF_HEADS or len(m.names) != 1:
        return m
    name = _corefer(m.names[0], ctx)
    return m if name == m.names[0] else Mention(m.start, m.end, (name,), m.head, m.via_role, m.needs_locality,
                                                 m.collective)


def _corefer(name: str, ctx: Context) -> str:
    """A short name ("Hội đồng thẩm định") for a longer one named before in the document."""
    words = name.split()
    if len(words) < 2 or all(w[:1].isupper() for w in words):
        return name  # "Ban Chỉ đạo", "Ban Quản lý": a kind of body, not a short name
    for longer in ctx.known:
        if longer != name and longer.startswith(name + " "):
            return longer
    return name


def learn_abbreviations(text: str) -> dict[str, str]:
    """Abbreviations the document defines: "Ban An toàn giao thông (ATGT)" → ATGT: An toàn giao thông."""
    found: dict[str, str] = {}
    for m in re.finditer(r"\((?P<abbr>" + U + r"[A-ZĐa-z]*(?:[&\-]" + U + r"+)*)\)", text):
        abbr = m.group("abbr")
        lead = re.search(r"([\wÀ-ỹ ,\-–&]{3,120})\s*$", text[max(0, m.start() - 120):m.start()])
        if not lead:
            continue
        letters = [c for c in abbr if c.isalpha() and c.isupper()]
        if len(letters) < 2 or len(letters) > 10 or abbr in found:
            continue
        words = re.findall(r"[\wÀ-ỹ]+|[,\-–]", lead.group(1))
        picked: list[str] = []
        need = len(letters)
        for w in reversed(words):
            if need == 0:
                break
            if w in (",", "-", "–") or w == "và":
                picked.insert(0, w)
                continue
            picked.insert(0, w)
            need -= 1
        if need:
            continue
        syl = [w for w in picked if w not in (",", "-", "–", "và")]
        if _fold1(syl[0][0]) != _fold1(letters[0]) or _fold1(syl[-1][0]) != _fold1(letters[-1]):
            continue
        phrase = " ".join(picked).replace(" ,", ",").replace(" - ", " - ")
        found[abbr] = phrase
    return found


def _fold1(c: str) -> str:
    import unicodedata
    c = c.lower().replace("đ", "d")
    return "".join(x for x in unicodedata.normalize("NFD", c) if not unicodedata.combining(x))
