"""Report commands: ``chidao report period --from D --to D --out FILE.xlsx|FILE.docx`` and
``chidao report weekly --from D --to D --out FILE.html|FILE.docx``.

Exit codes as the tracking commands: 0 written; 1 the store cannot be used; 2 bad input
(a date, a reversed range, an output file of another kind).
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from chidao.commands.tracking import _as_of, _date, _out, _store, guarded

report_app = typer.Typer(no_args_is_help=True, add_completion=False,
                         help="Báo cáo: tình hình thực hiện nhiệm vụ theo kỳ; chỉ đạo, điều hành nổi bật trong tuần.")

FROM = typer.Option(..., "--from", help="Từ ngày (YYYY-MM-DD hoặc dd/mm/yyyy)")
TO = typer.Option(..., "--to", help="Đến ngày")


PARENT = typer.Option(None, "--parent", help="DOCX: cơ quan chủ quản (mặc định ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN)")
ISSUER = typer.Option(None, "--issuer", help="DOCX: cơ quan ban hành báo cáo (mặc định VĂN PHÒNG)")
NUMBER = typer.Option(None, "--number", help="DOCX: dòng số, ký hiệu (mặc định 'Số:       /BC-VP')")
PLACE = typer.Option(None, "--place", help="DOCX: địa danh (mặc định Lạng Sơn)")


def _form(parent, issuer, number, place):
    from chidao.reports.docx import Form
    given = {"parent": parent, "issuer": issuer, "number": number, "place": place}
    return Form(**{k: v for k, v in given.items() if v})


def _range(date_from: str, date_to: str):
    from chidao.tracking.errors import BadInput
    start, end = _date(date_from, "Từ ngày"), _date(date_to, "Đến ngày")
    if end < start:
        raise BadInput(f"Khoảng thời gian ngược: từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}.")
    return start, end


def _kind(out: Path, allowed: tuple[str, ...]) -> str:
    from chidao.tracking.errors import BadInput
    suffix = out.suffix.lower().lstrip(".")
    if suffix not in allowed:
        raise BadInput(f"Tệp kết quả phải có đuôi {' hoặc '.join('.' + a for a in allowed)}: {out}")
    return suffix


@report_app.command("period")
@guarded
def period(date_from: str = FROM, date_to: str = TO,
           out: Path = typer.Option(..., "--out", "-o", help="Tệp kết quả .xlsx hoặc .docx"),
           as_of: Optional[str] = typer.Option(None, "--as-of", help="Tính đến ngày (mặc định: cuối kỳ, "
                                                                      "hoặc hôm nay nếu sớm hơn)"),
           parent: Optional[str] = PARENT, issuer: Optional[str] = ISSUER, number: Optional[str] = NUMBER,
           place: Optional[str] = PLACE) -> None:
    """Báo cáo tình hình thực hiện nhiệm vụ theo kỳ: theo cơ quan, nhiệm vụ quá hạn, so sánh kỳ trước."""
    from chidao.registry import load
    from chidao.reports.period import period_report
    start, end = _range(date_from, date_to)
    kind = _kind(out, ("xlsx", "docx"))
    report = period_report(_store(), load(), start, end, _as_of(as_of) if as_of else None)
    if kind == "xlsx":
        from chidao.reports.xlsx import write_xlsx
        write_xlsx(report, out)
    else:
        from chidao.reports.docx import write_docx
        write_docx(report, out, _form(parent, issuer, number, place))
    total = report.current.total
    _out().print(f"Đã ghi {out}: {len(report.current.rows)} cơ quan, {report.current.tasks} nhiệm vụ, "
                 f"{total.open_overdue} lượt quá hạn.")


@report_app.command("weekly")
@guarded
def weekly(date_from: str = FROM, date_to: str = TO,
           out: Path = typer.Option(..., "--out", "-o", help="Tệp kết quả .html hoặc .docx"),
           who: str = typer.Option("UBND tỉnh", "--who", help="Tên trong tiêu đề: “Chỉ đạo, điều hành nổi bật của …”")) -> None:
    """Chỉ đạo, điều hành nổi bật trong tuần: các văn bản ban hành trong khoảng ngày, nhiệm vụ, thời hạn."""
    from chidao.reports import digest as digests
    start, end = _range(date_from, date_to)
    kind = _kind(out, ("html", "htm", "docx"))
    digest = digests.digest_from_store(_store(), start, end, who)
    (digests.write_docx if kind == "docx" else digests.write_html)(digest, out)
    tasks = sum(len(item.tasks) for item in digest.items)
    _out().print(f"Đã ghi {out}: {len(digest.items)} văn bản, {tasks} nhiệm vụ.")


def register(app: typer.Typer) -> None:
    """Add ``chidao report …`` to the application."""
    app.add_typer(report_app, name="report")
