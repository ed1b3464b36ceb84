"""Search over documents and tasks: folded text, exact numbers, filters, ranking, snippets."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from chidao.store.search import SearchFilters, looks_like_number, search
from chidao.store.snippets import fold_aligned, make_snippet
from chidao.tracking.ingest import ingest_paths

REPO_EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SOME = ["quangnam-tb-ketluan-phienhop-2024.txt", "hagiang-cv-ctmtqg-2023.txt", "nghean-cv-datdai-2025.txt",
        "thainguyen-daitu-cv-khoangsan-2022.txt", "quangngai-tb-giaoduc-2021.pdf", "gialai-tb-duthao-2024.txt",
        "binhdinh-syt-cv-sotxuathuyet-2022.txt"]
_extracted: dict = {}


def _extract_once(text: str, source: str | None):
    from chidao.extract.pipeline import extract
    if (text, source) not in _extracted:
        _extracted[text, source] = extract(text, source=source)
    return _extracted[text, source]


@pytest.fixture
def filled(store):
    """Seven examples of several types, years and provinces."""
    results = list(ingest_paths(store, [REPO_EXAMPLES / name for name in SOME], actor="t",
                                extractor=_extract_once))
    assert all(r.status == "new" for r in results)
    return {r.path.rsplit("/", 1)[-1]: r for r in results}


def _search(store, query, **filters):
    with store.read() as s:
        return search(s, query, SearchFilters(**filters))


def test_folded_words_find_text_with_diacritics(store, filled):
    hits = _search(store, "giai phong mat bang")
    assert hits
    quangnam = filled["quangnam-tb-ketluan-phienhop-2024.txt"].document_id
    assert quangnam in {h.document_id for h in hits}
    top = hits[0]
    marked = top.snippet.marked()
    assert "«giải phóng mặt bằng»" in marked.lower()
    for query in ("GIẢI PHÓNG MẶT BẰNG", "Giai Phong Mat Bang"):
        assert [(h.kind, h.id) for h in _search(store, query)] == [(h.kind, h.id) for h in hits]


def test_d_with_stroke_folds_to_d(store, filled):
    hits = _search(store, "dau tu cong", kinds=("task",))
    assert hits and all(h.kind == "task" for h in hits)
    assert all("đầu tư công" in h.snippet.text.lower() or "Đầu tư công" in h.snippet.text for h in hits[:3])


def test_exact_number_comes_first(store, filled):
    hits = _search(store, "95/TB-UBND")
    assert hits[0].exact and hits[0].doc_number == "95/TB-UBND" and hits[0].kind == "document"
    assert hits[0].document_id == filled["quangnam-tb-ketluan-phienhop-2024.txt"].document_id
    assert looks_like_number("1101/QĐ-UBND") and looks_like_number("24/2023/NĐ-CP")
    assert not looks_like_number("giai phong mat bang")
    assert _search(store, "9999/QĐ-UBND") == [] or not _search(store, "9999/QĐ-UBND")[0].exact


def test_filters_by_type_date_and_body(store, filled):
    types = {h.doc_type for h in _search(store, "bao cao", doc_types=("Công văn",))}
    assert types == {"Công văn"}
    dated = _search(store, "bao cao", date_from=date(2024, 1, 1), date_to=date(2024, 12, 31))
    assert dated and all(date(2024, 1, 1) <= h.doc_date <= date(2024, 12, 31) for h in dated)
    assert not _search(store, "bao cao", date_from=date(2030, 1, 1))
    everything = _search(store, "bao cao", kinds=("task",))
    assert everything
    with store.read() as s:
        from sqlalchemy import select
        from chidao.store.models import TaskBodyRow
        some = s.execute(select(TaskBodyRow.task_id, TaskBodyRow.name_key)
                         .where(TaskBodyRow.role == "assignee")).first()
    narrowed = _search(store, "bao cao", kinds=("task",), name_keys=frozenset({some.name_key}))
    assert 0 < len(narrowed) <= len(everything)


def test_phrase_ranks_above_scattered_words(store, tmp_path):
    head = "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n\nSố: {n}/UBND-KT\nLạng Sơn, ngày 05 tháng 8 năm 2021\nV/v {s}\n\n"
    (tmp_path / "a.txt").write_text(head.format(n=11, s="mặt trận và giải ngân") + (
        "Sở Tài chính giải ngân vốn; phong trào thi đua; mặt trận tổ quốc; bằng khen cho tập thể.\n"),
        encoding="utf-8")
    (tmp_path / "b.txt").write_text(head.format(n=12, s="giải phóng mặt bằng") + (
        "Giao Sở Xây dựng đẩy nhanh giải phóng mặt bằng dự án, báo cáo trước ngày 30/8/2021.\n"),
        encoding="utf-8")
    list(ingest_paths(store, [tmp_path]))
    hits = _search(store, "giai phong mat bang", kinds=("document",))
    assert [h.doc_number for h in hits][:1] == ["12/UBND-KT"]


def test_old_versions_are_left_out_unless_asked(store, tmp_path):
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n\nSố: 77/UBND-KT\nLạng Sơn, ngày 05 tháng 8 năm 2021\n"
            "V/v khắc phục sạt lở\n\nGiao Sở Xây dựng khắc phục sạt lở đường tỉnh, báo cáo trước ngày 30/8/2021.\n")
    (tmp_path / "v1").mkdir()
    (tmp_path / "v1" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "v2").mkdir()
    (tmp_path / "v2" / "a.txt").write_text(text.replace("30/8/2021", "15/9/2021"), encoding="utf-8")
    results = list(ingest_paths(store, [tmp_path / "v1", tmp_path / "v2"]))
    assert [r.status for r in results] == ["new", "version"]
    current = {h.document_id for h in _search(store, "sat lo")}
    assert current == {results[1].document_id}
    assert {h.document_id for h in _search(store, "sat lo", include_old=True)} == {r.document_id for r in results}


def test_snippets_keep_indices_of_the_original_text():
    text = "Đẩy nhanh GIẢI PHÓNG MẶT BẰNG; Đường ĐT.609 qua xã Đại Đồng."
    folded = fold_aligned(text)
    assert len(folded) == len(text) and folded.startswith("day nhanh giai phong mat bang")
    snippet = make_snippet(text, ["giai", "phong", "mat", "bang"])
    assert snippet.marked() == "Đẩy nhanh «GIẢI PHÓNG MẶT BẰNG»; Đường ĐT.609 qua xã Đại Đồng."
    assert make_snippet(text, ["dai", "dong"]).marked().endswith("xã «Đại Đồng».")
    assert make_snippet("", ["x"]).text == ""


def test_body_filter_finds_the_tasks_and_documents_of_a_body(store, tmp_path):
    (tmp_path / "a.txt").write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n\nSố: 31/UBND-KT\nLạng Sơn, ngày 05 tháng 8 năm 2021\nV/v đường tỉnh\n\n"
        "Giao Sở Xây dựng sửa chữa mặt đường tỉnh ĐT.226, báo cáo trước ngày 30/8/2021.\n"
        "Giao Sở Tài chính bố trí kinh phí sửa chữa mặt đường, báo cáo trước ngày 30/8/2021.\n", encoding="utf-8")
    list(ingest_paths(store, [tmp_path]))
    both = _search(store, "sua chua mat duong", kinds=("task",))
    assert len(both) == 2
    only = _search(store, "sua chua mat duong", kinds=("task",), body_ids=frozenset({"lang-son/so-xay-dung"}))
    assert [h.title for h in only] == [h.title for h in both if "ĐT.226" in h.snippet.text]
    docs = _search(store, "sua chua", kinds=("document",), body_ids=frozenset({"lang-son/so-tai-chinh"}))
    assert [h.doc_number for h in docs] == ["31/UBND-KT"]
    assert _search(store, "sua chua", body_ids=frozenset({"lang-son/so-y-te"})) == []


def test_passages_cover_the_text_in_bounded_pieces():
    from chidao.store.index import PASSAGE, passages
    text = "\n".join(["Dòng ngắn."] * 50 + ["x" * 3000, "câu " * 900, "Kết."])
    spans = passages(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(0 < end - start <= PASSAGE for start, end in spans)
    assert all(text[end - 1] in "\n " or end == len(text) or text[end - 1] == "x" for _, end in spans)


@pytest.mark.parametrize("window", [3, 12, 400])
def test_the_window_is_the_same_however_it_is_looked_for(store, filled, monkeypatch, window):
    """PostgreSQL looks for the window in ranges of ids, newest first (a first range, one
    sized on the density seen, then the rest): any ranges give the hits of one whole range."""
    import chidao.store.search as search_module
    monkeypatch.setattr(search_module, "RANK_WINDOW", window)
    cases = [("bao cao", {}), ("giai phong mat bang", {}), ("bao cao", {"kinds": ("task",)}),
             ("dau tu cong", {"date_from": date(2022, 1, 1)}), ("khoang san", {"kinds": ("document",)})]

    def run():
        return [[(h.kind, h.id, round(h.score, 6)) for h in _search(store, q, **f)] for q, f in cases]
    monkeypatch.setattr(search_module, "recent_span", lambda top: top + 1)
    whole = run()
    assert all(whole)
    for span in (1, 5, 40, 200):
        for growth in (0, 2):  # no second range at 0: straight to the older entries
            monkeypatch.setattr(search_module, "recent_span", lambda top, span=span: span)
            monkeypatch.setattr(search_module, "GROWTH", growth)
            assert run() == whole, (span, growth)
