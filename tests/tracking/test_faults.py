"""Faults, with real processes: a killed ingest, two ingests at once, a read-only data dir.

The store must stay consistent (nothing half-stored, every stored document whole), a rerun
must finish the batch, and the user gets a one-line message, never a traceback.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from chidao.store.models import (DocumentRow, SearchEntryRow, TaskBodyRow, TaskEventRow,
                                 TaskRow)

CHIDAO = Path(sys.executable).with_name("chidao")
_NUMBER = re.compile(r"(Số:\s*)(\d+)")


def make_batch(examples: Path, folder: Path, count: int) -> list[Path]:
    """``count`` distinct documents: the text examples with new numbers (and a new line)."""
    sources = sorted(p for p in examples.glob("*.txt") if "tcvn3" not in p.name)
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(count):
        src = sources[i % len(sources)]
        body = _NUMBER.sub(lambda m: f"{m.group(1)}{9000 + i}", src.read_text(encoding="utf-8"), count=1)
        path = folder / f"{i:03d}-{src.name}"
        path.write_text(body + f"\nBản sao số {i}.\n", encoding="utf-8")
        made.append(path)
    return made


def run_chidao(env: dict, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHIDAO), *args], env={**os.environ, **env}, capture_output=True,
                          text=True, timeout=180, **kw)


def check_consistent(store, expected_tasks: dict[str, int]) -> int:
    """Every stored document is whole: its file, its tasks with bodies, events and search
    entries, all as extraction gives them. Returns the number of documents."""
    with store.read() as s:
        if store.backend == "sqlite":
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        docs = s.scalars(select(DocumentRow)).all()
        for doc in docs:
            data = store.files.read(doc.file_name)
            assert hashlib.sha256(data).hexdigest() == doc.sha256
            tasks = s.scalar(select(func.count()).select_from(TaskRow).where(TaskRow.document_id == doc.id))
            assert tasks == expected_tasks[doc.source_name], doc.source_name
        n_tasks = s.scalar(select(func.count()).select_from(TaskRow))
        assert s.scalar(select(func.count()).select_from(TaskEventRow).where(TaskEventRow.kind == "created")) == n_tasks
        assert s.scalar(select(func.count()).select_from(SearchEntryRow)
                        .where(SearchEntryRow.kind == "task")) == n_tasks
        indexed = set(s.scalars(select(SearchEntryRow.document_id).where(SearchEntryRow.kind == "document")))
        assert indexed == {d.id for d in docs}
        orphans = s.scalar(select(func.count()).select_from(TaskBodyRow)
                           .where(~TaskBodyRow.task_id.in_(select(TaskRow.id))))
        assert orphans == 0
        return len(docs)


def expected_counts(files: list[Path], extract) -> dict[str, int]:
    from chidao.text.readers import read_document
    return {p.name: len(extract(read_document(p), p.name).tasks) for p in files}


def test_killed_ingest_leaves_the_store_consistent_and_a_rerun_completes(store, store_env, tmp_path, examples,
                                                                        extract_cached):
    files = make_batch(examples, tmp_path / "batch", 40)
    expected = expected_counts(files, extract_cached)
    env = {**store_env, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([str(CHIDAO), "ingest", str(tmp_path / "batch")], env={**os.environ, **env},
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    stored = 0
    deadline = time.monotonic() + 120
    while stored < 3 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        stored += line.startswith("✓")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL and stored >= 3
    before = check_consistent(store, expected)
    assert 3 <= before < len(files), "the kill should land in the middle of the batch"
    rerun = run_chidao(store_env, "ingest", str(tmp_path / "batch"), "--format", "json")
    assert rerun.returncode == 0, rerun.stderr
    statuses = [json.loads(x)["status"] for x in rerun.stdout.splitlines()]
    assert statuses.count("exists") == before and statuses.count("new") == len(files) - before
    assert check_consistent(store, expected) == len(files)


def test_two_processes_ingesting_the_same_files_store_each_once(store_settings, store_env, tmp_path, examples,
                                                                extract_cached):
    files = make_batch(examples, tmp_path / "same", 8)
    # both start on a store that does not exist yet: they also race to create the schema
    procs = [subprocess.Popen([str(CHIDAO), "ingest", str(tmp_path / "same"), "--format", "json"],
                              env={**os.environ, **store_env}, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=180) for p in procs]
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0, err
        assert "Traceback" not in err
    results = [json.loads(x) for out, _ in outputs for x in out.splitlines()]
    by_file: dict[str, list[str]] = {}
    for r in results:
        by_file.setdefault(Path(r["path"]).name, []).append(r["status"])
    assert len(by_file) == len(files)
    assert all(sorted(s) == ["exists", "new"] for s in by_file.values()), by_file
    from chidao.store.db import open_store
    store = open_store(store_settings)
    try:
        assert check_consistent(store, expected_counts(files, extract_cached)) == len(files)
    finally:
        store.dispose()


def _read_only(args: list[str], folder: Path) -> list[str]:
    """``args`` run with ``folder`` read-only: by permissions, or for root (who ignores
    them) inside a private mount namespace where the folder is bind-mounted read-only."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return args
    if shutil.which("unshare") is None or subprocess.run(
            ["unshare", "-m", "true"], capture_output=True).returncode != 0:
        pytest.skip("running as root without mount namespaces: cannot make a read-only folder")
    script = 'mount --bind -o ro "$1" "$1" && shift && exec "$@"'
    return ["unshare", "-m", "sh", "-c", script, "sh", str(folder), *args]


def test_read_only_data_dir_gives_a_clear_error(store_settings, store_env, tmp_path, examples):
    data = Path(store_env["CHIDAO_DATA_DIR"])
    data.mkdir(parents=True, exist_ok=True)
    doc = make_batch(examples, tmp_path / "one", 1)[0]
    try:
        cmd = _read_only([str(CHIDAO), "ingest", str(doc)], data)
        result = subprocess.run(cmd, env={**os.environ, **store_env}, capture_output=True, text=True, timeout=120)
    finally:
        data.chmod(0o755)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Không ghi được vào thư mục dữ liệu" in result.stderr and str(data) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
