"""Dates and deadlines in the normalised text, with absolute spans.

Two layers:

* **Date mentions** (:func:`find_dates`, :func:`parse_date`): "03/8/2021", "03-8-2021",
  "03.8.2021", "ngày 03 tháng 8 năm 2021", "ngày 28, 29/7/2021" (the last day counts),
  "ngày 30/01" (year from ``base``), "tháng 8/2023", "quý III/2024", "6 tháng đầu năm
  2023", "năm 2024", "cuối tháng 8/2024" (Civil Code art. 146), "Tết Nguyên đán 2025".
  A day and month without a year take the first such date on or after ``base``; a
  month or quarter the first one ending on or after it; halves, year parts and "năm nay"
  the base's year. Impossible dates (31/2) are not dates. Art. 146 points: đầu/giữa/cuối
  tháng → the 1st/15th/last day, năm → 1/1, 30/6, 31/12; quý (no legal reading; by
  analogy) → its first day, the 15th of its middle month, its last day.
* **Deadlines** (:func:`find_deadlines`): a trigger phrase right before a mention
  ("trước ngày 10/8/2021", "chậm nhất trong tháng 6/2024", "hết năm 2024", "trước Tết
  Nguyên đán 2025"), relative limits ("trong thời hạn 10 ngày làm việc kể từ ngày nhận
  được văn bản") and recurring duties ("trước ngày 15 hằng tháng", "định kỳ 06 tháng").
  The trigger words live in ``registry/data/deadline_phrases.yaml``, where their readings
  are documented. A mention with no trigger ("Quyết định số 1101/QĐ-UBND ngày 17/7/2023",
  "đến năm 2030", "năm 2024") is not a deadline.

Deadline kinds: ``by_date`` (a written day), ``by_period`` (the end, or the start, of a
month, quarter, half, year or an art. 146 point), ``event`` (Tết), ``relative`` and
``recurring``. Written dates are kept as written (art. 148 is not applied); a relative
limit counted in calendar days or months from the document's own date is moved off a
day off as art. 148 says, and ``rule["period_end"]`` then keeps the unmoved day.
"""
from __future__ import annotations

import calendar as _stdcal
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources

import yaml

from chidao.calendar import add_working_days, due_date_for_period_end, lunar_new_year
from chidao.extract.chars import LOWER_LETTERS
from chidao.extract.model import Deadline

_S = r"[^\S\n]+"        # spaces within a line
_O = r"[^\S\n]*"
_FLAGS = re.IGNORECASE
_REF_YEAR = 2001        # a common year, for arithmetic on days whose year is unknown

MD = tuple[int, int]    # (month, day)


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


# ---- phrase tables -------------------------------------------------------------------------

_PHRASES_FILE = "deadline_phrases.yaml"


def _phrase(spec: str) -> str:
    """Regex of a phrase in the table syntax (see deadline_phrases.yaml).

    Slots are split by spaces; ``a|b`` offers either word; ``[a b|c]`` is an optional slot
    whose alternatives may hold several words.
    """
    parts: list[str] = []
    for slot in re.findall(r"\[[^\]]*\]|[^\s\[]+", _nfc(spec)):
        optional = slot.startswith("[")
        words = [alt.split() for alt in slot.strip("[]").split("|")]
        alt = "(?:" + "|".join(_S.join(map(re.escape, w)) for w in words if w) + ")"
        if not parts:
            if optional:
                raise ValueError(f"phrase {spec!r} may not start with an optional slot")
            parts.append(alt)
        else:
            parts.append(f"(?:{_S}{alt})?" if optional else f"{_S}{alt}")
    if not parts:
        raise ValueError("empty phrase")
    return "".join(parts)


def _alternation(specs) -> str:
    regexes = sorted((_phrase(s) for s in specs), key=len, reverse=True)
    return "(?:" + "|".join(regexes) + ")"


def _first_chars(specs) -> str:
    """A lookahead on the first letters of the phrases: lets the regex engine skip fast."""
    letters = {w[0] for spec in specs for w in _nfc(spec).split()[0].split("|") if w}
    letters |= {c.upper() for c in letters} | {c.lower() for c in letters}
    return "(?=[" + "".join(re.escape(c) for c in sorted(letters)) + "])"


_WORD_LISTS = ("cancelled_after", "soft_markers", "past_markers", "duty_markers",
               "scope_nouns", "done_verbs", "relative.heads", "relative.heads_needing_base",
               "relative.base_intro", "relative.not_followed_by", "relative.not_preceded_by",
               "recurring.each", "recurring.periodic", "recurring.heads")


def _load_phrases(path=None) -> dict:
    """Read ``deadline_phrases.yaml`` (or ``path``) and check its shape; errors name the file."""
    path = path or resources.files("chidao.registry") / "data" / _PHRASES_FILE

    def require(ok: bool, what: str) -> None:
        if not ok:
            raise ValueError(f"{path}: malformed deadline phrase table: {what}")

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    require(isinstance(data, dict), "the top level must be a mapping")
    for key in ("triggers", "relative", "recurring"):
        require(isinstance(data.get(key), dict), f"'{key}' must be a mapping")
    for dotted in _WORD_LISTS + tuple(f"triggers.{k}" for k in _MEANINGS):
        node = data
        for key in dotted.split("."):
            node = node.get(key) if isinstance(node, dict) else None
        require(isinstance(node, list) and node and all(isinstance(w, str) and w.strip()
                                                        for w in node),
                f"'{dotted}' must be a non-empty list of phrases")
    require(set(data["triggers"]) == set(_MEANINGS), "triggers must be " + ", ".join(_MEANINGS))
    units, periods = data["relative"].get("units"), data["recurring"].get("periods")
    require(isinstance(units, dict) and set(units.values()) <= set(_UNITS),
            "relative.units must map phrases to " + ", ".join(_UNITS))
    require(isinstance(periods, dict) and set(periods.values()) <= set(_PERIOD_MONTHS),
            "recurring.periods must map phrases to " + ", ".join(_PERIOD_MONTHS))
    bases = data["relative"].get("bases")
    require(isinstance(bases, list) and all(isinstance(b, list) and len(b) == 2 for b in bases),
            "relative.bases must be a list of [phrase, anchor] pairs")
    return data


_MEANINGS = ("by", "before", "within", "until")
_UNITS = ("working_days", "days", "weeks", "months")
_PERIOD_MONTHS = {"week": 0, "month": 1, "quarter": 3, "half": 6, "year": 12}
_P = _load_phrases()


# ---- date mentions ------------------------------------------------------------------------

@dataclass(frozen=True)
class DateMention:
    """A date or period written in the text, ``text[start:end]``.

    ``granularity`` is ``day``, ``month``, ``quarter``, ``half``, ``months`` ("9 tháng đầu
    năm"), ``year`` or ``event``; an art. 146 point ("cuối tháng 8") is a ``day`` with
    ``part`` set. ``first``/``last`` are (month, day) of the period's bounds (equal for a
    single day; None for an event that cannot be placed); ``year`` is None when neither
    the text nor the base gives it; ``inferred`` tells that it came from the base.
    ``part`` (start, middle, end) and ``part_of`` (month, quarter, year) describe an art. 146
    point. ``bare`` marks a day/month written with neither "ngày" nor a year ("31/12").
    """

    start: int
    end: int
    granularity: str
    year: int | None
    first: MD | None
    last: MD | None
    inferred: bool = False
    part: str | None = None
    part_of: str | None = None
    event: str | None = None
    bare: bool = False

    @property
    def first_date(self) -> date | None:
        return _to_date(self.year, self.first)

    @property
    def last_date(self) -> date | None:
        return _to_date(self.year, self.last)

    @property
    def iso_first(self) -> str | None:
        return _iso(self.year, self.first)

    @property
    def iso_last(self) -> str | None:
        return _iso(self.year, self.last)

    @property
    def iso(self) -> str | None:
        """ISO at the mention's own precision: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.

        Quarters, halves and events give their last day. ``XXXX`` stands for an unknown
        year.
        """
        if self.granularity == "month" and self.last:
            return f"{self.year:04d}-{self.last[0]:02d}" if self.year else f"XXXX-{self.last[0]:02d}"
        if self.granularity == "year" and self.year:
            return f"{self.year:04d}"
        return self.iso_last


def _to_date(year: int | None, md: MD | None) -> date | None:
    return date(year, *md) if year and md else None


def _iso(year: int | None, md: MD | None) -> str | None:
    if md is None:
        return None
    return f"{year:04d}-{md[0]:02d}-{md[1]:02d}" if year else f"XXXX-{md[0]:02d}-{md[1]:02d}"


def _days_in(year: int | None, month: int) -> int:
    return _stdcal.monthrange(year or _REF_YEAR, month)[1]


def _valid_md(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= (_stdcal.monthrange(year, month)[1] if year else (29 if month == 2 else
                                                                   _days_in(None, month)))


def _day_before(year: int | None, md: MD) -> tuple[int | None, MD]:
    ref = year or (2000 if md == (2, 29) else _REF_YEAR)
    d = date(ref, *md) - timedelta(days=1)
    return (d.year if year else None), (d.month, d.day)


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_STEMS = ("giáp", "ất", "bính", "đinh", "mậu", "kỷ", "canh", "tân", "nhâm", "quý")
_BRANCHES = ("tý", "sửu", "dần", "mão", "thìn", "tỵ", "ngọ", "mùi", "thân", "dậu", "tuất", "hợi")
_BRANCH_ALIASES = {"mẹo": "mão", "tị": "tỵ", "tí": "tý"}
_PARTS = {"đầu": "start", "giữa": "middle", "cuối": "end"}

_LSEP = rf"{_O}(?:,|;|&|và|-|–){_O}"
_LIST = rf"\d{{1,2}}(?:{_LSEP}\d{{1,2}})*"
_MONTHS = rf"\d{{1,2}}(?:{_LSEP}\d{{1,2}}(?!\d)(?!{_S}tháng))*"  # not "tháng 7 và 7 tháng"
_QTR = r"(?:IV|III|II|I|[1-4])"


def _yr(name: str) -> str:
    """An optional year after a month or quarter: "/2024", "-2024", " năm 2024"."""
    return rf"(?:{_O},?{_O}(?:năm{_S}|[/-]{_O})(?P<{name}>\d{{4}}))?(?![\d/])"


_QUY = r"qu[ýí]"
_NOT_RANGE = rf"(?!{_O}[-–]{_O}\d)"

# ngày 03 tháng 8 năm 2021; ngày 28, 29 tháng 7 năm 2021
_VERBAL_DAY = (rf"(?P<vb>(?<!\w)ngày{_S}(?P<vb_days>{_LIST}){_S}tháng{_S}(?P<vb_m>\d{{1,2}})(?!\d)"
               + _yr("vb_y") + ")")
# 03/8/2021, 03-8-2021, 03.8.2021, ngày 28, 29/7/2021, ngày 30/01, 31/12
_NUMERIC_DAY = (
    rf"(?P<num>(?:(?<!\w)(?P<num_pre>ngày){_S}(?P<num_days>{_LIST})"
    rf"|(?<![\w/.,-])(?P<num_day>\d{{1,2}}))"
    rf"{_O}(?P<num_sep>[/.-]){_O}(?P<num_m>\d{{1,2}})(?!\d)"
    rf"(?:{_O}(?P=num_sep){_O}(?P<num_y>\d{{4}}))?(?!\d|[/.-]\d))")
# 6 tháng đầu năm 2023, 9 tháng đầu năm, 6 tháng cuối năm nay
_HALF = (rf"(?P<hf>(?<![\w/.,-])(?P<hf_n>\d{{1,2}}){_S}tháng{_S}(?P<hf_part>đầu|cuối){_S}năm"
         rf"(?:{_S}(?P<hf_y>\d{{4}}){_NOT_RANGE}(?![\d/])|{_S}(?P<hf_nay>nay))?(?!\w))")
# đầu/giữa/cuối tháng 8/2024, cuối quý III/2024, cuối năm 2024 (Civil Code art. 146)
_PART = (rf"(?P<pt>(?<!\w)(?P<pt_part>đầu|giữa|cuối){_S}(?:"
         rf"tháng{_S}(?P<pt_m>\d{{1,2}})(?!\d)" + _yr("pt_my")
         + rf"|{_QUY}{_S}(?P<pt_q>{_QTR})(?!\w)" + _yr("pt_qy")
         + rf"|năm(?:{_S}(?P<pt_y>\d{{4}}){_NOT_RANGE}(?![\d/])|{_S}(?P<pt_nay>nay))?"
         rf"(?!\w)(?!{_S}học)))")
# tháng 8/2023, tháng 8 năm 2023, tháng 7, 8/2021, tháng 8
_MONTH = rf"(?P<mo>(?<!\w)tháng{_S}(?P<mo_list>{_MONTHS})(?!\d)" + _yr("mo_y") + ")"
# quý III/2024, quý 3 năm 2024, quý I, II/2024
_QUARTER = (rf"(?P<qu>(?<!\w){_QUY}{_S}(?P<qu_list>{_QTR}(?:{_LSEP}{_QTR})*)(?!\w)"
            + _yr("qu_y") + ")")
# năm 2024, năm nay (not "năm 2021-2025")
_YEAR = rf"(?P<yr>(?<!\w)năm{_S}(?:(?P<yr_y>\d{{4}}){_NOT_RANGE}(?![\d/])|(?P<yr_nay>nay)(?!\w)))"
# Tết Nguyên đán (Giáp Thìn) (năm) 2024, Tết Dương lịch 2025, Tết; not Tết Trung thu etc.
_EVENT = (
    rf"(?P<ev>(?<!\w)Tết(?!\w)(?!{_S}(?:Trung|Đoan|Hàn|Thanh|Độc|thiếu|trồng)(?!\w))"
    rf"(?:{_S}(?P<ev_kind>Nguyên{_S}đán|Âm{_S}lịch|cổ{_S}truyền|Dương{_S}lịch))?"
    rf"(?:{_S}(?P<ev_stem>{'|'.join(_STEMS)}){_S}"
    rf"(?P<ev_branch>{'|'.join(_BRANCHES + tuple(_BRANCH_ALIASES))})(?!\w))?"
    rf"(?:{_O},?{_O}(?:năm{_S})?(?P<ev_y>\d{{4}}))?(?![\d/]))")
_DATE_FORMS = (_VERBAL_DAY, _NUMERIC_DAY, _HALF, _PART, _MONTH, _QUARTER, _YEAR, _EVENT)
# The lookahead lists the first letters of the forms: it lets the engine skip fast.
_DATE_RE = re.compile(r"(?=[0-9nNtTqQđĐgGcC])(?:" + "|".join(_DATE_FORMS) + ")", _FLAGS)

_NUMS = re.compile(r"\d+")


@dataclass(frozen=True)
class _Base:
    day: date
    precision: str  # day, month or year


_BASE_YEARS = range(1900, 2101)


def _as_base(base: date | str | None) -> _Base | None:
    """The earliest day of an ISO ``YYYY-MM-DD``/``YYYY-MM``/``YYYY`` (or a date), or None.

    Unreadable values and years outside 1900–2100 give None (no base), never an error.
    """
    if isinstance(base, datetime):
        base = base.date()
    if isinstance(base, date):
        return _Base(base, "day") if base.year in _BASE_YEARS else None
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*", str(base or ""))
    if not m or int(m[1]) not in _BASE_YEARS:
        return None
    try:
        day = date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None
    return _Base(day, "day" if m[3] else "month" if m[2] else "year")


def _year(s: str | None) -> int | None:
    """A written year; None when absent, -1 when outside 1900–2100 (not a date)."""
    if s is None:
        return None
    y = int(s)
    return y if 1900 <= y <= 2100 else -1


def _first_year_for_md(md: MD, base: date) -> int | None:
    """The first year in which (month, day) falls on or after ``base``."""
    for y in range(base.year, base.year + 9):
        if _valid_md(y, *md) and date(y, *md) >= base:
            return y
    return None


def _build(m: re.Match, base: _Base | None) -> DateMention | None:
    """The mention for one match of ``_DATE_RE``, or None when it is no valid date."""
    kind = m.lastgroup
    s, e = m.span()
    b = base.day if base else None
    if kind in ("vb", "num"):
        days = [int(x) for x in _NUMS.findall(m[kind + "_days"] or m["num_day"] or "")]
        month = int(m[kind + "_m"])
        year = _year(m[kind + "_y"])
        if kind == "num" and year is None and m["num_sep"] != "/":
            return None
        if year == -1 or not days or not all(1 <= d <= 31 for d in days):
            return None
        if not _valid_md(year, month, days[-1]):
            return None
        inferred = False
        if year is None and b is not None:
            year, inferred = _first_year_for_md((month, days[-1]), b), True
        first = (month, days[0]) if days[0] <= days[-1] and _valid_md(year, month, days[0]) else None
        bare = kind == "num" and m["num_pre"] is None and m["num_y"] is None
        return DateMention(s, e, "day", year, first or (month, days[-1]), (month, days[-1]),
                           inferred, bare=bare)
    if kind == "mo":
        month = int(_NUMS.findall(m["mo_list"])[-1])
        year = _year(m["mo_y"])
        if year == -1 or not 1 <= month <= 12:
            return None
        year, inferred = _infer_period_year(year, month, b)
        return DateMention(s, e, "month", year, (month, 1), (month, _days_in(year, month)), inferred)
    if kind == "qu":
        q = _ROMAN.get(re.split(_LSEP, m["qu_list"])[-1].strip().lower())
        year = _year(m["qu_y"])
        if q is None or year == -1:
            return None
        year, inferred = _infer_period_year(year, 3 * q, b)
        return DateMention(s, e, "quarter", year, (3 * q - 2, 1), (3 * q, _days_in(year, 3 * q)),
                           inferred)
    if kind == "hf":
        n = int(m["hf_n"])
        year, inferred = _year_or_base(m["hf_y"], b)
        if not 1 <= n <= 12 or year == -1:
            return None
        if m["hf_part"].lower() == "đầu":
            first, last = (1, 1), (n, _days_in(year, n))
        else:
            first, last = (13 - n, 1), (12, 31)
        return DateMention(s, e, "half" if n == 6 else "months", year, first, last, inferred)
    if kind == "yr":
        year, inferred = _year_or_base(m["yr_y"], b)
        if year == -1:
            return None
        return DateMention(s, e, "year", year, (1, 1), (12, 31), inferred)
    if kind == "pt":
        return _build_part(m, s, e, b)
    if kind == "ev":
        return _build_event(m, s, e, b)
    return None


def _infer_period_year(year: int | None, last_month: int,
                       b: date | None) -> tuple[int | None, bool]:
    """A written year, or the first year in which the period ends on or after ``b``."""
    if year is not None or b is None:
        return year, False
    return (b.year if last_month >= b.month else b.year + 1), True


def _year_or_base(written: str | None, b: date | None) -> tuple[int | None, bool]:
    """A written year, else the base's year (halves, year parts, "năm nay")."""
    if written is not None:
        return _year(written), False
    return (b.year, True) if b is not None else (None, False)


def _build_part(m: re.Match, s: int, e: int, b: date | None) -> DateMention | None:
    part = _PARTS[m["pt_part"].lower()]
    if m["pt_m"] is not None:
        month, year = int(m["pt_m"]), _year(m["pt_my"])
        if not 1 <= month <= 12 or year == -1:
            return None
        year, inferred = _infer_period_year(year, month, b)
        day = {"start": 1, "middle": 15, "end": _days_in(year, month)}[part]
        return DateMention(s, e, "day", year, (month, day), (month, day), inferred, part=part,
                           part_of="month")
    if m["pt_q"] is not None:
        q, year = _ROMAN[m["pt_q"].lower()], _year(m["pt_qy"])
        if year == -1:
            return None
        year, inferred = _infer_period_year(year, 3 * q, b)
        md = {"start": (3 * q - 2, 1), "middle": (3 * q - 1, 15),
              "end": (3 * q, _days_in(year, 3 * q))}[part]
        return DateMention(s, e, "day", year, md, md, inferred, part=part, part_of="quarter")
    year, inferred = _year_or_base(m["pt_y"], b)
    if year == -1:
        return None
    md = {"start": (1, 1), "middle": (6, 30), "end": (12, 31)}[part]
    return DateMention(s, e, "day", year, md, md, inferred, part=part, part_of="year")


def _build_event(m: re.Match, s: int, e: int, b: date | None) -> DateMention | None:
    solar = (m["ev_kind"] or "").lower().startswith("dương")
    name = "new_year" if solar else "lunar_new_year"
    year, inferred = _year(m["ev_y"]), False
    if year == -1:
        return None
    if year is None and m["ev_stem"] and not solar and b is not None:
        year, inferred = _year_of_stem_branch(m["ev_stem"], m["ev_branch"], b.year), True
    if year is None and b is not None:
        year, inferred = b.year, True
        if _event_day(name, year) is None or _event_day(name, year) < b:
            year += 1
    day = _event_day(name, year) if year else None
    if solar and day is None:
        return DateMention(s, e, "event", year, (1, 1), (1, 1), inferred, event=name)
    md = (day.month, day.day) if day else None
    return DateMention(s, e, "event", year if day else None, md, md, inferred, event=name)


def _event_day(name: str, year: int) -> date | None:
    return date(year, 1, 1) if name == "new_year" else lunar_new_year(year)


def _year_of_stem_branch(stem: str, branch: str, near: int) -> int | None:
    """The year named ``stem branch`` (sexagenary cycle) nearest to ``near``."""
    branch = _BRANCH_ALIASES.get(branch.lower(), branch.lower())
    s, br = _STEMS.index(stem.lower()), _BRANCHES.index(branch)
    for k in range(31):
        for y in (near + k, near - k):
            if (y - 4) % 10 == s and (y - 4) % 12 == br:
                return y
    return None


def _scan(text: str, start: int, end: int, base: _Base | None) -> Iterator[DateMention]:
    for m in _DATE_RE.finditer(text, start, end):
        mention = _build(m, base)
        if mention is not None:
            yield mention


def _bounds(text: str, start: int, end: int | None) -> tuple[int, int]:
    end = len(text) if end is None else max(0, min(end, len(text)))
    return max(0, min(start, end)), end


def find_dates(text: str, start: int = 0, end: int | None = None,
               base: date | str | None = None) -> list[DateMention]:
    """Date mentions in ``text[start:end]``; a bare "31/12" (no "ngày", no year) is left out."""
    start, end = _bounds(text, start, end)
    return [d for d in _scan(text, start, end, _as_base(base)) if not d.bare]


def parse_date(text: str, start: int = 0, end: int | None = None,
               base: date | str | None = None) -> DateMention | None:
    """The first date mention in ``text[start:end]`` (a bare "31/12" included), or None."""
    start, end = _bounds(text, start, end)
    return next(_scan(text, start, end, _as_base(base)), None)


def to_iso(text: str, start: int = 0, end: int | None = None,
           base: date | str | None = None) -> str | None:
    """ISO form of the first date mention (see :attr:`DateMention.iso`), or None."""
    mention = parse_date(text, start, end, base)
    return mention.iso if mention else None


# ---- deadlines from dated mentions --------------------------------------------------------

_TIME = rf"(?P<time>(?P<hour>\d{{1,2}}){_O}(?:giờ|h)(?:{_O}(?P<minute>\d{{1,2}})(?:{_O}phút)?)?)"
# "trước **17 giờ** ngày …"; "trước ngày khai giảng 05/9/2022": the day named by its event, then its date
_TAIL = (rf"(?:[^\S\n]|[*_:\"“(])*(?:{_TIME}(?:[^\S\n]|[,*])*)?"
         rf"(?:ngày(?:{_S}[{LOWER_LETTERS}]+){{1,4}}{_O},?{_S})?\Z")
_TRIGGER_RE = re.compile(
    _first_chars(p for k in _MEANINGS for p in _P["triggers"][k]) + r"(?<!\w)(?:"
    + "|".join(f"(?P<{k}>{_alternation(_P['triggers'][k])})" for k in _MEANINGS)
    + r")(?!\w)" + _TAIL, _FLAGS)
_RANGE_RE = re.compile(rf"{_O},?{_O}(?:đến|tới)(?:{_S}hết)?(?!\w){_TAIL}", _FLAGS)
_LIST_JOIN = re.compile(rf"{_O}(?:,|và|hoặc){_O}", _FLAGS)
_FROM_RE = re.compile(rf"(?<!\w)từ{_S}\Z", _FLAGS)
_CANCEL_RE = re.compile(rf"(?<!\w){_alternation(_P['cancelled_after'])}{_S}\Z", _FLAGS)
_SOFT_RE = re.compile(rf"(?<!\w){_alternation(_P['soft_markers'])}(?!\w)", _FLAGS)
_PAST_RE = re.compile(rf"(?<!\w){_alternation(_P['past_markers'])}(?!\w)", _FLAGS)
_DUTY_RE = re.compile(rf"(?<!\w){_alternation(_P['duty_markers'])}(?!\w)", _FLAGS)
_SCOPE_RE = re.compile(rf"(?<!\w){_alternation(_P['scope_nouns'])}(?!\w)", _FLAGS)
_DONE_RE = re.compile(rf"(?<!\w){_alternation(_P['done_verbs'])}(?!\w)", _FLAGS)
_CLAUSE_MARKS = ".;!?\n"
_LOOKBACK = 48


def _clause_start(text: str, pos: int, floor: int) -> int:
    lo = max(floor, pos - 300)
    return max([lo] + [text.rfind(c, lo, pos) + 1 for c in _CLAUSE_MARKS])


def _trigger(text: str, mention: DateMention, prev: DateMention | None,
             start: int) -> tuple[int, str, re.Match, DateMention | None] | None:
    """(phrase start, meaning, tail match, range start) of what makes ``mention`` a deadline.

    A range "từ <date> đến (hết) <date>" reads as "by" its end and starts at "từ".
    """
    if prev is not None and prev.end <= mention.start:
        gap = _RANGE_RE.fullmatch(text, prev.end, mention.start)
        opening = _FROM_RE.search(text, max(start, prev.start - 8), prev.start)
        if gap and opening:
            return opening.start(), "by", gap, prev
    if prev is not None and prev.end <= mention.start and prev.granularity == mention.granularity \
            and _LIST_JOIN.fullmatch(text, prev.end, mention.start):
        found = _trigger(text, prev, None, start)  # "trong tháng 3 và tháng 4/2025": one trigger for the list
        if found is not None and found[3] is None:
            return found
    lo = max(start, mention.start - _LOOKBACK, prev.end if prev else start)
    t = _TRIGGER_RE.search(text, lo, mention.start)
    if t is None or _CANCEL_RE.search(text, max(0, t.start() - 12), t.start()):
        return None
    meaning = next(k for k in _MEANINGS if t[k] is not None)
    return t.start(), meaning, t, None


_DONE_AFTER = re.compile(r"\s*,?\s*(?:phải\s+|cần\s+|bảo đảm\s+|đảm bảo\s+)?(?:hoàn thành|hoàn tất|xong|đạt|giải ngân)\b",
                         re.IGNORECASE)
_SUBJECT_START = re.compile(r"(?:các|những|một số|toàn|tất cả|mọi|nhiều|hầu hết|huyện|xã|tỉnh|thành phố|phường|"
                            r"cơ quan|đơn vị|địa phương|người|hộ|doanh nghiệp|dự án|công trình)\b")


_HELD_ON = re.compile(r"\b(?:tổ chức|khai mạc|ra quân|phát động)\b[^;.]*\bvào\s*$", re.IGNORECASE)


def _held_on(text: str, start: int, pos: int) -> bool:
    """"tổ chức Lễ hội … vào ngày 25/5/2019": the day an event must be held is its due day."""
    clause = _clause_start(text, pos, start)
    return bool(_HELD_ON.search(text[clause:pos + 4]))


def _imperative_clause(text: str, clause: int, pos: int) -> bool:
    """A clause that opens with a verb ("kết thúc điều tra các vụ việc đã thụ lý trong quý II"):
    its "đã" belongs to a relative clause, not to the duty."""
    head = text[clause:pos].lstrip(" ,;:-+*")
    return bool(head) and head[0].islower() and not _SUBJECT_START.match(head)


def _dated(text: str, mention: DateMention, prev: DateMention | None, start: int,
           base: _Base | None) -> Deadline | None:
    found = _trigger(text, mention, prev, start)
    if found is None:
        return None
    pos, meaning, t, range_from = found
    point = mention.granularity == "day"
    if meaning == "within" and point and mention.part is None:
        return None
    if meaning == "until" and mention.part is None and not (point and _DONE_AFTER.match(text, mention.end)) \
            and not (point and _held_on(text, start, pos)):
        return None  # "đến năm 2030" is a target; "đến ngày 30/11/2025 hoàn thành 90%" is a milestone
    year, md = mention.year, mention.last
    if meaning == "before" and not point and mention.first is not None:
        year, md = _day_before(mention.year, mention.first)
    weak = (meaning in ("within", "until") or (meaning == "before" and not point)
            or range_from is not None)
    if ((weak or not point) and base is not None and year is not None and md is not None
            and date(year, *md) < base.day):
        return None  # a period already over when the document was written
    if (mention.inferred and mention.granularity == "month" and base is not None and year is not None
            and md is not None and (date(year, *md) - base.day).days > 300):
        return None  # "số liệu đến hết tháng 7" written in August: this year's July, gone by
    clause = _clause_start(text, pos, start)
    if weak and not point and range_from is None:
        after = text[mention.end:mention.end + 2].lstrip(" \t*")
        if after.startswith(",") and len(text[clause:pos].split()) <= 2:
            return None  # "Trong năm 2024, huyện đã …": a framing adverbial
    soft = bool(_SOFT_RE.search(text, clause, pos))
    if weak and not soft and _last(_PAST_RE, text, clause, pos) > _last(_DUTY_RE, text, clause, pos) \
            and not _imperative_clause(text, clause, pos):
        return None  # "các xã đã đạt chuẩn trước năm 2022": a past fact
    if meaning == "within" and not point and not soft and _scopes_a_plan(text, clause, pos):
        return None  # "kế hoạch các công việc phải thực hiện trong năm 2023"
    rule = _mention_rule(mention)
    if meaning == "before":
        rule["before"] = True
    if range_from is not None:
        rule["range_from"] = range_from.iso_first
    if t["time"]:
        hour, minute = int(t["hour"]), int(t["minute"] or 0)
        if hour < 24 and minute < 60:
            rule["time"] = f"{hour:02d}:{minute:02d}"
    if soft:
        rule["soft"] = True
    return Deadline(_iso(year, md), text[pos:mention.end], _kind(mention), pos, mention.end,
                    rule or None)


def _scopes_a_plan(text: str, clause: int, pos: int) -> bool:
    """A plan noun in the comma chunk before ``pos``, then words but no verb of completion."""
    chunk = max(clause, text.rfind(",", clause, pos) + 1)
    noun = None
    for noun in _SCOPE_RE.finditer(text, chunk, pos):
        pass
    return (noun is not None and bool(text[noun.end():pos].strip())
            and not _DONE_RE.search(text, noun.end(), pos))


def _last(rx: re.Pattern, text: str, lo: int, hi: int) -> int:
    """Start of the last match of ``rx`` in ``text[lo:hi]``, or -1."""
    pos = -1
    for m in rx.finditer(text, lo, hi):
        pos = m.start()
    return pos


def _kind(mention: DateMention) -> str:
    if mention.granularity == "event":
        return "event"
    return "by_date" if mention.granularity == "day" and mention.part is None else "by_period"


def _mention_rule(mention: DateMention) -> dict:
    rule: dict = {}
    if mention.granularity not in ("day", "event"):
        rule["period"] = mention.granularity
    if mention.part:
        rule["part"], rule["period"] = mention.part, mention.part_of
    if mention.event:
        rule["event"] = mention.event
    if mention.inferred:
        rule["inferred_year"] = True
    return rule


# ---- relative limits ----------------------------------------------------------------------

_R = _P["relative"]
_UNIT_OF = [(re.compile(_phrase(k) + r"\Z", _FLAGS), v) for k, v in _R["units"].items()]
_RELATIVE_RE = re.compile(
    _first_chars(_R["heads"]) + rf"(?<!\w)(?P<head>{_alternation(_R['heads'])}){_S}(?P<n>\d{{1,3}})(?!\d)"
    rf"{_O}(?:\([^()\n]{{1,40}}\){_O})?"
    rf"(?P<unit>{_alternation(_R['units'])})(?!\w)(?!{_S}(?:đầu|cuối){_S}năm)", _FLAGS)
_NEEDS_BASE_RE = re.compile(rf"{_alternation(_R['heads_needing_base'])}\Z", _FLAGS)
_NOT_FOLLOWED_RE = re.compile(rf"{_S}{_alternation(_R['not_followed_by'])}(?!\w)", _FLAGS)
_NOT_PRECEDED_RE = re.compile(rf"(?<!\w){_alternation(_R['not_preceded_by'])}{_S}\Z", _FLAGS)
_BASE_INTRO_RE = re.compile(
    rf"{_O},?{_O}(?:được{_S})?{_alternation(_R['base_intro'])}(?!\w)", _FLAGS)
_BASES = [(re.compile(rf"(?<!\w){_phrase(p)}(?!\w)", _FLAGS), anchor) for p, anchor in _R["bases"]]
_BASE_STOP_RE = re.compile(r"[,.;:\n()]|(?<!\w)(?:để|nhằm|phải|đồng thời|theo)(?!\w)", _FLAGS)
_BASE_MAX = 80
# The document's own signing or issue: "ngày ký", "ngày ký ban hành", "ngày ban hành văn bản này".
_OWN_DOC_RE = re.compile(
    rf"(?:ngày|khi){_S}(?:ký(?:{_S}ban{_S}hành)?|ban{_S}hành)(?:{_S}(?:\w+{_S}){{0,2}}này)?", _FLAGS)


def _relative(text: str, start: int, end: int, base: _Base | None) -> Iterator[Deadline]:
    for m in _RELATIVE_RE.finditer(text, start, end):
        n = int(m["n"])
        if n == 0 or _NOT_FOLLOWED_RE.match(text, m.end(), end):
            continue
        if _NOT_PRECEDED_RE.search(text, max(start, m.start() - 24), m.start()):
            continue
        anchor, anchor_text, stop = None, None, m.end()
        intro = _BASE_INTRO_RE.match(text, m.end(), end)
        if intro:
            limit = min(end, intro.end() + _BASE_MAX)
            cut = _BASE_STOP_RE.search(text, intro.end(), limit)
            clause_end = cut.start() if cut else limit
            anchor_text = text[intro.end():clause_end].strip()
            if anchor_text:
                stop = intro.end() + len(text[intro.end():clause_end].rstrip())
                anchor = next((a for rx, a in _BASES if rx.search(anchor_text)), "other")
        if anchor is None and _NEEDS_BASE_RE.match(m["head"]):
            continue
        nxt = _skip_space(text, m.end(), end)
        if anchor is None and (nxt < end and text[nxt].isdigit() or _DATE_RE.match(text, nxt, end)):
            continue  # "trong 02 ngày 28, 29/7": the length of an event
        unit = next(v for rx, v in _UNIT_OF if rx.match(m["unit"]))
        rule: dict = ({"months": n} if unit == "months" else
                      {"days": n * (7 if unit == "weeks" else 1), "working": unit == "working_days"})
        rule["from"] = anchor
        start_day = None
        if anchor == "other":
            written = parse_date(anchor_text)
            if written is not None and written.granularity == "day" and written.year:
                rule["from"], rule["base"] = "date", written.iso_last
                start_day = written.last_date
            else:
                rule["from_text"] = anchor_text
        elif anchor in ("signature", "issue") and not _OWN_DOC_RE.fullmatch(anchor_text):
            rule["from_text"] = anchor_text  # "kể từ ngày Kế hoạch được ban hành": another text
        elif anchor in ("signature", "issue") and base is not None and base.precision == "day":
            start_day = base.day
        due = _count(start_day, unit, n, rule) if start_day else None
        yield Deadline(due, text[m.start():stop], "relative", m.start(), stop, rule)


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in " \t(":
        pos += 1
    return pos


def _count(anchor: date, unit: str, n: int, rule: dict) -> str:
    """The last day of a limit of ``n`` units from ``anchor`` (Civil Code art. 147–148)."""
    if unit == "working_days":
        return add_working_days(anchor, n).isoformat()
    if unit == "months":
        month0 = anchor.month - 1 + n
        y, mo = anchor.year + month0 // 12, month0 % 12 + 1
        last = date(y, mo, min(anchor.day, _days_in(y, mo)))
    else:
        last = anchor + timedelta(days=n * (7 if unit == "weeks" else 1))
    due = due_date_for_period_end(last)
    if due != last:
        rule["period_end"] = last.isoformat()
    return due.isoformat()


# ---- recurring duties ---------------------------------------------------------------------

_C = _P["recurring"]
_EACH = _alternation(_C["each"])
_PERIOD_WORD = _alternation(_C["periods"])
_PERIOD_OF = [(re.compile(_phrase(k) + r"\Z", _FLAGS), v) for k, v in _C["periods"].items()]
_ONE_PERIOD = rf"(?:(?:{_EACH}){_S})?{_PERIOD_WORD}(?!{_S}\d)|\d{{1,2}}{_S}(?:tháng|năm)"
_RECURRING_DAY_RE = re.compile(
    rf"(?<!\w)(?:(?P<head>{_alternation(_C['heads'])}){_S})?ngày{_S}(?P<day>\d{{1,2}})(?!\d)"
    rf"{_S}{_EACH}{_S}(?P<per>{_PERIOD_WORD})(?!\w)", _FLAGS)
_RECURRING_RE = re.compile(
    rf"(?<!\w){_alternation(_C['periodic'])}(?:{_S}[^\s,.;:()]+){{0,6}}?{_S}"
    rf"(?P<list>(?:{_ONE_PERIOD})(?:{_O}(?:,|và|hoặc|/){_O}(?:{_ONE_PERIOD}))*)(?!\w)", _FLAGS)
_ONE_PERIOD_RE = re.compile(_ONE_PERIOD, _FLAGS)
_EACH_PREFIX_RE = re.compile(rf"(?:{_EACH}){_S}", _FLAGS)


def _period_name(word: str) -> str | None:
    word = _EACH_PREFIX_RE.sub("", word.strip()).strip()
    m = re.fullmatch(rf"(\d{{1,2}}){_S}(tháng|năm)", word, _FLAGS)
    if m:
        n = int(m[1]) * (12 if m[2].lower() == "năm" else 1)
        by_months = {v: k for k, v in _PERIOD_MONTHS.items() if v}
        return by_months.get(n, f"{n} months") if n else None
    return next((v for rx, v in _PERIOD_OF if rx.match(word)), None)


def _recurring(text: str, start: int, end: int) -> Iterator[Deadline]:
    taken_until = start
    for m in _RECURRING_DAY_RE.finditer(text, start, end):
        day, every = int(m["day"]), _period_name(m["per"])
        if not 1 <= day <= 31 or every is None:
            continue
        rule = {"every": [every], "day": day}
        if m["head"] and m["head"].lower().startswith("trước"):
            rule["before"] = True
        yield Deadline(None, m[0], "recurring", m.start(), m.end(), rule)
    for m in _RECURRING_RE.finditer(text, start, end):
        every = [p for p in (_period_name(x[0]) for x in _ONE_PERIOD_RE.finditer(m["list"])) if p]
        if every and m.start() >= taken_until:
            yield Deadline(None, m[0], "recurring", m.start(), m.end(), {"every": every})
            taken_until = m.end()


# ---- public API ---------------------------------------------------------------------------

def find_deadlines(text: str, start: int = 0, end: int | None = None,
                   doc_date: str | None = None) -> list[Deadline]:
    """Deadline phrases inside ``text[start:end]``, in text order.

    ``doc_date`` (ISO ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or None) places yearless
    dates, computes limits counted from the document's own date, and drops periods that
    were already over when the document was written.
    """
    start, end = _bounds(text, start, end)
    if start >= end:
        return []
    base = _as_base(doc_date)
    found: list[Deadline] = []
    for d in list(_recurring(text, start, end)) + list(_relative(text, start, end, base)):
        if not any(d.start < f.end and f.start < d.end for f in found):
            found.append(d)
    taken = [(f.start, f.end) for f in found]
    prev = None
    for mention in _scan(text, start, end, base):
        if not any(mention.start < e and s < mention.end for s, e in taken):
            deadline = _dated(text, mention, prev, start, base)
            if deadline is not None:
                found.append(deadline)
        prev = mention
    return sorted(found, key=lambda d: (d.start, d.end))


def pick_final(deadlines: list[Deadline]) -> Deadline | None:
    """The deadline that governs a duty stated with several: the latest dated one.

    Dates with a known year win over ``XXXX`` ones; among equal dates the later in the
    text wins. With no dated deadline, the last one in the text (relative or recurring).
    """
    if not deadlines:
        return None
    ordered = sorted(deadlines, key=lambda d: (d.start, d.end))
    dated = [d for d in ordered if d.date]
    known = [d for d in dated if not d.date.startswith("X")]
    pool = known or dated
    if not pool:
        return ordered[-1]
    return max(reversed(pool), key=lambda d: d.date[-5:] if d.date.startswith("X") else d.date)


def find_cell_deadline(text: str, start: int = 0, end: int | None = None,
                       doc_date: str | None = None) -> Deadline | None:
    """The due date of a table cell of a plan ("Thời gian": "Quý III/2024", "30/6", "Năm 2024").

    A cell holds only a date, so a mention without a trigger counts too (its last day).
    """
    start, end = _bounds(text, start, end)
    found = find_deadlines(text, start, end, doc_date)
    if found:
        return pick_final(found)
    mentions = list(_scan(text, start, end, _as_base(doc_date)))
    if not mentions:
        return None
    m = mentions[-1]
    before = "".join(text[a:b] for a, b in zip([start] + [x.end for x in mentions[:-1]],
                                                [x.start for x in mentions[:-1]] + [m.start]))
    words = [w for w in before.replace(",", " ").split() if w not in ("và", ";")]  # "Tháng 6 và tháng 12/2026"
    if re.search(r"(?i)\b(?:trong|sau)\s*$", text[start:m.start]) or len(words) > 2 \
            or re.search(r"(?i)\b(?:kỳ họp|phiên họp|hội nghị|mùa)\b", before):
        return None  # "Trước, trong và sau Tết", "Trước mùa mưa bão năm 2024", "Kỳ họp giữa năm 2026": an event
    return Deadline(m.iso_last, text[m.start:m.end], _kind(m), m.start, m.end,
                    _mention_rule(m) or None)
