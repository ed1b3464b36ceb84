#!/usr/bin/env python3
"""Benchmark of the web application: server time of the heavy pages, and a load test.

    .venv/bin/python bench/web.py             # 100,000 tasks; 50 users for 60 s
    .venv/bin/python bench/web.py --quick     # 20,000 tasks; 50 users for 10 s

1. Rows are generated directly in a fresh SQLite store (documents, tasks, assignees,
   events; statuses and due dates spread around today), then the dashboard and the task
   list (plain, filtered by timeliness, by body, a late page) are requested in process and
   their server time measured (median and p95).
2. ``chidao serve`` runs in a child process on 127.0.0.1; 50 simulated users (clerks and
   officers) log in and browse (dashboard, task list pages, a task) and report progress,
   in bounded loops until the time is up. Requests, errors and latency are printed.
Figures are printed, not asserted.

    .venv/bin/python bench/web.py --postgres URL   # step 1 on PostgreSQL (a fresh schema, dropped after)
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-password"


def generate(store, tasks: int, per_doc: int = 50) -> list[str]:
    """``tasks`` tasks in ``tasks / per_doc`` documents; the body ids used."""
    from sqlalchemy import insert

    from chidao.registry import load
    from chidao.store.models import DocumentRow, TaskBodyRow, TaskEventRow, TaskRow
    bodies = [b for b in load().bodies if b.id.startswith("lang-son/") and b.valid_to is None][:40]
    rng = random.Random(7)
    today = dt.date.today()
    now = dt.datetime.now(dt.timezone.utc)
    docs = tasks // per_doc
    with store.write() as session:
        conn = session.connection()
        conn.execute(insert(DocumentRow.__table__), [dict(
            id=d + 1, sha256=f"{d:064x}", source_name=f"tb-{d}.txt", file_name=f"{d}.txt", size=1000,
            doc_type="Thông báo", number=f"{d}/TB-UBND", number_key=f"{d}/tb-ubnd", year=2024,
            issuer="UBND tỉnh Lạng Sơn", province="Lạng Sơn", date_text="2024-01-15",
            doc_date=dt.date(2024, 1, 15), subject=f"Kết luận số {d}", recipients=[], text="x" * 400,
            version=1, ingested_at=now) for d in range(docs)])
        task_rows, body_rows, events = [], [], []
        for t in range(tasks):
            status = rng.choices(["open", "in_progress", "done", "proposed"], [40, 25, 30, 5])[0]
            due = today + dt.timedelta(days=rng.randint(-200, 200)) if rng.random() > 0.1 else None
            done_on = (due or today) + dt.timedelta(days=rng.randint(-20, 10)) if status == "done" else None
            if done_on and done_on > today:
                done_on = today
            task_rows.append(dict(id=t + 1, document_id=t // per_doc + 1, position=t % per_doc,
                                  action=f"Thực hiện nhiệm vụ số {t}", status=status, due_date=due,
                                  original_due_date=due, completed_on=done_on, start=0, end=10,
                                  created_at=now, updated_at=now))
            body = bodies[rng.randrange(len(bodies))]
            body_rows.append(dict(task_id=t + 1, role="assignee", position=0, name=body.name,
                                  name_key=body.name.lower(), body_id=body.id))
            events.append(dict(task_id=t + 1, kind="created", at=now, data={}))
        for start in range(0, tasks, 10_000):
            conn.execute(insert(TaskRow.__table__), task_rows[start:start + 10_000])
            conn.execute(insert(TaskBodyRow.__table__), body_rows[start:start + 10_000])
            conn.execute(insert(TaskEventRow.__table__), events[start:start + 10_000])
    return [b.id for b in bodies]


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def _timed(client, url: str, rounds: int, before=None) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        if before:
            before()
        start = time.perf_counter()
        r = client.get(url)
        times.append(time.perf_counter() - start)
        assert r.status_code == 200, (url, r.status_code)
    return statistics.median(times) * 1000, _p95(times) * 1000


def page_times(store, bodies: list[str], rounds: int) -> None:
    from fastapi.testclient import TestClient

    from chidao.web.app import create_app
    app = create_app(store=store)
    client = TestClient(app)
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post("/login", data={"username": "clerk0", "password": PASSWORD, "csrf_token": token})
    print(f"{'page':44} {'median ms':>10} {'p95 ms':>8}")
    boards = app.state.boards
    median, p95 = _timed(client, "/", rounds, before=lambda: boards.__init__(boards.size))
    print(f"{'/ (computed: after a change to the tasks)':44} {median:10.1f} {p95:8.1f}")
    for url in ("/", "/tasks", "/tasks?timeliness=overdue", "/tasks?timeliness=done_late",
                f"/tasks?body={bodies[0]}", "/tasks?page=1000&sort=-due", "/api/v1/stats"):
        if url.startswith("/api"):
            continue
        median, p95 = _timed(client, url, rounds)
        print(f"{url + (' (kept: no change since)' if url == '/' else ''):44} {median:10.1f} {p95:8.1f}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_test(env: dict, users: int, seconds: float, tasks: int, bodies: list[str]) -> None:
    import httpx
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "chidao", "serve", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/login", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        stop = [0.0]
        ready = threading.Barrier(users + 1, action=lambda: stop.__setitem__(0, time.monotonic() + seconds))
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()

        def user(n: int) -> None:
            rng = random.Random(n)
            name = f"clerk{n}" if n % 2 == 0 else f"officer{n}"
            with httpx.Client(base_url=base, timeout=60) as c:
                token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
                r = c.post("/login", data={"username": name, "password": PASSWORD, "csrf_token": token},
                           follow_redirects=True)
                token = re.search(r'name="csrf_token" value="([^"]+)"', r.text).group(1)
                ready.wait()
                for _ in range(10_000):  # bounded
                    if time.monotonic() > stop[0]:
                        return
                    step = rng.random()
                    if step < 0.2:
                        req = ("GET", "/", None)
                    elif step < 0.6:
                        req = ("GET", f"/tasks?page={rng.randint(1, 20)}", None)
                    elif step < 0.85:
                        ids = re.findall(r'href="/tasks/(\d+)"', c.get("/tasks?status=in_progress").text)
                        req = ("GET", f"/tasks/{rng.choice(ids)}" if ids else "/tasks", None)
                    else:
                        ids = re.findall(r'href="/tasks/(\d+)"', c.get("/tasks?status=in_progress").text)
                        if not ids:
                            continue
                        req = ("POST", f"/tasks/{rng.choice(ids)}/report",
                               {"text": f"Báo cáo của {name}", "csrf_token": token})
                    start = time.perf_counter()
                    r = c.request(req[0], req[1], data=req[2], follow_redirects=True)
                    took = time.perf_counter() - start
                    with lock:
                        latencies.append(took)
                        if r.status_code >= 400 or "flash error" in r.text:
                            errors.append(f"{req[0]} {req[1]} → {r.status_code}")

        threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
        for t in threads:
            t.start()
        login_start = time.perf_counter()
        ready.wait()
        print(f"{users} users logged in in {time.perf_counter() - login_start:.1f} s")
        for t in threads:
            t.join()
        print(f"{users} users, {seconds:.0f} s: {len(latencies)} requests "
              f"({len(latencies) / seconds:.1f}/s), {len(errors)} errors, "
              f"median {statistics.median(latencies) * 1000:.0f} ms, p95 {_p95(latencies) * 1000:.0f} ms")
        for e in errors[:5]:
            print("  error:", e)
    finally:
        server.terminate()
        server.wait(10)


def postgres_page_times(url: str, tasks: int, users: int, rounds: int) -> None:
    """Step 1 on PostgreSQL, in a schema of its own that is dropped afterwards."""
    import uuid

    import sqlalchemy as sa

    from chidao.store.db import open_store
    from chidao.store.settings import Settings
    from chidao.web import accounts
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        with tempfile.TemporaryDirectory(prefix="chidao-bench-web-") as folder:
            sep = "&" if "?" in url else "?"
            store = open_store(Settings.from_env(data_dir=folder, url=f"{url}{sep}options=-csearch_path%3D{schema}"))
            start = time.perf_counter()
            bodies = generate(store, tasks)
            with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE tasks, task_bodies, task_events, documents")  # as autovacuum would
            print(f"generated {tasks:,} tasks on PostgreSQL in {time.perf_counter() - start:.1f} s")
            for n in range(min(users, 2)):
                accounts.add_user(store, f"clerk{n}" if n % 2 == 0 else f"officer{n}",
                                  "clerk" if n % 2 == 0 else "officer", PASSWORD,
                                  None if n % 2 == 0 else bodies[n % len(bodies)])
            page_times(store, bodies, rounds)
            store.dispose()
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="20,000 tasks, 10 s of load")
    parser.add_argument("--tasks", type=int)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--postgres", metavar="URL", help="measure the page times on PostgreSQL instead (no load test)")
    args = parser.parse_args()
    tasks = args.tasks or (20_000 if args.quick else 100_000)
    seconds = args.seconds or (10 if args.quick else 60)
    sys.path.insert(0, str(ROOT / "src"))
    from chidao.store.db import open_store
    from chidao.store.settings import Settings
    from chidao.web import accounts
    if args.postgres:
        postgres_page_times(args.postgres, tasks, args.users, 10 if args.quick else 30)
        return
    with tempfile.TemporaryDirectory(prefix="chidao-bench-web-") as folder:
        settings = Settings.from_env(data_dir=folder, url=f"sqlite:///{folder}/chidao.db")
        store = open_store(settings)
        start = time.perf_counter()
        bodies = generate(store, tasks)
        print(f"generated {tasks:,} tasks in {time.perf_counter() - start:.1f} s")
        for n in range(args.users):
            accounts.add_user(store, f"clerk{n}" if n % 2 == 0 else f"officer{n}",
                              "clerk" if n % 2 == 0 else "officer", PASSWORD,
                              None if n % 2 == 0 else bodies[n % len(bodies)])
        page_times(store, bodies, 10 if args.quick else 30)
        store.dispose()
        env = {**os.environ, "CHIDAO_DATA_DIR": folder, "CHIDAO_DATABASE_URL": settings.url,
               "PYTHONPATH": str(ROOT / "src")}
        load_test(env, args.users, seconds, tasks, bodies)


if __name__ == "__main__":
    main()
