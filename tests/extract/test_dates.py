"""Date mentions and the deadline grammar (chidao.extract.dates)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from chidao.extract.dates import (
    DateMention,
    find_cell_deadline,
    find_dates,
    find_deadlines,
    parse_date,
    pick_final,
    to_iso,
)
from chidao.extract.model import Deadline


def only_date(text: str, base=None) -> DateMention:
    found = find_dates(text, base=base)
    assert len(found) == 1, found
    return found[0]


def deadlines(text: str, doc_date: str | None = None) -> list[Deadline]:
    found = find_deadlines(text, 0, len(text), doc_date)
    for d in found:
        assert text[d.start:d.end] == d.text
    return found


def one_deadline(text: str, doc_date: str | None = None) -> Deadline:
    found = deadlines(text, doc_date)
    assert len(found) == 1, found
    return found[0]


# ---- date mentions ------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["03/8/2021", "03-8-2021", "03.8.2021", "3/08/2021",
                                     "ngày 03/8/2021", "ngày 03 tháng 8 năm 2021",
                                     "Ngày 03 tháng 08 năm 2021", "NGÀY 03 THÁNG 8 NĂM 2021"])
def test_day_forms(written):
    text = f"Căn cứ văn bản {written} của tỉnh"
    m = only_date(text)
    assert (m.granularity, m.iso, m.last_date) == ("day", "2021-08-03", date(2021, 8, 3))
    assert text[m.start:m.end] == written
    assert not m.bare and not m.inferred


@pytest.mark.parametrize("written", ["ngày 28, 29/7/2021", "ngày 28 và 29/7/2021",
                                     "ngày 28-29/7/2021", "ngày 28, 29 tháng 7 năm 2021"])
def test_a_list_of_days_gives_the_last(written):
    m = only_date(f"họp ({written})")
    assert (m.iso_first, m.iso_last, m.iso) == ("2021-07-28", "2021-07-29", "2021-07-29")


def test_yearless_day_takes_the_first_such_date_on_or_after_the_base():
    assert only_date("ngày 30/01", base="2024-02-15").iso == "2025-01-30"
    assert only_date("ngày 30/01", base="2024-01-30").iso == "2024-01-30"
    assert only_date("ngày 10/01", base=date(2023, 12, 20)).iso == "2024-01-10"
    assert only_date("ngày 29/02", base="2025-01-01").iso == "2028-02-29"
    unknown = only_date("ngày 30/01")
    assert (unknown.year, unknown.iso, unknown.last_date) == (None, "XXXX-01-30", None)
    assert only_date("ngày 30/01", base="2024-02-15").inferred


@pytest.mark.parametrize("written, granularity, first, last, iso", [
    ("tháng 8/2023", "month", "2023-08-01", "2023-08-31", "2023-08"),
    ("tháng 8 năm 2023", "month", "2023-08-01", "2023-08-31", "2023-08"),
    ("tháng 02/2024", "month", "2024-02-01", "2024-02-29", "2024-02"),
    ("tháng 7, 8/2021", "month", "2021-08-01", "2021-08-31", "2021-08"),
    ("quý III/2024", "quarter", "2024-07-01", "2024-09-30", "2024-09-30"),
    ("quý 3 năm 2024", "quarter", "2024-07-01", "2024-09-30", "2024-09-30"),
    ("Quý IV/2023", "quarter", "2023-10-01", "2023-12-31", "2023-12-31"),
    ("quí II năm 2024", "quarter", "2024-04-01", "2024-06-30", "2024-06-30"),
    ("quý I, II/2024", "quarter", "2024-04-01", "2024-06-30", "2024-06-30"),
    ("6 tháng đầu năm 2023", "half", "2023-01-01", "2023-06-30", "2023-06-30"),
    ("06 tháng cuối năm 2023", "half", "2023-07-01", "2023-12-31", "2023-12-31"),
    ("9 tháng đầu năm 2023", "months", "2023-01-01", "2023-09-30", "2023-09-30"),
    ("năm 2024", "year", "2024-01-01", "2024-12-31", "2024"),
    ("đầu tháng 8/2024", "day", "2024-08-01", "2024-08-01", "2024-08-01"),
    ("giữa tháng 8/2024", "day", "2024-08-15", "2024-08-15", "2024-08-15"),
    ("cuối tháng 2/2024", "day", "2024-02-29", "2024-02-29", "2024-02-29"),
    ("đầu năm 2024", "day", "2024-01-01", "2024-01-01", "2024-01-01"),
    ("giữa năm 2024", "day", "2024-06-30", "2024-06-30", "2024-06-30"),
    ("cuối năm 2024", "day", "2024-12-31", "2024-12-31", "2024-12-31"),
    ("cuối quý II/2024", "day", "2024-06-30", "2024-06-30", "2024-06-30"),
    ("Tết Nguyên đán 2025", "event", "2025-01-29", "2025-01-29", "2025-01-29"),
    ("Tết Nguyên đán Giáp Thìn năm 2024", "event", "2024-02-10", "2024-02-10", "2024-02-10"),
    ("Tết Dương lịch 2025", "event", "2025-01-01", "2025-01-01", "2025-01-01"),
])
def test_periods_points_and_events(written, granularity, first, last, iso):
    m = only_date(f"kế hoạch {written} của huyện")
    assert (m.granularity, m.iso_first, m.iso_last, m.iso) == (granularity, first, last, iso)


def test_parts_name_their_period():
    assert (only_date("cuối tháng 8/2024").part, only_date("cuối tháng 8/2024").part_of) == \
        ("end", "month")
    assert only_date("giữa năm 2024").part_of == "year"


def test_periods_without_year_follow_the_base():
    assert only_date("tháng 8", base="2023-07-05").iso == "2023-08"
    assert only_date("tháng 3", base="2023-07-05").iso == "2024-03"
    assert only_date("quý I", base="2023-11-01").iso == "2024-03-31"
    assert only_date("6 tháng cuối năm", base="2023-02-01").iso == "2023-12-31"
    assert only_date("năm nay", base="2022-05").iso == "2022"
    assert only_date("Tết", base="2024-11-20").iso == "2025-01-29"
    assert only_date("Tết", base="2024-01-20").iso == "2024-02-10"
    assert only_date("Tết Nguyên đán Ất Tỵ", base="2024-10-01").iso == "2025-01-29"
    assert only_date("tháng 8").iso == "XXXX-08"
    assert only_date("Tết").iso is None


@pytest.mark.parametrize("text", [
    "31/2/2021", "ngày 30 tháng 2 năm 2024", "ngày 29/02/2023", "32/1/2024", "tháng 13/2024",
    "quý V/2024", "Quyết định số 1101/QĐ-UBND", "giai đoạn 2021-2025", "năm 2021 - 2025",
    "SĐT: 0846.821.028", "tỷ lệ 1.234.567 đồng", "ngày 15 hằng tháng", "Tết Trung thu",
    "trong 03 tháng qua", "ngày 03/8/1850",
])
def test_not_dates(text):
    assert find_dates(text) == []


def test_bare_day_month_is_a_mention_only_when_asked_for():
    text = "đạt 3/5 xã"
    assert find_dates(text) == []
    m = parse_date(text)
    assert m is not None and m.bare and text[m.start:m.end] == "3/5"
    assert parse_date("ngày 30/01").bare is False


def test_to_iso_keeps_the_written_precision():
    assert to_iso("Công văn số 3417/VP-KT ngày 17/7/2023") == "2023-07-17"
    assert to_iso("Lạng Sơn, ngày    tháng 8 năm 2021") == "2021-08"
    assert to_iso("Lạng Sơn, ngày    tháng    năm 2021") == "2021"
    assert to_iso("không có ngày") is None


def test_spans_are_absolute_and_stay_inside_the_window():
    text = "ngày 01/02/2020. Họp ngày 03/8/2021 và tháng 9/2021. Kết thúc năm 2022."
    s = text.index("Họp")
    e = text.index(" Kết")
    found = find_dates(text, s, e)
    assert [text[m.start:m.end] for m in found] == ["ngày 03/8/2021", "tháng 9/2021"]
    assert all(s <= m.start < m.end <= e for m in found)


# ---- deadlines: written dates ---------------------------------------------------------------

@pytest.mark.parametrize("sentence, phrase, due", [
    ("trình UBND tỉnh trước ngày 10/8/2021 để xem xét.", "trước ngày 10/8/2021", "2021-08-10"),
    ("báo cáo chậm nhất trong ngày 03/8/2021 để tổng hợp.", "chậm nhất trong ngày 03/8/2021",
     "2021-08-03"),
    ("gửi hồ sơ chậm nhất ngày 03/8/2021.", "chậm nhất ngày 03/8/2021", "2021-08-03"),
    ("gửi hồ sơ chậm nhất là ngày 03/8/2021.", "chậm nhất là ngày 03/8/2021", "2021-08-03"),
    ("giải ngân đến hết ngày 30/9/2024 đạt 60%.", "đến hết ngày 30/9/2024", "2024-09-30"),
    ("hạn chót ngày 15/9/2024.", "hạn chót ngày 15/9/2024", "2024-09-15"),
    ("nộp báo cáo, hạn chót 15/9/2024.", "hạn chót 15/9/2024", "2024-09-15"),
    ("không muộn hơn ngày 20/10/2024.", "không muộn hơn ngày 20/10/2024", "2024-10-20"),
    ("không chậm hơn ngày 20/10/2024.", "không chậm hơn ngày 20/10/2024", "2024-10-20"),
    ("thực hiện xong trước 31/12/2024.", "trước 31/12/2024", "2024-12-31"),
    ("hoàn thành trong ngày 05/8/2024.", "hoàn thành trong ngày 05/8/2024", "2024-08-05"),
    ("Thời hạn hoàn thành: 30/6/2024.", "Thời hạn hoàn thành: 30/6/2024", "2024-06-30"),
    ("gửi về **trước ngày 10/11/2024** để thẩm định", "trước ngày 10/11/2024", "2024-11-10"),
    ("trình trước ngày 28, 29/7/2021", "trước ngày 28, 29/7/2021", "2021-07-29"),
])
def test_written_day_deadlines(sentence, phrase, due):
    text = "Sở Tài chính " + sentence
    d = one_deadline(text)
    assert (d.date, d.text, d.kind) == (due, phrase, "by_date")
    assert d.start == text.index(phrase) and d.end == d.start + len(phrase)


def test_a_past_written_day_is_kept_but_a_past_period_is_not():
    assert one_deadline("đã trình trước ngày 10/8/2021", "2021-09-01").date == "2021-08-10"
    assert deadlines("chậm nhất trong tháng 8/2021", "2021-09-01") == []
    assert one_deadline("chậm nhất trong tháng 9/2021", "2021-09").date == "2021-09-30"


def test_before_a_day_is_due_that_day_and_says_so():
    d = one_deadline("trình trước ngày 10/8/2021")
    assert d.date == "2021-08-10" and d.rule == {"before": True}
    assert one_deadline("trình chậm nhất ngày 10/8/2021").rule is None


@pytest.mark.parametrize("phrase, due, rule", [
    ("trong tháng 8/2023", "2023-08-31", {"period": "month"}),
    ("chậm nhất trong tháng 6/2024", "2024-06-30", {"period": "month"}),
    ("trước tháng 9/2024", "2024-08-31", {"period": "month", "before": True}),
    ("trong quý III/2024", "2024-09-30", {"period": "quarter"}),
    ("trước quý IV/2024", "2024-09-30", {"period": "quarter", "before": True}),
    ("trong năm 2024", "2024-12-31", {"period": "year"}),
    ("hết năm 2024", "2024-12-31", {"period": "year"}),
    ("đến hết năm 2024", "2024-12-31", {"period": "year"}),
    ("trước năm 2025", "2024-12-31", {"period": "year", "before": True}),
    ("trong 6 tháng đầu năm 2024", "2024-06-30", {"period": "half"}),
    ("vào đầu tháng 8/2024", "2024-08-01", {"part": "start", "period": "month"}),
    ("vào giữa tháng 8/2024", "2024-08-15", {"part": "middle", "period": "month"}),
    ("trước cuối tháng 8/2024", "2024-08-31", {"part": "end", "period": "month", "before": True}),
    ("vào giữa năm 2024", "2024-06-30", {"part": "middle", "period": "year"}),
    ("đến cuối năm 2024", "2024-12-31", {"part": "end", "period": "year"}),
    ("chậm nhất cuối quý II/2024", "2024-06-30", {"part": "end", "period": "quarter"}),
])
def test_period_deadlines(phrase, due, rule):
    text = f"Các sở tổ chức thực hiện, báo cáo kết quả {phrase} để tổng hợp."
    d = one_deadline(text, "2023-01-15")
    assert (d.date, d.text, d.kind, d.rule) == (due, phrase, "by_period", rule)


def test_soft_targets():
    d = one_deadline("Huyện phấn đấu hoàn thành 100% trong năm 2024.")
    assert (d.date, d.text, d.rule) == ("2024-12-31", "trong năm 2024",
                                        {"period": "year", "soft": True})
    d = one_deadline("phấn đấu hết năm 2024 thực hiện đạt từ 50% trở lên")
    assert (d.date, d.rule["soft"]) == ("2024-12-31", True)


@pytest.mark.parametrize("phrase, doc_date, due, rule", [
    ("trước Tết Nguyên đán 2025", None, "2025-01-28", {"event": "lunar_new_year", "before": True}),
    ("trước Tết Nguyên đán năm 2024", None, "2024-02-09",
     {"event": "lunar_new_year", "before": True}),
    ("trước Tết", "2024-11-20", "2025-01-28",
     {"event": "lunar_new_year", "inferred_year": True, "before": True}),
    ("trước Tết Nguyên đán Giáp Thìn", "2023-11", "2024-02-09",
     {"event": "lunar_new_year", "inferred_year": True, "before": True}),
    ("trước Tết Dương lịch 2025", None, "2024-12-31", {"event": "new_year", "before": True}),
    ("trước Tết", None, None, {"event": "lunar_new_year", "before": True}),
])
def test_event_deadlines(phrase, doc_date, due, rule):
    d = one_deadline(f"Hoàn thành việc chi trả {phrase}.", doc_date)
    assert (d.date, d.text, d.kind, d.rule) == (due, phrase, "event", rule)


@pytest.mark.parametrize("phrase, doc_date, due", [
    ("chậm nhất ngày 10/01", "2023-12-20", "2024-01-10"),
    ("chậm nhất ngày 10/01", "2023-01-05", "2023-01-10"),
    ("chậm nhất ngày 30/01", None, "XXXX-01-30"),
    ("trước ngày 15/8", "2021-08", "2021-08-15"),
    ("trước ngày 15/8", "2021", "2021-08-15"),
    ("trước 31/12", "2024-03-01", "2024-12-31"),
    ("trước 31/12", None, "XXXX-12-31"),
    ("trong tháng 8", "2023-07-10", "2023-08-31"),
    ("trong tháng 8", None, "XXXX-08-31"),
    ("trong quý III", "2024-02-01", "2024-09-30"),
    ("trước cuối năm nay", "2022-05-04", "2022-12-31"),
    ("chậm nhất ngày 10/01", "not a date", "XXXX-01-10"),
])
def test_yearless_deadlines(phrase, doc_date, due):
    d = one_deadline(f"Các đơn vị gửi báo cáo {phrase}.", doc_date)
    assert (d.date, d.text) == (due, phrase)
    assert bool(d.rule and d.rule.get("inferred_year")) == (due[0] != "X")


# ---- deadlines: relative and recurring --------------------------------------------------

def test_relative_from_receipt_keeps_the_rule_without_a_date():
    phrase = "trong thời hạn 10 ngày làm việc kể từ ngày nhận được văn bản này"
    d = one_deadline(f"Đề nghị các sở báo cáo {phrase}.", "2024-02-05")
    assert (d.date, d.text, d.kind) == (None, phrase, "relative")
    assert d.rule == {"days": 10, "working": True, "from": "receipt"}


def test_relative_from_issue_counts_working_days_across_tet():
    d = one_deadline("báo cáo trong thời hạn 10 ngày làm việc kể từ ngày ban hành.", "2024-02-05")
    assert d.date == "2024-02-26"
    assert d.rule == {"days": 10, "working": True, "from": "issue"}


def test_relative_from_signature_counts_working_days_across_national_day():
    d = one_deadline("hoàn thành trong 05 ngày làm việc kể từ ngày ký.", "2024-08-28")
    assert (d.date, d.rule["from"]) == ("2024-09-06", "signature")


def test_relative_calendar_days_end_moves_off_a_weekend():
    d = one_deadline("trong vòng 05 ngày kể từ ngày ký ban hành, các đơn vị", "2024-03-04")
    assert d.text == "trong vòng 05 ngày kể từ ngày ký ban hành"
    assert d.date == "2024-03-11"
    assert d.rule == {"days": 5, "working": False, "from": "signature", "period_end": "2024-03-09"}
    d = one_deadline("trong vòng 04 ngày kể từ ngày ký.", "2024-03-04")
    assert d.date == "2024-03-08" and "period_end" not in d.rule


def test_relative_months_clamp_to_the_month_end():
    d = one_deadline("trong vòng 03 tháng kể từ ngày ký.", "2024-01-31")
    assert d.rule == {"months": 3, "from": "signature", "period_end": "2024-04-30"}
    assert d.date == "2024-05-02"  # 30/4 and 1/5 are holidays


def test_relative_from_another_texts_issue_is_not_computed():
    d = one_deadline("trong thời hạn 15 ngày kể từ ngày Kế hoạch được ban hành.", "2024-03-05")
    assert d.date is None
    assert d.rule == {"days": 15, "working": False, "from": "issue",
                      "from_text": "ngày Kế hoạch được ban hành"}
    d = one_deadline("trong thời hạn 15 ngày kể từ ngày ban hành Kế hoạch này.", "2024-03-05")
    assert d.date == "2024-03-20"


def test_relative_needs_a_full_document_date_to_be_computed():
    d = one_deadline("trong vòng 05 ngày kể từ ngày ký.", "2024-03")
    assert (d.date, d.rule["from"]) == (None, "signature")


@pytest.mark.parametrize("phrase, rule", [
    ("trong 15 ngày", {"days": 15, "working": False, "from": None}),
    ("trong 02 tuần", {"days": 14, "working": False, "from": None}),
    ("trong thời hạn 30 ngày kể từ ngày Quyết định này có hiệu lực",
     {"days": 30, "working": False, "from": "effective"}),
    ("không quá 15 ngày kể từ ngày nhận đủ hồ sơ", {"days": 15, "working": False, "from": "receipt"}),
    ("trong 10 ngày kể từ ngày 01/8/2024",
     {"days": 10, "working": False, "from": "date", "base": "2024-08-01", "period_end": "2024-08-11"}),
    ("trong 07 ngày kể từ ngày hoàn thành kiểm tra",
     {"days": 7, "working": False, "from": "other", "from_text": "ngày hoàn thành kiểm tra"}),
])
def test_relative_phrasings(phrase, rule):
    d = one_deadline(f"Các đơn vị báo cáo {phrase}.", "2024-07-20")
    assert (d.text, d.kind, d.rule) == (phrase, "relative", rule)
    assert d.date == ("2024-08-12" if rule["from"] == "date" else None)


@pytest.mark.parametrize("text", [
    "Hội nghị diễn ra trong 02 ngày.", "kết quả trong 3 ngày qua", "thời gian lưu trú không quá 15 ngày",
    "Phiên họp trong 02 ngày 28, 29/7/2021.", "Quyết định có hiệu lực sau 10 ngày kể từ ngày ký",
])
def test_lengths_are_not_time_limits(text):
    assert [d for d in deadlines(text) if d.kind == "relative"] == []


@pytest.mark.parametrize("phrase, rule", [
    ("trước ngày 15 hằng tháng", {"every": ["month"], "day": 15, "before": True}),
    ("vào ngày 20 hàng quý", {"every": ["quarter"], "day": 20}),
    ("định kỳ hằng quý", {"every": ["quarter"]}),
    ("định kỳ 06 tháng", {"every": ["half"]}),
    ("định kì hàng năm", {"every": ["year"]}),
    ("định kỳ báo cáo 06 tháng, 01 năm", {"every": ["half", "year"]}),
    ("định kỳ hằng tháng, quý", {"every": ["month", "quarter"]}),
])
def test_recurring(phrase, rule):
    d = one_deadline(f"Các sở {phrase} gửi Văn phòng UBND tỉnh.")
    assert (d.date, d.text, d.kind, d.rule) == (None, phrase, "recurring", rule)


def test_periodic_review_without_a_period_is_not_recurring():
    assert deadlines("Yêu cầu duy trì mô hình, định kỳ sơ kết hiệu quả hoạt động, rút kinh nghiệm.") == []


# ---- what is not a deadline -------------------------------------------------------------------

@pytest.mark.parametrize("text, doc_date", [
    ("Thực hiện Quyết định số 1101/QĐ-UBND ngày 17/7/2023 của UBND tỉnh.", None),
    ("Ngày 23/4/2024, đồng chí Phó Chủ tịch UBND tỉnh đã tổ chức kiểm tra.", None),
    ("thời điểm áp dụng từ ngày 01/01/2022", None),
    ("Kế hoạch giai đoạn 2021-2025 của tỉnh.", None),
    ("Kết quả năm 2024 của huyện.", None),
    ("Phấn đấu đến năm 2030 đạt 80% số xã.", None),
    ("hầu hết năm 2024 đều thuận lợi", None),
    ("Số liệu tính từ ngày 01/01/2023 đến hết ngày 30/6/2023.", "2023-07-05"),
    ("Các xã đã ra quân từ ngày 01/3/2023 đến ngày 15/3/2023.", None),
    ("Trong năm 2024, toàn tỉnh đã đạt nhiều kết quả.", None),
    ("Nhìn chung trong 03 tháng đầu năm 2024, tình hình ổn định.", None),
    ("Tỉnh đã hoàn thành 100% chỉ tiêu trong năm 2023.", None),
    ("các xã đã được công nhận đạt chuẩn trước năm 2022", None),
    ("Kết quả thực hiện trong quý I/2024 cho thấy nhiều chuyển biến.", "2024-04-10"),
    ("Hết năm 2023, toàn tỉnh có 120 xã đạt chuẩn.", "2024-01-15"),
    ("trong ngày 23/4/2024 đoàn đã làm việc tại xã.", None),
    ("tổ chức vui Tết Trung thu cho thiếu nhi", None),
    ("đã đăng ký đầu năm", None),
    ("Hội nghị tổng kết 6 tháng đầu năm 2023.", None),
])
def test_not_deadlines(text, doc_date):
    assert deadlines(text, doc_date) == []


def test_a_period_scoping_a_plan_is_not_a_deadline():
    assert deadlines("đồng thời lập kế hoạch chi tiết các hạng mục sẽ làm trong năm 2023 để") == []
    d = one_deadline("triển khai kế hoạch phát triển du lịch nhằm đạt mục tiêu trong năm 2024")
    assert d.date == "2024-12-31"
    d = one_deadline("lập kế hoạch rà soát tiêu chí, báo cáo UBND tỉnh trong tháng 9/2023")
    assert d.date == "2023-09-30"
    d = one_deadline("Ban hành kế hoạch trong tháng 9/2023")
    assert d.date == "2023-09-30"


@pytest.mark.parametrize("phrase, due, rule", [
    ("từ ngày 01/3/2019 đến hết ngày 31/3/2019", "2019-03-31",
     {"range_from": "2019-03-01"}),
    ("từ ngày 01/3/2019 đến ngày 31/3/2019", "2019-03-31", {"range_from": "2019-03-01"}),
    ("Từ tháng 12/2023 đến hết tháng 4/2024", "2024-04-30",
     {"period": "month", "range_from": "2023-12-01"}),
    ("từ 20/8 đến 15/9/2024", "2024-09-15", {"range_from": "XXXX-08-20"}),
])
def test_a_range_is_due_at_its_end(phrase, due, rule):
    d = one_deadline(f"Các xã ra quân vệ sinh môi trường đợt 1 {phrase}.")
    assert (d.date, d.text, d.rule) == (due, phrase, rule)


@pytest.mark.parametrize("phrase, due, time", [
    ("trước 17 giờ ngày 22/9/2025", "2025-09-22", "17:00"),
    ("trước 16 giờ 30 phút ngày 06/3/2020", "2020-03-06", "16:30"),
    ("chậm nhất 9h00 ngày 06/3/2020", "2020-03-06", "09:00"),
    ("trước 10h, ngày 06/3/2020", "2020-03-06", "10:00"),
])
def test_time_of_day_before_a_date(phrase, due, time):
    d = one_deadline(f"hoàn thành {phrase}.")
    assert (d.date, d.text, d.rule.get("time")) == (due, phrase, time)


def test_a_past_fact_with_a_duty_nearer_is_still_a_deadline():
    d = one_deadline("Các đơn vị đã được giao vốn, phải giải ngân hết trong năm 2024.")
    assert d.date == "2024-12-31"


def test_several_deadlines_in_a_paragraph_and_the_final_one():
    text = ("Khởi công chậm nhất trong tháng 6/2024 và giải ngân đến hết ngày 30/9/2024 đạt 60%; "
            "giải ngân 100% kế hoạch vốn đến hết ngày 31/12/2024.")
    found = deadlines(text)
    assert [d.date for d in found] == ["2024-06-30", "2024-09-30", "2024-12-31"]
    assert pick_final(found).date == "2024-12-31"


def test_window_limits_what_is_found():
    text = "A trước ngày 01/3/2024. B trước ngày 05/3/2024. C trước ngày 09/3/2024."
    s, e = text.index("B"), text.index(" C")
    found = find_deadlines(text, s, e, None)
    assert [(d.date, d.start) for d in found] == [("2024-03-05", text.index("trước ngày 05"))]
    assert find_deadlines(text, 10, 10, None) == []


# ---- pick_final and table cells ---------------------------------------------------------------

def dl(date_, start, kind="by_date"):
    return Deadline(date_, "x", kind, start, start + 1)


def test_pick_final_prefers_the_latest_known_date():
    assert pick_final([]) is None
    assert pick_final([dl("2024-09-30", 1), dl("2024-06-30", 5)]).start == 1
    assert pick_final([dl("XXXX-12-31", 1), dl("2024-01-05", 5)]).date == "2024-01-05"
    assert pick_final([dl("XXXX-01-30", 1), dl("XXXX-03-01", 5)]).date == "XXXX-03-01"
    assert pick_final([dl("2024-06-30", 1), dl("2024-06-30", 7)]).start == 7
    undated = [dl(None, 1, "relative"), dl(None, 9, "recurring")]
    assert pick_final(undated).start == 9
    assert pick_final(undated + [dl("2021-01-01", 3)]).date == "2021-01-01"


@pytest.mark.parametrize("cell, doc_date, due, kind", [
    ("Quý III/2024", None, "2024-09-30", "by_period"),
    ("Tháng 6/2024", None, "2024-06-30", "by_period"),
    ("Năm 2024", None, "2024-12-31", "by_period"),
    ("30/6", "2024-01-10", "2024-06-30", "by_date"),
    ("Trước 30/6/2024", None, "2024-06-30", "by_date"),
    ("Thường xuyên", None, None, None),
    ("Quý II và quý IV/2024", None, "2024-12-31", "by_period"),  # two milestones: the later one
    ("Kỳ họp giữa năm 2024 của HĐND tỉnh", None, None, None),  # a session, not a date
])
def test_cell_deadlines(cell, doc_date, due, kind):
    row = f"1 | Rà soát quy hoạch | Sở Xây dựng | {cell}"
    s = row.rindex("| ") + 2
    d = find_cell_deadline(row, s, len(row), doc_date)
    if due is None:
        assert d is None
    else:
        assert (d.date, d.kind) == (due, kind) and cell.endswith(d.text)


# ---- the phrase table ---------------------------------------------------------------------

def test_the_phrase_table_is_validated(tmp_path):
    from importlib import resources

    import yaml

    from chidao.extract.dates import _load_phrases
    bundled = resources.files("chidao.registry") / "data" / "deadline_phrases.yaml"
    good = yaml.safe_load(bundled.read_text(encoding="utf-8"))
    assert _load_phrases(bundled)["triggers"]["before"] == ["trước"]
    for breaks in (lambda d: d["triggers"].pop("within"),
                   lambda d: d.__setitem__("soft_markers", []),
                   lambda d: d["relative"]["units"].__setitem__("giờ", "hours"),
                   lambda d: d["relative"].__setitem__("bases", [["ký"]]),
                   lambda d: d.__setitem__("recurring", "none")):
        data = yaml.safe_load(yaml.safe_dump(good, allow_unicode=True))
        breaks(data)
        path = tmp_path / "phrases.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        with pytest.raises(ValueError, match="phrases.yaml: malformed"):
            _load_phrases(path)


# ---- properties -------------------------------------------------------------------------------

TOKENS = ["ngày", "tháng", "năm", "quý", "III", "IV", "trước", "chậm nhất", "trong", "hết",
          "đến hết", "vào", "cuối", "đầu", "giữa", "Tết", "Nguyên đán", "Giáp Thìn", "kể từ",
          "định kỳ", "hằng", "làm việc", "nhận được", "ký", "phấn đấu", "đã", "/", "-", ".",
          ",", " ", "  ", "\n", "**", "(", ")", "0", "1", "02", "12", "29", "30", "31", "2024",
          "2023", "9999", "1850", "6", "nay", "tuần", "từ"]
texts = st.one_of(
    st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=40).map("".join),
    st.text(max_size=200),
)
doc_dates = st.one_of(st.none(), st.sampled_from(["2024-02-05", "2023-12", "2021", "", "x",
                                                   "2024-13-01", "0001-01-01", "2100-12-31"]))


@settings(max_examples=400, deadline=None)
@given(texts, st.data(), doc_dates)
def test_arbitrary_text_never_raises_and_spans_stay_inside(text, data, doc_date):
    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=len(text)))
    for d in find_deadlines(text, start, end, doc_date):
        assert start <= d.start < d.end <= end
        assert text[d.start:d.end] == d.text
        assert d.date is None or len(d.date) == 10
    for m in find_dates(text, start, end, doc_date):
        assert start <= m.start < m.end <= end
    pick_final(find_deadlines(text, start, end, doc_date))
    find_cell_deadline(text, start, end, doc_date)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(["trước ngày {d}/{m}/{y}", "chậm nhất ngày {dd}/{mm}/{y}",
                        "hạn chót ngày {d} tháng {m} năm {y}", "đến hết ngày {dd}-{mm}-{y}"]))
def test_written_dates_round_trip(d, template):
    phrase = template.format(d=d.day, m=d.month, dd=f"{d.day:02d}", mm=f"{d.month:02d}", y=d.year)
    found = one_deadline(f"Sở Y tế báo cáo {phrase}.")
    assert (found.date, found.text) == (d.isoformat(), phrase)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
       st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)))
def test_yearless_dates_are_the_first_on_or_after_the_document(doc, md):
    found = one_deadline(f"báo cáo chậm nhất ngày {md.day}/{md.month}.", doc.isoformat())
    due = date.fromisoformat(found.date)
    assert (due.month, due.day) == (md.month, md.day) and due >= doc
    earlier = [y for y in range(doc.year, due.year) if not (md.month == 2 and md.day == 29)
               or y % 4 == 0 and (y % 100 or y % 400 == 0)]
    assert all(date(y, md.month, md.day) < doc for y in earlier)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=60),
       st.dates(min_value=date(2021, 1, 1), max_value=date(2026, 6, 30)))
def test_working_day_limits_land_on_working_days(n, doc):
    from chidao.calendar import is_working_day, working_days_between
    found = one_deadline(f"trong {n} ngày làm việc kể từ ngày ban hành", doc.isoformat())
    due = date.fromisoformat(found.date)
    assert is_working_day(due) and working_days_between(doc, due) == n
    assume(n > 1)
    assert due > doc + timedelta(days=n - 1)


def test_the_day_an_event_must_be_held_is_its_due_day():
    assert one_deadline("phối hợp tổ chức Lễ hội vải thiều năm 2019 vào ngày 25/5/2019.").date == "2019-05-25"
    assert deadlines("cán bộ đến làm việc vào ngày 25/5/2019.") == []


def test_a_cell_naming_the_time_around_an_event_has_no_due_day():
    cell = "Trước, trong và sau Tết"
    assert find_cell_deadline(cell, 0, len(cell), "2026-01-10") is None
    assert find_cell_deadline("Trước Tết", 0, 9, "2026-01-10") is not None


def test_a_yearless_month_already_gone_by_is_not_a_deadline():
    found = deadlines("cập nhật số liệu ước thực hiện đến hết tháng 7, gửi Văn phòng UBND tỉnh trước ngày 08/8/2024.",
                      "2024-08-02")
    assert [d.date for d in found] == ["2024-08-08"]


def test_a_cell_naming_a_season_before_which_to_act_has_no_due_day():
    cell = "Trước mùa mưa bão năm 2024"
    assert find_cell_deadline(cell, 0, len(cell), "2023-10-05") is None
    assert find_cell_deadline("Năm 2024", 0, 8, "2023-10-05").date == "2024-12-31"
