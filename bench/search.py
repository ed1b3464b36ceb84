#!/usr/bin/env python3
"""Benchmark of search and of the overdue listing, at 10,000 and 100,000 tasks.

    .venv/bin/python bench/search.py                # 10,000 then 100,000 tasks, SQLite and PostgreSQL
    .venv/bin/python bench/search.py --quick        # 10,000 then 30,000 tasks
    .venv/bin/python bench/search.py --sizes 10000 --backends sqlite

The store is filled through the store's own writer (``add_document``) with documents varied
from the examples and seeds: they are extracted once, then copied with new numbers, dates,
assignees, statuses and words, many documents to a transaction (extraction is measured by
``bench/ingest.py``, not here). Statistics are refreshed (ANALYZE) once the store is filled.
Then a set of queries, with and without filters, each run several times, gives the search
latency (p50, p95) as ``chidao search`` sees it: ranking, loading and snippets included.
``chidao tasks --overdue`` is timed as a whole command (a process started from scratch,
JSON to /dev/null) and in-process. Figures are printed, not asserted. Target: search p95
under 50 ms at 100,000 tasks.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import SWAPS, _pg_schema, source_texts, with_schema  # noqa: E402

TARGET_P95_MS = 50.0
QUERIES = [
    ("giai phong mat bang", {}),
    ("giải phóng mặt bằng", {"kinds": ("task",)}),
    ("dau tu cong", {}),
    ("bao cao", {}),
    ("bao cao ket qua", {"kinds": ("task",)}),
    ("so tai chinh", {}),
    ("phong chong thien tai", {}),
    ("chuyen doi so", {}),
    ("tai dinh cu", {"doc_types": ("Thông báo",)}),
    ("ke hoach von", {"date_from": dt.date(2023, 1, 1), "date_to": dt.date(2023, 12, 31)}),
    ("sot xuat huyet", {}),
    ("khoang san", {"kinds": ("document",)}),
    ("hoàn thành", {"body": "lang-son/so-tai-chinh"}),
    ("1001/UBND-KTTH", {}),
    ("95/TB-UBND", {}),
    ("ubnd huyen binh gia", {}),
]


# --- filling a store -----------------------------------------------------------------------------

def templates():
    """The source documents extracted and prepared once: (NewDocument, text)."""
    from chidao.extract.pipeline import extract
    from chidao.tracking.prepare import prepare
    out = []
    for name, text in source_texts(seeds=True):
        record = prepare(extract(text, source=name), text, sha256="0" * 64, source_name=name + ".txt",
                         suffix=".txt", size=len(text), accept=True)
        if record.tasks:
            out.append(record)
    return out


def variant(record, i: int, rng: random.Random):
    """Copy ``i`` of a prepared document: new hash, number, date, assignees, statuses, words."""
    from chidao.store.keys import number_key
    year = rng.choice([2021, 2022, 2023, 2024, 2025])
    day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    number = f"{1000 + i}/{(record.number or '/UBND').split('/', 1)[-1]}"
    swap = rng.choice(SWAPS)
    tasks = []
    for t in record.tasks:
        due = day + dt.timedelta(days=rng.randint(5, 120)) if t.due_date or rng.random() < 0.5 else None
        status = rng.choices(["open", "in_progress", "done", "proposed"], [5, 2, 4, 1])[0]
        tasks.append(dataclasses.replace(t, due_date=due, status=status, action=f"{t.action} ({swap}, bản {i})"))
    return dataclasses.replace(
        record, sha256=hashlib.sha256(f"{record.source_name}-{i}".encode()).hexdigest(), number=number,
        number_key=number_key(number), doc_date=day, date_text=day.isoformat(), year=year,
        version_key=None, text=record.text + f"\nĐồng gửi {swap} (bản {i}).\n", tasks=tuple(tasks))


def fill(store, target_tasks: int, start_index: int, rng: random.Random, per_transaction: int = 50) -> tuple[int, int]:
    """Add documents until the store holds ``target_tasks`` tasks; (documents, tasks) added."""
    from sqlalchemy import func, select, update

    from chidao.store.documents import add_document
    from chidao.store.models import TaskRow
    base = templates()
    with store.read() as s:
        have = s.scalar(select(func.count()).select_from(TaskRow))
    docs = tasks = 0
    i = start_index
    now = dt.datetime.now(dt.timezone.utc)
    while have + tasks < target_tasks:
        with store.write() as s:
            for _ in range(per_transaction):
                record = variant(base[i % len(base)], i, rng)
                added = add_document(s, record, f"bench/{i}", now=now, actor="bench")
                done = [tid for tid, t in zip(added.task_ids, record.tasks) if t.status == "done"]
                if done:
                    s.execute(update(TaskRow).where(TaskRow.id.in_(done))
                              .values(completed_on=record.doc_date + dt.timedelta(days=rng.randint(3, 150))))
                docs += 1
                tasks += len(record.tasks)
                i += 1
                if have + tasks >= target_tasks:
                    break
    return docs, tasks


def analyse(store) -> None:
    from sqlalchemy import text
    with store.engine.connect() as conn:
        if store.backend == "sqlite":
            conn.exec_driver_sql("ANALYZE")
            conn.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        else:
            conn.execute(text("ANALYZE"))
        conn.commit()


# --- measuring ---------------------------------------------------------------------------------

def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def time_search(store, repeats: int) -> dict:
    from chidao.store.search import SearchFilters, search
    times, per_query = [], {}
    for query, raw in QUERIES:
        opts = dict(raw)
        body = opts.pop("body", None)
        filters = SearchFilters(**opts, body_ids=frozenset({body}) if body else frozenset())
        mine = []
        for r in range(repeats + 1):
            start = time.perf_counter()
            with store.read() as s:
                hits = search(s, query, filters, 20)
            elapsed = (time.perf_counter() - start) * 1000
            if r:  # the first run warms caches
                mine.append(elapsed)
        times += mine
        per_query[query + (" +filter" if raw else "")] = (statistics.median(mine), len(hits))
    return {"p50": pct(times, 50), "p95": pct(times, 95), "max": max(times), "per_query": per_query}


def time_overdue(store, env: dict) -> dict:
    from chidao.registry import load
    from chidao.tracking.listing import Listing, run
    from chidao.tracking.output import task_record
    registry = load()
    as_of = dt.date(2026, 1, 1)
    start = time.perf_counter()
    lines, _ = run(store, registry, Listing(as_of=as_of, overdue=True))
    count = sum(1 for _ in (task_record(x, as_of, registry) for x in lines))
    inproc = time.perf_counter() - start
    chidao = Path(sys.executable).with_name("chidao")
    start = time.perf_counter()
    with open(os.devnull, "w") as sink:
        subprocess.run([str(chidao), "tasks", "--overdue", "--as-of", "2026-01-01", "--format", "json"],
                       env={**os.environ, **env}, stdout=sink, check=True)
    cli = time.perf_counter() - start
    start = time.perf_counter()
    with open(os.devnull, "w") as sink:
        subprocess.run([str(chidao), "tasks", "--overdue", "--as-of", "2026-01-01", "--limit", "50"],
                       env={**os.environ, **env}, stdout=sink, check=True)
    table = time.perf_counter() - start
    return {"overdue": count, "inprocess_s": inproc, "cli_json_s": cli, "cli_table50_s": table}


def bench_backend(backend: str, sizes: list[int], url: str | None, work: Path, repeats: int) -> list[dict]:
    from chidao.store.db import open_store
    from chidao.store.settings import Settings
    data_dir = work / f"data-{backend}"
    settings = Settings(url=url or f"sqlite:///{data_dir / 'chidao.db'}", data_dir=data_dir)
    env = {"CHIDAO_DATABASE_URL": settings.url, "CHIDAO_DATA_DIR": str(data_dir)}
    store = open_store(settings)
    rng = random.Random(11)
    rows, index = [], 0
    for size in sizes:
        start = time.perf_counter()
        docs, tasks = fill(store, size, index, rng)
        index += docs
        analyse(store)
        load_s = time.perf_counter() - start
        from sqlalchemy import func, select

        from chidao.store.models import DocumentRow, TaskRow
        with store.read() as s:
            n_tasks = s.scalar(select(func.count()).select_from(TaskRow))
            n_docs = s.scalar(select(func.count()).select_from(DocumentRow))
        found = time_search(store, repeats)
        overdue = time_overdue(store, env)
        rows.append({"backend": backend, "tasks": n_tasks, "docs": n_docs, "load_s": load_s, **found, **overdue})
        print(f"  {backend}: {n_tasks} tasks in {n_docs} documents (filled in {load_s:.0f} s): "
              f"search p50 {found['p50']:.1f} ms, p95 {found['p95']:.1f} ms; "
              f"--overdue {overdue['overdue']} tasks: {overdue['inprocess_s']:.2f} s in-process, "
              f"{overdue['cli_json_s']:.2f} s as a command", flush=True)
    store.dispose()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="task counts, ascending")
    parser.add_argument("--quick", action="store_true", help="10,000 and 30,000 tasks, fewer repeats")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--postgres", default=os.environ.get("CHIDAO_TEST_POSTGRES_URL"))
    parser.add_argument("--queries", action="store_true", help="print the median of each query")
    args = parser.parse_args(argv)
    sizes = [10_000, 30_000] if args.quick else [int(x) for x in args.sizes.split(",")]
    repeats = 3 if args.quick else args.repeats
    work = Path(tempfile.mkdtemp(prefix="chidao-search-bench-"))
    results = []
    try:
        for backend in args.backends.split(","):
            schema, url = None, None
            if backend == "postgresql":
                if not args.postgres:
                    print("postgresql: skipped (no --postgres URL nor CHIDAO_TEST_POSTGRES_URL)")
                    continue
                schema = _pg_schema(args.postgres)
                url = with_schema(args.postgres, schema)
            try:
                results += bench_backend(backend, sizes, url, work, repeats)
            finally:
                if schema:
                    _pg_schema(args.postgres, drop=schema)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(f"{'backend':<11} {'tasks':>8} {'docs':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}   "
          f"{'overdue':>7} {'in-proc s':>9} {'cmd json s':>10} {'cmd 50 rows s':>13}")
    for r in results:
        print(f"{r['backend']:<11} {r['tasks']:>8} {r['docs']:>6} {r['p50']:>7.1f} {r['p95']:>7.1f} {r['max']:>7.1f}   "
              f"{r['overdue']:>7} {r['inprocess_s']:>9.2f} {r['cli_json_s']:>10.2f} {r['cli_table50_s']:>13.2f}")
    if args.queries:
        for r in results:
            print(f"\n{r['backend']} at {r['tasks']} tasks, median ms (hits):")
            for q, (ms, n) in r["per_query"].items():
                print(f"  {ms:7.1f}  ({n:>2})  {q}")
    biggest = [r for r in results if r["tasks"] == max(x["tasks"] for x in results)]
    for r in biggest:
        verdict = "meets" if r["p95"] < TARGET_P95_MS else "misses"
        print(f"{r['backend']}: search p95 {r['p95']:.1f} ms at {r['tasks']} tasks {verdict} the target "
              f"of {TARGET_P95_MS:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
