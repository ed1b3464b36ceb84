import pytest

from chidao.text import legacy

# Sentences with Đ/đ, ư, ơ, the five tones and capital lines. TCVN3 cannot write a capital
# toned vowel: the decoder restores it inside capital words and lines and where a line or
# sentence starts, so these sentences have capital toned vowels only there.
SENTENCES = [
    "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "QUYẾT ĐỊNH VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH ĐẦU TƯ CÔNG NĂM 2025",
    "Giao Sở Tài nguyên và Môi trường chủ trì, phối hợp với UBND các huyện rà soát quỹ đất, "
    "báo cáo trước ngày 20 tháng 9 năm 2024.",
    "Đề nghị Sở Y tế khẩn trương triển khai; những nội dung vượt thẩm quyền, kịp thời tổng hợp, đề xuất.",
    "Lạng Sơn, ngày 05 tháng 8 năm 2023",
    "Nơi nhận: - Như Điều 3; - Thường trực Tỉnh ủy; - Lưu: VT, KT.",
    "Ủy ban nhân dân tỉnh giao các sở thực hiện. Ảnh hưởng lớn! Ở đâu?",
    "- Ủy quyền cho Sở Tư pháp;",
    "thuở ấy, lũy tre, ngoẵng, khuỷu, hoặc, quyết, nguyễn, giữ gìn, ưỡn ngực, ỉ ôi, ỹ, ỵ",
]


@pytest.mark.parametrize("scheme", legacy.SCHEMES)
@pytest.mark.parametrize("sentence", SENTENCES)
def test_round_trip(scheme, sentence):
    data = legacy.encode(sentence, scheme)
    assert max(data) > 0x7F
    assert legacy.decode(data, scheme) == sentence


@pytest.mark.parametrize("scheme", legacy.SCHEMES)
def test_every_letter_round_trips(scheme):
    letters = "x àảãáạăằẳẵắặâầẩẫấậèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵđ"
    assert legacy.decode(legacy.encode(letters, scheme), scheme) == letters
    if scheme == "vni":  # VNI has every capital
        assert legacy.decode(legacy.encode(letters.upper(), scheme), scheme) == letters.upper()


def test_tcvn3_bytes_as_seen_in_old_files():
    # TCVN3 text shown in a Western font: the familiar "Céng hoµ x· héi chñ nghÜa ViÖt Nam".
    seen = "Céng hoµ x· héi chñ nghÜa ViÖt Nam §éc lËp - Tù do - H¹nh phóc".encode("cp1252")
    assert legacy.decode(seen, "tcvn3") == "Cộng hoà xã hội chủ nghĩa Việt Nam Độc lập - Tự do - Hạnh phúc"
    soft_hyphen_is_u_horn = "Tr­êng, n­íc, ®­îc".encode("cp1252")
    assert legacy.decode(soft_hyphen_is_u_horn, "tcvn3") == "Trường, nước, được"


def test_vni_bytes_as_seen_in_old_files():
    seen = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam - Ñoäc laäp - Töï do - Haïnh phuùc".encode("cp1252")
    assert legacy.decode(seen, "vni") == "Cộng hòa xã hội chủ nghĩa Việt Nam - Độc lập - Tự do - Hạnh phúc"
    assert legacy.decode("UÛY BAN NHAÂN DAÂN TÆNH".encode("cp1252"), "vni") == "ỦY BAN NHÂN DÂN TỈNH"
    # a capital base with a small mark, as some converters write
    assert legacy.decode("UÛy ban".encode("cp1252"), "vni") == legacy.decode("Uûy ban".encode("cp1252"), "vni") == "Ủy ban"


def test_tcvn3_capitals_restored_only_in_capital_words_and_lines():
    assert legacy.decode("QUYÕT §ÞNH".encode("cp1252"), "tcvn3") == "QUYẾT ĐỊNH"
    assert legacy.decode("§Ò nghÞ".encode("cp1252"), "tcvn3") == "Đề nghị"
    assert legacy.decode("§Ò ¸N".encode("cp1252"), "tcvn3") == "ĐỀ ÁN"
    assert legacy.decode("§Ò".encode("cp1252"), "tcvn3") == "Đề"
    assert legacy.decode("ViÖt Nam".encode("cp1252"), "tcvn3") == "Việt Nam"


def test_tcvn3_capital_restored_where_a_line_or_sentence_starts():
    text = legacy.decode("ñy ban. ¶nh h­ëng\n1. ñy quyÒn\nc¸c ñy ban".encode("cp1252"), "tcvn3")
    assert text == "Ủy ban. Ảnh hưởng\n1. Ủy quyền\ncác ủy ban"


def test_decode_keeps_windows_1252_punctuation():
    assert legacy.decode(b"\x93Ch\xd8 th\xde\x94 \x96 \x85", "tcvn3") == "“Chỉ thị” – …"
    assert legacy.decode(b"\x93Ch\xe6 th\xf2\x94", "vni") == "“Chỉ thị”"


@pytest.mark.parametrize("scheme", legacy.SCHEMES)
def test_encode_refuses_what_the_scheme_cannot_write(scheme):
    with pytest.raises(ValueError):
        legacy.encode("Hà Nội 北京", scheme)


def test_unknown_scheme():
    with pytest.raises(ValueError):
        legacy.encode("a", "viqr")


def test_tcvn3_capital_line_with_dot_below_and_circumflex():
    assert legacy.decode(legacy.encode("KẾT LUẬN ĐỀ ÁN", "tcvn3"), "tcvn3") == "KẾT LUẬN ĐỀ ÁN"
    assert legacy.decode(legacy.encode("VỀ VIỆC SỞ", "tcvn3"), "tcvn3") == "VỀ VIỆC SỞ"
    assert legacy.decode(legacy.encode("Số: 12/QĐ-UBND", "tcvn3"), "tcvn3") == "Số: 12/QĐ-UBND"
