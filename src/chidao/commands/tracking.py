"""Task tracking commands: ingest, tasks, task …, search, bodies, stats, doc …, db upgrade.

Exit codes: 0 done; 1 not found, refused by the rules, or the store cannot be used;
2 bad input (a date, a duration, a body name, an option) or a file that failed to ingest.
Dates are written ``YYYY-MM-DD`` or ``dd/mm/yyyy``. The store is ``./chidao-data`` unless
``CHIDAO_DATA_DIR`` / ``CHIDAO_DATABASE_URL`` say otherwise.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

err = Console(stderr=True, highlight=False)


def _say(prefix: str, message: str, style: str = "red") -> None:
    """One line on stderr: never wrapped, names in it never read as markup."""
    line = Text(prefix + " ", style=style)
    line.append(" ".join(str(message).splitlines()))
    err.print(line, soft_wrap=True)

OK, REFUSED, BAD_INPUT = 0, 1, 2


class OutFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _out() -> Console:
    """Standard output; wide when it is not a terminal, so that piped tables stay readable."""
    probe = Console()
    return Console(highlight=False, markup=False, width=None if probe.is_terminal else 160)


def guarded(fn):
    """Run a command, turning every known fault into a one-line message and an exit code."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from chidao.store.errors import StoreError
        from chidao.tracking.errors import BadInput, NotFound, Refused
        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except BadInput as e:
            _say("Lỗi:", str(e))
            raise typer.Exit(BAD_INPUT) from None
        except (NotFound, Refused) as e:
            _say("Không thực hiện được:", str(e))
            raise typer.Exit(REFUSED) from None
        except StoreError as e:
            _say("Kho dữ liệu:", str(e))
            raise typer.Exit(REFUSED) from None
        except KeyboardInterrupt:
            _say("Đã dừng.", "")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            raise typer.Exit(OK) from None
        except Exception as e:  # noqa: BLE001 - never a traceback for the user
            _say("Lỗi không mong đợi:", f"{type(e).__name__}: {e}")
            raise typer.Exit(REFUSED) from None
    return wrapper


def _store():
    from chidao.store.db import open_store
    return open_store()


def _tracker(store, by: str | None = None):
    from chidao.tracking.service import Tracker
    return Tracker(store, actor=by)


def _date(value: str | None, what: str = "Ngày") -> dt.date | None:
    from chidao.tracking.inputs import parse_date
    return parse_date(value, what) if value is not None else None


def _as_of(value: str | None) -> dt.date:
    return _date(value, "Ngày xem (--as-of)") or dt.date.today()


def _vn(d: dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


BY = typer.Option(None, "--by", help="Người thực hiện (mặc định $CHIDAO_USER hoặc tên đăng nhập)")
FORMAT = typer.Option(OutFormat.table, "--format", "-f", help="table, json hoặc csv")
AS_OF = typer.Option(None, "--as-of", help="Xem tại ngày (YYYY-MM-DD hoặc dd/mm/yyyy); mặc định hôm nay")


# --- ingest -------------------------------------------------------------------------------------

@guarded
def ingest(paths: list[Path] = typer.Argument(..., help="Tệp hoặc thư mục (duyệt đệ quy)"),
           accept: bool = typer.Option(False, "--accept", help="Xác nhận ngay các nhiệm vụ trích xuất được"),
           by: Optional[str] = BY,
           format: OutFormat = typer.Option(OutFormat.table, "--format", "-f",
                                            help="table, json (mỗi tệp một dòng JSON) hoặc csv")) -> None:
    """Nạp văn bản vào kho: trích xuất, lưu văn bản và nhiệm vụ (mỗi văn bản một giao dịch)."""
    import csv

    from chidao.tracking.ingest import ingest_items, iter_files
    from chidao.tracking.service import current_user

    store = _store()
    store.ensure_files_writable()
    actor = by or current_user()
    items = list(iter_files(paths))
    out = _out()
    counts = {"new": 0, "version": 0, "exists": 0, "failed": 0}
    tasks = 0
    progress = Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                        MofNCompleteColumn(), TimeRemainingColumn(), console=err, transient=True,
                        disable=not err.is_terminal)
    fields = ("path", "status", "document_id", "tasks", "previous_id", "message")
    rows = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
    if format is OutFormat.csv:
        rows.writeheader()
    with progress:
        bar = progress.add_task("Nạp văn bản", total=len(items))
        for result in ingest_items(store, items, accept=accept, actor=actor):
            counts[result.status] += 1
            tasks += result.tasks
            record = {k: getattr(result, k) for k in fields}
            if format is OutFormat.table:
                _print_ingest(out, result)
            else:
                if result.status == "failed":
                    _say("✗", result.message)
                if format is OutFormat.json:
                    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
                else:
                    rows.writerow({k: "" if v is None else v for k, v in record.items()})
                sys.stdout.flush()
            progress.advance(bar)
    state = "đã xác nhận" if accept else "chờ xác nhận"
    err.print(Text(f"{len(items)} tệp: {counts['new']} mới, {counts['version']} phiên bản mới, "
                   f"{counts['exists']} đã có, {counts['failed']} lỗi; {tasks} nhiệm vụ mới ({state})."),
              soft_wrap=True)
    raise typer.Exit(BAD_INPUT if counts["failed"] else OK)


def _print_ingest(out: Console, r) -> None:
    if r.status == "failed":
        _say("✗", r.message)
    elif r.status == "exists":
        out.print(f"= {r.path} — đã có trong kho (văn bản #{r.document_id})")
    elif r.status == "version":
        out.print(f"↻ {r.path} — văn bản #{r.document_id}, phiên bản mới của #{r.previous_id} "
                  f"({r.tasks} nhiệm vụ; {r.superseded} nhiệm vụ cũ đánh dấu bị thay thế)")
    else:
        out.print(f"✓ {r.path} — văn bản #{r.document_id}, {r.tasks} nhiệm vụ")


# --- tasks --------------------------------------------------------------------------------------

@guarded
def tasks(body: Optional[str] = typer.Option(None, "--body", help="Cơ quan chủ trì (tính cả cơ quan đã sáp nhập vào)"),
          status: Optional[list[str]] = typer.Option(None, "--status", help="proposed, open, in_progress, done, rejected (lặp lại được)"),
          overdue: bool = typer.Option(False, "--overdue", help="Chỉ nhiệm vụ đang quá hạn"),
          due_within: Optional[str] = typer.Option(None, "--due-within", help="Sắp đến hạn trong (7d, 2w, 1m)"),
          as_of: Optional[str] = AS_OF,
          document: Optional[int] = typer.Option(None, "--document", help="Chỉ nhiệm vụ của văn bản này"),
          coordinating: bool = typer.Option(False, "--coordinating", help="Tính cả nhiệm vụ cơ quan phối hợp"),
          all_versions: bool = typer.Option(False, "--all-versions", help="Kể cả nhiệm vụ của phiên bản cũ"),
          limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Số dòng tối đa"),
          format: OutFormat = FORMAT) -> None:
    """Danh sách nhiệm vụ với tình hình thực hiện tại một ngày."""
    from chidao.registry import load
    from chidao.tracking.inputs import parse_duration, parse_status
    from chidao.tracking.listing import Listing, run
    from chidao.tracking.output import task_record, write_csv, write_json_lines

    day = _as_of(as_of)
    spec = Listing(as_of=day, statuses=tuple(parse_status(s) for s in status or ()), body=body,
                   coordinating=coordinating, overdue=overdue,
                   due_within=parse_duration(due_within) if due_within else None, document_id=document,
                   include_superseded=all_versions, limit=limit)
    registry = load()
    store = _store()
    lines, named = run(store, registry, spec)
    if format is OutFormat.json:
        write_json_lines(sys.stdout, (task_record(x, day, registry) for x in lines))
        return
    if format is OutFormat.csv:
        write_csv(sys.stdout, (task_record(x, day, registry) for x in lines))
        return
    _task_table(lines, day, registry, named)


def _task_table(lines, day: dt.date, registry, named) -> None:
    from chidao.tracking.lifecycle import STATUS_LABELS, Status
    from chidao.tracking.views import assignee_names, deadline_label, timeliness_of

    title = f"Nhiệm vụ — tình hình tại ngày {_vn(day)}"
    if named is not None:
        title += f" — {named.name}"
    table = Table(title=title, show_lines=False)
    for header, kw in (("ID", {"justify": "right"}), ("Văn bản", {}), ("Cơ quan chủ trì", {"max_width": 40}),
                       ("Nội dung", {"max_width": 60}), ("Hạn", {}), ("Trạng thái", {}), ("Tình hình", {})):
        table.add_column(header, **kw)
    n = 0
    for line in lines:
        state = timeliness_of(line, day)
        doc = " ".join(x for x in (line.doc_number or f"#{line.document_id}",
                                   _vn(line.doc_date) or line.doc_date_text) if x)
        table.add_row(str(line.id), doc, "\n".join(assignee_names(line, registry, day)),
                      _short(line.action, 110), deadline_label(line), STATUS_LABELS[Status(line.status)],
                      _styled(state))
        n += 1
    out = _out()
    if n:
        out.print(table)
    out.print(f"{n} nhiệm vụ.")


def _styled(state) -> Text:
    from chidao.tracking.lifecycle import Timeliness
    if state is None:
        return Text("")
    style = {Timeliness.OVERDUE: "bold red", Timeliness.DONE_LATE: "yellow",
             Timeliness.DONE_ON_TIME: "green", Timeliness.ON_TRACK: "cyan"}.get(state, "")
    return Text(state.value, style=style)


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# --- one task -----------------------------------------------------------------------------------

task_app = typer.Typer(no_args_is_help=True, add_completion=False,
                       help="Một nhiệm vụ: xem, xác nhận, sửa, báo cáo, gia hạn, hoàn thành.")


@task_app.command("show")
@guarded
def task_show(task_id: int = typer.Argument(..., help="Số hiệu nhiệm vụ"), as_of: Optional[str] = AS_OF,
              format: OutFormat = typer.Option(OutFormat.table, "--format", "-f", help="table hoặc json")) -> None:
    """Chi tiết một nhiệm vụ và nhật ký xử lý."""
    from chidao.tracking.lifecycle import EVENT_LABELS, EventKind
    from chidao.tracking.output import task_record
    from chidao.tracking.views import assignee_names, deadline_label

    day = _as_of(as_of)
    tracker = _tracker(_store())
    detail = tracker.task(task_id)
    line, doc = detail.line, detail.document
    record = task_record(line, day, tracker.registry)
    if format is OutFormat.json:
        record["events"] = [{"kind": e.kind, "at": e.at.isoformat(), "actor": e.actor,
                             "on": e.on_date.isoformat() if e.on_date else None, "data": e.data}
                            for e in detail.events]
        record["quote"] = doc.text[detail.start:detail.end]
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=1) + "\n")
        return
    out = _out()
    head = Text(f"Nhiệm vụ #{line.id}", style="bold")
    head.append(f" — {record['status_label']}")
    if record["timeliness"]:
        head.append(" — ").append(record["timeliness"], style="bold").append(f" (tại ngày {_vn(day)})")
    out.print(head)
    rows = [("Văn bản", f"#{doc.id} {doc.doc_type or ''} {doc.number or ''} {_vn(doc.doc_date) or doc.date_text or ''}"
                        f" — {doc.issuer or ''}"),
            ("Cơ quan chủ trì", "; ".join(assignee_names(line, tracker.registry, day))),
            ("Phối hợp", "; ".join(n for n, _ in line.coordinators)),
            ("Nội dung", line.action),
            ("Thời hạn", (line.deadline_text or "") + (f" → {deadline_label(line)}" if line.due_date else
                                                       (f" ({deadline_label(line)})" if line.deadline_text else "chưa có hạn"))),
            ("Xin gia hạn", f"đến {_vn(line.extension_asked_to)} (chờ duyệt)" if line.extension_asked_to else ""),
            ("Hoàn thành", _vn(line.completed_on)),
            ("Thay thế", f"bởi văn bản #{line.superseded_by_id}" if line.superseded_by_id else ""),
            ("Trích đoạn", _short(doc.text[detail.start:detail.end], 600))]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for k, v in rows:
        if v and v.strip():
            grid.add_row(k, v)
    out.print(grid)
    log = Table(title="Nhật ký", show_lines=False)
    for header in ("Lúc", "Người", "Sự kiện", "Ngày", "Chi tiết"):
        log.add_column(header)
    for e in detail.events:
        log.add_row(e.at.astimezone().strftime("%d/%m/%Y %H:%M"), e.actor or "",
                    EVENT_LABELS.get(EventKind(e.kind), e.kind) if e.kind in EventKind._value2member_map_ else e.kind,
                    _vn(e.on_date), _short(json.dumps(e.data, ensure_ascii=False), 120) if e.data else "")
    out.print(log)


def _done_message(task_id: int, state) -> None:
    from chidao.tracking.lifecycle import STATUS_LABELS
    extra = f", hạn {_vn(state.due)}" if state.due else ""
    _out().print(f"Nhiệm vụ #{task_id}: {STATUS_LABELS[state.status]}{extra}.")


@task_app.command("accept")
@guarded
def task_accept(task_ids: Optional[list[int]] = typer.Argument(None, help="Số hiệu nhiệm vụ"),
                document: Optional[int] = typer.Option(None, "--document", help="Xác nhận mọi nhiệm vụ chờ của văn bản"),
                by: Optional[str] = BY) -> None:
    """Xác nhận nhiệm vụ (chờ xác nhận → đã giao)."""
    from chidao.tracking.errors import BadInput
    if not task_ids and document is None:
        raise BadInput("Cho số hiệu nhiệm vụ hoặc --document.")
    tracker = _tracker(_store(), by)
    if document is not None:
        accepted = tracker.accept_document(document)
        _out().print(f"Văn bản #{document}: đã xác nhận {len(accepted)} nhiệm vụ.")
    for task_id in task_ids or ():
        _done_message(task_id, tracker.accept(task_id))


@task_app.command("update")
@guarded
def task_update(task_id: int = typer.Argument(...),
                deadline: Optional[str] = typer.Option(None, "--deadline", help="Hạn mới (sửa sai sót; 'none' để bỏ)"),
                assignee: Optional[list[str]] = typer.Option(None, "--assignee", help="Cơ quan chủ trì (lặp lại được)"),
                coordinator: Optional[list[str]] = typer.Option(None, "--coordinator", help="Cơ quan phối hợp (lặp lại được)"),
                action: Optional[str] = typer.Option(None, "--action", help="Nội dung nhiệm vụ"),
                by: Optional[str] = BY) -> None:
    """Sửa nhiệm vụ (hạn, cơ quan chủ trì/phối hợp, nội dung); mọi thay đổi vào nhật ký."""
    from chidao.tracking.inputs import parse_optional_date
    due = "keep" if deadline is None else parse_optional_date(deadline, "Hạn")
    state = _tracker(_store(), by).update(task_id, deadline=due, assignees=assignee, coordinators=coordinator,
                                          action=action)
    _done_message(task_id, state)


@task_app.command("report")
@guarded
def task_report(task_id: int = typer.Argument(...), text: str = typer.Argument(..., help="Nội dung báo cáo tiến độ"),
                on: Optional[str] = typer.Option(None, "--on", help="Ngày báo cáo"), by: Optional[str] = BY) -> None:
    """Ghi báo cáo tiến độ (nhiệm vụ chuyển sang đang thực hiện)."""
    _done_message(task_id, _tracker(_store(), by).report(task_id, text, _date(on, "Ngày báo cáo")))


@task_app.command("extend")
@guarded
def task_extend(task_id: int = typer.Argument(...), to: str = typer.Option(..., "--to", help="Hạn đề nghị"),
                reason: str = typer.Option(..., "--reason", help="Lý do"),
                on: Optional[str] = typer.Option(None, "--on", help="Ngày đề nghị"), by: Optional[str] = BY) -> None:
    """Đề nghị gia hạn (hạn chỉ đổi khi được duyệt)."""
    state = _tracker(_store(), by).extend(task_id, _date(to, "Hạn đề nghị"), reason, _date(on))
    _out().print(f"Nhiệm vụ #{task_id}: đã ghi đề nghị gia hạn đến {_vn(state.pending_to)}, chờ duyệt.")


@task_app.command("approve-extension")
@guarded
def task_approve(task_id: int = typer.Argument(...),
                 decision: Optional[str] = typer.Option(None, "--decision", help="Văn bản đồng ý gia hạn (số, ký hiệu)"),
                 on: Optional[str] = typer.Option(None, "--on", help="Ngày duyệt"), by: Optional[str] = BY) -> None:
    """Đồng ý gia hạn: hạn mới có hiệu lực, hạn ban đầu được giữ lại."""
    state = _tracker(_store(), by).approve_extension(task_id, decision, _date(on))
    _out().print(f"Nhiệm vụ #{task_id}: gia hạn đến {_vn(state.due)} (hạn ban đầu {_vn(state.original_due)}).")


@task_app.command("refuse-extension")
@guarded
def task_refuse(task_id: int = typer.Argument(...), reason: str = typer.Option(..., "--reason", help="Lý do"),
                on: Optional[str] = typer.Option(None, "--on"), by: Optional[str] = BY) -> None:
    """Không đồng ý gia hạn."""
    _done_message(task_id, _tracker(_store(), by).refuse_extension(task_id, reason, _date(on)))


@task_app.command("done")
@guarded
def task_done(task_id: int = typer.Argument(...), on: Optional[str] = typer.Option(None, "--on", help="Ngày hoàn thành (mặc định hôm nay)"),
              by: Optional[str] = BY) -> None:
    """Báo hoàn thành."""
    state = _tracker(_store(), by).done(task_id, _date(on, "Ngày hoàn thành"))
    _out().print(f"Nhiệm vụ #{task_id}: hoàn thành ngày {_vn(state.completed_on)}.")


@task_app.command("reject")
@guarded
def task_reject(task_id: int = typer.Argument(...), reason: str = typer.Option(..., "--reason"),
                by: Optional[str] = BY) -> None:
    """Không theo dõi (đề xuất sai, hoặc nhiệm vụ được rút)."""
    _done_message(task_id, _tracker(_store(), by).reject(task_id, reason))


@task_app.command("reopen")
@guarded
def task_reopen(task_id: int = typer.Argument(...), reason: Optional[str] = typer.Option(None, "--reason"),
                by: Optional[str] = BY) -> None:
    """Mở lại nhiệm vụ đã hoàn thành hoặc đã bỏ (phải nêu lý do)."""
    _done_message(task_id, _tracker(_store(), by).reopen(task_id, reason))


# --- search -------------------------------------------------------------------------------------

@guarded
def search(query: str = typer.Argument(..., help="Từ khóa (không cần dấu) hoặc số, ký hiệu văn bản"),
           kind: Optional[str] = typer.Option(None, "--kind", help="document hoặc task"),
           doc_type: Optional[list[str]] = typer.Option(None, "--type", help="Loại văn bản (Thông báo, Công văn…)"),
           body: Optional[str] = typer.Option(None, "--body", help="Cơ quan"),
           date_from: Optional[str] = typer.Option(None, "--from", help="Văn bản từ ngày"),
           date_to: Optional[str] = typer.Option(None, "--to", help="Văn bản đến ngày"),
           all_versions: bool = typer.Option(False, "--all-versions", help="Kể cả phiên bản cũ"),
           limit: int = typer.Option(20, "--limit", min=1, max=500),
           format: OutFormat = FORMAT) -> None:
    """Tìm trong văn bản và nhiệm vụ (không phân biệt dấu, hoa thường)."""
    from chidao.registry import load
    from chidao.store.search import KINDS, SearchFilters
    from chidao.store.search import search as run_search
    from chidao.tracking.bodies import body_filter
    from chidao.tracking.errors import BadInput

    if not query.strip():
        raise BadInput("Từ khóa tìm kiếm trống.")
    if kind is not None and kind not in KINDS:
        raise BadInput(f"--kind phải là document hoặc task, không phải “{kind}”.")
    store = _store()
    ids, keys = frozenset(), frozenset()
    if body:
        ids, keys, _ = body_filter(store, load(), body, dt.date.today())
    types = tuple(_doc_types(store, doc_type)) if doc_type else ()
    filters = SearchFilters(kinds=(kind,) if kind else KINDS, body_ids=ids, name_keys=keys, doc_types=types,
                            date_from=_date(date_from, "Từ ngày"), date_to=_date(date_to, "Đến ngày"),
                            include_old=all_versions)
    with store.read() as session:
        hits = run_search(session, query, filters, limit)
    records = [{"kind": h.kind, "id": h.id, "document_id": h.document_id, "document": h.doc_number,
                "document_type": h.doc_type, "document_date": h.doc_date.isoformat() if h.doc_date else None,
                "title": h.title, "status": h.status, "score": None if h.exact else round(h.score, 4),
                "exact": h.exact, "snippet": h.snippet.marked()} for h in hits]
    if format is OutFormat.json:
        from chidao.tracking.output import write_json_lines
        write_json_lines(sys.stdout, records)
        return
    if format is OutFormat.csv:
        from chidao.tracking.output import write_csv
        write_csv(sys.stdout, records)
        return
    out = _out()
    table = Table(title=f"Kết quả tìm “{query}”", show_lines=True)
    for header, kw in (("Loại", {}), ("ID", {"justify": "right"}), ("Văn bản", {}), ("Trích đoạn", {"ratio": 1})):
        table.add_column(header, **kw)
    for h in hits:
        snippet = Text(h.snippet.text)
        for s, e in h.snippet.marks:
            snippet.stylize("bold yellow", s, e)
        what = "văn bản" + (" (số)" if h.exact else "") if h.kind == "document" else "nhiệm vụ"
        table.add_row(what, str(h.id), " ".join(x for x in (h.doc_type, h.doc_number, _vn(h.doc_date)) if x), snippet)
    if hits:
        out.print(table)
    out.print(f"{len(hits)} kết quả.")


def _doc_types(store, wanted: list[str]) -> list[str]:
    """The stored spellings of the document types asked for (compared folded)."""
    from sqlalchemy import select

    from chidao.registry import fold
    from chidao.store.models import DocumentRow
    from chidao.tracking.errors import BadInput
    with store.read() as session:
        known = {fold(t): t for t in session.scalars(select(DocumentRow.doc_type).distinct()) if t}
    out = []
    for w in wanted:
        if fold(w) not in known:
            raise BadInput(f"Không có văn bản loại “{w}” trong kho (có: {', '.join(sorted(known.values()))}).")
        out.append(known[fold(w)])
    return out


# --- bodies and statistics ----------------------------------------------------------------------

@guarded
def bodies(at: Optional[str] = typer.Option(None, "--at", help="Tại ngày (mặc định hôm nay)"),
           province: Optional[str] = typer.Option(None, "--province", help="Chỉ cơ quan của tỉnh này (và trung ương)"),
           active: bool = typer.Option(False, "--active", help="Chỉ cơ quan còn hoạt động tại ngày đó"),
           format: OutFormat = FORMAT) -> None:
    """Danh mục cơ quan, và cơ quan kế thừa sau sáp nhập."""
    from chidao.registry import load
    from chidao.store.bodies import load_bodies
    from chidao.tracking.succession import holders

    day = _date(at, "Ngày (--at)") or dt.date.today()
    registry = load()
    store = _store()
    with store.read() as session:
        stored = load_bodies(session)
    wanted = registry.find_province(province).name if province and registry.find_province(province) else province
    records = []
    for b in stored.values():
        if wanted and b.province not in (wanted, None):
            continue
        exists = b.active(day)
        if active and not exists:
            continue
        try:
            held = [h.name for h in holders(registry, b.id, day) if h.id != b.id]
        except KeyError:
            held = []
        records.append({"id": b.id, "name": b.name, "level": b.level, "province": b.province,
                        "valid_from": b.valid_from.isoformat() if b.valid_from else None,
                        "valid_to": b.valid_to.isoformat() if b.valid_to else None,
                        "active": exists, "successors": held, "at": day.isoformat()})
    if format is not OutFormat.table:
        from chidao.tracking.output import write_csv, write_json_lines
        (write_json_lines if format is OutFormat.json else write_csv)(sys.stdout, records)
        return
    table = Table(title=f"Cơ quan tại ngày {_vn(day)}")
    for header in ("Cơ quan", "Cấp", "Tỉnh", "Hiệu lực", "Tình trạng"):
        table.add_column(header)
    for r in records:
        span = f"{_vn(_d(r['valid_from'])) or '…'} – {_vn(_d(r['valid_to'])) or '…'}" \
            if r["valid_from"] or r["valid_to"] else ""
        status = "đang hoạt động" if r["active"] else (
            "nay là: " + "; ".join(r["successors"]) if r["successors"] else "không còn / chưa thành lập")
        table.add_row(r["name"], r["level"], r["province"] or "trung ương", span,
                      Text(status, style="" if r["active"] else "yellow"))
    out = _out()
    out.print(table)
    out.print(f"{len(records)} cơ quan.")


def _d(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@guarded
def stats(date_from: Optional[str] = typer.Option(None, "--from", help="Nhiệm vụ giao từ ngày (theo ngày văn bản)"),
          date_to: Optional[str] = typer.Option(None, "--to", help="Nhiệm vụ giao đến ngày"),
          as_of: Optional[str] = AS_OF,
          format: OutFormat = FORMAT) -> None:
    """Thống kê theo cơ quan (cơ quan kế thừa tại ngày xem): đúng hạn, quá hạn, trong hạn."""
    from chidao.registry import load
    from chidao.store.tasks import TaskQuery, iter_tasks
    from chidao.tracking.errors import BadInput
    from chidao.tracking.lifecycle import TRACKED
    from chidao.tracking.stats import COLUMNS, body_stats, totals
    from chidao.tracking.views import holder_groups, timeliness_of

    day = _as_of(as_of)
    start, end = _date(date_from, "Từ ngày"), _date(date_to, "Đến ngày")
    if start and end and end < start:
        raise BadInput(f"Khoảng thời gian ngược: từ {_vn(start)} đến {_vn(end)}.")
    registry = load()
    store = _store()
    query = TaskQuery(statuses=tuple(s.value for s in TRACKED), assigned_from=start,
                      assigned_to=min(end, day) if end else day)
    with store.read() as session:
        rows = body_stats(iter_tasks(session, query), day, timeliness_of,
                          lambda line, d: holder_groups(line, registry, d))
    records = [r.as_dict() for r in rows] + ([totals(rows).as_dict()] if rows else [])
    if format is not OutFormat.table:
        from chidao.tracking.output import write_csv, write_json_lines
        (write_json_lines if format is OutFormat.json else write_csv)(sys.stdout, records)
        return
    period = f" — giao {('từ ' + _vn(start)) if start else ''} {('đến ' + _vn(end)) if end else ''}".rstrip()
    table = Table(title=f"Thống kê nhiệm vụ theo cơ quan tại ngày {_vn(day)}" + (period if start or end else ""))
    table.add_column("Cơ quan")
    table.add_column("Tổng", justify="right")
    for c in COLUMNS:
        table.add_column(c.value.capitalize(), justify="right")
    for r in rows + ([totals(rows)] if rows else []):
        table.add_row(r.body, str(r.total), *(str(r.counts[c]) for c in COLUMNS),
                      style="bold" if r.body == "Tổng" else None)
    out = _out()
    out.print(table)


# --- documents and database ---------------------------------------------------------------------

doc_app = typer.Typer(no_args_is_help=True, add_completion=False, help="Văn bản trong kho: xem, ngày nhận, danh sách.")


@doc_app.command("show")
@guarded
def doc_show(document_id: int = typer.Argument(...),
             format: OutFormat = typer.Option(OutFormat.table, "--format", "-f", help="table hoặc json")) -> None:
    """Thông tin văn bản, các phiên bản, văn bản nó dẫn chiếu và văn bản dẫn chiếu nó."""
    from chidao.store import documents as docs
    from chidao.tracking.errors import NotFound
    store = _store()
    with store.read() as session:
        doc = docs.get_document(session, document_id)
        if doc is None:
            raise NotFound(f"Không có văn bản #{document_id}.")
        record = {"id": doc.id, "type": doc.doc_type, "number": doc.number, "issuer": doc.issuer,
                  "date": doc.date_text, "subject": doc.subject, "received_on": doc.received_on.isoformat()
                  if doc.received_on else None, "source_name": doc.source_name, "sha256": doc.sha256,
                  "file": str(store.files.path(doc.file_name)), "version": doc.version,
                  "versions": [{"id": v.id, "version": v.version, "sha256": v.sha256, "current": v.superseded_by_id is None}
                               for v in docs.versions(session, doc)],
                  "cites": [{"number": r.number, "type": r.ref_type, "date": r.date_text, "document_id": r.target_id}
                            for r in docs.cites(session, doc.id)],
                  "cited_by": [{"document_id": d.id, "number": d.number, "type": d.doc_type, "date": d.date_text}
                               for _, d in docs.cited_by(session, doc.id)]}
    if format is OutFormat.json:
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=1) + "\n")
        return
    out = _out()
    out.print(Text(f"Văn bản #{doc.id}", style="bold").append(
        f" {doc.doc_type or ''} {doc.number or ''} — {doc.issuer or ''}, {doc.date_text or 'không rõ ngày'}", style=""))
    if doc.subject:
        out.print(f"  {doc.subject}")
    out.print(f"  Tệp gốc: {record['file']} ({doc.source_name}); ngày nhận: {_vn(doc.received_on) or 'chưa ghi'}")
    if len(record["versions"]) > 1:
        out.print("  Phiên bản: " + ", ".join(f"#{v['id']} (v{v['version']}{', hiện hành' if v['current'] else ''})"
                                                for v in record["versions"]))
    out.print(f"  Dẫn chiếu {len(record['cites'])} văn bản:")
    for r in record["cites"]:
        where = f" → văn bản #{r['document_id']} trong kho" if r["document_id"] else ""
        out.print(f"    - {r['type'] or ''} {r['number']} {r['date'] or ''}{where}")
    out.print(f"  Được dẫn chiếu bởi {len(record['cited_by'])} văn bản:")
    for r in record["cited_by"]:
        out.print(f"    - #{r['document_id']} {r['type'] or ''} {r['number'] or ''} {r['date'] or ''}")


@doc_app.command("received")
@guarded
def doc_received(document_id: int = typer.Argument(...),
                 on: str = typer.Argument(..., help="Ngày nhận văn bản ('none' để xóa)"), by: Optional[str] = BY) -> None:
    """Ghi ngày nhận văn bản; hạn “N ngày (làm việc) kể từ ngày nhận” được tính theo ngày này."""
    from chidao.tracking.inputs import parse_optional_date
    changed = _tracker(_store(), by).set_received(document_id, parse_optional_date(on, "Ngày nhận"))
    out = _out()
    out.print(f"Văn bản #{document_id}: đã ghi ngày nhận; {len(changed)} nhiệm vụ tính lại hạn.")
    for task_id, due in changed:
        out.print(f"  nhiệm vụ #{task_id}: hạn {_vn(due) or 'chưa có'}")


@doc_app.command("list")
@guarded
def doc_list(limit: int = typer.Option(50, "--limit", min=1), format: OutFormat = FORMAT) -> None:
    """Các văn bản mới nạp gần đây."""
    from chidao.store import documents as docs
    with _store().read() as session:
        records = [{"id": d.id, "type": d.doc_type, "number": d.number, "date": d.date_text, "issuer": d.issuer,
                    "subject": d.subject, "version": d.version, "current": d.superseded_by_id is None,
                    "source_name": d.source_name} for d in docs.list_documents(session, limit)]
    if format is not OutFormat.table:
        from chidao.tracking.output import write_csv, write_json_lines
        (write_json_lines if format is OutFormat.json else write_csv)(sys.stdout, records)
        return
    table = Table(title="Văn bản")
    for header in ("ID", "Loại", "Số", "Ngày", "Cơ quan ban hành", "Trích yếu"):
        table.add_column(header)
    for r in records:
        table.add_row(str(r["id"]) + ("" if r["current"] else " (cũ)"), r["type"] or "", r["number"] or "",
                      r["date"] or "", r["issuer"] or "", _short(r["subject"] or r["source_name"], 80))
    _out().print(table)


db_app = typer.Typer(no_args_is_help=True, add_completion=False, help="Cơ sở dữ liệu.")


@db_app.command("upgrade")
@guarded
def db_upgrade() -> None:
    """Đưa lược đồ cơ sở dữ liệu lên phiên bản mới nhất (chạy nhiều lần không sao)."""
    from chidao.store.db import open_store
    from chidao.store.schema import current_revision, head_revision, prepare
    store = open_store(prepare=False)
    before = prepare(store)
    with store.engine.connect() as conn:
        now = current_revision(conn)
    if before is None:
        _out().print(f"Lược đồ đã mới nhất ({now}).")
    else:
        _out().print(f"Đã nâng lược đồ: {before if before != '-' else 'trống'} → {now} (mới nhất {head_revision()}).")


def register(app: typer.Typer) -> None:
    """Add the tracking commands to the ``chidao`` application."""
    app.command("ingest")(ingest)
    app.command("tasks")(tasks)
    app.add_typer(task_app, name="task")
    app.command("search")(search)
    app.command("bodies")(bodies)
    app.command("stats")(stats)
    app.add_typer(doc_app, name="doc")
    app.add_typer(db_app, name="db")
