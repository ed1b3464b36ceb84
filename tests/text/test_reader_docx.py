import io
import zipfile

import docx
import pytest
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from chidao.text.readers import ReadError, read_bytes, read_document

FOOTNOTES = (
    f'<w:footnotes {nsdecls("w")}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
    '<w:r><w:t xml:space="preserve"> Quyết định số 12/QĐ-UBND ngày 05/01/2024 của UBND tỉnh.</w:t></w:r></w:p></w:footnote>'
    '</w:footnotes>'
)


def _footnote_reference(paragraph) -> None:
    run = paragraph.add_run()
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), "1")
    run._r.append(ref)


def _tracked_changes(paragraph) -> None:
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="7" w:author="A" w:date="2024-01-01T00:00:00Z">'
        '<w:r><w:delText> chậm nhất</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="8" w:author="A" w:date="2024-01-01T00:00:00Z">'
        '<w:r><w:t xml:space="preserve"> trước ngày 30/6/2024.</w:t></w:r></w:ins>'))


def build_plan(path, footnotes: bool = True) -> None:
    """A plan with a header table, paragraphs and a task table, as offices write them."""
    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    left, right = header.rows[0].cells
    left.paragraphs[0].text = "ỦY BAN NHÂN DÂN"
    left.add_paragraph("TỈNH LẠNG SƠN")
    right.paragraphs[0].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    header.rows[1].cells[0].text = "Số: 15/KH-UBND"
    header.rows[1].cells[1].text = "Lạng Sơn, ngày 10 tháng 3 năm 2024"
    document.add_paragraph("")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Triển khai   nhiệm vụ\ttrọng tâm năm 2024")
    intro = document.add_paragraph("Căn cứ Quyết định số 12/QĐ-UBND")
    _footnote_reference(intro)
    intro.add_run(" của UBND tỉnh, ").bold = True
    intro.add_run("UBND tỉnh ban hành Kế hoạch như sau:")
    document.add_paragraph("   ")
    breaks = document.add_paragraph("I. MỤC ĐÍCH")
    breaks.add_run().add_break()
    breaks.add_run("II. YÊU CẦU")
    tasks = document.add_table(rows=5, cols=4)
    for cell, text in zip(tasks.rows[0].cells, ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]):
        cell.text = text
    merged = tasks.cell(1, 0).merge(tasks.cell(1, 3))
    merged.text = "A. NHIỆM VỤ TRỌNG TÂM"
    row = tasks.rows[2].cells
    row[0].text = "1"
    row[1].text = "Xây dựng đề án phát triển kinh tế cửa khẩu"
    row[1].add_paragraph("trình UBND tỉnh")
    row[2].text = "Sở Công Thương"
    _tracked_changes(row[3].paragraphs[0])
    row = tasks.rows[3].cells
    row[0].text = "2"
    row[1].text = "Rà soát quy hoạch"
    inner = row[2].add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Chủ trì:", "Sở Xây dựng"
    inner.cell(1, 0).text, inner.cell(1, 1).text = "Phối hợp:", "UBND các huyện"
    row[3].text = "Quý III/2024"
    document.add_paragraph("Nơi nhận:")
    document.save(path)
    if footnotes:
        _add_part(path, "word/footnotes.xml", FOOTNOTES.encode("utf-8"))


def _add_part(path, name: str, data: bytes) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)


EXPECTED = "\n".join([
    "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
    "Số: 15/KH-UBND | Lạng Sơn, ngày 10 tháng 3 năm 2024",
    "KẾ HOẠCH",
    "Triển khai nhiệm vụ trọng tâm năm 2024",
    "Căn cứ Quyết định số 12/QĐ-UBND của UBND tỉnh, UBND tỉnh ban hành Kế hoạch như sau:",
    "I. MỤC ĐÍCH",
    "II. YÊU CẦU",
    "TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành",
    "A. NHIỆM VỤ TRỌNG TÂM",
    "1 | Xây dựng đề án phát triển kinh tế cửa khẩu trình UBND tỉnh | Sở Công Thương | trước ngày 30/6/2024.",
    "2 | Rà soát quy hoạch | Chủ trì: Sở Xây dựng Phối hợp: UBND các huyện | Quý III/2024",
    "Nơi nhận:",
    "Quyết định số 12/QĐ-UBND ngày 05/01/2024 của UBND tỉnh.",
])


def test_paragraphs_tables_and_footnotes_in_order(tmp_path):
    path = tmp_path / "ke-hoach.docx"
    build_plan(path)
    assert read_document(path) == EXPECTED


def test_without_footnotes_part(tmp_path):
    path = tmp_path / "ke-hoach.docx"
    build_plan(path, footnotes=False)
    assert read_document(path) == EXPECTED.rsplit("\n", 1)[0]


def test_text_boxes_are_read_once(tmp_path):
    path = tmp_path / "hop.docx"
    document = docx.Document()
    paragraph = document.add_paragraph("Trước hộp.")
    box = (
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        f'{nsdecls("w")}><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Trong hộp.</w:t>'
        '</w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r>'
        '<w:t>Trong hộp.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent>'
    )
    run = paragraph.add_run()
    run._r.append(parse_xml(box))
    document.save(path)
    assert read_document(path) == "Trước hộp.\nTrong hộp."


def test_truncated_docx(tmp_path):
    path = tmp_path / "hong.docx"
    build_plan(path)
    path.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(ReadError, match=r"hong\.docx: tệp Word bị hỏng"):
        read_document(path)


def test_docx_with_broken_xml(tmp_path):
    path = tmp_path / "loi-xml.docx"
    build_plan(path, footnotes=False)
    _add_part(path, "word/document.xml", b"<w:document><w:body><w:p>")
    with pytest.raises(ReadError, match=r"loi-xml\.docx: tệp Word bị hỏng hoặc không đọc được"):
        read_document(path)


def test_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "bom.docx"
    build_plan(path, footnotes=False)
    _add_part(path, "word/media/padding.bin", bytes(30 * 1024 * 1024))
    with pytest.raises(ReadError, match=r"bom\.docx: từ chối: .*bom nén"):
        read_document(path)


def test_zip_that_is_not_a_word_file(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ReadError, match=r"bang\.docx: không phải loại văn bản được hỗ trợ: .*bảng tính Excel"):
        read_bytes(buffer.getvalue(), "bang.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "Giao Sở Nội vụ")
    with pytest.raises(ReadError, match=r"goi\.docx: không phải loại văn bản được hỗ trợ: .*tệp nén ZIP"):
        read_bytes(buffer.getvalue(), "goi.docx")


def test_docx_extension_on_plain_text(tmp_path):
    path = tmp_path / "that-ra-la-txt.docx"
    path.write_text("Giao Sở Nội vụ chủ trì.\nBáo cáo trước ngày 10/8/2024.\n", encoding="utf-8")
    assert read_document(path) == "Giao Sở Nội vụ chủ trì.\nBáo cáo trước ngày 10/8/2024.\n"


def test_txt_extension_on_a_docx(tmp_path):
    path = tmp_path / "ke-hoach.txt"
    build_plan(path)
    assert read_document(path) == EXPECTED


def _list_definition(abstract_id: int, levels: list[tuple[str, str]], start: int = 1) -> str:
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels))
    return f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'


def _numbered(paragraph, num_id: int, level: int = 0) -> None:
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def test_automatic_list_numbers_are_written(tmp_path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(_list_definition(
        90, [("upperRoman", "%1."), ("decimal", "%2."), ("decimal", "%2.%3."), ("lowerLetter", "%4)"),
             ("bullet", "\uf0b7")])))
    numbering.append(parse_xml(_list_definition(91, [("decimal", "%1")])))
    for num_id, abstract_id in ((90, 90), (91, 91)):
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    outline = [("MỤC ĐÍCH, YÊU CẦU", 0), ("Mục đích", 1), ("Yêu cầu", 1), ("Cụ thể", 2), ("Sở Nội vụ chủ trì", 3),
               ("Sở Tài chính bảo đảm kinh phí", 3), ("kịp thời", 4), ("NHIỆM VỤ", 0), ("Nhiệm vụ chung", 1)]
    for text, level in outline:
        _numbered(document.add_paragraph(text), 90, level)
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "TT", "Nhiệm vụ"
    for row, task in ((1, "Rà soát thủ tục"), (2, "Số hóa hồ sơ")):
        _numbered(table.cell(row, 0).paragraphs[0], 91)
        table.cell(row, 1).text = task
    path = tmp_path / "danh-so.docx"
    document.save(path)
    assert read_document(path) == "\n".join([
        "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu", "2.1. Cụ thể", "a) Sở Nội vụ chủ trì",
        "b) Sở Tài chính bảo đảm kinh phí", "- kịp thời", "II. NHIỆM VỤ", "1. Nhiệm vụ chung",
        "TT | Nhiệm vụ", "1 | Rà soát thủ tục", "2 | Số hóa hồ sơ",
    ])
