import codecs
import random

import pytest

from chidao.text import legacy
from chidao.text.decoding import detect
from chidao.text.readers import ReadError, read_bytes, read_document

DOCUMENT = (
    "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\n"
    "Số: 15/TB-UBND\n"
    "Lạng Sơn, ngày 05 tháng 8 năm 2024\n"
    "THÔNG BÁO\n"
    "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về tiến độ giải ngân vốn đầu tư công\n"
    "Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính tổng hợp, báo cáo trước ngày 15/8/2024.\n"
    "TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành\n"
    "1 | Rà soát các dự án chậm giải ngân | Sở Xây dựng | Tháng 9/2024\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_files(tmp_path, encoding):
    path = tmp_path / f"thong-bao-{encoding}.txt"
    path.write_bytes(DOCUMENT.encode(encoding))
    assert read_document(path) == DOCUMENT


@pytest.mark.parametrize("scheme", legacy.SCHEMES)
def test_legacy_files(tmp_path, scheme):
    path = tmp_path / f"thong-bao-{scheme}.txt"
    path.write_bytes(legacy.encode(DOCUMENT.replace("\n", "\r\n"), scheme))
    assert read_document(path) == DOCUMENT
    assert detect(path.read_bytes())[0] == scheme


def test_windows_1258_with_combining_tone_marks(tmp_path, to_cp1258):
    data = to_cp1258(DOCUMENT)
    assert "\u0301".encode("cp1258") in data  # the tones really are separate marks
    path = tmp_path / "thong-bao-1258.txt"
    path.write_bytes(data)
    assert read_document(path) == DOCUMENT
    assert detect(data)[0] == "windows-1258"


@pytest.mark.parametrize("text", ["Sở Nội vụ", "của", "Ủy ban nhân dân tỉnh", "Đường"])
def test_short_texts_are_detected(text, to_cp1258):
    assert detect(to_cp1258(text)) == ("windows-1258", text)
    assert detect(legacy.encode(text, "vni")) == ("vni", text)
    assert detect(legacy.encode(text, "tcvn3")) == ("tcvn3", text)


def test_decomposed_utf8_becomes_nfc(tmp_path):
    import unicodedata
    path = tmp_path / "nfd.txt"
    path.write_bytes(unicodedata.normalize("NFD", DOCUMENT).encode("utf-8"))
    assert read_document(path) == DOCUMENT


def test_utf8_with_a_stray_byte_is_repaired():
    data = DOCUMENT.encode("utf-8") + b"\xff trong th\xc3\xa1ng 9.\n"
    text = read_bytes(data, "a.txt")
    assert text.startswith(DOCUMENT) and text.endswith("\ufffd trong tháng 9.\n")


def test_unknown_extension_with_text(tmp_path):
    path = tmp_path / "van-ban.dat"
    path.write_bytes(legacy.encode(DOCUMENT, "vni"))
    assert read_document(path) == DOCUMENT


def test_binary_content_is_refused(tmp_path):
    path = tmp_path / "data.txt"
    path.write_bytes(b"\x00\x01\x02\x03binary\x00" * 20)
    with pytest.raises(ReadError, match=r"data\.txt: không phải văn bản"):
        read_document(path)


def test_undecodable_bytes_are_refused(tmp_path):
    rng = random.Random(7)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(4000)))
    with pytest.raises(ReadError, match=r"noise\.txt: không phải văn bản"):
        read_document(path)


def test_broken_utf16_is_refused():
    with pytest.raises(ReadError, match="x.txt: không phải văn bản"):
        read_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", "x.txt")
