"""What counts as a task (SCHEMA.md "tasks", "What counts as one task"), read through the
whole extractor on short documents written for this file.
"""
from __future__ import annotations

import pytest

from chidao.extract.pipeline import extract

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 402/TB-UBND\nTuyên Quang, ngày 12 tháng 9 năm 2023\nTHÔNG BÁO\n"
        "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban tháng 9 năm 2023\n\n"
        "Ngày 08/9/2023, Chủ tịch UBND tỉnh chủ trì cuộc họp giao ban. Sau khi nghe báo cáo, "
        "Chủ tịch UBND tỉnh kết luận như sau:\n")
TAIL = "Nơi nhận:\n- Các sở, ban, ngành;\n- Lưu: VT, TH.\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nĐỗ Thị Lan\n"


def notice(*lines: str) -> str:
    return HEAD + "".join(line + "\n" for line in lines) + TAIL


def run(*lines: str):
    text = notice(*lines)
    return text, extract(text).tasks


def table(*lines: str) -> list[tuple[tuple[str, ...], str | None]]:
    """(assignees, deadline date) of each task."""
    _, tasks = run(*lines)
    return [(t.assignees, t.deadline.date if t.deadline else None) for t in tasks]


def line_of(text: str, task) -> str:
    return text[task.start:task.end]


# --- lead and coordinators -----------------------------------------------------------------

def test_lead_and_coordinators():
    text, tasks = run("Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với Sở Tài chính, Sở Y tế kiểm tra "
                      "tình hình dịch bệnh trên đàn gia súc, báo cáo UBND tỉnh trước ngày 30/10/2023.")
    assert len(tasks) == 1
    t = tasks[0]
    assert t.assignees == ("Sở Nông nghiệp và Phát triển nông thôn",)
    assert t.coordinators == ("Sở Tài chính", "Sở Y tế")
    assert t.deadline is not None and t.deadline.date == "2023-10-30"
    assert "trước ngày 30/10/2023" in t.deadline.text
    assert "kiểm tra tình hình dịch bệnh" in t.action
    assert line_of(text, t).startswith("Sở Nông nghiệp và Phát triển nông thôn chủ trì")


def test_assigned_with_giao_and_coordinator():
    _, tasks = run("Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với UBND huyện Sơn Dương hoàn thiện hồ sơ "
                   "đề xuất dự án, trình UBND tỉnh trong tháng 10/2023.")
    assert [(t.assignees, t.coordinators, t.deadline.date if t.deadline else None) for t in tasks] == [
        (("Sở Kế hoạch và Đầu tư",), ("Ủy ban nhân dân huyện Sơn Dương",), "2023-10-31")]


# --- granularity ------------------------------------------------------------------------------

def test_two_bodies_with_separate_duties_in_one_paragraph_are_two_tasks():
    _, tasks = run("Sở Tài chính rà soát nguồn kinh phí, báo cáo trước ngày 25/9/2023; Sở Xây dựng kiểm tra "
                   "hiện trạng công trình, hoàn thành trong tháng 10/2023.")
    assert [(t.assignees, t.deadline.date if t.deadline else None) for t in tasks] == [
        (("Sở Tài chính",), "2023-09-25"), (("Sở Xây dựng",), "2023-10-31")]
    assert tasks[0].start == tasks[1].start and tasks[0].end == tasks[1].end


def test_one_body_twice_in_a_paragraph_is_one_task_with_the_final_deadline():
    assert table("Sở Tài chính rà soát nguồn kinh phí trước ngày 25/9/2023. Sở Tài chính tổng hợp, báo cáo "
                 "UBND tỉnh chậm nhất ngày 15/10/2023.") == [(("Sở Tài chính",), "2023-10-15")]


def test_deadline_without_year_takes_the_document_s_year():
    assert table("Sở Công Thương hoàn thành dự thảo đề án, gửi Sở Tư pháp thẩm định chậm nhất ngày 20/11.") == [
        (("Sở Công Thương",), "2023-11-20")]


@pytest.mark.parametrize("line, date", [
    ("Sở Công Thương hoàn thành đề án phát triển thương mại điện tử trong quý IV/2023.", "2023-12-31"),
    ("Sở Công Thương hoàn thành đề án phát triển thương mại điện tử trong năm 2024.", "2024-12-31"),
    ("Sở Công Thương duy trì chế độ báo cáo định kỳ hằng tháng về UBND tỉnh.", None),
    ("Sở Công Thương thường xuyên kiểm tra thị trường hàng hóa dịp cuối năm.", None),
])
def test_deadline_dates(line, date):
    assert table(line) == [(("Sở Công Thương",), date)]


def test_task_span_is_its_paragraph():
    line = "Sở Tư pháp thẩm định dự thảo quy định, gửi Sở Xây dựng trước ngày 05/10/2023."
    text, tasks = run(line)
    assert len(tasks) == 1
    assert line_of(text, tasks[0]).strip() == line


# --- "Cơ quan chủ trì" under an agenda item ----------------------------------------------------

def test_co_quan_chu_tri_is_the_presenter():
    assert table(
        "1. Dự thảo Quyết định ban hành quy định về bồi thường khi Nhà nước thu hồi đất "
        "(Sở Tài nguyên và Môi trường trình)",
        "Cơ quan chủ trì tiếp thu ý kiến các thành viên, hoàn thiện dự thảo, trình UBND tỉnh trước ngày 30/9/2023.",
        "2. Dự thảo Kế hoạch phát triển du lịch cộng đồng (Sở Văn hóa, Thể thao và Du lịch trình)",
        "Cơ quan chủ trì tiếp thu ý kiến các thành viên, hoàn chỉnh Kế hoạch trước ngày 20/10/2023.",
    ) == [(("Sở Tài nguyên và Môi trường",), "2023-09-30"), (("Sở Văn hóa, Thể thao và Du lịch",), "2023-10-20")]


def test_co_quan_chu_tri_under_a_report_item():
    assert table(
        "1. Báo cáo tình hình giải ngân vốn đầu tư công (Sở Kế hoạch và Đầu tư trình)",
        "Cơ quan chủ trì tiếp thu ý kiến các thành viên, hoàn chỉnh Báo cáo trước ngày 20/9/2023.",
    ) == [(("Sở Kế hoạch và Đầu tư",), "2023-09-20")]


# --- headings give the assignee ------------------------------------------------------------------------

def test_heading_doi_voi_huyen():
    assert table(
        "1. Đối với huyện Sơn Dương",
        "- Tập trung hoàn thành kiểm đếm, lập phương án bồi thường trong tháng 10/2023.",
        "- Tổ chức đối thoại với các hộ dân chưa đồng thuận.",
        "2. Đối với UBND huyện Yên Sơn:",
        "- Khẩn trương bàn giao mặt bằng sạch cho nhà thầu trước ngày 15/11/2023.",
    ) == [
        (("Ủy ban nhân dân huyện Sơn Dương",), "2023-10-31"),
        (("Ủy ban nhân dân huyện Sơn Dương",), None),
        (("Ủy ban nhân dân huyện Yên Sơn",), "2023-11-15"),
    ]


def test_heading_naming_a_department():
    assert table(
        "1. Sở Y tế",
        "- Chủ trì kiểm tra công tác tiêm chủng tại các địa phương.",
        "- Hướng dẫn các cơ sở y tế bảo đảm đủ vắc xin trước ngày 30/9/2023.",
        "2. Sở Tài chính",
        "- Bố trí kinh phí mua vắc xin bổ sung.",
    ) == [(("Sở Y tế",), None), (("Sở Y tế",), "2023-09-30"), (("Sở Tài chính",), None)]


def test_heading_naming_a_department_with_a_report_item():
    assert table(
        "1. Sở Y tế",
        "- Chủ trì kiểm tra công tác tiêm chủng tại các địa phương.",
        "- Báo cáo kết quả về UBND tỉnh trước ngày 20/10/2023.",
    ) == [(("Sở Y tế",), None), (("Sở Y tế",), "2023-10-20")]


def test_lead_in_hands_its_bodies_to_the_items():
    text, tasks = run(
        "Chủ tịch UBND tỉnh yêu cầu Sở Xây dựng, UBND huyện Sơn Dương thực hiện các nội dung sau:",
        "a) Rà soát hiện trạng tuyến đường tỉnh 186.",
        "b) Đề xuất phương án sửa chữa trước ngày 30/10/2023.",
    )
    both = ("Sở Xây dựng", "Ủy ban nhân dân huyện Sơn Dương")
    assert [(t.assignees, t.deadline.date if t.deadline else None) for t in tasks] == [
        (both, None), (both, "2023-10-30")]
    # the lead-in itself states no work
    assert not any(line_of(text, t).startswith("Chủ tịch UBND tỉnh yêu cầu") for t in tasks)


# --- what is not a task -----------------------------------------------------------------------------------

def test_duty_placed_by_a_cited_document_is_not_a_task():
    text, tasks = run(
        "Công văn số 5120/BXD-KHTC ngày 02/8/2023 của Bộ Xây dựng nêu rõ: đề nghị UBND các tỉnh rà soát quy hoạch "
        "xây dựng vùng huyện.",
        "Theo Công văn số 6031/BTC-NSNN ngày 10/8/2023, Bộ Tài chính đề nghị các địa phương hoàn thành quyết toán.",
        "Sở Xây dựng nghiên cứu, tham mưu triển khai Công văn số 5120/BXD-KHTC nêu trên.",
    )
    assert [t.assignees for t in tasks] == [("Sở Xây dựng",)]
    assert line_of(text, tasks[0]).startswith("Sở Xây dựng nghiên cứu")


@pytest.mark.parametrize("line", [
    "Năm 2023, Sở Nông nghiệp và Phát triển nông thôn đã hoàn thành tiêm phòng cho 95% đàn gia súc.",
    "UBND huyện Sơn Dương đã giải ngân được 72% kế hoạch vốn được giao.",
    "Công tác giải phóng mặt bằng còn chậm, một số hộ dân chưa đồng thuận với phương án bồi thường.",
    "Chủ tịch UBND tỉnh đánh giá cao sự nỗ lực của Sở Y tế trong công tác phòng, chống dịch.",
    "Thời gian qua, UBND huyện Yên Sơn tích cực triển khai công tác bồi thường, đạt nhiều kết quả.",
])
def test_results_and_assessments_are_not_tasks(line):
    assert table(line) == []


def test_what_a_body_reported_is_not_a_task():
    assert table("Sở Tài chính cho biết công tác quyết toán còn chậm do hồ sơ chưa đầy đủ.") == []


@pytest.mark.parametrize("line", [
    "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.",
    "Văn phòng UBND tỉnh thông báo để Sở Tài chính, Sở Xây dựng và các cơ quan liên quan biết, thực hiện./.",
])
def test_notification_formula_is_not_a_task(line):
    assert table(line) == []


# --- closing lines ------------------------------------------------------------------------------------------

def test_closing_demand_is_a_task_of_those_bodies():
    assert table("Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các huyện, thành phố "
                 "tổ chức thực hiện nghiêm túc nội dung Thông báo này./.") == [
        (("Các sở, ban, ngành", "Ủy ban nhân dân các huyện, thành phố"), None)]


DECISION = ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 1402/QĐ-UBND\nTuyên Quang, ngày 21 tháng 11 năm 2023\nQUYẾT ĐỊNH\n"
            "Về việc thành lập Tổ công tác rà soát thủ tục đầu tư\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
            "Theo đề nghị của Giám đốc Sở Kế hoạch và Đầu tư.\nQUYẾT ĐỊNH:\n"
            "Điều 1. Thành lập Tổ công tác rà soát thủ tục đầu tư.\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
            "Điều 3. {article}\n"
            "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT, KT.\nCHỦ TỊCH\nLê Văn Hải\n")


def test_article_on_execution_is_a_task():
    text = DECISION.format(article="Giám đốc Sở Kế hoạch và Đầu tư, Chủ tịch UBND huyện Sơn Dương chịu trách nhiệm "
                                   "thi hành Quyết định này./.")
    result = extract(text)
    assert result.document.type == "Quyết định"
    assert [set(t.assignees) for t in result.tasks] == [
        {"Sở Kế hoạch và Đầu tư", "Ủy ban nhân dân huyện Sơn Dương"}]


def test_article_with_departments_listed_after_a_colon():
    text = DECISION.format(article="Giám đốc các Sở: Kế hoạch và Đầu tư, Tài chính, Xây dựng; Chủ tịch UBND huyện "
                                   "Sơn Dương chịu trách nhiệm thi hành Quyết định này./.")
    assert [set(t.assignees) for t in extract(text).tasks] == [
        {"Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Xây dựng", "Ủy ban nhân dân huyện Sơn Dương"}]


# --- task tables ----------------------------------------------------------------------------------------

def test_each_row_of_a_task_table_is_a_task():
    text, tasks = run(
        "TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
        "1 | Xây dựng cơ sở dữ liệu đất đai | Sở Tài nguyên và Môi trường |  | 15/12/2023",
        "2 | Rà soát quy hoạch vùng nguyên liệu | Sở Xây dựng | Sở Tài chính | Tháng 11/2023",
        "3 | Tuyên truyền về chuyển đổi số | Sở Thông tin và Truyền thông | UBND các huyện, thành phố | Thường xuyên",
        "4 | Kiểm tra an toàn thực phẩm | Sở Y tế | Công an tỉnh, Sở Công Thương | Hết năm 2024",
    )
    assert [(t.assignees, t.coordinators, t.deadline.date if t.deadline else None) for t in tasks] == [
        (("Sở Tài nguyên và Môi trường",), (), "2023-12-15"),
        (("Sở Xây dựng",), ("Sở Tài chính",), "2023-11-30"),
        (("Sở Thông tin và Truyền thông",), ("Ủy ban nhân dân các huyện, thành phố",), None),
        (("Sở Y tế",), ("Công an tỉnh", "Sở Công Thương"), "2024-12-31"),
    ]
    assert not any(line_of(text, t).startswith("TT |") for t in tasks)


def test_a_row_whose_cells_read_like_column_names_is_still_a_row():
    """A numbered row with "thực hiện" in its task and "thời điểm" in its time is not a new header."""
    _, tasks = run(
        "TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
        "1 | Bố trí kinh phí thực hiện đề án năm 2025 | Sở Tài chính | Các sở, ngành | Cùng thời điểm lập dự toán năm 2025",
        "2 | Sơ kết việc thực hiện đề án | Sở Nội vụ | Sở Y tế | Tháng 6 và tháng 12/2024",
    )
    assert [(t.assignees, t.deadline.date if t.deadline else None) for t in tasks] == [
        (("Sở Tài chính",), None), (("Sở Nội vụ",), "2024-12-31")]


# --- generic parties resolved to the bodies the document names -------------------------------------------------

INVESTOR_NOTICE = ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nSố: 415/TB-UBND\nTuyên Quang, ngày 20 tháng 9 năm 2023\n"
                   "THÔNG BÁO\nKết luận của Phó Chủ tịch UBND tỉnh tại buổi làm việc về dự án nhà máy xi măng\n\n"
                   "Ngày 15/9/2023, đồng chí Phó Chủ tịch UBND tỉnh làm việc về dự án nhà máy xi măng.{present} "
                   "Đồng chí Phó Chủ tịch kết luận như sau:\n"
                   "1. Nhà đầu tư khẩn trương hoàn thiện hồ sơ điều chỉnh dự án, gửi Sở Xây dựng trước ngày 15/10/2023.\n"
                   "2. UBND huyện Yên Sơn phối hợp với Nhà đầu tư giải quyết kiến nghị của người dân.\n"
                   + TAIL)


def test_investor_is_the_company_named_among_the_participants():
    text = INVESTOR_NOTICE.format(present=" Tham dự có lãnh đạo Sở Xây dựng, UBND huyện Yên Sơn và đại diện Công ty "
                                          "Cổ phần Xi măng Tân Quang (Nhà đầu tư dự án).")
    company = "Công ty Cổ phần Xi măng Tân Quang"
    assert [(t.assignees, t.coordinators) for t in extract(text).tasks] == [
        ((company,), ()), (("Ủy ban nhân dân huyện Yên Sơn",), (company,))]


def test_investor_stays_generic_where_no_one_is_named():
    text = INVESTOR_NOTICE.format(present="")
    tasks = extract(text).tasks
    assert tasks and tasks[0].assignees == ("Nhà đầu tư",)


def test_project_owners_listed_under_kinh_gui_are_each_an_assignee():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nSố: 2301/UBND-KT\nV/v đẩy nhanh giải ngân vốn đầu tư công\n"
            "Tuyên Quang, ngày 20 tháng 9 năm 2023\nKính gửi:\n- Sở Kế hoạch và Đầu tư;\n"
            "- Các chủ đầu tư: Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh, Ban Quản lý dự án "
            "đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh.\n"
            "Ủy ban nhân dân tỉnh yêu cầu các chủ đầu tư đẩy nhanh tiến độ giải ngân vốn đầu tư công, hoàn thành "
            "giải ngân trước ngày 31/01/2024.\n"
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Hải\n")
    assert [(set(t.assignees), t.deadline.date if t.deadline else None) for t in extract(text).tasks] == [
        ({"Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh",
          "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh"}, "2024-01-31")]


def test_the_bodies_a_cong_dien_is_sent_to_are_its_addressees():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nSố: 05/CĐ-UBND\nTuyên Quang, ngày 14 tháng 10 năm 2023\nCÔNG ĐIỆN\n"
            "Về việc ứng phó với mưa lũ\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:\n"
            "- Giám đốc Sở Nông nghiệp và Phát triển nông thôn;\n- Giám đốc Công an tỉnh;\n"
            "- Chủ tịch UBND các huyện, thành phố.\n"
            "Để chủ động ứng phó với mưa lũ, Chủ tịch UBND tỉnh yêu cầu:\n"
            "Thủ trưởng các cơ quan, đơn vị nghiêm túc thực hiện Công điện này; báo cáo kết quả về UBND tỉnh "
            "trước ngày 20/10/2023.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\nLê Văn Hải\n")
    tasks = extract(text).tasks
    assert len(tasks) == 1
    assert {"Sở Nông nghiệp và Phát triển nông thôn", "Công an tỉnh"} <= set(tasks[0].assignees)
    assert tasks[0].deadline.date == "2023-10-20"


def test_an_office_that_issues_the_notice_is_given_its_own_task():
    text = ("ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG\nVĂN PHÒNG\nSố: 12/TB-VP\nTuyên Quang, ngày 12 tháng 9 năm 2023\n"
            "THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban\n"
            "Ngày 08/9/2023, Chủ tịch UBND tỉnh chủ trì cuộc họp. Chủ tịch UBND tỉnh kết luận như sau:\n"
            "- Sở Tài chính rà soát các khoản thu, báo cáo trước ngày 30/9/2023.\n"
            "- Văn phòng UBND tỉnh theo dõi, đôn đốc các đơn vị thực hiện; tổng hợp, báo cáo Chủ tịch UBND tỉnh "
            "trước ngày 10/10/2023.\n"
            "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.\n" + TAIL)
    assert [(t.assignees, t.deadline.date) for t in extract(text).tasks] == [
        (("Sở Tài chính",), "2023-09-30"), (("Văn phòng Ủy ban nhân dân tỉnh",), "2023-10-10")]


def test_members_of_a_body_set_up_in_the_document_act_for_it():
    got = table("Chủ tịch UBND tỉnh ký Quyết định thành lập Tổ công tác rà soát dự án chậm tiến độ do Phó Chủ tịch "
                "UBND tỉnh làm Tổ trưởng. Các thành viên có tên tại Điều 1 của Quyết định có trách nhiệm rà soát "
                "các dự án, báo cáo Tổ trưởng trước ngày 15/11/2023.")
    assert got == [(("Tổ công tác rà soát dự án chậm tiến độ",), "2023-11-15")]


def test_a_citation_inside_a_doi_voi_topic_does_not_silence_the_direction():
    got = table("- Đối với các nhiệm vụ đã giao tại Thông báo số 298/TB-UBND chưa hoàn thành, đề nghị các sở, ngành "
                "liên quan khẩn trương thực hiện, báo cáo kết quả trước ngày 20/9/2023.")
    assert got == [(("Các sở, ngành liên quan",), "2023-09-20")]


def test_bodies_heard_at_a_meeting_are_not_given_work():
    assert table("Sau khi kiểm tra thực tế, qua nghe lãnh đạo UBND huyện Yên Sơn, lãnh đạo UBND xã Mỹ Bằng báo cáo "
                 "kết quả, tình hình thực hiện, Chủ tịch UBND tỉnh kết luận như sau:",
                 "UBND huyện Yên Sơn hoàn thành giải phóng mặt bằng trước ngày 30/10/2023.") == [
        (("Ủy ban nhân dân huyện Yên Sơn",), "2023-10-30")]


def test_a_capitalised_name_after_a_collective_is_a_body_of_its_own():
    text = ("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN\nTỈNH PHÚ THỌ\nSố: 1620/SNN-CNTY\nV/v phòng, chống dịch bệnh\n"
            "Phú Thọ, ngày 16 tháng 11 năm 2020\nKính gửi: Ủy ban nhân dân các huyện, thành, thị.\n"
            "Để phối hợp với các địa phương, Sở Nông nghiệp và Phát triển nông thôn phân công các đơn vị thuộc Sở "
            "như sau:\n- Chi cục Chăn nuôi và Thú y hướng dẫn, kiểm tra công tác phòng, chống dịch tại các huyện.\n"
            "- Trung tâm Khuyến nông mở các lớp tập huấn, hoàn thành trước ngày 31/12/2020.\n"
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\nNguyễn Văn A\n")
    assert [(t.assignees, t.deadline.date if t.deadline else None) for t in extract(text).tasks] == [
        (("Chi cục Chăn nuôi và Thú y",), None), (("Trung tâm Khuyến nông",), "2020-12-31")]


def test_doi_voi_a_list_of_wards_hands_the_leader_s_request_to_each():
    got = table("Đối với UBND các phường Trà Vinh, Nguyệt Hóa, Long Đức, Phó Chủ tịch UBND tỉnh đề nghị sắp xếp lại "
                "khu vực kinh doanh; tổ chức tổng vệ sinh môi trường trước ngày 02/12/2023.")
    assert got == [(("Ủy ban nhân dân phường Trà Vinh", "Ủy ban nhân dân phường Nguyệt Hóa",
                     "Ủy ban nhân dân phường Long Đức"), "2023-12-02")]


def test_a_clause_going_on_with_a_reported_direction_keeps_its_deadline():
    got = table("Ngày 10/9/2023, Phó Chủ tịch UBND tỉnh giao Sở Tài nguyên và Môi trường chủ trì kiểm tra các cơ sở "
                "xả thải; xử lý nghiêm các trường hợp vi phạm, báo cáo kết quả trước ngày 15/10/2023.")
    assert got == [(("Sở Tài nguyên và Môi trường",), "2023-10-15")]


def test_what_the_issuer_s_own_directive_asks_is_a_task_but_a_ministry_s_is_not():
    own = table("Chủ tịch UBND tỉnh ký ban hành Chỉ thị số 09/CT-UBND ngày 13/9/2023 về đẩy nhanh giải ngân vốn đầu tư "
                "công.",
                "Chỉ thị yêu cầu Chủ tịch UBND các huyện, thành phố tập trung tháo gỡ vướng mắc về giải phóng mặt bằng, "
                "hoàn thành trước ngày 31/12/2023.")
    assert own == [(("Ủy ban nhân dân các huyện, thành phố",), "2023-12-31")]
    cited = table("Bộ Tài chính ban hành Công văn số 120/BTC-ĐT ngày 13/9/2023 về giải ngân vốn đầu tư công.",
                  "Công văn yêu cầu các địa phương đẩy nhanh giải ngân, hoàn thành trước ngày 31/12/2023.")
    assert cited == []


def test_what_a_ministry_asks_and_what_the_issuer_asked_before_are_not_new_tasks():
    assert table("Thực hiện Công văn số 7012/BKHĐT-TH ngày 29/8/2023 của Bộ Kế hoạch và Đầu tư; theo đó, Bộ Kế hoạch "
                 "và Đầu tư đề nghị các địa phương rà soát, điều chuyển vốn, hoàn thành trước ngày 30/9/2023.",
                 "Ngày 05/9/2023, UBND tỉnh đã có Công văn số 8102/UBND-KTTC yêu cầu các chủ đầu tư báo cáo khó khăn, "
                 "vướng mắc; đến nay vẫn còn 04 chủ đầu tư chưa gửi báo cáo.",
                 "Bộ Chỉ huy Quân sự tỉnh chỉ đạo lực lượng thuộc quyền sẵn sàng hỗ trợ các địa phương.") == [
        (("Bộ Chỉ huy Quân sự tỉnh",), None)]


def test_presenter_named_with_its_submission():
    got = table("2. Dự thảo Nghị quyết quy định các biện pháp hỗ trợ khi Nhà nước thu hồi đất (Sở TN&MT trình tại "
                "Tờ trình số 412/TTr-STNMT ngày 22/7/2023)",
                "Cơ quan chủ trì tiếp thu ý kiến tham gia, hoàn thiện hồ sơ, trình UBND tỉnh trước ngày 20/9/2023.")
    assert got == [(("Sở Tài nguyên và Môi trường",), "2023-09-20")]


def test_under_a_department_s_heading_what_it_requires_of_others_is_its_task():
    got = table("Chủ tịch UBND tỉnh yêu cầu các cơ quan thực hiện các nội dung sau:",
                "1. Sở Giao thông vận tải:",
                "a) Tăng cường kiểm tra phương tiện vận tải hành khách, hoàn thành trước ngày 20/01/2024.",
                "b) Yêu cầu các doanh nghiệp kinh doanh vận tải niêm yết giá cước, không tăng giá vé trái quy định.")
    assert [a for a, _ in got] == [("Sở Giao thông vận tải",)] * len(got)
    assert got[0][1] == "2024-01-20"


def test_heads_of_departments_and_of_other_agencies_are_one_collective():
    got = table("Giám đốc các sở, Thủ trưởng các ban, ngành, đoàn thể tỉnh, Chủ tịch UBND các huyện, thành phố "
                "và các chủ rừng trên địa bàn tỉnh nghiêm túc thực hiện Chỉ thị này.")
    assert got == [(("Các sở, ban, ngành, đoàn thể", "Ủy ban nhân dân các huyện, thành phố",
                     "Các chủ rừng trên địa bàn"), None)]  # "tỉnh" dropped at the end, as for every collective


def test_who_came_along_is_not_given_work():
    got = table("Sáng 12/9/2023, Chủ tịch UBND tỉnh kiểm tra tiến độ dự án. Cùng đi có lãnh đạo các sở: Xây dựng, "
                "Tài chính; Trung tâm Bảo tồn di tích tỉnh và UBND các phường liên quan.",
                "Sở Xây dựng hoàn thành hồ sơ điều chỉnh dự án trước ngày 30/9/2023.")
    assert got == [(("Sở Xây dựng",), "2023-09-30")]


def test_the_investor_is_the_company_the_text_calls_so_not_every_company_present():
    text = INVESTOR_NOTICE.format(present=" Tham dự có lãnh đạo Sở Xây dựng; Công ty Điện lực Tuyên Quang; đại diện Công "
                                          "ty Cổ phần Xi măng Tân Quang (nhà đầu tư dự án).")
    assert extract(text).tasks[0].assignees == ("Công ty Cổ phần Xi măng Tân Quang",)


def test_localities_named_above_are_the_addressees_of_those_levels():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nSố: 2301/UBND-KT\nV/v đôn đốc thực hiện nhiệm vụ\n"
            "Tuyên Quang, ngày 20 tháng 9 năm 2023\nKính gửi:\n- Sở Xây dựng;\n- UBND các huyện: Yên Sơn, Sơn Dương;\n"
            "- UBND thành phố Tuyên Quang.\n"
            "Chủ tịch UBND tỉnh yêu cầu Chủ tịch UBND các huyện, thành phố nêu trên nghiêm túc thực hiện; kết quả gửi về "
            "Văn phòng UBND tỉnh trước ngày 05/10/2023.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"
            "Lê Văn Hải\n")
    assert [t.assignees for t in extract(text).tasks] == [
        ("Ủy ban nhân dân huyện Yên Sơn", "Ủy ban nhân dân huyện Sơn Dương", "Ủy ban nhân dân thành phố Tuyên Quang")]


def test_a_heading_naming_bodies_with_a_focus_hands_them_its_items():
    assert table("1. Chủ tịch UBND các huyện, thành phố, nhất là các huyện vùng cao:",
                 "a) Tổ chức kiểm tra các điểm có nguy cơ sạt lở trước ngày 20/9/2023.",
                 "b) Bố trí lực lượng trực tại các ngầm, tràn.") == [
        (("Ủy ban nhân dân các huyện, thành phố",), "2023-09-20"), (("Ủy ban nhân dân các huyện, thành phố",), None)]


def test_the_day_to_act_within_is_due_when_it_is_urgent():
    assert table("Sở Xây dựng khắc phục điểm sạt lở, bảo đảm thông xe ngay trong ngày 14/9/2023.") == [
        (("Sở Xây dựng",), "2023-09-14")]


def test_a_central_body_s_request_cited_with_its_letter_is_reported_not_assigned():
    assert table("Bộ Tài chính tại Công văn số 812/BTC-NSNN ngày 01/9/2023 đã đề nghị các địa phương báo cáo "
                 "trước ngày 30/9/2023.",
                 "Thủ tướng Chính phủ tại Công điện số 88/CĐ-TTg ngày 02/9/2023 yêu cầu các bộ, ngành, địa "
                 "phương đẩy nhanh giải ngân.",
                 "Sở Tài chính tổng hợp, báo cáo UBND tỉnh trước ngày 25/9/2023.") == [
        (("Sở Tài chính",), "2023-09-25")]


def test_an_opinion_the_department_must_give_is_a_task():
    assert table("Sở Tư pháp có ý kiến thẩm định trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ.") == [
        (("Sở Tư pháp",), None)]


def test_a_topic_before_a_colon_is_not_the_subject_of_what_follows():
    assert table("Về đề nghị của Bộ Y tế tại Công văn số 4410/BYT-KHTC ngày 20/8/2023 đề nghị các địa phương "
                 "báo cáo trước ngày 30/9/2023: giao Sở Y tế tham mưu UBND tỉnh báo cáo Bộ Y tế trước ngày 25/9/2023.") == [
        (("Sở Y tế",), "2023-09-25")]


def test_by_the_plan_the_issuer_just_issued_its_bodies_have_tasks():
    assert table("UBND tỉnh ban hành Kế hoạch số 210/KH-UBND ngày 05/9/2023 triển khai Nghị quyết số 57-NQ/TW "
                 "ngày 22/12/2024 của Bộ Chính trị.",
                 "Theo Kế hoạch, Sở Khoa học và Công nghệ chủ trì xây dựng bộ chỉ số chuyển đổi số, trình UBND "
                 "tỉnh trong quý IV/2023.") == [(("Sở Khoa học và Công nghệ",), "2023-12-31")]


def test_the_unit_in_charge_named_in_a_heading_s_parenthesis_does_not_hide_its_department():
    assert table("2. Sở Y tế (Chi cục An toàn vệ sinh thực phẩm):",
                 "a) Kiểm tra bếp ăn tập thể các trường học; hoàn thành trong tháng 10/2023.",
                 "b) Hướng dẫn các cơ sở chế biến thực phẩm.") == [
        (("Sở Y tế",), "2023-10-31"), (("Sở Y tế",), None)]


def test_a_collective_of_companies_keeps_its_abbreviated_kind():
    [(names, due)] = table("Các Ban quản lý rừng phòng hộ và các công ty TNHH MTV lâm nghiệp tổ chức tuần tra, "
                           "canh gác tại các chòi canh lửa trước ngày 15/10/2023.")
    assert names[-1].lower() == "các công ty trách nhiệm hữu hạn một thành viên lâm nghiệp" and due == "2023-10-15"


def test_what_the_named_places_are_is_said_between_commas():
    assert table("Riêng UBND xã Hùng Lợi và UBND xã Trung Minh là những địa bàn đã xảy ra sạt lở trong tháng 8/2023, "
                 "khẩn trương di dời các hộ dân, báo cáo trước ngày 20/9/2023.",
                 "Các xã Hùng Lợi, Trung Minh là những địa bàn có nhiều hộ nghèo.") == [
        (("Ủy ban nhân dân xã Hùng Lợi", "Ủy ban nhân dân xã Trung Minh"), "2023-09-20")]


def test_a_sentence_that_weighs_does_not_silence_the_next_one():
    assert table("3. Đề án phát triển du lịch cộng đồng (Sở Văn hóa, Thể thao và Du lịch trình)",
                 "Tuy nhiên, Đề án còn dàn trải. Cơ quan chủ trì phối hợp với Sở Tài chính rà soát lại danh mục, "
                 "hoàn chỉnh Đề án trước ngày 30/10/2023.") == [(("Sở Văn hóa, Thể thao và Du lịch",), "2023-10-30")]


def test_the_day_before_which_is_named_by_its_event():
    assert table("Chủ tịch UBND các huyện bố trí đủ chỗ ở bán trú cho học sinh; hoàn thành trước ngày khai giảng "
                 "05/9/2023.") == [(("Ủy ban nhân dân các huyện",), "2023-09-05")]


def test_one_trigger_serves_a_list_of_milestones_and_the_later_counts():
    assert table("UBND huyện Sơn Dương tổ chức chở nước ngọt cho hộ dân trong tháng 10 và tháng 11/2023.") == [
        (("Ủy ban nhân dân huyện Sơn Dương",), "2023-11-30")]


def test_a_person_heard_before_the_conclusions_is_not_given_work():
    assert table("Sau khi kiểm tra thực tế, nghe đồng chí Hà Văn Tâm, Chủ tịch UBND xã Hùng Lợi báo cáo, đồng chí "
                 "Phó Chủ tịch UBND tỉnh kết luận như sau:",
                 "1. UBND xã Hùng Lợi di dời các hộ dân trước ngày 20/9/2023.") == [
        (("Ủy ban nhân dân xã Hùng Lợi",), "2023-09-20")]


def test_a_person_named_under_a_heading_is_not_an_order():
    assert table("2. UBND các huyện, thành phố:",
                 "a) Rà soát các tàu cá chưa lắp thiết bị giám sát hành trình trước ngày 30/9/2023.",
                 "Ông Lê Văn Tâm, Phó Chi cục trưởng Chi cục Thủy sản, được cử làm đầu mối liên lạc.") == [
        (("Ủy ban nhân dân các huyện, thành phố",), "2023-09-30")]


def test_which_of_the_places_stays_with_the_collective():
    assert table("UBND các xã có trụ sở dôi dư chịu trách nhiệm quản lý, bảo vệ tài sản.",
                 "UBND các huyện có trách nhiệm rà soát hồ sơ.") == [
        (("Ủy ban nhân dân các xã có trụ sở dôi dư",), None), (("Ủy ban nhân dân các huyện",), None)]


def test_a_new_demand_after_a_semicolon_and_a_lower_case_connector_is_a_new_task():
    assert table("Phó Chủ tịch UBND tỉnh giao Văn phòng UBND tỉnh ban hành thông báo kết luận cuộc họp; đồng thời yêu "
                 "cầu người đứng đầu các chủ đầu tư chịu trách nhiệm về tiến độ giải ngân trước ngày 31/12/2023.") == [
        (("Văn phòng Ủy ban nhân dân tỉnh",), None), (("Các chủ đầu tư",), "2023-12-31")]


def test_a_table_of_tasks_given_by_other_documents_holds_no_new_tasks_but_names_their_bodies():
    assert table("TT | Nội dung nhiệm vụ | Văn bản giao | Cơ quan chủ trì | Hạn xử lý",
                 "1 | Trình phê duyệt Đề án vùng nguyên liệu | Thông báo số 86/TB-UBND ngày 14/3/2023 | Sở Tài chính | 30/4/2023",
                 "2 | Hoàn thành giao đất khu tái định cư | Công văn số 845/UBND-KT ngày 20/3/2023 | UBND huyện Sơn Dương | 15/5/2023",
                 "1. Thủ trưởng các cơ quan, Chủ tịch UBND các địa phương có nhiệm vụ quá hạn nêu tại bảng trên khẩn trương "
                 "giải quyết dứt điểm trước ngày 30/9/2023.") == [
        (("Sở Tài chính", "Ủy ban nhân dân huyện Sơn Dương"), "2023-09-30")]


def test_the_localities_of_a_collective_may_be_a_region_and_rivers():
    assert table("Chủ tịch UBND tỉnh yêu cầu Chủ tịch UBND các xã, phường vùng trũng thấp, ven sông Lô, sông Gâm "
                 "rà soát, sơ tán người dân trước ngày 20/9/2023.") == [
        (("Ủy ban nhân dân các xã, phường vùng trũng thấp, ven sông Lô, sông Gâm",), "2023-09-20")]


def test_a_ministry_s_forecast_is_reported_and_a_department_s_forecast_is_its_duty():
    assert table("Bộ Y tế dự báo năm 2024 sốt xuất huyết có xu hướng gia tăng.",
                 "Sở Y tế dự báo tình hình dịch, báo cáo UBND tỉnh trước ngày 20/9/2023.") == [(("Sở Y tế",), "2023-09-20")]


def test_persons_heard_in_a_list_are_not_given_work():
    assert table("Sau khi kiểm tra thực địa, nghe ông Lê Văn Hải, Giám đốc Ban Quản lý dự án giao thông và ông Trần "
                 "Văn Bảo, Chủ tịch UBND huyện Yên Sơn báo cáo, Chủ tịch UBND tỉnh kết luận như sau:",
                 "1. UBND huyện Yên Sơn bàn giao mặt bằng trước ngày 30/9/2023.") == [
        (("Ủy ban nhân dân huyện Yên Sơn",), "2023-09-30")]


def test_a_collective_by_the_sea_and_in_low_lying_areas_keeps_both():
    assert table("1. Chủ tịch UBND các xã, phường ven biển và vùng trũng thấp:",
                 "a) Sơ tán người dân ở nhà không bảo đảm an toàn trước ngày 20/9/2023.") == [
        (("Ủy ban nhân dân các xã, phường ven biển và vùng trũng thấp",), "2023-09-20")]


def test_a_clause_that_only_times_the_work_before_gives_it_its_deadline():
    assert table("Sở Tư pháp tiếp thu ý kiến, hoàn thiện hồ sơ, trình Thường trực HĐND tỉnh; thời gian gửi hồ sơ "
                 "chậm nhất ngày 10/10/2023.") == [(("Sở Tư pháp",), "2023-10-10")]


def test_a_collective_described_then_qualified():
    assert table("2. Các bệnh viện đa khoa, chuyên khoa trong tỉnh tổ chức phân luồng, sẵn sàng giường bệnh trong "
                 "tháng 10/2023.") == [(("Các bệnh viện đa khoa, chuyên khoa trong tỉnh",), "2023-10-31")]


def test_a_short_name_given_in_parentheses_is_the_body_in_a_table_cell_too():
    assert table("TT | Nội dung | Cơ quan chủ trì | Thời gian",
                 "1 | Tổng kết công tác phòng, chống dịch năm 2023 | CDC Tuyên Quang | Tháng 12/2023",
                 "1. Trung tâm Kiểm soát bệnh tật tỉnh (CDC Tuyên Quang) hướng dẫn chuyên môn, giám sát dịch tễ.") == [
        (("Trung tâm Kiểm soát bệnh tật tỉnh",), "2023-12-31"), (("Trung tâm Kiểm soát bệnh tật tỉnh",), None)]


def test_what_a_cited_directive_asks_is_not_a_task_but_what_the_issuer_then_gives_is():
    assert table("Thực hiện Chỉ thị số 12/CT-UBND ngày 28/8/2023 của UBND tỉnh, trong đó UBND tỉnh yêu cầu Công an "
                 "tỉnh tổng kiểm tra các cơ sở có nguy cơ cháy, nổ trước ngày 30/9/2023.",
                 "Thực hiện Công văn số 745/BNNPTNT-TS ngày 08/8/2023 của Bộ Nông nghiệp và Phát triển nông thôn, trong "
                 "đó Bộ đề nghị các tỉnh ven biển kiểm soát tàu cá, UBND tỉnh giao Sở Nông nghiệp và Phát triển nông "
                 "thôn chủ trì thực hiện trước ngày 15/9/2023.") == [
        (("Sở Nông nghiệp và Phát triển nông thôn",), "2023-09-15")]
