"""Citations of other documents, read by the whole extractor (SCHEMA.md "references",
domain.md §1 "Symbol composition", "VBQPPL", "Party documents").

Every input is a short sentence written for this file; the expectations come from the
spec: ``type`` is the kind's Vietnamese name, ``number`` the number and symbol with spaces
removed, ``date`` ISO or None, and the span lies on the citation as written.
"""
from __future__ import annotations

import pytest

from chidao.extract.pipeline import extract


def refs(text: str) -> list[tuple[str | None, str, str | None]]:
    return [(r.type, r.number, r.date) for r in extract(text).references]


def spans(text: str) -> list[str]:
    return [text[r.start:r.end] for r in extract(text).references]


def one(text: str):
    found = extract(text).references
    assert len(found) == 1, found
    return found[0]


# --- one citation ------------------------------------------------------------------------

def test_decision_with_number_and_short_date():
    text = "Thực hiện Quyết định số 1101/QĐ-UBND ngày 17/7/2023 của UBND tỉnh, Sở Tài chính rà soát kinh phí."
    r = one(text)
    assert (r.type, r.number, r.date) == ("Quyết định", "1101/QĐ-UBND", "2023-07-17")
    assert text[r.start:r.end] == "Quyết định số 1101/QĐ-UBND ngày 17/7/2023"


def test_space_inside_the_symbol_is_removed():
    text = "Văn phòng UBND tỉnh đã có Công văn số 3485 /VP-KT gửi các sở, ngành."
    r = one(text)
    assert (r.type, r.number) == ("Công văn", "3485/VP-KT")
    assert text[r.start:r.end].startswith("Công văn số 3485")


def test_date_written_in_words():
    text = "Căn cứ Kế hoạch số 72/KH-UBND ngày 14 tháng 5 năm 2023 của Ủy ban nhân dân tỉnh Tuyên Quang;"
    r = one(text)
    assert (r.type, r.number, r.date) == ("Kế hoạch", "72/KH-UBND", "2023-05-14")
    assert text[r.start:r.end] == "Kế hoạch số 72/KH-UBND ngày 14 tháng 5 năm 2023"


def test_party_resolution_with_dashed_date():
    text = "Quán triệt Nghị quyết số 46-NQ/TU ngày 01-10-2022 của Ban Thường vụ Tỉnh ủy về phát triển du lịch."
    r = one(text)
    assert (r.type, r.number, r.date) == ("Nghị quyết", "46-NQ/TU", "2022-10-01")


@pytest.mark.parametrize("sentence, expected", [
    ("Thực hiện Chỉ thị số 21-CT/TU của Tỉnh ủy về công tác cán bộ.", ("Chỉ thị", "21-CT/TU", None)),
    ("Theo tinh thần Kết luận số 130-KL/TU của Ban Thường vụ Tỉnh ủy, các cơ quan quán triệt.",
     ("Kết luận", "130-KL/TU", None)),
])
def test_other_party_documents(sentence, expected):
    assert refs(sentence) == [expected]


def test_law_with_year_in_its_number():
    assert refs("Căn cứ Luật số 88/2019/QH14 của Quốc hội;") == [("Luật", "88/2019/QH14", None)]


def test_named_law_with_number():
    text = "Căn cứ Luật Đầu tư số 61/2020/QH14 ngày 17 tháng 6 năm 2020;"
    r = one(text)
    assert (r.type, r.number, r.date) == ("Luật", "61/2020/QH14", "2020-06-17")
    assert text[r.start:r.end].startswith("Luật Đầu tư số 61/2020/QH14")


def test_named_law_with_number_and_no_date():
    text = "Căn cứ Luật Đầu tư số 61/2020/QH14;"
    assert refs(text) == [("Luật", "61/2020/QH14", None)]
    assert spans(text) == ["Luật Đầu tư số 61/2020/QH14"]


def test_full_stop_after_a_citation_is_not_part_of_it():
    text = "Việc lập quy hoạch thực hiện theo Luật số 88/2019/QH14."
    assert spans(text) == ["Luật số 88/2019/QH14"]


def test_normative_decision_circular_and_council_resolution():
    text = ("Căn cứ Quyết định số 15/2019/QĐ-TTg ngày 08/4/2019 của Thủ tướng Chính phủ; "
            "Thông tư số 50/2023/TT-BTC ngày 17/7/2023 của Bộ Tài chính; "
            "Nghị quyết số 18/2020/NQ-HĐND ngày 10/12/2020 của HĐND tỉnh;")
    assert refs(text) == [
        ("Quyết định", "15/2019/QĐ-TTg", "2019-04-08"),
        ("Thông tư", "50/2023/TT-BTC", "2023-07-17"),
        ("Nghị quyết", "18/2020/NQ-HĐND", "2020-12-10"),
    ]


def test_citation_without_so():
    assert refs("Các đơn vị triển khai Quyết định 1101/QĐ-UBND đúng tiến độ.") == [
        ("Quyết định", "1101/QĐ-UBND", None)]


# --- lists -------------------------------------------------------------------------------

def test_two_decrees_joined_by_va():
    text = ("Thực hiện Nghị định số 24/2023/NĐ-CP ngày 14/5/2023 và Nghị định số 42/2023/NĐ-CP "
            "ngày 29/6/2023 của Chính phủ, Sở Nội vụ hướng dẫn các đơn vị.")
    assert refs(text) == [
        ("Nghị định", "24/2023/NĐ-CP", "2023-05-14"),
        ("Nghị định", "42/2023/NĐ-CP", "2023-06-29"),
    ]
    assert spans(text) == ["Nghị định số 24/2023/NĐ-CP ngày 14/5/2023", "Nghị định số 42/2023/NĐ-CP ngày 29/6/2023"]


def test_plural_kind_with_bare_second_number():
    text = ("Căn cứ các Quyết định số 1041/QĐ-UBND ngày 05/6/2023 và số 1554/QĐ-UBND ngày 20/8/2023 "
            "của UBND tỉnh về giao kế hoạch vốn;")
    assert refs(text) == [
        ("Quyết định", "1041/QĐ-UBND", "2023-06-05"),
        ("Quyết định", "1554/QĐ-UBND", "2023-08-20"),
    ]
    second = spans(text)[1]
    assert "1554/QĐ-UBND ngày 20/8/2023" in second and "1041" not in second


def test_list_of_grounds_in_text_order():
    text = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
            "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;\n"
            "Căn cứ Luật Xây dựng số 50/2014/QH13; Luật Đầu tư số 61/2020/QH14;\n")
    assert [n for _, n, _ in refs(text)] == ["30/2020/NĐ-CP", "50/2014/QH13", "61/2020/QH14"]


def test_cited_again_is_listed_at_each_place():
    text = ("Ngày 02/3/2024, UBND tỉnh ban hành Kế hoạch số 41/KH-UBND về chuyển đổi số. "
            "Các sở, ngành bám sát Kế hoạch số 41/KH-UBND để triển khai.")
    found = extract(text).references
    assert [r.number for r in found] == ["41/KH-UBND", "41/KH-UBND"]
    assert found[0].start < found[1].start


# --- not citations -----------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Tỷ lệ hộ dùng nước sạch đạt 95/100 hộ được khảo sát.",
    "Mọi thông tin liên hệ số điện thoại 0218.3852.123 của Văn phòng.",
    "Quyết định này có hiệu lực kể từ ngày ký.",
    "Năm 2023, toàn tỉnh có 1.250 km đường giao thông nông thôn được cứng hóa.",
])
def test_no_citation(sentence):
    assert refs(sentence) == []


def test_the_document_s_own_number_is_not_a_citation():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nSố: 318/TB-UBND\nTuyên Quang, ngày 11 tháng 10 năm 2023\n"
            "THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh tại cuộc họp về thu ngân sách\n\n"
            "Ngày 09/10/2023, Chủ tịch UBND tỉnh chủ trì cuộc họp. Thực hiện Công văn số 207/STC-NS "
            "ngày 02/10/2023 của Sở Tài chính, Chủ tịch UBND tỉnh kết luận như sau:\n"
            "Sở Tài chính chủ trì rà soát nguồn thu, báo cáo trước ngày 30/10/2023.\n")
    assert refs(text) == [("Công văn", "207/STC-NS", "2023-10-02")]


def test_every_reference_span_holds_its_number():
    text = ("Căn cứ Nghị định số 24/2023/NĐ-CP và Nghị định số 42/2023/NĐ-CP; các Quyết định số 1041/QĐ-UBND "
            "và số 1554/QĐ-UBND; Công văn số 3485 /VP-KT; Nghị quyết số 46-NQ/TU.")
    found = extract(text).references
    assert len(found) == 6
    for r in found:
        written = text[r.start:r.end]
        assert r.number.split("/")[-1] in written.replace(" ", "")
        assert r.number.split("/")[0].split("-")[0] in written


def test_impossible_date_is_not_given():
    r = one("Căn cứ Quyết định số 12/QĐ-UBND ngày 30/02/2023 của UBND tỉnh;")
    assert r.number == "12/QĐ-UBND"
    assert r.date is None


def test_a_list_of_numbers_each_with_its_issuer_keeps_the_kind():
    text = ("Chỉ thị này thay thế các Chỉ thị: số 17/CT-UBND ngày 02/12/2024 của UBND tỉnh Đắk Lắk và số 09/CT-UBND "
            "ngày 06/12/2024 của UBND tỉnh Phú Yên.")
    assert refs(text) == [("Chỉ thị", "17/CT-UBND", "2024-12-02"), ("Chỉ thị", "09/CT-UBND", "2024-12-06")]


def test_a_citation_in_the_subject_line_counts_and_the_document_s_own_number_does_not():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nSố: 812/QĐ-UBND\nTuyên Quang, ngày 05 tháng 3 năm 2025\nQUYẾT ĐỊNH\n"
            "Ban hành Kế hoạch thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị trên địa bàn tỉnh\n"
            "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n"
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện.\n")
    assert [r[1] for r in refs(text)] == ["57-NQ/TW", "57-NQ/TW"]
