"""Command line: ``chidao extract FILE... [--format json|table]``, ``chidao eval``."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="chidao: theo dõi nhiệm vụ chỉ đạo, điều hành (extract, track, report).")
err = Console(stderr=True)


class Format(str, Enum):
    json = "json"
    table = "table"


def _read(path: Path) -> str:
    from chidao.text.readers import read_document
    return read_document(path)


@app.command()
def extract(files: list[Path] = typer.Argument(..., help="Documents (.txt .docx .pdf .html)"),
            format: Format = typer.Option(Format.json, "--format", "-f", help="json or table")) -> None:
    """Extract metadata, citations and tasks from documents."""
    from chidao.extract.pipeline import extract as run
    from chidao.text.errors import ReadError
    failed = 0
    out = Console()
    for path in files:
        try:
            text = _read(path)
            result = run(text, source=path.name)
        except ReadError as e:
            _error(str(e))
            failed += 1
            continue
        except Exception as e:  # noqa: BLE001 - one bad file must not stop the batch
            _error(f"{path}: extraction failed: {type(e).__name__}: {e}")
            failed += 1
            continue
        data = result.to_dict()
        if format is Format.json:
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1 if len(files) == 1 else None) + "\n")
        else:
            _table(out, data)
    raise typer.Exit(2 if failed else 0)


def _error(message: str) -> None:
    """One line on stderr: never wrapped to the console width, file names not read as markup."""
    from rich.text import Text
    err.print(Text(" ".join(message.splitlines()), style="red"), soft_wrap=True, highlight=False)


def _table(console: Console, data: dict) -> None:
    from rich.markup import escape  # document text and file names are not console markup
    doc = {k: escape(v) if isinstance(v, str) else v for k, v in data["document"].items()}
    console.print(f"[bold]{escape(data['source'] or '')}[/bold] — {doc.get('type') or '?'} {doc.get('number') or ''} "
                  f"{doc.get('date') or ''} · {doc.get('issuer') or ''}")
    if doc.get("subject"):
        console.print(f"  {doc['subject']}")
    t = Table(show_lines=False)
    t.add_column("#", justify="right")
    t.add_column("Cơ quan chủ trì")
    t.add_column("Phối hợp")
    t.add_column("Nội dung")
    t.add_column("Thời hạn")
    for i, task in enumerate(data["tasks"], 1):
        d = task["deadline"]
        t.add_row(str(i), escape("\n".join(task["assignees"])), escape("\n".join(task["coordinators"])),
                  escape(task["action"][:120]), escape((d["date"] or d["text"]) if d else ""))
    console.print(t)
    console.print(f"  {len(data['references'])} văn bản được dẫn chiếu, {len(data['tasks'])} nhiệm vụ\n")


@app.command("eval")
def evaluate(gold: Path = typer.Option(None, help="Gold folder (default ../shared/eval/gold)"),
             docs: Path = typer.Option(None, help="Documents folder (default ../shared/corpus/seeds)"),
             verbose: bool = typer.Option(False, "--verbose", "-v")) -> None:
    """Score the extractor on gold annotations with the shared scorer."""
    from chidao.evaluation import run_eval
    raise typer.Exit(run_eval(gold, docs, verbose))


def _register_groups() -> None:
    """Commands of other packages (tracking, reports, web) register themselves here."""
    import importlib
    import pkgutil

    import chidao.commands
    for info in pkgutil.iter_modules(chidao.commands.__path__):
        module = importlib.import_module(f"chidao.commands.{info.name}")
        register = getattr(module, "register", None)
        if register:
            register(app)


_register_groups()


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
