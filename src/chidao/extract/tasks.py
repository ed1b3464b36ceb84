"""Tasks: the outline walk that hands context down to each paragraph's clauses.

One task per paragraph per assignee set (SCHEMA.md). Headings ("Đối với huyện X", "1. Sở Y tế"),
lead-ins ("yêu cầu A, B thực hiện các nội dung sau:"), agenda items ("(Sở X trình)") and task
tables give the paragraphs under them their bodies; ``clauses.py`` reads each paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from chidao.extract.bodies import find_mentions
from chidao.extract.clauses import Hit, TaskFinder, _mention_list, group_hits
from chidao.extract.model import Task
from chidao.extract.outline import Para
from chidao.extract.patterns import HEAD_TARGET, LOCALITY_NAME, PRESENTER
from chidao.extract.tables import SEP, Header, header, row_task


@dataclass
class Scope:
    """Context that headings and lead-ins give to the paragraphs under them."""

    depth: int
    assignees: tuple[str, ...] = ()
    mode: str | None = None            # "assess" | "assign" | None
    presenter: tuple[str, ...] = ()
    leadin: str | None = None          # "generic" (items are tasks) | "specific" (items elaborate) | "list"
    focal: dict = field(default_factory=dict)


def find_tasks(text: str, paras: list[Para], finder: TaskFinder) -> list[Task]:
    """Walk the outline: headings and lead-ins open scopes, each paragraph yields its tasks."""
    lx = finder.lx
    root = Scope(depth=-1)
    stack: list[Scope] = [root]
    hits: list[Hit] = []
    prev_hits: list[Hit] = []
    local_leadin: str | None = None
    table_tasks, table_rows, listed = _table_tasks(text, paras, finder)
    finder.table_leads = tuple(dict.fromkeys(n for t in table_tasks + listed for n in t.assignees))
    for i, para in enumerate(paras):
        line = text[para.body:para.end]
        if i in table_rows:
            continue
        numbered = para.kind in ("roman", "nums", "num", "alpha", "art")
        bodies_head = _bodies_heading(text, para, finder)
        if para.kind is None and not para.heading:
            while len(stack) > 1 and stack[-1].depth >= 7:  # a plain paragraph ends bullet scopes
                stack.pop()
        if para.depth == 0 or numbered or (para.heading and para.kind is None) or bodies_head:
            while len(stack) > 1 and stack[-1].depth >= para.depth:
                stack.pop()
            scope = Scope(depth=para.depth)
            _fill_scope(scope, text, para, finder)
            if bodies_head:
                scope.assignees, scope.leadin = bodies_head, "generic"
            stack.append(scope)
            local_leadin = None
            if para.heading or bodies_head or (numbered and scope.presenter):
                prev_hits = []
                continue  # a heading, or an agenda item's title "(Sở X trình)"
        elif para.kind is None:
            local_leadin = None
        eff = _effective(stack)
        finder.ctx.focal_by_level = eff.focal
        leadin = eff.leadin
        if para.kind in ("dash", "plus") and local_leadin:
            leadin = local_leadin
        allow = leadin != "specific" and leadin != "list" and (bool(eff.assignees) or leadin == "generic")
        inherited: tuple[str, ...] = ()
        if prev_hits and lx.continuers.match(line.lstrip(" -+*")):
            inherited = prev_hits[-1].assignees
        para_hits, generic = finder.clause_hits(para, eff.assignees, eff.presenter, inherited, allow, eff.mode)
        ends_colon = line.rstrip(" *").endswith(":")
        if ends_colon:
            target = stack[-1] if numbered else (stack[-1] if para.kind is None else None)
            if generic:
                kind = "generic"
            elif any(h.clause_index >= 0 for h in para_hits):
                kind = "specific"
            else:
                kind = "list"
            if kind != "list" and target is not None:
                target.leadin = kind
                if generic:
                    target.assignees = _union(h.assignees for h in para_hits)
            elif para.kind is None or numbered:
                local_leadin = kind
        hits.extend(para_hits)
        finder.hits_so_far.extend(h for h in para_hits if h.clause_index >= 0)
        prev_hits = [h for h in para_hits if h.clause_index >= 0] or ([] if para.kind is None else prev_hits)
    return sorted(group_hits(hits) + table_tasks, key=lambda t: t.start)


def _table_tasks(text: str, paras: list[Para], finder: TaskFinder) -> tuple[list[Task], set[int], list[Task]]:
    """The tasks of the document's task tables, the indexes of the paragraphs they take, and the rows of
    tables that list tasks given by other documents ("Văn bản giao"): not new tasks, but their bodies
    are those "nêu tại bảng trên"."""
    tasks: list[Task] = []
    listed: list[Task] = []
    taken: set[int] = set()
    table: Header | None = None
    for i, para in enumerate(paras):
        head = header(text, para.start, para.end)
        if head:
            table = head
            taken.add(i)
            continue
        if table is not None and SEP in text[para.start:para.end]:
            taken.add(i)
            task = row_task(text, para.start, para.end, table, finder.ctx, finder.doc_date)
            if task:
                (listed if table.cited else tasks).append(task)
            continue
        table = None
    return tasks, taken, listed


FOCUS = re.compile(r",?\s*(?:nhất là|đặc biệt là|trong đó|chú trọng|ưu tiên)\s")


def _bodies_heading(text: str, para: Para, finder: TaskFinder) -> tuple[str, ...]:
    """A heading that only names bodies ("1. Sở Y tế", "- UBND các huyện, thị xã:", "2. Công an tỉnh
    (cơ quan thường trực)"): the items under it are theirs."""
    line = text[para.body:para.end].strip(" *")
    if not line or len(line) > 220 or (line.endswith((".", ";")) and not line.endswith("./.")):
        return ()
    if para.kind is None and not line.endswith(":"):
        return ()
    core = re.sub(r"\s*\([^()]*\)\s*", " ", line).strip(" :")
    core = re.sub(r"^(?:Đối với|Riêng|Giao|(?:Nhiệm vụ|Trách nhiệm|Quyền hạn)(?:,?\s*(?:và\s+)?(?:nhiệm vụ|trách nhiệm|quyền hạn))*"
                  r"\s+(?:của\s+)?)\s*", "", core)
    s = text.find(core[:20], para.body, para.end) if core else -1
    if s < 0:
        return ()
    ms = [m for m in find_mentions(text, s, para.end, finder.ctx)
          if text.count("(", s, m.start) <= text.count(")", s, m.start)]  # "Sở X (Chi cục Y):": the unit in charge
    if not ms or ms[0].start != s:
        return ()
    got, end = _mention_list(text, s, para.end, ms)
    rest = text[end:para.end].strip(" :*.")
    rest = re.sub(r"^\([^()]*\)", "", rest).strip(" :*.;")
    if FOCUS.match(rest):
        rest = ""  # "UBND các xã, phường, nhất là các xã ven sông …": a focus, the same bodies
    if rest and len(got) == 1 and re.match(r"(?:có|thuộc|ven|vùng|nơi có|được giao)\s", rest) and len(rest.split()) <= 8:
        from chidao.extract.bodies import canonical
        return (canonical(got[0].names[0] + " " + rest, finder.ctx),)  # "UBND các huyện, thị xã có cụm công nghiệp"
    if rest:
        return ()
    return finder._resolve(got)


def _union(groups) -> tuple[str, ...]:
    out: list[str] = []
    for g in groups:
        out.extend(n for n in g if n not in out)
    return tuple(out)


def _effective(stack: list[Scope]) -> Scope:
    eff = Scope(depth=stack[-1].depth)
    for sc in stack:  # outer to inner: inner wins
        if sc.assignees:
            eff.assignees = sc.assignees
        if sc.mode:
            eff.mode = sc.mode
        if sc.presenter:
            eff.presenter = sc.presenter
        if sc.leadin:
            eff.leadin = sc.leadin
        eff.focal = {**eff.focal, **sc.focal}
    return eff


def _fill_scope(scope: Scope, text: str, para: Para, finder: TaskFinder) -> None:
    """What a heading or numbered item says about the paragraphs under it."""
    lx = finder.lx
    line = text[para.body:para.end]
    head = line.split(":")[0] if para.heading else line
    if para.heading or len(line) < 200:
        if lx.assigning_sections.search(head) and not re.match(r"\s*(?:Đối với|Về)\s+kiến nghị", head):
            scope.mode = "assign"
        elif lx.assessing_sections.search(head) and para.heading and not PRESENTER.search(line) \
                and (para.kind == "roman" or line.strip(" *").isupper() or len(head.split()) <= 8):
            scope.mode = "assess"  # "I. ĐÁNH GIÁ CHUNG", "b) Kết quả thực hiện" — not an agenda item's title
    pm = PRESENTER.search(line)
    if pm:
        ms = find_mentions(text, para.body + pm.start("x"), para.body + pm.end("x"), finder.ctx)
        scope.presenter = finder._resolve(ms)
    hm = HEAD_TARGET.match(line.strip(" *")) if para.heading else None
    if hm:
        s = para.body + line.find(hm.group("x"))
        ms = find_mentions(text, s, s + len(hm.group("x")), finder.ctx)
        loc = LOCALITY_NAME.match(hm.group("x"))
        if loc:
            scope.focal = {loc.group(1): f"{loc.group(1)} {loc.group(2)}"}
            scope.assignees = (f"Ủy ban nhân dân {loc.group(1)} {loc.group(2)}",)
        elif ms:
            scope.assignees = finder._resolve(ms)
