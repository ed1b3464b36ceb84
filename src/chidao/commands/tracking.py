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


def _write(format: OutFormat, records: list[dict]) -> None:
    from chidao.tracking.output import write_csv, write_json_lines
    (write_json_lines if format is OutFormat.json else write_csv)(sys.stdout, records)


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

    from chidao.tracking import render
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
                if result.status == "failed":
                    _say("✗", result.message)
                else:
                    out.print(render.ingest_line(result))
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
    from chidao.tracking import render
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
    table, count = render.task_table(lines, day, registry, named.name if named else None)
    out = _out()
    if count:
        out.print(table)
    out.print(f"{count} nhiệm vụ.")


# --- one task -----------------------------------------------------------------------------------

task_app = typer.Typer(no_args_is_help=True, add_completion=False,
                       help="Một nhiệm vụ: xem, xác nhận, sửa, báo cáo, gia hạn, hoàn thành.")


@task_app.command("show")
@guarded
def task_show(task_id: int = typer.Argument(..., help="Số hiệu nhiệm vụ"), as_of: Optional[str] = AS_OF,
              format: OutFormat = typer.Option(OutFormat.table, "--format", "-f", help="table hoặc json")) -> None:
    """Chi tiết một nhiệm vụ và nhật ký xử lý."""
    from chidao.tracking import render
    from chidao.tracking.output import task_record

    day = _as_of(as_of)
    tracker = _tracker(_store())
    detail = tracker.task(task_id)
    record = task_record(detail.line, day, tracker.registry)
    if format is OutFormat.json:
        record["events"] = [{"kind": e.kind, "at": e.at.isoformat(), "actor": e.actor,
                             "on": e.on_date.isoformat() if e.on_date else None, "data": e.data}
                            for e in detail.events]
        record["quote"] = detail.document.text[detail.start:detail.end]
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=1) + "\n")
        return
    out = _out()
    for part in render.task_detail(detail, record, day, tracker.registry):
        out.print(part)


def _done_message(task_id: int, state) -> None:
    from chidao.tracking import render
    from chidao.tracking.lifecycle import STATUS_LABELS
    extra = f", hạn {render.vn(state.due)}" if state.due else ""
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
    from chidao.tracking import render
    state = _tracker(_store(), by).extend(task_id, _date(to, "Hạn đề nghị"), reason, _date(on))
    _out().print(f"Nhiệm vụ #{task_id}: đã ghi đề nghị gia hạn đến {render.vn(state.pending_to)}, chờ duyệt.")


@task_app.command("approve-extension")
@guarded
def task_approve(task_id: int = typer.Argument(...),
                 decision: Optional[str] = typer.Option(None, "--decision", help="Văn bản đồng ý gia hạn (số, ký hiệu)"),
                 on: Optional[str] = typer.Option(None, "--on", help="Ngày duyệt"), by: Optional[str] = BY) -> None:
    """Đồng ý gia hạn: hạn mới có hiệu lực, hạn ban đầu được giữ lại."""
    from chidao.tracking import render
    state = _tracker(_store(), by).approve_extension(task_id, decision, _date(on))
    _out().print(f"Nhiệm vụ #{task_id}: gia hạn đến {render.vn(state.due)} (hạn ban đầu {render.vn(state.original_due)}).")


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
    from chidao.tracking import render
    state = _tracker(_store(), by).done(task_id, _date(on, "Ngày hoàn thành"))
    _out().print(f"Nhiệm vụ #{task_id}: hoàn thành ngày {render.vn(state.completed_on)}.")


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
    from chidao.tracking import render
    from chidao.tracking.bodies import body_filter
    from chidao.tracking.catalog import resolve_doc_types
    from chidao.tracking.errors import BadInput
    from chidao.tracking.output import hit_record

    if not query.strip():
        raise BadInput("Từ khóa tìm kiếm trống.")
    if kind is not None and kind not in KINDS:
        raise BadInput(f"--kind phải là document hoặc task, không phải “{kind}”.")
    store = _store()
    ids, keys = frozenset(), frozenset()
    if body:
        ids, keys, _ = body_filter(store, load(), body, dt.date.today())
    types = tuple(resolve_doc_types(store, doc_type)) if doc_type else ()
    filters = SearchFilters(kinds=(kind,) if kind else KINDS, body_ids=ids, name_keys=keys, doc_types=types,
                            date_from=_date(date_from, "Từ ngày"), date_to=_date(date_to, "Đến ngày"),
                            include_old=all_versions)
    with store.read() as session:
        hits = run_search(session, query, filters, limit)
    if format is not OutFormat.table:
        _write(format, [hit_record(h) for h in hits])
        return
    out = _out()
    if hits:
        out.print(render.hits_table(query, hits))
    out.print(f"{len(hits)} kết quả.")


# --- bodies and statistics ----------------------------------------------------------------------

@guarded
def bodies(at: Optional[str] = typer.Option(None, "--at", help="Tại ngày (mặc định hôm nay)"),
           province: Optional[str] = typer.Option(None, "--province", help="Chỉ cơ quan của tỉnh này (và trung ương)"),
           active: bool = typer.Option(False, "--active", help="Chỉ cơ quan còn hoạt động tại ngày đó"),
           format: OutFormat = FORMAT) -> None:
    """Danh mục cơ quan, và cơ quan kế thừa sau sáp nhập."""
    from chidao.registry import load
    from chidao.tracking import render
    from chidao.tracking.catalog import body_records

    day = _date(at, "Ngày (--at)") or dt.date.today()
    records = body_records(_store(), load(), day, province, active)
    if format is not OutFormat.table:
        _write(format, records)
        return
    out = _out()
    out.print(render.bodies_table(records, day))
    out.print(f"{len(records)} cơ quan.")


@guarded
def stats(date_from: Optional[str] = typer.Option(None, "--from", help="Nhiệm vụ giao từ ngày (theo ngày văn bản)"),
          date_to: Optional[str] = typer.Option(None, "--to", help="Nhiệm vụ giao đến ngày"),
          as_of: Optional[str] = AS_OF,
          format: OutFormat = FORMAT) -> None:
    """Thống kê theo cơ quan (cơ quan kế thừa tại ngày xem): đúng hạn, quá hạn, trong hạn."""
    from chidao.registry import load
    from chidao.tracking import render
    from chidao.tracking.errors import BadInput
    from chidao.tracking.listing import body_statistics
    from chidao.tracking.stats import totals

    day = _as_of(as_of)
    start, end = _date(date_from, "Từ ngày"), _date(date_to, "Đến ngày")
    if start and end and end < start:
        raise BadInput(f"Khoảng thời gian ngược: từ {render.vn(start)} đến {render.vn(end)}.")
    rows = body_statistics(_store(), load(), day, start, end)
    total = totals(rows) if rows else None
    if format is not OutFormat.table:
        _write(format, [r.as_dict() for r in rows] + ([total.as_dict()] if total else []))
        return
    _out().print(render.stats_table(rows, total, day, start, end))


# --- documents and database ---------------------------------------------------------------------

doc_app = typer.Typer(no_args_is_help=True, add_completion=False, help="Văn bản trong kho: xem, ngày nhận, danh sách.")


@doc_app.command("show")
@guarded
def doc_show(document_id: int = typer.Argument(...),
             format: OutFormat = typer.Option(OutFormat.table, "--format", "-f", help="table hoặc json")) -> None:
    """Thông tin văn bản, các phiên bản, văn bản nó dẫn chiếu và văn bản dẫn chiếu nó."""
    from chidao.tracking import render
    from chidao.tracking.catalog import document_record
    record = document_record(_store(), document_id)
    if format is OutFormat.json:
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=1) + "\n")
        return
    out = _out()
    for line in render.document_view(record):
        out.print(line)


@doc_app.command("received")
@guarded
def doc_received(document_id: int = typer.Argument(...),
                 on: str = typer.Argument(..., help="Ngày nhận văn bản ('none' để xóa)"), by: Optional[str] = BY) -> None:
    """Ghi ngày nhận văn bản; hạn “N ngày (làm việc) kể từ ngày nhận” được tính theo ngày này."""
    from chidao.tracking import render
    from chidao.tracking.inputs import parse_optional_date
    changed = _tracker(_store(), by).set_received(document_id, parse_optional_date(on, "Ngày nhận"))
    out = _out()
    out.print(f"Văn bản #{document_id}: đã ghi ngày nhận; {len(changed)} nhiệm vụ tính lại hạn.")
    for task_id, due in changed:
        out.print(f"  nhiệm vụ #{task_id}: hạn {render.vn(due) or 'chưa có'}")


@doc_app.command("list")
@guarded
def doc_list(limit: int = typer.Option(50, "--limit", min=1), format: OutFormat = FORMAT) -> None:
    """Các văn bản mới nạp gần đây."""
    from chidao.tracking import render
    from chidao.tracking.catalog import document_list
    records = document_list(_store(), limit)
    if format is not OutFormat.table:
        _write(format, records)
        return
    _out().print(render.documents_table(records))


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
