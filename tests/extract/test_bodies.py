"""Canonical names of bodies (SCHEMA.md "Canonical names of bodies"), seen where they
matter: as the assignees and coordinators of tasks.

Each case is one directive sentence, written for this file, inside a short conclusion
notice of a province (Tuyên Quang) that is not the registry's home province.
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


def tasks_of(*sentences: str):
    text = HEAD + "".join(s + "\n" for s in sentences) + TAIL
    return extract(text).tasks


def assignees(sentence: str) -> list[tuple[str, ...]]:
    return [t.assignees for t in tasks_of(sentence)]


# --- abbreviations expanded -----------------------------------------------------------------

@pytest.mark.parametrize("sentence, name", [
    ("Giao Sở KH&ĐT chủ trì tổng hợp danh mục dự án khởi công mới.", "Sở Kế hoạch và Đầu tư"),
    ("Giao Sở TN&MT chủ trì thẩm định hồ sơ giao đất.", "Sở Tài nguyên và Môi trường"),
    ("Sở GD&ĐT hướng dẫn các trường tổ chức khai giảng an toàn.", "Sở Giáo dục và Đào tạo"),
    ("Sở LĐ-TB&XH rà soát danh sách hộ nghèo phát sinh.", "Sở Lao động - Thương binh và Xã hội"),
    ("Giao Ban ATGT tỉnh kiểm tra các điểm đen về tai nạn giao thông.", "Ban An toàn giao thông tỉnh"),
    ("BHXH tỉnh đôn đốc các doanh nghiệp nộp tiền bảo hiểm còn nợ.", "Bảo hiểm xã hội tỉnh"),
    ("Giao UBND huyện Sơn Dương hoàn thành giải phóng mặt bằng khu công nghiệp.", "Ủy ban nhân dân huyện Sơn Dương"),
])
def test_abbreviations_are_expanded(sentence, name):
    assert assignees(sentence) == [(name,)]


def test_collective_of_district_committees_is_expanded():
    assert assignees("UBND các huyện, thành phố chỉ đạo các xã tiêm phòng cho đàn gia súc.") == [
        ("Ủy ban nhân dân các huyện, thành phố",)]


# --- roles stand for the bodies they head ---------------------------------------------------------

@pytest.mark.parametrize("sentence, name", [
    ("Giám đốc Sở Tài chính khẩn trương tham mưu phương án bố trí kinh phí.", "Sở Tài chính"),
    ("Giám đốc Công an tỉnh chỉ đạo lực lượng tăng cường tuần tra ban đêm.", "Công an tỉnh"),
    ("Chủ tịch UBND huyện Yên Sơn chịu trách nhiệm trước Chủ tịch UBND tỉnh về tiến độ dự án.",
     "Ủy ban nhân dân huyện Yên Sơn"),
    ("Chủ tịch UBND các huyện, thành phố chịu trách nhiệm kiểm tra việc cấp phép xây dựng.",
     "Ủy ban nhân dân các huyện, thành phố"),
    ("Thủ trưởng các sở, ban, ngành tổ chức quán triệt nội dung Chỉ thị đến cán bộ, công chức.",
     "Các sở, ban, ngành"),
])
def test_role_stands_for_its_body(sentence, name):
    assert assignees(sentence) == [(name,)]


def test_chief_of_office_stands_for_the_office():
    assert assignees("Chánh Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện các nội dung trên.") == [
        ("Văn phòng Ủy ban nhân dân tỉnh",)]


def test_office_named_directly():
    assert assignees("Giao Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện các nội dung trên.") == [
        ("Văn phòng Ủy ban nhân dân tỉnh",)]


# --- collectives ---------------------------------------------------------------------------------

def test_collective_keeps_its_collective_name():
    assert assignees("Các cơ quan, đơn vị liên quan phối hợp chặt chẽ trong quá trình thực hiện.") == [
        ("Các cơ quan, đơn vị liên quan",)]


def test_collective_after_yeu_cau():
    assert assignees("Yêu cầu các sở, ban, ngành rà soát thủ tục hành chính thuộc phạm vi quản lý.") == [
        ("Các sở, ban, ngành",)]


def test_collective_after_de_nghi():
    assert assignees("Đề nghị các sở, ban, ngành rà soát thủ tục hành chính thuộc phạm vi quản lý.") == [
        ("Các sở, ban, ngành",)]


# --- distributed localities -------------------------------------------------------------------------

def test_district_committees_listed_after_a_colon_are_distributed():
    assert assignees("Yêu cầu UBND các huyện: Sơn Dương, Yên Sơn và Hàm Yên khẩn trương hoàn thành chi trả "
                     "tiền bồi thường.") == [
        ("Ủy ban nhân dân huyện Sơn Dương", "Ủy ban nhân dân huyện Yên Sơn", "Ủy ban nhân dân huyện Hàm Yên")]


def test_two_departments_one_with_va_in_its_name():
    assert assignees("Sở Giáo dục và Đào tạo, Sở Y tế tổ chức kiểm tra an toàn thực phẩm tại trường học.") == [
        ("Sở Giáo dục và Đào tạo", "Sở Y tế")]


# --- persons are not bodies ------------------------------------------------------------------------------

def test_leader_giving_the_direction_is_not_an_assignee():
    assert assignees("Đồng chí Nguyễn Văn An, Phó Chủ tịch UBND tỉnh yêu cầu Sở Y tế chủ trì kiểm tra an toàn "
                     "thực phẩm dịp Tết Trung thu.") == [("Sở Y tế",)]


def test_a_person_reporting_is_no_task():
    assert assignees("Ông Trần Văn Bình, Giám đốc Sở Tài chính cho biết nguồn thu còn nhiều khó khăn.") == []


def test_no_assignee_is_a_person():
    found = tasks_of("Đồng chí Hoàng Thị Thu, Phó Chủ tịch UBND tỉnh giao Sở Xây dựng chủ trì, phối hợp với "
                     "đồng chí Lý Văn Tài, Giám đốc Sở Giao thông vận tải kiểm tra hiện trường.")
    names = [n for t in found for n in t.assignees + t.coordinators]
    assert names and not any(p in n for n in names for p in ("Hoàng Thị Thu", "Lý Văn Tài", "Đồng chí", "đồng chí"))
    assert found[0].assignees == ("Sở Xây dựng",)


# --- localities ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, name", [
    ("Công an huyện Sơn Dương tăng cường tuần tra trên các tuyến đường liên xã.", "Công an huyện Sơn Dương"),
    ("Ủy ban nhân dân xã Minh Thanh rà soát các hộ chưa đồng thuận.", "Ủy ban nhân dân xã Minh Thanh"),
    ("Phòng Tài nguyên và Môi trường huyện Sơn Dương cập nhật biến động đất đai.",
     "Phòng Tài nguyên và Môi trường huyện Sơn Dương"),
    ("Đài Khí tượng Thủy văn Tuyên Quang cung cấp kịp thời thông tin dự báo mưa lũ.",
     "Đài Khí tượng Thủy văn Tuyên Quang"),
])
def test_local_bodies_keep_level_and_place(sentence, name):
    assert assignees(sentence) == [(name,)]


def test_province_suffix_of_a_provincial_body_is_left_off():
    assert assignees("Sở Xây dựng tỉnh Tuyên Quang hoàn thiện dự thảo quy định, trình UBND tỉnh.") == [
        ("Sở Xây dựng",)]


@pytest.mark.parametrize("sentence, name", [
    ("Các cấp, các ngành của huyện Sơn Dương tập trung chỉ đạo thu hoạch lúa vụ mùa.",
     "Ủy ban nhân dân huyện Sơn Dương"),
    ("Yêu cầu các cấp ủy, chính quyền huyện Hàm Yên quan tâm lãnh đạo công tác chuyển đổi số.",
     "Ủy ban nhân dân huyện Hàm Yên"),
    ("Cả hệ thống chính trị huyện Yên Sơn tập trung vận động nhân dân hiến đất làm đường.",
     "Ủy ban nhân dân huyện Yên Sơn"),
])
def test_locality_apparatus_stands_for_its_committee(sentence, name):
    assert assignees(sentence) == [(name,)]


def test_locality_apparatus_at_sentence_start():
    assert assignees("Hệ thống chính trị huyện Yên Sơn tập trung vận động nhân dân hiến đất làm đường.") == [
        ("Ủy ban nhân dân huyện Yên Sơn",)]


def test_fused_abbreviations_open_a_name_that_goes_on_in_words():
    from chidao.extract.bodies import Context, find_mentions
    text = "BQLDA đầu tư xây dựng các công trình giao thông tỉnh phối hợp với Công ty TNHH MTV KTCTTL Xuân Thủy"
    names = [n for m in find_mentions(text, 0, len(text), Context(province="Kon Tum")) for n in m.names]
    assert names[0] == "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh"
    assert "Khai thác công trình thủy lợi Xuân Thủy" in names[1]


def test_a_role_over_two_lists_of_places_of_different_levels():
    from chidao.extract.bodies import Context, find_mentions
    text = "Chủ tịch UBND các huyện: Kiên Lương, Hòn Đất và các thành phố: Rạch Giá, Hà Tiên chịu trách nhiệm"
    names = [n for m in find_mentions(text, 0, len(text), Context(province="Kiên Giang")) for n in m.names]
    assert names == ["Ủy ban nhân dân huyện Kiên Lương", "Ủy ban nhân dân huyện Hòn Đất",
                     "Ủy ban nhân dân thành phố Rạch Giá", "Ủy ban nhân dân thành phố Hà Tiên"]


def test_where_a_collective_of_localities_lies_is_part_of_its_name():
    from chidao.extract.bodies import Context, find_mentions
    text = "Chủ tịch UBND các xã, phường ven sông Hậu, sông Cần Thơ và ven biển kiểm tra, gia cố bờ bao."
    names = [n for m in find_mentions(text, 0, len(text), Context(province="Cần Thơ")) for n in m.names]
    assert names == ["Ủy ban nhân dân các xã, phường ven sông Hậu, sông Cần Thơ và ven biển"]


def test_each_cac_opens_a_collective_of_its_own():
    from chidao.extract.bodies import Context, find_mentions
    text = "Các Ban quản lý rừng phòng hộ, các công ty lâm nghiệp và các chủ rừng khác tổ chức tuần tra."
    names = [n for m in find_mentions(text, 0, len(text), Context(province="Đắk Lắk")) for n in m.names]
    assert names == ["Các Ban quản lý rừng phòng hộ", "Các công ty lâm nghiệp", "Các chủ rừng khác"]


def test_programme_owners_are_a_collective_by_their_role():
    from chidao.extract.bodies import Context, find_mentions
    text = "Các cơ quan chủ chương trình, chủ dự án thành phần và UBND các huyện, thành phố nghiêm túc rà soát."
    names = [n for m in find_mentions(text, 0, len(text), Context(province="Hà Giang")) for n in m.names]
    assert names == ["Các cơ quan chủ chương trình, chủ dự án thành phần", "Ủy ban nhân dân các huyện, thành phố"]


def test_a_name_ends_after_the_province_it_names():
    assert assignees("Báo và Phát thanh, Truyền hình Tuyên Quang tăng thời lượng đưa tin về mùa mưa bão.") == [
        ("Báo và Phát thanh, Truyền hình Tuyên Quang",)]


def test_the_social_insurance_keeps_its_whole_name_before_its_level():
    assert assignees("Đề nghị Bảo hiểm xã hội tỉnh phối hợp với Sở Y tế rà soát người tham gia bảo hiểm y tế.") == [
        ("Bảo hiểm xã hội tỉnh",)]


def test_a_commitment_verb_ends_a_project_board_s_name():
    assert assignees("Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng tỉnh cam kết hoàn thành "
                     "hồ sơ quyết toán trước ngày 30/11/2023.") == [
        ("Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng tỉnh",)]


def test_a_party_committee_s_board_ends_before_its_verb():
    assert assignees("Đề nghị Ban Tuyên giáo Tỉnh ủy định hướng công tác tuyên truyền về mùa bão.") == [
        ("Ban Tuyên giáo Tỉnh ủy",)]


def test_emulation_and_commendation_is_one_field_of_a_name():
    assert assignees("Phòng Truyền thông và Thi đua, khen thưởng phối hợp với Báo Tuyên Quang xây dựng chuyên mục "
                     "tuyên truyền.") == [("Phòng Truyền thông và Thi đua, khen thưởng",)]


def test_a_word_ending_like_a_title_does_not_hide_the_body_on_the_next_line():
    """"… giao thông" ends in "ông" (Mr): the department that opens the next line is still read."""
    [first, second] = tasks_of("Sở Xây dựng rà soát các công trình giao thông",
                               "Sở Giao thông vận tải kiểm tra cầu yếu trước ngày 30/9/2023.")
    assert (first.assignees, second.assignees) == (("Sở Xây dựng",), ("Sở Giao thông vận tải",))
