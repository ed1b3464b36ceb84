import io
import pickle
import zipfile

import pytest

from chidao.text.errors import ReadError
from chidao.text.readers import read_bytes, read_document


def test_read_error_is_one_line_with_the_file_first():
    error = ReadError("hồ sơ/thong-bao.pdf", "damaged PDF\n(xref table missing)")
    assert str(error) == "hồ sơ/thong-bao.pdf: damaged PDF (xref table missing)"
    assert (error.file, error.problem) == ("hồ sơ/thong-bao.pdf", "damaged PDF (xref table missing)")
    assert str(pickle.loads(pickle.dumps(error))) == str(error)


def test_too_large(tmp_path):
    path = tmp_path / "lon.txt"
    path.write_text("Giao Sở Nội vụ chủ trì.\n" * 100, encoding="utf-8")
    with pytest.raises(ReadError, match=r"lon\.txt: tệp quá lớn"):
        read_document(path, max_bytes=1000)
    with pytest.raises(ReadError, match=r"lon\.txt: tệp quá lớn"):
        read_bytes(path.read_bytes(), "lon.txt", max_bytes=1000)
    assert read_document(path, max_bytes=10_000).startswith("Giao Sở Nội vụ chủ trì.\n")


@pytest.mark.parametrize("content", [b"", b"  \r\n\t\n"])
def test_empty(tmp_path, content):
    path = tmp_path / "trong.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=r"trong\.txt: tệp rỗng"):
        read_document(path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ReadError, match=r"khong-co\.docx: không tìm thấy tệp"):
        read_document(tmp_path / "khong-co.docx")
    folder = tmp_path / "thu-muc"
    folder.mkdir()
    with pytest.raises(ReadError, match=r"thu-muc: là thư mục"):
        read_document(folder)


def _zip(**parts: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name.replace("__", "/"), content)
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "what"), [
    (b"\x89PNG\r\n\x1a\n" + bytes(64), "ảnh PNG"),
    (b"\xff\xd8\xff\xe0" + bytes(64), "ảnh JPEG"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), r"tệp Word 97-2003 \(.doc\)"),
    (b"{\\rtf1\\ansi Giao S\\'f4", "văn bản RTF"),
    (_zip(mimetype="application/vnd.oasis.opendocument.text", content__xml="<x/>"), "văn bản OpenDocument"),
    (_zip(ppt__presentation__xml="<x/>"), "bản trình chiếu PowerPoint"),
])
def test_unsupported_kinds_are_named(data, what):
    with pytest.raises(ReadError, match=rf"^van-ban\.docx: không phải loại văn bản được hỗ trợ: nội dung là {what}"):
        read_bytes(data, "van-ban.docx")


def test_damaged_zip_under_any_name():
    with pytest.raises(ReadError, match=r"^tai-lieu\.txt: tệp Word bị hỏng"):
        read_bytes(b"PK\x03\x04" + b"\x14\x00" * 40, "tai-lieu.txt")


def test_errors_are_only_read_errors():
    for data in (b"%PDF-1.7\n" + bytes(range(256)) * 4, b"PK\x05\x06" + bytes(18), b"<html><body>" + b"<div>" * 5000):
        try:
            read_bytes(data, "x.bin")
        except ReadError as error:
            assert str(error).startswith("x.bin: ") and "\n" not in str(error)
