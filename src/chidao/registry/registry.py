"""The loaded registry and its lookups."""
from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

from . import abbreviations, bodies, doctypes, issuers, provinces
from .abbreviations import Abbreviation, Expander
from .bodies import Body
from .doctypes import DocType
from .folding import fold
from .issuers import Issuer
from .provinces import Province, qualify

DATA_DIR = Path(__file__).parent / "data"
_QUALIFIERS = {"tinh": "tỉnh", "thanh pho": "thành phố", "tp": "thành phố"}
_TERM = re.compile(r"(?<=\D)\d+$")
_EDGE = " .,;:-–("


class Registry:
    """Names of bodies, abbreviations, issuer codes, kinds of documents and provinces."""

    def __init__(self, abbreviation_entries: list[Abbreviation], doc_types: list[DocType],
                 issuer_entries: list[Issuer], province_list: list[Province],
                 body_list: list[Body]):
        self.abbreviation_entries = tuple(abbreviation_entries)
        self._expander = Expander(abbreviation_entries)
        self.abbreviations: dict[str, str] = self._expander.defaults
        self.doc_types = tuple(doc_types)
        self.issuers = tuple(issuer_entries)
        self.provinces = tuple(province_list)
        self.bodies = tuple(body_list)
        self._by_id = {b.id: b for b in body_list}
        self._names = _name_index(body_list, self.expand)
        self._codes = _index((fold(code).replace(" ", ""), b) for b in body_list for code in b.abbr)
        self._issuer_codes = {code: i for i in issuer_entries for code in i.codes}
        self._issuer_folded = _unique_folded(self._issuer_codes)
        self._province_names = _index(
            (fold(n), (p, n != p.name)) for p in province_list for n in p.names)
        alternatives = "|".join(sorted(map(re.escape, self._province_names), key=len, reverse=True))
        self._suffix = re.compile(
            rf"^(?P<head>.+?)(?: (?P<qual>tinh|thanh pho|tp))? (?P<prov>{alternatives})$")
        self._max_province_words = max(len(k.split()) for k in self._province_names)

    # --- names -------------------------------------------------------------------------------
    def expand(self, name: str) -> str:
        """Expand abbreviations that stand as whole tokens (see ``abbreviations.yaml``)."""
        return self._expander(name)

    def body(self, body_id: str) -> Body:
        """The body with this id; KeyError if unknown."""
        return self._by_id[body_id]

    def find_body(self, name: str, at: dt.date | None = None,
                  province: str | None = None) -> Body | None:
        """The body a name refers to, existing on ``at`` when given.

        The name is compared folded, as written and with abbreviations expanded; a trailing
        province ("tỉnh Lạng Sơn") or level word ("tỉnh") is dropped when needed, and a lone
        symbol code ("SKHĐT") is looked up among the bodies' codes. ``province`` limits the
        search to that province's bodies and central ones.
        """
        if not name or not name.strip():
            return None
        wanted = self._province_name(province)
        for folded in dict.fromkeys((fold(name), fold(self.expand(name)))):
            for key, named in self._keys(folded):
                hit = _pick(self._names.get(key, ()), at, named or wanted)
                if hit:
                    return hit
        if len(name.split()) == 1:
            return _pick(self._codes.get(fold(name).replace(" ", ""), ()), at, wanted)
        return None

    def successors(self, body_id: str, at: dt.date, *, partial: bool = False) -> list[Body]:
        """The bodies that hold ``body_id``'s work on ``at``, following chains.

        A body that exists on ``at`` holds its own work. Successors that took over only a
        field of work are followed when ``partial`` is true. Empty when nobody does.
        """
        found: list[Body] = []
        seen: set[str] = set()

        def walk(body: Body) -> None:
            if body.id in seen:
                return
            seen.add(body.id)
            if body.active(at):
                found.append(body)
                return
            for s in body.successors:
                if s.since <= at and (partial or s.field is None):
                    walk(self._by_id[s.id])

        walk(self.body(body_id))
        return found

    def _province_name(self, name: str | None) -> str | None:
        """The registry's spelling of a province name given loosely (``tỉnh Lạng Sơn``)."""
        if name is None:
            return None
        found = self.find_province(name)
        return found.name if found else name

    def qualified_name(self, body: Body) -> str:
        """The name with its province added: ``Sở Tài chính tỉnh Lạng Sơn``."""
        province = self.find_province(body.province) if body.province else None
        return qualify(body.name, province) if province else body.name

    # --- provinces ---------------------------------------------------------------------------
    def find_province(self, name: str, at: dt.date | None = None) -> Province | None:
        """The province named (``Lạng Sơn``, ``tỉnh Lạng Sơn``, ``TP.HCM``), current by default."""
        key = fold(name)
        for qualifier in _QUALIFIERS:
            if key.startswith(qualifier + " "):
                key = key[len(qualifier) + 1:]
                break
        found = [p for p, _ in self._province_names.get(key, ())]
        if at is not None:
            found = [p for p in found if p.active(at)]
        current = [p for p in found if p.valid_to is None]
        return (current or found or [None])[-1]

    def split_province(self, name: str, *, keep_level: bool = True) -> tuple[str, Province | None]:
        """Split a trailing province (``tỉnh X``, ``thành phố X``, ``TP.X``) off a name.

        The level word stays unless ``keep_level`` is false: ``UBND tỉnh Lạng Sơn`` →
        (``UBND tỉnh``, Lạng Sơn); ``Sở Xây dựng tỉnh Lạng Sơn`` → ``Sở Xây dựng`` without it.
        Only a level word that fits the province counts, so ``UBND thành phố Lạng Sơn`` (a
        city inside the province) is left whole.
        """
        words = list(re.finditer(r"\w+", name))
        folded = [fold(w.group()) for w in words]
        for size in range(min(self._max_province_words, len(words)), 0, -1):
            matches = self._province_names.get(" ".join(folded[-size:]))
            if not matches:
                continue
            head = folded[:-size]
            for qualifier in _QUALIFIERS:
                q = qualifier.split()
                if head[-len(q):] == q and _fits(qualifier, matches):
                    cut = words[len(head) - (0 if keep_level else len(q))].start()
                    return name[:cut].rstrip(_EDGE), _newest([p for p, _ in matches])
            return name, None
        return name, None

    # --- issuers -----------------------------------------------------------------------------
    def issuer_for_code(self, code: str, province: str | None = None) -> str | None:
        """The body that issues under a symbol code: ``TTg`` → ``Thủ tướng Chính phủ``.

        Codes shared by every province (``UBND``, ``STC``) are qualified with ``province``
        when it is given (``Sở Tài chính tỉnh Lạng Sơn``), else given bare. A trailing term
        number is ignored (``QH15``). With a province, that province's own body codes
        (``BQLKKT``) are searched too.
        """
        code = code.strip()
        place = self.find_province(province) if province else None
        if province and place is None:
            place = Province(id="", name=province, kind="tỉnh")
        for candidate in dict.fromkeys((code, _TERM.sub("", code))):
            entry = (self._issuer_codes.get(candidate)
                     or self._issuer_folded.get(fold(candidate).replace(" ", "")))
            if entry:
                return qualify(entry.issuer, place) if entry.provincial and place else entry.issuer
            if place:
                key = fold(candidate).replace(" ", "")
                body = next((b for b in self._codes.get(key, ()) if b.province == place.name), None)
                if body:
                    return qualify(body.name, place)
        return None

    # --- helpers -----------------------------------------------------------------------------
    def _keys(self, key: str):
        """Lookup keys for a folded name, each with the province it named (or None)."""
        yield from _with_level_dropped(key, None)
        m = self._suffix.match(key)
        if not m:
            return
        head, qualifier = m["head"], m["qual"]
        matches = self._province_names[m["prov"]]
        named = _newest([p for p, _ in matches]).name
        if qualifier is None:
            yield from _with_level_dropped(head, named)
        elif _fits(qualifier, matches):
            yield from _with_level_dropped(f"{head} {qualifier}", named)
            yield head, named


def _with_level_dropped(key: str, named: str | None):
    yield key, named
    if key.endswith(" tinh"):
        yield key[: -len(" tinh")], named


def _fits(qualifier: str, matches) -> bool:
    """A province is written with its own kind; an alias may carry either."""
    return any(alias or p.kind == _QUALIFIERS[qualifier] for p, alias in matches)


def _newest(found: list[Province]) -> Province:
    current = [p for p in found if p.valid_to is None]
    return (current or found)[-1]


def _pick(candidates, at: dt.date | None, province: str | None) -> Body | None:
    for body in candidates:
        if at is not None and not body.active(at):
            continue
        if province is not None and body.province not in (province, None):
            continue
        return body
    return None


def _index(pairs) -> dict:
    index: dict = {}
    for key, value in pairs:
        bucket = index.setdefault(key, [])
        if value not in bucket:
            bucket.append(value)
    return index


def _name_index(body_list: list[Body], expand) -> dict[str, list[Body]]:
    """Folded, expanded names → bodies; bodies whose canonical name it is come first."""
    canonical = [(fold(expand(b.name)), b) for b in body_list]
    aliases = [(fold(expand(a)), b) for b in body_list for a in b.aliases]
    return _index(canonical + aliases)


def _unique_folded(codes: dict[str, Issuer]) -> dict[str, Issuer]:
    """Folded code → issuer, leaving out folded forms that two codes share."""
    folded: dict[str, list[Issuer]] = {}
    for code, entry in codes.items():
        folded.setdefault(fold(code).replace(" ", ""), []).append(entry)
    return {k: v[0] for k, v in folded.items() if len({id(e) for e in v}) == 1}


@functools.lru_cache(maxsize=8)
def _load(folder: str) -> Registry:
    data = Path(folder)
    province_list = provinces.parse(data / "provinces.yaml")
    return Registry(
        abbreviations.parse(data / "abbreviations.yaml"),
        doctypes.parse(data / "doctypes.yaml"),
        issuers.parse_issuers(data / "issuers.yaml"),
        province_list,
        bodies.parse_dir(data / "bodies", {p.name for p in province_list}),
    )


def load(data_dir: str | Path | None = None) -> Registry:
    """The registry from ``data_dir`` (default: the package's data), validated and cached."""
    if data_dir is None:
        return _load_default()
    return _load(str(Path(data_dir).resolve()))


@functools.lru_cache(maxsize=1)
def _load_default() -> Registry:
    return _load(str(Path(DATA_DIR).resolve()))


@functools.lru_cache(maxsize=8192)
def expand_abbreviations(name: str) -> str:
    """Expand abbreviations in a name with the default registry's table."""
    return load().expand(name)
