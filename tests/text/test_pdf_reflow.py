import pytest

from chidao.text.pdf_layout import Line, drop_furniture, is_page_number, paragraphs

LEFT, RIGHT, PITCH = 70.0, 530.0, 18.0


def line(text, row, page=0, x0=LEFT, x1=RIGHT, **flags):
    top = 80 + row * PITCH
    return Line(text, page, x0, x1, top, top + 12, **flags)


def centred(text, row, width, page=0):
    middle = (LEFT + RIGHT) / 2
    return line(text, row, page, middle - width / 2, middle + width / 2)


@pytest.mark.parametrize("text", ["12", "- 2 -", "– 3 –", "Trang 4", "trang 5/12", "Page 6 of 9", "7/10"])
def test_page_numbers(text):
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["2024.", "Điều 2", "15/KH-UBND", "1. Giao Sở Nội vụ"])
def test_not_page_numbers(text):
    assert not is_page_number(text)


def test_running_header_and_footer_dropped_only_when_repeated():
    pages = [
        [line("Kế hoạch số 15/KH-UBND", 0, p), line(body, 2, p), line(f"Trang {p + 1}", 40, p)]
        for p, body in enumerate(["Mở đầu.", "Thân bài.", "Kết luận."])
    ]
    kept = drop_furniture(pages)
    assert [[kept_line.text for kept_line in page] for page in kept] == [["Mở đầu."], ["Thân bài."], ["Kết luận."]]


def test_repeated_table_header_row_is_kept():
    pages = [[line("TT | Nhiệm vụ", 0, p, table=True), line(f"{p + 1} | Việc {p}", 1, p, table=True)]
             for p in range(2)]
    assert paragraphs(pages) == ["TT | Nhiệm vụ", "1 | Việc 0", "TT | Nhiệm vụ", "2 | Việc 1"]


def test_single_page_header_is_not_taken_for_furniture():
    pages = [[line("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", 0, x0=80, x1=300), line("Nội dung.", 2)]]
    assert paragraphs(pages) == ["ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "Nội dung."]


def test_joins_wrapped_lines_and_breaks_at_items_and_sentence_ends():
    lines = [
        line("Ủy ban nhân dân tỉnh giao các sở, ban, ngành", 0),
        line("triển khai các nội dung sau:", 1, x1=300),
        line("a) Sở Tài chính bố trí kinh phí thực hiện, bảo đảm", 2),
        line("đúng quy định", 3, x1=200),
        line("+ Sở Nội vụ theo dõi, đôn đốc việc thực hiện kế hoạch", 4),
        line("này; báo cáo định kỳ hằng quý", 5),
        line("Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám", 6),
        line("đốc các sở và các cơ quan liên quan chịu trách nhiệm", 7),
        line("thi hành Quyết định này./.", 8, x1=250),
    ]
    assert paragraphs([lines]) == [
        "Ủy ban nhân dân tỉnh giao các sở, ban, ngành triển khai các nội dung sau:",
        "a) Sở Tài chính bố trí kinh phí thực hiện, bảo đảm đúng quy định",
        "+ Sở Nội vụ theo dõi, đôn đốc việc thực hiện kế hoạch này; báo cáo định kỳ hằng quý",
        "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở và các cơ quan liên quan chịu "
        "trách nhiệm thi hành Quyết định này./.",
    ]


def test_paragraph_carries_over_a_page_break():
    pages = [
        [line("Sở Kế hoạch và Đầu tư tổng hợp, báo cáo Ủy ban nhân dân", 38, 0)],
        [line("tỉnh trước ngày 15/8/2024.", 0, 1, x1=250)],
    ]
    assert paragraphs(pages) == ["Sở Kế hoạch và Đầu tư tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/8/2024."]


def test_titles_stand_alone_but_a_wrapped_centred_title_is_joined():
    lines = [
        centred("QUYẾT ĐỊNH", 0, 90),
        centred("Về việc ban hành Quy chế phối hợp trong công tác quản lý", 1, 380),
        centred("nhà nước về biên giới", 2, 160),
        centred("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", 3, 250),
        line("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi,", 4),
        line("bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa", 5),
        line("phương ngày 22 tháng 11 năm 2019;", 6, x1=300),
    ]
    assert paragraphs([lines]) == [
        "QUYẾT ĐỊNH",
        "Về việc ban hành Quy chế phối hợp trong công tác quản lý nhà nước về biên giới",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số "
        "điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
    ]


def test_columns_line_is_never_joined():
    lines = [line("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0, fixed=True),
             line("TỈNH LẠNG SƠN | Độc lập - Tự do - Hạnh phúc", 1, fixed=True)]
    assert paragraphs([lines]) == [each.text for each in lines]


def test_empty_document():
    assert paragraphs([[], []]) == []


def test_colon_or_semicolon_then_a_small_letter_carries_on():
    lines = [
        line("Bên cạnh kết quả đạt được, ngành giáo dục vẫn còn những khó khăn:", 0),
        line("thiếu giáo viên tiếng Anh; nhiều phòng học xuống cấp; thiết bị dạy học còn thiếu;", 1),
        line("hạ tầng mạng chưa đáp ứng.", 2, x1=300),
        line("Sở Giáo dục và Đào tạo thực hiện các nhiệm vụ sau:", 3),
        line("Rà soát đội ngũ giáo viên.", 4, x1=300),
    ]
    assert paragraphs([lines]) == [
        "Bên cạnh kết quả đạt được, ngành giáo dục vẫn còn những khó khăn: thiếu giáo viên tiếng Anh; nhiều "
        "phòng học xuống cấp; thiết bị dạy học còn thiếu; hạ tầng mạng chưa đáp ứng.",
        "Sở Giáo dục và Đào tạo thực hiện các nhiệm vụ sau:",
        "Rà soát đội ngũ giáo viên.",
    ]


def test_wide_centred_title_with_small_insets_is_joined():
    lines = [
        line("THÔNG BÁO", 0, x0=260, x1=340),
        line("Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với Sở Giáo dục và", 1, x0=LEFT + 12, x1=RIGHT - 12),
        line("Đào tạo về công tác chuẩn bị năm học 2021 - 2022", 2, x0=140, x1=460),
        line("Ngày 11/8/2021, Chủ tịch UBND tỉnh chủ trì buổi làm việc với Sở Giáo dục và Đào tạo về", 3),
        line("kết quả năm học 2020 - 2021.", 4, x1=250),
    ]
    assert paragraphs([lines]) == [
        "THÔNG BÁO",
        "Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với Sở Giáo dục và Đào tạo về công tác chuẩn bị "
        "năm học 2021 - 2022",
        "Ngày 11/8/2021, Chủ tịch UBND tỉnh chủ trì buổi làm việc với Sở Giáo dục và Đào tạo về kết quả năm "
        "học 2020 - 2021.",
    ]
