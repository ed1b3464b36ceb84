"""The search entries fold a document line by line, each distinct line once (a task's
paragraph is folded with the passages already): the same text as ``fold`` of the whole."""
from __future__ import annotations

import pytest

from chidao.registry import fold
from chidao.store import index


@pytest.mark.parametrize("text", [
    "", "\n", "a\n\nb", "  \n--\n a ", "ỦY BAN\r\nNHÂN DÂN\n", "ΣΑΣ\nΣα", "aΣ\nb", "Σ\n",
    "x\u0301\ny\n\u0301z", "İ\nİ", "a\u2028b\nc\x85d", "Sở KH&ĐT\n- Giao Sở Tài chính chủ trì;\n",
])
def test_line_by_line_folding_is_folding(text):
    lines = index._LineFolder()
    assert lines.fold(text) == fold(text)
    assert lines.fold(text) == fold(text)  # from the folded lines kept


def test_entries_fold_task_paragraphs_as_the_whole_text_would(examples):
    text = (examples / "quangnam-tb-ketluan-phienhop-2024.txt").read_text(encoding="utf-8")
    start = text.index("\n", len(text) // 2) + 1
    end = text.index("\n", start)
    tasks = [index.task_text(7, start, end, "Báo cáo", [("assignee", "Sở Tài chính", "so tai chinh", "x")]),
             index.task_text(8, start + 3, end + 40, "Một phần", [])]
    rows = index.entries(1, text, "Thông báo 95", "Thông báo", None, 2024, True, None, tasks)
    for row, task in zip(rows[-2:], tasks):
        assert row["folded"].split(index.SEPARATOR)[-1].startswith(fold(text[task.start:task.end][:4000]) + " ")
    passages = [r for r in rows if r["kind"] == "document"]
    assert passages[1]["folded"].startswith(fold(text[passages[1]["start"]:passages[1]["end"]]) + " ")
