import pytest
from fpdf import FPDF

from chidao.text.readers import ReadError, read_bytes, read_document

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

WIDE_TITLE = ("Triển khai thực hiện các nhiệm vụ trọng tâm về cải cách hành chính và chuyển đổi số "
              "trên địa bàn tỉnh năm 2024")
LEGAL_BASIS = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
SPACED = "Căn cứ Thông báo số 120/TB-VP ngày 17/7/2023 của Văn phòng UBND tỉnh"
INTRO = ("Thực hiện Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại phiên họp thường kỳ tháng 02 năm 2024, "
         "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện các nhiệm vụ trọng tâm về cải cách "
         "hành chính và chuyển đổi số trên địa bàn tỉnh năm 2024 như sau:")
TASK = ("{n}. Giao Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành và Ủy ban nhân dân các huyện, "
        "thành phố rà soát, đơn giản hóa thủ tục hành chính thuộc phạm vi quản lý, báo cáo kết quả "
        "về Ủy ban nhân dân tỉnh trước ngày {n}/8/2024.")
BULLET = "- Sở Thông tin và Truyền thông hướng dẫn các cơ quan triển khai nền tảng số dùng chung"
TABLE = [["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"],
         ["1", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Văn phòng UBND tỉnh", "Quý III/2024"],
         ["2", "Rà soát quy trình nội bộ", "Sở Nội vụ", "Tháng 10/2024"]]


class Plan(FPDF):
    def header(self):
        self.set_font("dv", size=9)
        self.cell(0, 6, "Kế hoạch số 15/KH-UBND ngày 10/3/2024 của UBND tỉnh Lạng Sơn", align="C")
        self.ln(12)

    def footer(self):
        self.set_y(-15)
        self.set_font("dv", size=9)
        self.cell(0, 10, f"- {self.page_no()} -", align="C")


def build_plan(path) -> None:
    pdf = Plan(format="A4")
    pdf.add_font("dv", fname=DEJAVU)
    pdf.add_font("dv", style="B", fname=DEJAVU_BOLD)
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    pdf.set_font("dv", size=12)
    pdf.cell(70, 7, "ỦY BAN NHÂN DÂN", align="C")
    pdf.cell(0, 7, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.cell(0, 7, "KẾ HOẠCH", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(40)
    pdf.multi_cell(135, 7, WIDE_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)
    pdf.multi_cell(0, 7, LEGAL_BASIS, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 7, SPACED, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)  # paragraph spacing: the only sign that SPACED ends a paragraph
    pdf.multi_cell(0, 7, INTRO, align="J", new_x="LMARGIN", new_y="NEXT")
    for n in range(1, 9):
        pdf.multi_cell(0, 7, TASK.format(n=n), align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 7, BULLET, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    with pdf.table(col_widths=(10, 70, 45, 40), text_align="LEFT") as table:
        for data_row in TABLE:
            row = table.row()
            for datum in data_row:
                row.cell(datum)
    pdf.output(str(path))


def test_two_page_plan_is_reflowed(tmp_path):
    path = tmp_path / "ke-hoach.pdf"
    build_plan(path)
    expected = "\n".join([
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "KẾ HOẠCH",
        WIDE_TITLE,
        LEGAL_BASIS,
        SPACED,
        INTRO,
        *[TASK.format(n=n) for n in range(1, 9)],
        BULLET,
        *[" | ".join(row) for row in TABLE],
    ])
    assert read_document(path) == expected


def _one_page(text: str | None = None) -> FPDF:
    pdf = FPDF()
    pdf.add_font("dv", fname=DEJAVU)
    pdf.add_page()
    pdf.set_font("dv", size=12)
    if text:
        pdf.multi_cell(0, 7, text)
    return pdf


def test_scanned_pdf_without_text_layer(tmp_path):
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("L", (200, 280), color=235).save(image)
    pdf = _one_page()
    pdf.image(str(image), x=10, y=10, w=190)
    path = tmp_path / "ban-scan.pdf"
    pdf.output(str(path))
    with pytest.raises(ReadError, match=r"ban-scan\.pdf: PDF quét, không có lớp chữ \(chưa hỗ trợ nhận dạng chữ\)"):
        read_document(path)


def test_encrypted_pdf(tmp_path):
    pdf = _one_page("Tài liệu mật.")
    pdf.set_encryption(owner_password="chu", user_password="mat-khau")
    path = tmp_path / "mat.pdf"
    pdf.output(str(path))
    with pytest.raises(ReadError, match=r"mat\.pdf: the PDF is encrypted"):
        read_document(path)


def test_pdf_with_owner_password_only_is_read(tmp_path):
    pdf = _one_page("Giao Sở Tư pháp thẩm định.")
    pdf.set_encryption(owner_password="chu")
    path = tmp_path / "han-che.pdf"
    pdf.output(str(path))
    assert read_document(path) == "Giao Sở Tư pháp thẩm định."


@pytest.mark.parametrize("cut", [40, 400])
def test_truncated_pdf(tmp_path, cut):
    path = tmp_path / "cut.pdf"
    _one_page("Giao Sở Tư pháp thẩm định.").output(str(path))
    path.write_bytes(path.read_bytes()[:cut])
    with pytest.raises(ReadError, match=r"cut\.pdf: tệp PDF bị hỏng"):
        read_document(path)


def test_pdf_extension_on_html_and_pdf_under_another_name(tmp_path):
    html = tmp_path / "trang.pdf"
    html.write_text("<!DOCTYPE html><html><body><p>Thông báo kết luận</p></body></html>", encoding="utf-8")
    assert read_document(html) == "Thông báo kết luận"
    pdf = tmp_path / "van-ban.txt"
    _one_page("Giao Sở Tư pháp thẩm định.").output(str(pdf))
    assert read_bytes(pdf.read_bytes(), "van-ban.docx") == "Giao Sở Tư pháp thẩm định."
