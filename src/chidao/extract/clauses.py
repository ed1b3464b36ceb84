"""Clauses: who must do what by when, read from one paragraph.

Assignees come from, in order: the subject of the clause ("Sở X tiếp thu…"), the bodies after
an assigning verb ("giao Sở X…", "yêu cầu UBND các huyện…"), a "Đối với X:" prefix, the previous
clause of the paragraph, or what the outline hands down (see ``tasks.py``).
"""
from __future__ import annotations

from chidao.extract.chars import UPPER as U

import re
from dataclasses import dataclass

from chidao.extract.bodies import PERSON, Context, Mention, canonical, find_mentions, mentions_in
from chidao.extract.dates import find_deadlines, pick_final
from chidao.extract.lexicon import lexicon
from chidao.extract.model import Deadline, Task
from chidao.extract.outline import Para
from chidao.extract.patterns import (AMOUNT, ANAPHORA, ANNOUNCE, APPOSITION, ATTENDING, BARE_LOCALITIES, BY_DOCUMENT, CENTRAL, CITED_WITHIN,
                                     CHU_TRI, CITED_IN, CONDITIONAL, COORD, DESCRIPTIVE, DOC_KIND, DOI_VOI, FORBIDDING,
                                     HEARD, HEARD_PERSON, LEADING, LIST_GAP, LOCAL_QUALIFIER, LOCAL_SUBJECT, LOCALITY_NAME, MEMBERS, MEMBERS_OF_NEW,
                                     NAMED_LOCALITY, NARRATIVE, NO_SPLIT_BEFORE, OPENER, OWN_DOCUMENT_SPEAKS, PERIODIC,
                                     PERSON_END, PERSON_NAME, PURPOSE, QUALIFIER_GAP, REPORT_BACK, REPORTED_VERB, SENTENCE,
                                     SPEAKER, STANDARD_COLLECTIVE, TABLE_HOLDERS, TABLE_LEADS, TIME_ONLY, TOPIC, VE_TOPIC, WEIGHING)


@dataclass
class Hit:
    assignees: tuple[str, ...]
    coordinators: tuple[str, ...]
    action: str
    start: int
    end: int
    deadlines: list[Deadline]
    clause_index: int


def _union_names(groups) -> tuple[str, ...]:
    out: list[str] = []
    for g in groups:
        out.extend(n for n in g if n not in out and not n.startswith("Các "))
    return tuple(out)


def _names(ms: list[Mention]) -> tuple[str, ...]:
    out: list[str] = []
    for m in ms:
        for n in m.names:
            if n not in out:
                out.append(n)
    return tuple(out)


def _mention_list(text: str, pos: int, end: int, mentions: list[Mention]) -> tuple[list[Mention], int]:
    """Mentions that follow each other from ``pos`` separated only by commas, "và", ":"."""
    got: list[Mention] = []
    cur = pos
    for m in mentions:
        if m.start < cur:
            continue
        gap = text[cur:m.start]
        if not LIST_GAP.match(gap) and not (got and (re.fullmatch(r"\s*\([^()]{0,60}\)\s*(?:,|và)?\s*", gap)
                                                      or QUALIFIER_GAP.fullmatch(gap))):
            break
        got.append(m)
        cur = m.end
    if len(got) > 1 and got[0].collective and text[got[0].end:got[1].start].strip() == ":":
        got = got[1:]  # "Các chủ đầu tư: Ban Quản lý dự án …, Ban …": the collective only labels the list
    # a trailing parenthesis "(Nhà đầu tư đề xuất dự án)"
    pm = re.match(r"\s*\([^()]{0,80}\)", text[cur:end])
    if got and pm:
        cur += pm.end()
    return got, cur


class TaskFinder:
    """Walks the logical paragraphs of one document and collects its tasks."""

    def __init__(self, text: str, ctx: Context, doc_type: str | None, doc_date: str | None,
                 issuer_side: set[str], addressees: list[str]):
        self.text = text
        self.ctx = ctx
        self.doc_type = doc_type
        self.doc_date = doc_date
        self.issuer_side = issuer_side
        from chidao.registry import fold
        self._side_keys = {fold(n) for n in issuer_side}
        self.addressee_labels: dict[str, tuple[str, ...]] = {}
        self.addressees = [n for a in addressees for n in self._addressee_names(a)]
        self.lx = lexicon()
        self.table_leads: tuple[str, ...] = ()
        self._paragraph_mentions: list[Mention] = []
        self.hits_so_far: list[Hit] = []

    # --- names -------------------------------------------------------------------------
    def _addressee_names(self, entry: str) -> list[str]:
        """An addressee line in canonical form: the bodies it names when mentions cover it."""
        ms = find_mentions(entry, 0, len(entry), self.ctx)
        got, end = _mention_list(entry, ms[0].start, len(entry), ms) if ms else ([], 0)
        if got and ms[0].start <= 12 and len(entry) - end <= 2:
            label = re.match(r"(?:[Cc]ác|[Nn]hững)\s+([^:]{2,40}):", entry)
            if label:  # "Các chủ đầu tư: Ban A, Ban B" — "các chủ đầu tư" later means A and B
                from chidao.registry import fold
                self.addressee_labels[fold(label.group(1))] = _names(got)
            return list(_names(got))
        from chidao.extract.bodies import canonical
        return [canonical(entry, self.ctx)]

    def _resolve(self, ms: list[Mention]) -> tuple[str, ...]:
        names: list[str] = []
        for m in ms:
            for n in self._to_addressees(m):
                if names and names[-1] == "Các sở" and n.startswith("Các ban"):
                    n = names.pop() + ", " + n[4:]  # "Giám đốc các sở, Thủ trưởng các ban, ngành": one collective
                if n not in names:
                    names.append(n)
        return tuple(names)

    def _to_addressees(self, m: Mention) -> tuple[str, ...]:
        """A generic group resolved to the addressees that hold it ("các xã, thị trấn" → "Ban Chỉ đạo 138 các xã, thị trấn")."""
        if m.collective and ANAPHORA.match(self.text, m.end):
            before = _names([x for x in self._paragraph_mentions if x.end <= m.start and not x.collective][-6:])
            if before:
                return before  # "… Sở Xây dựng, UBND thành phố Lào Cai. Yêu cầu các đơn vị này …"
        if len(m.names) == 1 and m.names[0].startswith("Ủy ban nhân dân các") and ANAPHORA.match(self.text, m.end):
            levels = re.findall(r"\b(huyện|thị xã|thành phố|quận|xã|phường|thị trấn)\b", m.names[0])
            named = [a for a in self.addressees if any(a.startswith(f"Ủy ban nhân dân {lv} ") for lv in levels)]
            if named:
                return tuple(named)  # "Chủ tịch UBND các huyện, thị xã nêu trên": those the letter is sent to
        if not self.addressees:
            return m.names
        from chidao.registry import fold
        raw = self.text[m.start:m.end]
        if m.collective:
            raw = re.sub(r"^.*?(?=(?:[Cc]ác|[Nn]hững)\s)", "", raw, count=1)  # "Thủ trưởng các đơn vị" → "các đơn vị"
            labelled = self.addressee_labels.get(fold(re.sub(r"^(?:[Cc]ác|[Nn]hững)\s+", "", raw)))
            if labelled:
                return labelled
        faddr = [fold(a) for a in self.addressees]
        if m.collective:
            if STANDARD_COLLECTIVE.match(raw):
                return m.names  # "các sở, ban, ngành", "các sở, ngành liên quan": a collective by name
            nouns = [fold(x) for x in re.split(r",|\bvà\b", re.sub(r"^(?:[Cc]ác|[Nn]hững)\s+", "", raw))]
            nouns = [n.replace("cac ", "").strip() for n in nouns if n.strip()]
            hit = []
            for n in nouns:
                for i, fa in enumerate(faddr):
                    if re.search(r"\b" + re.escape(n) + r"\b", fa) and self.addressees[i] not in hit:
                        hit.append(self.addressees[i])
            if nouns and re.fullmatch(r"(?:các\s+)?(?:đơn vị|cơ quan, đơn vị|cơ quan)", raw.lower().strip()):
                return tuple(self.addressees)
            if hit:
                return tuple(hit)
            if re.match(r"(?:các\s+)?(?:đơn vị|cơ quan)\b(?!\s+chủ\b)", raw.lower().strip()) and not re.search(r"\bthuộc\b", raw):
                return tuple(self.addressees)  # "các đơn vị y tế": the addressees are the units meant
            return m.names
        if m.head in ("Sở", "Bộ", "Công an", "Văn phòng", "Thanh tra") and not m.needs_locality:
            return m.names  # a full name needs no addressee to explain it
        toks = set(fold(raw).split()) - {"cac", "tinh"}
        best, score = None, 0.0
        for i, fa in enumerate(faddr):
            ft = set(fa.split())
            if toks and len(toks & ft) / len(toks) > score:
                best, score = self.addressees[i], len(toks & ft) / len(toks)
        if best and score >= 0.8 and len(toks) >= 2:
            return (best,)
        return m.names

    def _own_document_before(self, pos: int, kind: str | None = None) -> bool:
        """The document cited last before ``pos`` (of ``kind`` when given) is the issuing authority's own
        ("Chủ tịch UBND tỉnh ký ban hành Chỉ thị số 09/CT-UBND …. Chỉ thị yêu cầu …"): what it asks is
        asked by the issuer."""
        from chidao.extract.citations import find_references
        from chidao.registry import fold
        refs = [r for r in find_references(self.text, max(0, pos - 600), pos, self.ctx.province)
                if kind is None or r.type == kind]
        return bool(refs) and fold(refs[-1].issuer or "") in self._side_keys

    def _issuer_side(self, ms: list[Mention]) -> bool:
        from chidao.registry import fold
        return bool(ms) and all(fold(n) in self._side_keys for n in _names(ms))

    # --- clauses -----------------------------------------------------------------------
    def _strip_openers(self, s: int, e: int, mentions: list[Mention]) -> tuple[int, str | None]:
        """Skip connectors and short adverbials before the subject; return a "Đối với X" target."""
        self.opened = ""
        target = None
        for _ in range(4):
            m = LEADING.match(self.text, s, e)
            if m and m.end() > s:
                s = m.end()
            chunk = self.text[s:e]
            c = self.lx.continuers.match(chunk)
            if c:
                s += c.end()
                continue
            own = OWN_DOCUMENT_SPEAKS.match(chunk)
            if own and self._own_document_before(s):  # "Chỉ thị yêu cầu …" → "yêu cầu …"
                s += own.end("kind")
                continue
            d = DOI_VOI.match(chunk)
            if d:
                g = "x" if d.group("x") is not None else "y"
                target = (s + d.start(g), s + d.end(g))
                s += d.end()
                continue
            v = VE_TOPIC.match(chunk)
            if v:
                s += v.end()
                continue
            if PURPOSE.match(chunk):
                jump = self._past_purpose(s, e, mentions)
                if jump:
                    s = jump
                    continue
            o = OPENER.match(chunk)
            if o and not any(s <= mm.start < s + o.end("p") for mm in mentions) \
                    and not re.search(r"\b(?:giao|yêu cầu|đề nghị)\b", o.group("p")) and len(o.group("p").split()) <= 14 \
                    and not LOCAL_SUBJECT.match(chunk):
                self.opened += o.group("p") + ", "
                s += o.end()
                continue
            break
        return s, target

    def clause_hits(self, para: Para, scope_assignees: tuple[str, ...], presenter: tuple[str, ...],
                    inherited: tuple[str, ...], allow_implicit: bool, mode: str | None) -> tuple[list[Hit], bool]:
        """Tasks stated by the clauses of one paragraph; also whether the paragraph is a generic lead-in."""
        text = self.text
        opening = text[para.body:para.end].lstrip(" *-+")
        own = OWN_DOCUMENT_SPEAKS.match(opening) and self._own_document_before(para.body)
        by_own = BY_DOCUMENT.match(opening)  # "Theo Kế hoạch, Sở X chủ trì …" of the plan the issuer just issued
        own = own or (by_own and self._own_document_before(para.body, by_own.group("kind")))
        if (self.lx.cited_openers.match(opening) and not own) or DESCRIPTIVE.match(opening):
            return [], False
        mentions = mentions_in(text, para.body, para.end, self.ctx)
        self._paragraph_mentions = mentions
        hits: list[Hit] = []
        last: tuple[str, ...] = ()
        leadin_generic = False
        narrative = False  # a paragraph that tells of a meeting ("Ngày 11/8/2021, …") assigns only with duty words
        weighing = False  # so does a sentence that weighs ("Tuy nhiên, …")
        pos = para.body
        clauses = []
        for m in SENTENCE.finditer(text, para.body, para.end):
            if text[m.start()] == ":" and not SPEAKER.search(text, pos, m.start()) and not TOPIC.match(text, pos):
                continue  # a colon splits only after a speaker: "… chỉ đạo tại Công văn số …: Sở X …"
            if m.start() > pos:
                clauses.append((pos, m.start()))
            pos = m.end()
        if pos < para.end:
            clauses.append((pos, para.end))
        clauses = self._join_lists(clauses, mentions)
        clauses = [part for c in clauses for part in self._split_subjects(c, mentions)]
        attending = False  # within "Cùng đi có …; …; …." — a list of who came, to its full stop
        for ci, (cs, ce) in enumerate(clauses):
            if attending or ATTENDING.match(text, cs, ce):
                attending = not re.match(r"\s*(?:\.|$)", text[ce:ce + 1]) and ce < para.end
                last = ()
                continue
            s, target = self._strip_openers(cs, ce, mentions)
            if s >= ce:
                continue
            opened = self.opened + (text[cs:target[0]] if target else text[cs:s])  # "Đối với …" names a topic
            issuer_speaks = bool(cms0 := [m for m in mentions if m.start == s]) and self._issuer_side(cms0[:1])
            if CONDITIONAL.search(opened) or (CITED_IN.search(opened) and not issuer_speaks):
                last = ()
                continue  # "nếu có vướng mắc, …", "tại Công văn số …, Bộ X đề nghị …"
            narrative = narrative or bool(NARRATIVE.search(opened[:60]))
            if ci and text[:cs].rstrip()[-1:] in ".!?":
                weighing = False
            weighing = weighing or bool(WEIGHING.search(opened[:60]))
            chunk = text[s:ce]
            cms = [m for m in mentions if m.start >= s and m.end <= ce]
            assignees: tuple[str, ...] = ()
            goes_on = False  # the clause goes on with the work of the one before
            action_start = s
            # "Cơ quan chủ trì tiếp thu…" under "(Sở X trình)"
            cm = CHU_TRI.match(chunk)
            if cm and presenter:
                assignees, action_start = presenter, s + cm.end()
            tl = (TABLE_LEADS.match(chunk) or (TABLE_HOLDERS.match(chunk) if self.table_leads else None)) \
                if not assignees else None
            leads = (self.table_leads or _union_names(h.assignees for h in self.hits_so_far)) if tl else ()
            if leads:  # "Các cơ quan được giao chủ trì các nhiệm vụ tại Phụ lục …": the bodies given those tasks
                assignees, action_start = leads, s + tl.end()
            subj, after = _mention_list(text, s, ce, cms) if cms and cms[0].start == s else ([], s)
            mm = MEMBERS_OF_NEW.match(chunk) if not subj and not assignees else None
            founded = [name for at, name in self.ctx.established if at < s]
            if mm and founded:  # "Các thành viên có tên tại Điều 1 … có trách nhiệm …": of the body just set up
                assignees, action_start = (founded[-1],), s + mm.end()
            lm = LOCAL_SUBJECT.match(chunk) if not subj else None
            if not assignees and lm:
                from chidao.extract.bodies import _localise
                assignees = (_localise("Ủy ban nhân dân " + lm.group("w").lower(), self.ctx),)
                action_start = s + lm.end()
            speaker_ok = False
            if subj and subj[-1].via_role:
                pm = PERSON_NAME.match(text, after, ce)
                if pm and pm.group(1) in self.lx.surnames:
                    after = pm.end()
            members = bool(subj) and MEMBERS.match(text, s, ce) is not None
            if not assignees and subj and (members or not self._issuer_side(subj)):
                rest = text[after:ce].lstrip(" ,")
                if CENTRAL.match(text, s) and REPORTED_VERB.match(rest):
                    last = ()
                    continue  # "theo đó, Bộ Tài chính đề nghị UBND các tỉnh …": what a ministry asks, reported
                if all(m.collective for m in subj) and not self._verb_first(rest):
                    last = ()
                    continue  # "…; các công ty, doanh nghiệp, doanh nhân trong và ngoài tỉnh": objects, not a subject
                if not self._directive_rest(rest):
                    last = ()
                    if not re.match(r"(?:cơ bản\s+)?(?:nhất trí|thống nhất|đồng ý|ghi nhận|đánh giá cao)", rest):
                        continue
                    speaker_ok = True  # "Đoàn kiểm tra nhất trí …, đề nghị X …": the speaker hands work on
                else:
                    assignees, action_start = self._resolve(subj), after
                    narrowed = LOCAL_QUALIFIER.match(text, after, ce) if len(subj) == 1 and subj[0].collective \
                        or (len(assignees) == 1 and " các " in assignees[0]) else None
                    if narrowed and len(assignees) == 1:  # "UBND các xã, phường có trụ sở dôi dư chịu trách nhiệm …"
                        assignees = (canonical(f"{assignees[0]} {narrowed.group('q')}", self.ctx),)
                        action_start = narrowed.end()
            if not assignees and subj and CENTRAL.match(text, s) and not CENTRAL.match(self.ctx.issuer or "") \
                    and REPORTED_VERB.match(text[after:ce].lstrip(" ,")):
                last = ()
                continue  # "Thủ tướng Chính phủ tại Công điện số … yêu cầu các bộ, địa phương …": reported
            if not assignees:
                # an assigning verb: at the clause start, or after the issuer, a leader or "Đồng chí"
                av = self._assigning(s, ce, cms, subj, speaker_ok)
                within = CITED_WITHIN.search(text, cs, av) if av is not None else None
                if within and "," not in text[within.end():av]:
                    last = ()
                    continue  # "Thực hiện Chỉ thị số … của UBND tỉnh, trong đó UBND tỉnh yêu cầu …": the cited text's
                if av is not None and scope_assignees and allow_implicit and text[s:av].strip(" -*+").lower() == "yêu cầu" \
                        and mode != "assess" and len(scope_assignees) == 1 \
                        and scope_assignees[0].startswith(("Sở ", "Công an ", "Cục ", "Bộ Chỉ huy ")):
                    assignees = scope_assignees  # under "Sở Giao thông vận tải:", "Yêu cầu các doanh nghiệp …" is its duty
                elif av is not None:
                    vend = av
                    objs, oend = _mention_list(text, vend, ce, [m for m in cms if m.start >= vend])
                    bare = BARE_LOCALITIES.match(text, vend, ce) if not objs else None
                    named = NAMED_LOCALITY.match(text, vend, ce) if not objs else None
                    if objs and not self._issuer_side(objs):
                        assignees, action_start = self._resolve(objs), oend
                    elif named:  # "đề nghị huyện Ngọc Hiển tập trung …"
                        assignees = (f"Ủy ban nhân dân {named.group(1)} {named.group(2)}",)
                        action_start = named.end()
                    elif bare:
                        from chidao.extract.bodies import _localise
                        assignees = tuple(_localise("Ủy ban nhân dân " + w, self.ctx)
                                          for w in re.split(r"\s*,\s*|\s+và\s+", bare.group("w")))
                        action_start = bare.end()
                    elif not objs:
                        action_start = vend
                        if target is None and not last and not inherited and not scope_assignees:
                            continue
                elif subj:  # the issuer or a leader speaking without assigning: a statement
                    last = ()
                    continue
            if not assignees and target is not None:
                tms = [m for m in mentions if m.start >= target[0] and m.end <= target[1] + 1]
                if tms:
                    assignees = self._resolve(tms)
                else:
                    loc = LOCALITY_NAME.match(text[target[0]:target[1]])
                    if loc:
                        assignees = (f"Ủy ban nhân dân {loc.group(1)} {loc.group(2)}",)
            if not assignees:
                if last and (self._imperative(chunk, s) or REPORT_BACK.match(chunk)) \
                        and (FORBIDDING.match(chunk) or not re.match(r"^(?:\S+\s+){0,6}?(?:đã|được|đang)\s", chunk)):
                    assignees, goes_on = last, True
                elif inherited:
                    assignees = inherited
                elif allow_implicit and scope_assignees and mode != "assess" and self._imperative(chunk, s):
                    assignees = scope_assignees
            if not assignees:
                if last and hits and hits[-1].clause_index >= 0 and TIME_ONLY.match(chunk):
                    hits[-1].deadlines.extend(find_deadlines(text, s, ce, self.doc_date))  # "…; thời gian gửi hồ sơ
                continue                                                                      # chậm nhất ngày 10/10/2025."
            if (mode == "assess" or ((narrative or weighing) and not goes_on)) and not self._duty(text[s:ce]):
                last = ()
                continue
            # the lead-in "… thực hiện các nội dung sau:" hands its bodies to the items
            if ci == len(clauses) - 1 and self.lx.generic_leadin.search(text[action_start:para.end].strip(" *")):
                leadin_generic = True
                if re.fullmatch(r"[\s,]*", self.lx.generic_leadin.sub("", text[action_start:para.end].strip(" *"))):
                    last = assignees
                    hits.append(Hit(assignees, (), "", para.start, para.end, [], -1))
                    continue
            coords = self._coordinators(action_start, ce, cms, assignees)
            deadlines = [_undated_event(_periodic(d, text, s)) for d in find_deadlines(text, s, ce, self.doc_date)]
            action = " ".join(text[action_start:ce].split()).strip(" ,;:.*")[:240]
            hits.append(Hit(assignees, coords, action, para.start, para.end, deadlines, ci))
            last = assignees
        return hits, leadin_generic

    def _assigning(self, s: int, ce: int, cms: list[Mention], subj: list[Mention], speaker_ok: bool = False) -> int | None:
        """End of an assigning verb that hands work to the bodies after it, or None."""
        text = self.text
        lx = self.lx
        for m in lx.assigning_re.finditer(text, s, ce):
            if any(x.start <= m.start() < x.end for x in cms):
                continue  # "Ban Chỉ đạo" is a name, not the verb
            verb = m.group().lower()
            before = text[s:m.start()]
            if re.search(r"với\s*$", before) or text[m.end():m.end() + 5].startswith(" với"):
                continue
            if not before.strip(" ,"):
                if verb == "chỉ đạo":
                    return None
                return m.end()
            # "UBND tỉnh giao …", "Đồng chí … đề nghị …", "Ban Chỉ đạo 138 huyện yêu cầu …"
            speaker = [x for x in subj if x.end <= m.start()]
            if re.search(r"(?<![\wÀ-ỹ])đã\s+(?:(?:có|ban hành|gửi)\s+(?:Công văn|Văn bản|Thông báo|Công điện|Kế hoạch|Quyết định)"
                         r"|$)", before):
                return None  # "UBND tỉnh đã có Công văn số … yêu cầu …": a request made before, told
            if speaker and (speaker_ok or self._issuer_side(speaker) or all(x.via_role for x in speaker)):
                return m.end()  # the issuer, or a leader speaking for a body ("Trưởng Ban Chỉ đạo yêu cầu …")
            adjacent = [x for x in cms if x.end <= m.start() and not text[x.end:m.start()].strip()]
            if adjacent and self._issuer_side(adjacent[-1:]):
                return m.end()  # "…, Sở Nông nghiệp và Phát triển nông thôn đề nghị …": the issuer speaks
            if before.rstrip().endswith(",") and verb != "chỉ đạo" and not [x for x in subj if not self._issuer_side([x])] \
                    and not [x for x in cms if x.end <= m.start() and not self._issuer_side([x])]:
                return m.end()
            if re.fullmatch(r"\s*" + DOC_KIND + r"(?: này)?\s*", before):
                return m.end()  # "Công điện yêu cầu …": the document speaks
            if re.match(r"^(?:[Đđ]ồng chí|[Ll]ãnh đạo|[Đđ]oàn (?:kiểm tra|công tác))\b", before) or \
                    re.search(r"(?:Chủ tịch|Phó Chủ tịch)[^,]*(?:,\s*[^,]+)?\s*$", before) and not subj:
                return m.end()
            return None
        return None

    def _coordinators(self, s: int, e: int, cms: list[Mention], assignees: tuple[str, ...]) -> tuple[str, ...]:
        out: list[str] = []
        for m in COORD.finditer(self.text, s, e):
            objs, _ = _mention_list(self.text, m.end(), e, [x for x in cms if x.start >= m.end()])
            for n in self._resolve(objs):
                if n not in assignees and n not in out and n not in self.issuer_side:
                    out.append(n)
        return tuple(out)

    def _join_lists(self, clauses: list[tuple[int, int]], mentions: list[Mention]) -> list[tuple[int, int]]:
        """"Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: …; Chủ tịch UBND … chịu trách nhiệm …": a clause
        that only names bodies goes on in the next one."""
        out: list[tuple[int, int]] = []
        for cs, ce in clauses:
            if out and self._only_bodies(*out[-1], mentions):
                out[-1] = (out[-1][0], ce)
            else:
                out.append((cs, ce))
        return out

    def _only_bodies(self, cs: int, ce: int, mentions: list[Mention]) -> bool:
        first = [m for m in mentions if m.start >= cs and m.end <= ce]
        if not first or self.text[cs:first[0].start].strip(" *-+.:;,") != "" and not re.fullmatch(
                r"\s*(?:Điều\s+\d+\.\s*)?", self.text[cs:first[0].start]):
            return False
        _, end = _mention_list(self.text, first[0].start, ce, first)
        return not self.text[end:ce].strip(" ;,.")

    def _split_subjects(self, clause: tuple[int, int], mentions: list[Mention]) -> list[tuple[int, int]]:
        """"Rà soát …, bảo đảm công khai, UBND huyện, xã thực hiện …": a new subject after a comma
        starts a new clause (unless it goes on a list of bodies)."""
        cs, ce = clause
        cuts = []
        ends = {m.end for m in mentions}
        for m in mentions:
            if m.start <= cs + 10 or m.start >= ce or self.text[m.start - 2:m.start] != ", ":
                continue
            if (m.start - 2) in ends or len(self.text[cs:m.start].split()) < 4:
                continue
            before = self.text[cs:m.start - 2]
            if NO_SPLIT_BEFORE.search(before[-70:]) or CONDITIONAL.search(before) or CITED_IN.search(before) \
                    or PERSON_END.search(before) or " gồm" in before:
                continue
            got, after = _mention_list(self.text, m.start, ce, [x for x in mentions if x.start >= m.start])
            rest = self.text[after:ce].lstrip(" ,")
            if got and self._directive_rest(rest) and not self._issuer_side(got):
                cuts.append(m.start)
        bounds = [cs, *cuts, ce]
        return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]

    def _past_purpose(self, s: int, e: int, mentions: list[Mention]) -> int | None:
        """After "Để …, …," the first comma followed by a body that acts: where the subject starts."""
        for c in re.finditer(r",\s+", self.text[s:e]):
            pos = s + c.end()
            first = [m for m in mentions if m.start == pos]
            if any(m.end == s + c.start() and HEARD.search(self.text, s, m.start) for m in mentions) \
                    or HEARD_PERSON.search(self.text, s, s + c.start()):
                continue  # "qua nghe lãnh đạo huyện A, lãnh đạo xã B báo cáo …": a list of heard bodies
            if first:
                _, after = _mention_list(self.text, pos, e, [m for m in mentions if m.start >= pos])
                if self._directive_rest(self.text[after:e].lstrip(" ,")):
                    return pos
        return None

    def _verb_first(self, rest: str) -> bool:
        """The words after a subject open with a verb or a word of duty."""
        from chidao.extract.bodies import _starts_with
        rest = rest.lstrip(" ,:")
        return bool(self.lx.duty.match(rest) or _starts_with(rest, 0, self.lx.verbs, ci=True)
                    or re.match(r"(?i)(?:theo chức năng|căn cứ|phối hợp|thực hiện|triển khai|tổ chức)", rest))

    def _directive_rest(self, rest: str) -> bool:
        """What follows a subject makes an assignment (not a statement, a list or an announcement)."""
        rest = re.sub(r"^của\s+(?:huyện|tỉnh|xã|phường|thành phố|thị xã|quận)(?:\s+" + U + r"\S*){0,3}\s*", "", rest)
        colon = re.match(r":\s*(?=\S)", rest)
        if colon:  # "Sở Y tế: Là cơ quan thường trực, chủ trì …" — a body, then its duties
            rest = rest[colon.end():]
            return bool(rest) and not rest[0].isdigit() and self._imperative(rest, 0)
        if not rest or not rest[0].isalpha() or rest[0].isupper():
            return False  # a verb follows its subject in lower case; a capital starts another name
        rest = APPOSITION.sub("", rest)
        if self.lx.duty.match(rest):
            return True
        head = re.split(r"[.;:]", rest, maxsplit=1)[0][:90]
        if re.match(r"^(?:là|được|có)\s", rest) and re.search(r"(?:có|chịu) trách nhiệm|có nhiệm vụ|\bchủ trì\b", head):
            return True
        if self.lx.not_directive.match(rest) or ANNOUNCE.match(rest) or re.match(r"^\S+(?:\s+\S+)?\s*:", rest) \
                or AMOUNT.search(rest):
            return False
        return True

    def _imperative(self, chunk: str, s: int) -> bool:
        """A subjectless clause that reads as an order (not a heading, not a result)."""
        c = APPOSITION.sub("", chunk.strip(" *“\""))
        if not c or not c[0].isalpha() or PERSON.match(c):
            return False  # "Ông Trần Văn A, Phó Chi cục trưởng …, được cử …": a person, not an order
        if re.match(r"^(?:\S+\s+){0,5}là\s", c) or re.match(r"^(?:Thực hiện|Căn cứ|Theo|Xét|Nhằm|Để)\s+(?:Công văn|Quyết định|"
                                                          r"Nghị quyết|Kế hoạch|Chỉ thị|Thông báo|Hướng dẫn|Chương trình|Văn bản|ý kiến|chỉ đạo)", c):
            return False
        return not re.match(r"^(?:\d|Kết quả|Tình hình|Tổng (?:số|thu|chi|cộng|mức|kinh phí|vốn)|Mục tiêu|Đối tượng|Nội dung|"
                            r"Phạm vi|Quy mô|Thời gian|Kinh phí|Hồ sơ|Tờ trình|Biên bản|Bảng|Bản |Danh sách|Các|Những|"
                            r"Một số|Trong đó|Năm|Tháng|Việc|Mỗi|Trường hợp|Nếu|Được)(?![\wÀ-ỹ])", c[:1].upper() + c[1:])

    def _duty(self, chunk: str) -> bool:
        return bool(re.search(r"\b(?:cần|phải|yêu cầu|đề nghị|có trách nhiệm|chịu trách nhiệm|có nhiệm vụ|khẩn trương)\b"
                              r"|(?<!bàn )\bgiao\s+(?!thông|dịch|lưu|thoa|nhận|kết)\S", chunk))


def _periodic(d: Deadline, text: str, clause_start: int) -> Deadline:
    """"định kỳ hằng năm báo cáo … trước ngày 15/12": the date is that of a recurring duty."""
    if d.kind != "recurring" and d.date and (PERIODIC.search(text, max(clause_start, d.start - 80), d.start)
                                              or PERIODIC.match(text, d.end + 1, d.end + 20)):
        from dataclasses import replace
        return replace(d, date=None, kind="recurring", rule={**(d.rule or {}), "recurring_date": d.date})
    return d


def _undated_event(d: Deadline) -> Deadline:
    """"trước Tết Nguyên đán": an event, not a date the text states; its estimate stays in the rule."""
    if d.kind == "event" and d.date:
        from dataclasses import replace
        return replace(d, date=None, rule={**(d.rule or {}), "estimated": d.date})
    return d


def group_hits(hits: list[Hit]) -> list[Task]:
    """One task per paragraph per assignee set; the final deadline of the set governs."""
    tasks: list[Task] = []
    order: list[tuple[int, tuple[str, ...]]] = []
    groups: dict[tuple[int, tuple[str, ...]], list[Hit]] = {}
    for h in hits:
        if h.clause_index < 0:
            continue
        key = (h.start, tuple(sorted(h.assignees)))
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(h)
    for key in order:
        hs = groups[key]
        coords: list[str] = []
        for h in hs:
            coords.extend(c for c in h.coordinators if c not in coords)
        deadline = pick_final([d for h in hs for d in h.deadlines])
        action = "; ".join(h.action for h in hs if h.action)[:300]
        tasks.append(Task(assignees=hs[0].assignees, coordinators=tuple(coords), action=action, deadline=deadline,
                          start=hs[0].start, end=hs[0].end))
    return tasks
