"""PostgreSQL writes a new document in two statements (``documents._add_postgresql``): the
rows it stores must be exactly those of the general path, citations and versions included."""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import DateTime, Text, cast, create_engine, select

from chidao.store import documents
from chidao.store.models import (DocumentRow, ReferenceRow, SearchEntryRow, TaskBodyRow,
                                 TaskEventRow, TaskRow)
from chidao.tracking.ingest import ingest_paths

TABLES = (DocumentRow, ReferenceRow, TaskRow, TaskBodyRow, TaskEventRow, SearchEntryRow)
CITING = ("ỦY BAN NHÂN DÂN\nHUYỆN ĐẠI LỘC\n\nSố: {n}/UBND-VP\nĐại Lộc, ngày 20 tháng 3 năm 2024\n"
          "V/v triển khai Thông báo số 95/TB-UBND ngày 05/3/2024 của UBND tỉnh\n\n"
          "Thực hiện Thông báo số 95/TB-UBND ngày 05/3/2024 của Ủy ban nhân dân tỉnh Quảng Nam, "
          "UBND huyện yêu cầu Phòng Tài chính - Kế hoạch huyện báo cáo trước ngày 30/3/2024.\n")


@pytest.fixture
def second_store(backend, tmp_path):
    """Another empty store on the same backend."""
    from chidao.store.db import open_store
    from chidao.store.settings import Settings
    data_dir = tmp_path / "second"
    if backend == "sqlite":
        store = open_store(Settings(url=f"sqlite:///{data_dir / 'chidao.db'}", data_dir=data_dir))
        yield store
        store.dispose()
        return
    base = os.environ["CHIDAO_TEST_POSTGRES_URL"]
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    store = open_store(Settings(url=f"{base}{sep}options=-csearch_path%3D{schema}", data_dir=data_dir))
    try:
        yield store
    finally:
        store.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


def _corpus(folder, seeds, examples):
    """Files in ingest order: citations before and after their target, a new version."""
    folder.mkdir()
    (folder / "a-cites-95.txt").write_text(CITING.format(n=120), encoding="utf-8")
    paths = [folder / "a-cites-95.txt", examples / "quangnam-tb-ketluan-phienhop-2024.txt", seeds]
    (folder / "b-cites-95.txt").write_text(CITING.format(n=121), encoding="utf-8")
    original = (examples / "quangnam-tb-ketluan-phienhop-2024.txt").read_text(encoding="utf-8")
    (folder / "c-tb95-v2.txt").write_text(original.replace("trước ngày 15/3/2024", "trước ngày 22/3/2024"),
                                          encoding="utf-8")
    return paths + [folder / "b-cites-95.txt", folder / "c-tb95-v2.txt", examples / "hagiang-cv-ctmtqg-2023.txt"]


def _dump(store) -> dict:
    """Every row of the tables an ingest writes, JSON as its stored text, times left out."""
    out = {}
    with store.read() as s:
        for model in TABLES:
            table = model.__table__
            cols = [cast(c, Text) if c.type.__class__.__name__ == "JSON" else c
                    for c in table.columns if not isinstance(c.type, DateTime)]
            out[table.name] = [tuple(r) for r in s.execute(select(*cols).order_by(table.c.id))]
    return out


def test_fast_path_stores_what_the_general_path_stores(store, second_store, seeds, examples, tmp_path,
                                                        extract_cached, monkeypatch):
    paths = _corpus(tmp_path / "docs", seeds, examples)
    fast = [(r.status, r.document_id, r.tasks, r.previous_id, r.superseded)
            for r in ingest_paths(store, paths, accept=True, actor="t", extractor=extract_cached)]
    monkeypatch.setattr(documents, "FAST_POSTGRESQL", False)
    general = [(r.status, r.document_id, r.tasks, r.previous_id, r.superseded)
               for r in ingest_paths(second_store, paths, accept=True, actor="t", extractor=extract_cached)]
    assert fast == general
    assert [s for s, *_ in fast].count("version") == 1
    a, b = _dump(store), _dump(second_store)
    assert a["doc_references"] and any(r[-1] is not None for r in a["doc_references"])  # citations linked
    for name in a:
        assert a[name] == b[name], name


def test_a_document_without_tasks_or_references(store, tmp_path, extract_cached):
    path = tmp_path / "empty-ish.txt"
    path.write_text("Một văn bản không có nhiệm vụ nào.\n", encoding="utf-8")
    [r] = ingest_paths(store, [path], extractor=extract_cached)
    assert r.status == "new" and r.tasks == 0
    with store.read() as s:
        kinds = s.scalars(select(SearchEntryRow.kind).where(SearchEntryRow.document_id == r.document_id)).all()
    assert kinds == ["document"]


def test_the_same_file_stored_meanwhile_is_reported_as_stored(store, examples, tmp_path, extract_cached):
    """Between the hash look-up and the transaction another process stores the file: the
    insert fails on the unique hash, nothing of this attempt stays, the file is 'exists'."""
    from chidao.tracking import ingest as ingest_module
    path = tmp_path / "tb.txt"
    path.write_text((examples / "quangnam-tb-ketluan-phienhop-2024.txt").read_text(encoding="utf-8"),
                    encoding="utf-8")
    ready = ingest_module._read(store, path, False, extract_cached)
    [first] = ingest_paths(store, [path], extractor=extract_cached)
    assert first.status == "new"
    before = _dump(store)
    again = ingest_module._commit(store, ready, "t")
    assert (again.status, again.document_id) == ("exists", first.document_id)
    assert _dump(store) == before
    [later] = ingest_paths(store, [tmp_path / "tb.txt"], extractor=extract_cached)
    assert later.status == "exists"


def test_two_versions_written_at_once_are_versions_one_and_two(store, examples, tmp_path, extract_cached):
    """Two processes storing documents of the same number, issuer and date at the same time:
    the version look-up waits for the other's transaction, whichever wins."""
    import threading

    from chidao.tracking import ingest as ingest_module
    original = (examples / "quangnam-tb-ketluan-phienhop-2024.txt").read_text(encoding="utf-8")
    readies = []
    for i, due in enumerate(("22/3/2024", "29/3/2024")):
        path = tmp_path / f"v{i}.txt"
        path.write_text(original.replace("trước ngày 15/3/2024", f"trước ngày {due}"), encoding="utf-8")
        readies.append(ingest_module._read(store, path, False, extract_cached))
    barrier, results, errors = threading.Barrier(2), [], []

    def run(ready):
        try:
            barrier.wait()
            results.append(ingest_module._commit(store, ready, "t"))
        except BaseException as e:  # noqa: BLE001
            errors.append(e)
    threads = [threading.Thread(target=run, args=(r,)) for r in readies]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(r.status for r in results) == ["new", "version"]
    with store.read() as s:
        rows = s.execute(select(DocumentRow.id, DocumentRow.version, DocumentRow.previous_id,
                                DocumentRow.superseded_by_id).order_by(DocumentRow.version)).all()
    assert [r.version for r in rows] == [1, 2]
    assert rows[1].previous_id == rows[0].id and rows[0].superseded_by_id == rows[1].id


def test_characters_that_need_escaping_are_stored_as_written(store, second_store, tmp_path, extract_cached,
                                                             monkeypatch):
    """The fast path sends its rows as JSON: quotes, backslashes, tabs, characters outside
    the BMP and Unicode line separators come back exactly as the general path stores them."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n\nSố: 77/UBND-KT\nLạng Sơn, ngày 02 tháng 4 năm 2024\n"
            "V/v \"dấu ngoặc\" và \\ gạch chéo\tcó tab 😀 \u2028 kết thúc\n\n"
            "Giao Sở Tài chính chủ trì rà soát \"hồ sơ\" C:\\thu-muc, báo cáo UBND tỉnh trước ngày 30/4/2024.\n")
    path = tmp_path / "escapes.txt"
    path.write_text(text, encoding="utf-8")
    [fast] = ingest_paths(store, [path], accept=True, actor="t\"\\", extractor=extract_cached)
    monkeypatch.setattr(documents, "FAST_POSTGRESQL", False)
    [general] = ingest_paths(second_store, [path], accept=True, actor="t\"\\", extractor=extract_cached)
    assert (fast.status, fast.tasks) == (general.status, general.tasks) == ("new", 1)
    a, b = _dump(store), _dump(second_store)
    for name in a:
        assert a[name] == b[name], name
    with store.read() as s:
        stored = s.scalar(select(DocumentRow.text))
    assert "😀" in stored and "\\ gạch" in stored and "\"hồ sơ\"" in stored
