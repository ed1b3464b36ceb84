"""The form of a document (Decree 30/2020; SCHEMA.md "document"): number, place and date,
type, subject, addressees, recipients and signer, read through the whole extractor.

The documents are short ones written for this file in the shape Decree 30 prescribes.
"""
from __future__ import annotations

import pytest

from chidao.extract.pipeline import extract

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
BODY = ("Ngày 09/10/2023, Chủ tịch UBND tỉnh chủ trì cuộc họp về thu ngân sách. "
        "Sau khi nghe báo cáo, Chủ tịch UBND tỉnh kết luận như sau:\n"
        "Sở Tài chính chủ trì rà soát các khoản thu, báo cáo UBND tỉnh trước ngày 30/10/2023.\n")
RECIPIENTS = "Nơi nhận:\n- Như trên;\n- Chủ tịch, các PCT UBND tỉnh;\n- Lưu: VT, KT.\n"


def document(text: str) -> dict:
    return extract(text).to_dict()["document"]


def notice(number_line: str = "Số: 318/TB-UBND", date_line: str = "Tuyên Quang, ngày 11 tháng 10 năm 2023",
           signature: str = "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nĐỗ Thị Lan\n") -> str:
    return ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\n" + MOTTO + "\n" + number_line + "\n" + date_line + "\n"
            "THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh tại cuộc họp về thu ngân sách\n\n"
            + BODY + RECIPIENTS + signature)


# --- number, place and date --------------------------------------------------------------

def test_number_place_date_type_issuer_subject():
    doc = document(notice())
    assert doc["number"] == "318/TB-UBND"
    assert doc["place"] == "Tuyên Quang"
    assert doc["date"] == "2023-10-11"
    assert doc["type"] == "Thông báo"
    assert doc["issuer"] == "Ủy ban nhân dân tỉnh Tuyên Quang"
    assert doc["subject"] == "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về thu ngân sách"


def test_spaces_inside_the_number_are_removed():
    assert document(notice(number_line="Số: 318 /TB-UBND"))["number"] == "318/TB-UBND"


def test_blank_number_of_a_draft_keeps_what_is_there():
    assert document(notice(number_line="Số:        /TB-UBND"))["number"] == "/TB-UBND"


def test_blank_day_of_a_draft_gives_year_and_month():
    doc = document(notice(date_line="Tuyên Quang, ngày      tháng 11 năm 2024"))
    assert doc["date"] == "2024-11"
    assert doc["place"] == "Tuyên Quang"


def test_blank_day_and_month_give_the_year():
    assert document(notice(date_line="Tuyên Quang, ngày … tháng … năm 2024"))["date"] == "2024"


def test_single_digit_day_and_month_are_padded():
    assert document(notice(date_line="Tuyên Quang, ngày 5 tháng 3 năm 2024"))["date"] == "2024-03-05"


def test_no_header_gives_nulls():
    doc = document("Sở Tài chính chủ trì rà soát các khoản thu, báo cáo UBND tỉnh trước ngày 30/10/2023.\n")
    assert doc["number"] is None
    assert doc["date"] is None
    assert doc["signer"] is None
    assert doc["recipients"] == []


# --- type line and subject ----------------------------------------------------------------

@pytest.mark.parametrize("caps, name", [
    ("KẾ HOẠCH", "Kế hoạch"),
    ("CHỈ THỊ", "Chỉ thị"),
    ("BÁO CÁO", "Báo cáo"),
    ("TỜ TRÌNH", "Tờ trình"),
])
def test_type_line_gives_the_type_and_the_next_line_the_subject(caps, name):
    text = ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\n" + MOTTO + "\nSố: 41/XX-UBND\n"
            "Tuyên Quang, ngày 02 tháng 3 năm 2024\n" + caps + "\nChuyển đổi số tỉnh Tuyên Quang năm 2024\n\n"
            + BODY)
    doc = document(text)
    assert doc["type"] == name
    assert doc["subject"] == "Chuyển đổi số tỉnh Tuyên Quang năm 2024"


def test_official_letter_subject_over_several_lines():
    text = ("UBND TỈNH TUYÊN QUANG\nSỞ XÂY DỰNG\n" + MOTTO + "\nSố: 1205/SXD-QLXD\n"
            "V/v tăng cường quản lý trật tự xây dựng\ntại các khu đô thị mới\ntrên địa bàn tỉnh\n"
            "Tuyên Quang, ngày 05 tháng 9 năm 2023\n"
            "Kính gửi: Ủy ban nhân dân các huyện, thành phố.\n"
            "Thực hiện chỉ đạo của UBND tỉnh, Sở Xây dựng đề nghị UBND các huyện, thành phố kiểm tra việc cấp phép.\n"
            "Nơi nhận:\n- Như trên;\n- Lưu: VT, QLXD.\nGIÁM ĐỐC\nNGUYỄN THANH TÙNG\n")
    doc = document(text)
    assert doc["type"] == "Công văn"
    assert doc["number"] == "1205/SXD-QLXD"
    assert doc["subject"] == "tăng cường quản lý trật tự xây dựng tại các khu đô thị mới trên địa bàn tỉnh"
    assert doc["issuer"] == "Sở Xây dựng tỉnh Tuyên Quang"
    assert doc["date"] == "2023-09-05"
    assert doc["signer"] == {"name": "Nguyễn Thanh Tùng", "title": "Giám đốc", "authority": None}


def test_decision_subject_after_the_type_line_keeps_ve_viec():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\n" + MOTTO + "\nSố: 1402/QĐ-UBND\n"
            "Tuyên Quang, ngày 21 tháng 11 năm 2023\nQUYẾT ĐỊNH\n"
            "Về việc thành lập Tổ công tác rà soát thủ tục đầu tư\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nQUYẾT ĐỊNH:\n"
            "Điều 1. Thành lập Tổ công tác rà soát thủ tục đầu tư.\n")
    doc = document(text)
    assert (doc["type"], doc["number"]) == ("Quyết định", "1402/QĐ-UBND")
    assert doc["subject"] == "Về việc thành lập Tổ công tác rà soát thủ tục đầu tư"


def test_subject_ends_where_the_body_begins_without_a_blank_line():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\n" + MOTTO + "\nSố: 318/TB-UBND\n"
            "Tuyên Quang, ngày 11 tháng 10 năm 2023\nTHÔNG BÁO\n"
            "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về thu ngân sách\n"
            "Thời gian qua, công tác thu ngân sách trên địa bàn tỉnh đạt kết quả tích cực.\n"
            "Sở Tài chính chủ trì rà soát các khoản thu, báo cáo UBND tỉnh trước ngày 30/10/2023.\n")
    result = extract(text)
    assert result.document.subject == "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về thu ngân sách"
    assert [t.assignees for t in result.tasks] == [("Sở Tài chính",)]


def test_office_of_the_committee_as_issuer():
    text = ("UBND TỈNH TUYÊN QUANG\nVĂN PHÒNG\n" + MOTTO + "\nSố: 3471/VP-KT\n"
            "V/v triển khai ý kiến chỉ đạo của Chủ tịch UBND tỉnh\nTuyên Quang, ngày 18 tháng 7 năm 2023\n"
            "Kính gửi: Sở Công Thương.\n"
            "Chủ tịch UBND tỉnh giao Sở Công Thương chủ trì, báo cáo UBND tỉnh trước ngày 31/7/2023.\n"
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nPhan Minh Đức\n")
    doc = document(text)
    assert doc["issuer"] == "Văn phòng Ủy ban nhân dân tỉnh Tuyên Quang"
    assert (doc["type"], doc["number"]) == ("Công văn", "3471/VP-KT")
    assert doc["signer"] == {"name": "Phan Minh Đức", "title": "Phó Chánh Văn phòng",
                             "authority": "KT. Chánh Văn phòng"}


# --- addressees and recipients -------------------------------------------------------------

def test_kinh_gui_list():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\n" + MOTTO + "\nSố: 2290/UBND-KT\n"
            "V/v góp ý dự thảo quy định về giá đất\nTuyên Quang, ngày 04 tháng 12 năm 2024\n"
            "Kính gửi:\n- Sở Tài chính;\n- Sở Kế hoạch và Đầu tư;\n- Cục Thuế tỉnh.\n"
            "Ủy ban nhân dân tỉnh giao Sở Tài chính tổng hợp ý kiến góp ý, báo cáo trước ngày 20/12/2024.\n"
            + RECIPIENTS + "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Hải\n")
    result = extract(text)
    assert result.document.addressees == ("Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Cục Thuế tỉnh")
    assert result.document.type == "Công văn"
    # the addressee list is header, not body: its bodies are not tasks
    assert [t.assignees for t in result.tasks] == [("Sở Tài chính",)]


def test_noi_nhan_entries_without_dash_and_semicolon():
    assert document(notice())["recipients"] == ["Như trên", "Chủ tịch, các PCT UBND tỉnh", "Lưu: VT, KT"]


# --- signer --------------------------------------------------------------------------------

def test_signer_by_order_of_the_chairman():
    assert document(notice())["signer"] == {"name": "Đỗ Thị Lan", "title": "Chánh Văn phòng",
                                            "authority": "TL. Chủ tịch"}


def test_signer_on_behalf_of_the_committee_for_the_chairman():
    doc = document(notice(signature="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Bình\n"))
    assert doc["signer"] == {"name": "Nguyễn Văn Bình", "title": "Phó Chủ tịch",
                             "authority": "TM. Ủy ban nhân dân; KT. Chủ tịch"}


def test_stacked_authority_by_order_and_for_the_chief_of_office():
    doc = document(notice(signature="TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nTrần Thị Mai\n"))
    assert doc["signer"] == {"name": "Trần Thị Mai", "title": "Phó Chánh Văn phòng",
                             "authority": "TL. Chủ tịch; KT. Chánh Văn phòng"}


def test_signer_name_in_capitals_and_a_signed_mark():
    doc = document(notice(signature="CHỦ TỊCH\n(Đã ký)\nLÊ VĂN HẢI\n"))
    assert doc["signer"] == {"name": "Lê Văn Hải", "title": "Chủ tịch", "authority": None}


# --- two-column headers ------------------------------------------------------------------------

def test_two_column_header_flattened_on_one_line():
    text = ("ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\n"
            "Số: 318/TB-UBND Tuyên Quang, ngày 11 tháng 10 năm 2023\n"
            "THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh tại cuộc họp về thu ngân sách\n\n" + BODY + RECIPIENTS
            + "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nĐỗ Thị Lan\n")
    doc = document(text)
    assert (doc["number"], doc["place"], doc["date"]) == ("318/TB-UBND", "Tuyên Quang", "2023-10-11")
    assert doc["issuer"] == "Ủy ban nhân dân tỉnh Tuyên Quang"
    assert doc["type"] == "Thông báo"


def test_two_column_header_as_table_rows():
    text = ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "HUYỆN SƠN DƯƠNG | Độc lập - Tự do - Hạnh phúc\n"
            "Số: 12/KH-UBND | Sơn Dương, ngày 03 tháng 4 năm 2024\n"
            "KẾ HOẠCH\nKiểm tra công tác cải cách hành chính năm 2024\n\n"
            "Thực hiện Kế hoạch số 41/KH-UBND ngày 02/3/2024 của UBND tỉnh, UBND huyện ban hành Kế hoạch như sau:\n"
            "1. Phòng Nội vụ chủ trì xây dựng lịch kiểm tra, hoàn thành trong tháng 4/2024.\n"
            + RECIPIENTS + "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nHoàng Văn Sơn\n")
    doc = document(text)
    assert (doc["number"], doc["place"], doc["date"]) == ("12/KH-UBND", "Sơn Dương", "2024-04-03")
    assert doc["issuer"] == "Ủy ban nhân dân huyện Sơn Dương"
    assert (doc["type"], doc["subject"]) == ("Kế hoạch", "Kiểm tra công tác cải cách hành chính năm 2024")


def test_header_as_one_table_row_with_joined_cell_paragraphs():
    # what the .docx reader gives for a 2×2 header table whose cells hold two paragraphs each
    text = ("ỦY BAN NHÂN DÂN HUYỆN SƠN DƯƠNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
            "Số: 12/KH-UBND | Sơn Dương, ngày 03 tháng 4 năm 2024\n"
            "KẾ HOẠCH\nKiểm tra công tác cải cách hành chính năm 2024\n"
            "1. Phòng Nội vụ chủ trì xây dựng lịch kiểm tra, hoàn thành trong tháng 4/2024.\n")
    doc = document(text)
    assert (doc["number"], doc["date"], doc["type"]) == ("12/KH-UBND", "2024-04-03", "Kế hoạch")
    assert doc["issuer"] == "Ủy ban nhân dân huyện Sơn Dương"


def test_signature_block_as_one_table_row():
    # what the .docx reader gives for the usual 1×2 table: recipients left, signature right
    text = ("ỦY BAN NHÂN DÂN HUYỆN SƠN DƯƠNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
            "Số: 12/KH-UBND | Sơn Dương, ngày 03 tháng 4 năm 2024\n"
            "KẾ HOẠCH\nKiểm tra công tác cải cách hành chính năm 2024\n"
            "1. Phòng Nội vụ chủ trì xây dựng lịch kiểm tra, hoàn thành trong tháng 4/2024.\n"
            "Nơi nhận: - UBND tỉnh (b/c); - Các xã, thị trấn; - Lưu: VT. | KT. CHỦ TỊCH PHÓ CHỦ TỊCH Hoàng Văn Sơn\n")
    doc = document(text)
    assert doc["signer"] == {"name": "Hoàng Văn Sơn", "title": "Phó Chủ tịch", "authority": "KT. Chủ tịch"}
    assert doc["recipients"] == ["UBND tỉnh (b/c)", "Các xã, thị trấn", "Lưu: VT"]


# --- body boundaries ---------------------------------------------------------------------------

def test_header_and_signature_hold_no_tasks_and_the_body_does():
    result = extract(notice())
    text = notice()
    assert [t.assignees for t in result.tasks] == [("Sở Tài chính",)]
    task = result.tasks[0]
    assert text[task.start:task.end].startswith("Sở Tài chính chủ trì rà soát")
    assert task.start > text.index("THÔNG BÁO") and task.end < text.index("Nơi nhận")


def test_subject_stops_at_the_body_after_a_blank_line():
    doc = document(notice())
    assert "Ngày 09/10/2023" not in doc["subject"]


def test_a_portal_s_name_above_a_weekly_digest_is_not_its_title():
    text = ("Cổng thông tin điện tử tỉnh Tuyên Quang\nTrang chủ / Tin tức - Sự kiện / Chỉ đạo, điều hành\n\n"
            "Chỉ đạo, điều hành nổi bật của UBND tỉnh trong tuần (từ ngày 09/10 đến ngày 15/10/2023)\n"
            "Sở Tài chính rà soát các khoản thu, báo cáo UBND tỉnh trước ngày 30/10/2023.\n")
    doc = document(text)
    assert doc["type"] == "Bản tin"
    assert doc["issuer"] == "Ủy ban nhân dân tỉnh Tuyên Quang"


def test_a_city_portal_written_with_capitals_and_a_sentence_starting_with_so_in_its_body():
    """"Cổng Thông tin điện tử Thành phố …" is the site, not the title; "Số ca mắc …" is a sentence,
    not a number line; the city is the province."""
    text = ("Cổng Thông tin điện tử Thành phố Cần Thơ\nTrang chủ > Tin tức > Chỉ đạo, điều hành\n"
            "Chỉ đạo, điều hành nổi bật của UBND Thành phố trong tuần (từ ngày 06/10 đến ngày 12/10/2025)\n"
            "Ngày đăng: 13/10/2025\n"
            "Phòng, chống bệnh tay chân miệng\n"
            "Số ca mắc bệnh tay chân miệng tăng 8% so với tuần trước. Sở Y tế tăng cường giám sát tại trường học.\n"
            "Sở Giáo dục và Đào tạo hướng dẫn các trường vệ sinh lớp học trước ngày 20/10/2025.\n")
    result = extract(text)
    doc = result.to_dict()["document"]
    assert (doc["type"], doc["number"]) == ("Bản tin", None)
    assert doc["issuer"].lower() == "ủy ban nhân dân thành phố cần thơ"
    assert ("Sở Giáo dục và Đào tạo",) in [t.assignees for t in result.tasks]


def test_a_digest_reads_deadlines_from_the_week_it_covers():
    """A digest posted after its week still reports the week's deadlines that have passed since."""
    text = ("Cổng thông tin điện tử tỉnh Tuyên Quang\n"
            "Chỉ đạo, điều hành nổi bật của UBND tỉnh trong tuần (từ ngày 06/10 đến ngày 12/10/2025)\n"
            "Ngày đăng: 14/10/2025\n"
            "Công ty Điện lực Tuyên Quang bảo đảm cấp điện liên tục (từ ngày 08/10 đến hết ngày 10/10/2025).\n")
    tasks = extract(text).tasks
    assert [t.deadline.date if t.deadline else None for t in tasks] == ["2025-10-10"]


def test_a_digest_titled_in_capitals_with_its_dates_is_a_digest_of_the_portal_s_city():
    text = ("Cổng thông tin điện tử thành phố Cần Thơ\nTrang chủ > Chính quyền > Chỉ đạo, điều hành\n"
            "CHỈ ĐẠO, ĐIỀU HÀNH NỔI BẬT CỦA UBND THÀNH PHỐ TỪ NGÀY 06/10 ĐẾN NGÀY 10/10/2025\n"
            "Sở Y tế tăng cường giám sát dịch sốt xuất huyết, báo cáo UBND thành phố trước ngày 20/10/2025.\n")
    doc = document(text)
    assert doc["type"] == "Bản tin" and doc["issuer"].lower() == "ủy ban nhân dân thành phố cần thơ"


def test_a_digest_under_its_posting_line_names_its_province_not_a_leader():
    text = ("CỔNG THÔNG TIN ĐIỆN TỬ TỈNH TUYÊN QUANG\nTrang chủ > Tin tức > Chỉ đạo, điều hành\n"
            "Cập nhật: 14/10/2023 08:15 | Lượt xem: 1.245\n"
            "Chỉ đạo, điều hành nổi bật của UBND tỉnh tuần từ ngày 09/10 đến ngày 13/10/2023\n"
            "Phó Chủ tịch UBND tỉnh Lê Minh Tâm giao Sở Tài chính rà soát nguồn vốn trước ngày 30/10/2023.\n"
            "Sở Y tế tăng cường giám sát dịch bệnh tại tỉnh Tuyên Quang.\n")
    doc = document(text)
    assert doc["type"] == "Bản tin" and doc["issuer"] == "Ủy ban nhân dân tỉnh Tuyên Quang"
