"""Pages: dashboard, documents (upload, highlighted text), review, task list and exports."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from tests.web.conftest import NOTICE


def _upload(client, files):
    return client.post("/documents/upload", data={"csrf_token": client.csrf}, files=[("files", f) for f in files],
                       headers={"accept": "application/json"}).json()["results"]


def test_upload_batch_refuses_bad_files_and_keeps_good(login, store):
    clerk = login("clerk")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "0" * 5_000_000)
    results = _upload(clerk, [("tb.txt", NOTICE.encode()), ("virus.exe", b"MZ"), ("big.txt", b"a" * 300_000),
                              ("hong.pdf", b"%PDF-1.4 garbage"), ("bom.docx", bomb.getvalue()),
                              ("gia.pdf", b"not a pdf")])
    status = {r["name"]: r for r in results}
    assert status["tb.txt"]["status"] == "new" and status["tb.txt"]["tasks"] == 3
    assert "loại tệp" in status["virus.exe"]["message"]
    assert "quá lớn" in status["big.txt"]["message"]
    assert status["hong.pdf"]["status"] == "failed"
    assert "bom nén" in status["bom.docx"]["message"]
    assert "không phải tệp .pdf" in status["gia.pdf"]["message"]
    from chidao.store import documents
    with store.read() as session:
        assert documents.count(session) == 1
    assert _upload(clerk, [("lai.txt", NOTICE.encode())])[0]["status"] == "exists"


def test_officer_cannot_upload(login):
    officer = login("officer_yt")
    r = officer.post("/documents/upload", data={"csrf_token": officer.csrf}, files=[("files", ("a.txt", b"x"))])
    assert r.status_code == 403


def test_document_page_highlights(login, notice):
    page = login("clerk").get(f"/documents/{notice['document']}").text
    assert page.count('class="hl-task"') >= 3
    assert '<span class="hl-due">' in page and "trước ngày 30/4/2024" in page
    assert 'class="hl-ref"' in page and "Văn bản dẫn chiếu đến văn bản này" in page


def test_citation_links_both_ways(login, notice, store):
    from chidao.web.uploads import ingest_upload
    later = NOTICE.replace("123/TB-UBND", "200/TB-UBND").replace(
        "Quyết định số 1101/QĐ-UBND ngày 17/7/2023", "Thông báo số 123/TB-UBND ngày 10/3/2024")
    cited = ingest_upload(store, "tb-200.txt", later.encode(), "clerk").document_id
    clerk = login("clerk")
    assert f'<a class="hl-ref" href="/documents/{notice["document"]}">' in clerk.get(f"/documents/{cited}").text
    assert f'href="/documents/{cited}"' in clerk.get(f"/documents/{notice['document']}").text


def test_review_accept_edit_reject(login, store):
    from chidao.web.uploads import ingest_upload
    doc = ingest_upload(store, "tb.txt", NOTICE.encode(), "clerk").document_id
    clerk = login("clerk")
    queue = clerk.get("/review").text
    assert "Nhiệm vụ chờ xác nhận (3)" in queue
    ids = sorted(int(x) for x in __import__("re").findall(r'action="/tasks/(\d+)/accept"', queue))
    r = clerk.post(f"/tasks/{ids[0]}/accept", data={"csrf_token": clerk.csrf, "back": "/review"})
    assert "Đã xác nhận" in r.text and "Nhiệm vụ chờ xác nhận (2)" in r.text
    r = clerk.post(f"/tasks/{ids[1]}/edit", data={"assignees": "Sở Nội vụ", "coordinators": "", "action": "",
                                                   "deadline": "2030-12-20", "csrf_token": clerk.csrf})
    assert "Đã sửa" in r.text and "Sở Nội vụ" in r.text and "20/12/2030" in r.text
    r = clerk.post(f"/tasks/{ids[2]}/reject", data={"reason": "không phải nhiệm vụ", "csrf_token": clerk.csrf})
    assert "không theo dõi" in r.text
    r = clerk.post(f"/tasks/{ids[2]}/edit", data={"assignees": "Không Có Cơ Quan Này", "csrf_token": clerk.csrf})
    assert "Không biết cơ quan" in r.text
    text = NOTICE
    start = text.index("Sở Giáo dục")
    r = clerk.post(f"/documents/{doc}/tasks", data={"start": start, "end": text.index("\n", start),
                                                    "assignees": "Sở Giáo dục và Đào tạo", "deadline": "31/12/2030",
                                                    "csrf_token": clerk.csrf})
    assert "Đã thêm nhiệm vụ" in r.text and "tập huấn cho giáo viên" in r.text and "xác nhận" in r.text
    r = clerk.post(f"/documents/{doc}/tasks", data={"start": 5, "end": 10**6, "assignees": "Sở Y tế",
                                                    "csrf_token": clerk.csrf})
    assert "không hợp lệ" in r.text


def test_dashboard_counts_and_links(login, notice):
    page = login("clerk").get("/").text
    assert 'href="/tasks?timeliness=overdue"><span class="n">1</span>' in page
    assert 'href="/tasks?timeliness=on_track"><span class="n">1</span>' in page
    assert 'href="/tasks?timeliness=no_deadline"><span class="n">1</span>' in page
    assert "<svg" in page and "Sở Tài chính" in page


def test_a_kept_dashboard_follows_every_change_and_each_scope(login, notice, store):
    """The dashboard kept between requests shows a completion made since, and an officer's
    figures never come from a clerk's dashboard of the same day."""
    from chidao.tracking.service import Tracker
    clerk = login("clerk")
    assert 'href="/tasks?timeliness=overdue"><span class="n">1</span>' in clerk.get("/").text
    officer = login("officer_yt").get("/").text
    assert 'href="/tasks?timeliness=overdue"><span class="n">0</span>' in officer
    assert 'href="/tasks?timeliness=on_track"><span class="n">1</span>' in officer
    Tracker(store, actor="clerk").done(notice["tc"], on=dt.date(2024, 4, 29))
    page = clerk.get("/").text
    assert 'href="/tasks?timeliness=overdue"><span class="n">0</span>' in page
    assert 'href="/tasks?timeliness=done_on_time"><span class="n">1</span>' in page


def test_task_list_filters_sort_and_export(login, notice):
    clerk = login("clerk")
    overdue = clerk.get("/tasks", params={"timeliness": "overdue"}).text
    assert f'href="/tasks/{notice["tc"]}"' in overdue and f'href="/tasks/{notice["yt"]}"' not in overdue
    body = clerk.get("/tasks", params={"body": "lang-son/so-y-te"}).text
    assert "Nhiệm vụ (1)" in body
    assert "Nhiệm vụ (1)" in clerk.get("/tasks", params={"q": "phong chong dich"}).text
    assert "Nhiệm vụ (2)" in clerk.get("/tasks", params={"due_from": "2024-01-01", "sort": "-due"}).text
    assert clerk.get("/tasks", params={"due_from": "hôm qua"}).status_code == 422
    assert clerk.get("/tasks", params={"timeliness": "xyz"}).status_code == 422
    csv = clerk.get("/tasks/export.csv", params={"timeliness": "overdue"})
    assert csv.status_code == 200 and "Sở Tài chính" in csv.content.decode("utf-8-sig")
    assert csv.content.decode("utf-8-sig").count("\n") == 2
    xlsx = clerk.get("/tasks/export.xlsx")
    from openpyxl import load_workbook
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert rows[0][0] == "Số" and len(rows) == 4


def test_bodies_and_search(login, notice):
    clerk = login("clerk")
    assert "Sở Tài chính" in clerk.get("/bodies").text
    page = clerk.get("/bodies/lang-son/so-tai-chinh").text
    assert "Nhiệm vụ (1)" in page
    assert clerk.get("/bodies/khong-co").status_code == 404
    hits = clerk.get("/search", params={"q": "giai phong mat bang"}).text
    assert "<mark>" in hits and "giải phóng" in hits


def _tasks_of_every_kind(store):
    """Tasks of every status and timeliness on 13/5/2024 (a Monday), written as rows: due
    dates on working days, on a weekend (11/5/2024, on time until Monday 13/5), on a worked
    Saturday (4/5/2024, no grace) and on a holiday, completions within and after the grace,
    undated ones, several assignees, none, a coordinator and an assignee of no known body
    (counted for no body), and a superseded copy of each. Returns (as_of,
    the rows as the tracking sees them, the body ids)."""
    from sqlalchemy import insert

    from chidao.store.models import DocumentRow, TaskBodyRow, TaskRow
    as_of, now, d = dt.date(2024, 5, 13), dt.datetime(2024, 5, 13, tzinfo=dt.UTC), dt.date
    bodies = ["lang-son/so-tai-chinh", "lang-son/so-y-te", "lang-son/so-xay-dung"]
    kinds = [  # status, due, completed_on, assignees (indexes in bodies)
        ("open", d(2024, 5, 10), None, [0]), ("open", d(2024, 5, 11), None, [0, 1]),
        ("in_progress", d(2024, 5, 13), None, [1]), ("in_progress", d(2024, 4, 30), None, [2]),
        ("open", None, None, [0]), ("open", d(2024, 6, 1), None, []),
        ("done", d(2024, 5, 11), d(2024, 5, 13), [0]), ("done", d(2024, 5, 11), d(2024, 5, 12), [1, 2]),
        ("done", d(2024, 5, 11), d(2024, 5, 10), [2]), ("done", d(2024, 4, 27), d(2024, 5, 6), [0]),
        ("done", d(2024, 4, 30), d(2024, 5, 2), [1]), ("done", d(2024, 4, 30), d(2024, 5, 3), [1]),
        ("done", d(2024, 5, 2), d(2024, 5, 3), [0, 2]), ("done", d(2024, 5, 4), d(2024, 5, 6), [1]),
        ("done", None, d(2024, 5, 1), [2]), ("done", None, d(2024, 5, 20), [0]), ("done", d(2024, 3, 16), d(2024, 3, 18), []),
        ("proposed", d(2024, 5, 1), None, [0]), ("rejected", d(2024, 5, 1), None, [1]), ("rejected", None, None, [2]),
        # marked done later than the day shown, or without a day: still running on that day
        ("done", d(2024, 5, 20), d(2024, 5, 15), [1]), ("done", d(2024, 5, 2), d(2024, 5, 15), [2]),
        ("done", d(2024, 5, 20), None, [0]), ("done", None, None, [1]),
    ]
    with store.write() as session:
        conn = session.connection()
        conn.execute(insert(DocumentRow.__table__), [{
            "id": n, "sha256": f"{n:064x}", "source_name": f"tb-{n}.txt", "file_name": f"{n}.txt", "size": 10,
            "doc_type": "Thông báo", "number": f"{n}/TB-UBND", "text": "x" * 100, "recipients": [], "version": 1,
            "ingested_at": now} for n in (1, 2)])
        conn.execute(insert(TaskRow.__table__), [{
            "id": n + 1, "document_id": 1 + n % 2, "position": n, "action": f"Nhiệm vụ {n}", "status": status,
            "due_date": due, "original_due_date": due, "completed_on": done, "start": 0, "end": 10,
            "created_at": now, "updated_at": now} for n, (status, due, done, _) in enumerate(kinds * 2)])
        conn.execute(insert(TaskBodyRow.__table__), [{
            "task_id": n + 1, "role": "assignee", "position": p, "name": bodies[b], "name_key": bodies[b],
            "body_id": bodies[b]} for n, (_, _, _, who) in enumerate(kinds * 2) for p, b in enumerate(who)])
        conn.execute(insert(TaskBodyRow.__table__), [  # neither counts for a body: a coordinator, an unknown assignee
            {"task_id": 3, "role": "coordinator", "position": 1, "name": bodies[0], "name_key": bodies[0],
             "body_id": bodies[0]},
            {"task_id": 1, "role": "assignee", "position": 1, "name": "Tổ công tác", "name_key": "tổ công tác",
             "body_id": None}])
        conn.execute(TaskRow.__table__.update().where(TaskRow.id > len(kinds)).values(superseded_by_id=1))
    return as_of, [(n + 1, status, due, done, [bodies[b] for b in who])
                   for n, (status, due, done, who) in enumerate(kinds)], bodies


def test_the_pass_over_assignees_keeps_its_order_on_sqlite_only():
    """On SQLite the dashboard's per-body figures scan the assignees and read each task by
    its rowid (see ``assignees_then_tasks``); other databases get a plain join."""
    from sqlalchemy import func, select
    from sqlalchemy.dialects import postgresql, sqlite

    from chidao.web.queries import assignees_then_tasks
    q = select(func.count()).select_from(assignees_then_tasks())
    assert "FROM task_bodies NOT INDEXED CROSS JOIN tasks ON tasks.id = task_bodies.task_id" in str(
        q.compile(dialect=sqlite.dialect()))
    assert "FROM task_bodies JOIN tasks ON tasks.id = task_bodies.task_id" in str(q.compile(dialect=postgresql.dialect()))
    plain = select(func.count()).select_from(assignees_then_tasks(scan=False))
    assert "FROM task_bodies JOIN tasks ON" in str(plain.compile(dialect=sqlite.dialect()))


def test_dashboard_and_task_list_count_as_the_tracking_does(store):
    """The dashboard's figures and the task list's timeliness filters, computed in the
    database, agree with ``tracking`` task by task; pages come in the order of their sort."""
    from chidao.registry import load
    from chidao.tracking.lifecycle import Status, TaskState, timeliness
    from chidao.tracking.views import last_day_on_time
    from chidao.web.queries import TaskFilter, conditions, dashboard, task_page
    from chidao.web.timeliness import KEYS
    as_of, rows, bodies = _tasks_of_every_kind(store)
    registry = load()
    tracked = [r for r in rows if r[1] in ("open", "in_progress", "done")]
    judged = {r[0]: timeliness(TaskState(status=Status(r[1]), due=r[2], completed_on=r[3]), as_of, last_day_on_time)
              for r in tracked}
    assert judged[7] == judged[17] == KEYS["done_on_time"] and judged[2] == KEYS["on_track"]  # a weekend's grace
    assert judged[10] == judged[14] == KEYS["done_late"] and judged[11] == KEYS["done_on_time"]
    for scope in (None, frozenset({bodies[1]})):
        seen = [r for r in tracked if scope is None or scope & set(r[4])]
        with store.read() as session:
            board = dashboard(session, scope, as_of, registry)
            expected = {key: sum(1 for r in seen if judged[r[0]] is value) for key, value in KEYS.items()}
            assert board.counts == expected, scope
            figures = {b: (sum(1 for r in seen if b in r[4]), sum(1 for r in seen if b in r[4] and r[1] == "done"),
                           sum(1 for r in seen if b in r[4] and judged[r[0]] is KEYS["overdue"])) for b in bodies}
            assert {b: (t, d) for b, _, t, d in board.completion} == {b: f[:2] for b, f in figures.items() if f[0]}
            assert {b: n for b, _, n in board.overdue_by_body} == {b: f[2] for b, f in figures.items() if f[2]}
            for key, value in KEYS.items():
                f = TaskFilter(timeliness=key)
                items, total = task_page(session, conditions(session, f, scope, registry, as_of), "id", 1, 50)
                assert [i.id for i in items] == [r[0] for r in seen if judged[r[0]] is value] and total == len(items)
    listed = [r for r in rows if r[1] != "rejected"]
    dated = sorted((r for r in listed if r[2]), key=lambda r: (r[2], r[0]))
    undated = [r[0] for r in listed if not r[2]]
    orders = {"due": [r[0] for r in dated] + undated,
              "-due": [r[0] for r in sorted(dated, key=lambda r: (r[2], r[0]), reverse=True)] + undated[::-1]}
    with store.read() as session:
        where = conditions(session, TaskFilter(), None, registry, as_of)
        for sort, order in orders.items():
            for per_page in (1, 3, 4, 7, 50):
                pages = [task_page(session, where, sort, n, per_page) for n in range(1, len(order) // per_page + 3)]
                assert [i.id for items, _ in pages for i in items] == order, (sort, per_page)
                assert {total for _, total in pages} == {len(order)}
