import pytest

from chidao.text import legacy
from chidao.text.readers import ReadError, read_bytes, read_document

PORTAL = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin</title>
<style>.x {{ color: red }}</style><script>var tracking = "Ủy ban";</script></head>
<body class="has-sidebar">
<a class="skip-link" href="#noi-dung">Nhảy đến nội dung</a>
<a href="#main" class="visually-hidden">Skip to main content</a>
<header><div class="logo">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH LẠNG SƠN</div>
<form role="search"><input name="q"><button>Tìm kiếm</button></form></header>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin">Tin tức</a></li></ul></nav>
<div class="breadcrumb">Trang chủ / Chỉ đạo điều hành</div>
{body}
<aside><h3>Tin liên quan</h3><ul><li>Hội nghị trực tuyến</li></ul></aside>
<footer><p>Bản quyền thuộc Văn phòng UBND tỉnh</p></footer>
<script>document.write("x")</script>
</body></html>"""

MAIN = """<main id="noi-dung"><article>
<h1>Thông báo kết luận của Chủ tịch UBND tỉnh</h1>
<div style="display:none">Nội dung ẩn</div>
<p>Ngày 05/8/2024, đồng chí Chủ tịch UBND tỉnh chủ trì cuộc họp
   về tiến độ giải ngân vốn đầu tư công.<br>Sau khi nghe báo cáo, đồng chí kết luận:</p>
<ol><li>Giao <b>Sở Kế hoạch và Đầu tư</b> tổng hợp, báo cáo trước ngày 15/8/2024.</li>
<li>Giao Sở Tài chính phối hợp thực hiện.</li></ol>
<ul><li>Các sở, ngành khẩn trương triển khai.</li><li>- Đã có dấu gạch đầu dòng.</li></ul>
<table><thead><tr><th>TT</th><th>Nhiệm vụ</th><th>Cơ quan chủ trì</th><th>Thời gian hoàn thành</th></tr></thead>
<tbody><tr><td>1</td><td><p>Rà soát dự án</p><p>chậm giải ngân</p></td><td>Sở Xây dựng</td><td>Tháng 9/2024</td></tr>
<tr><td>2</td><td>Hoàn thiện hồ sơ</td><td><table><tr><td>Chủ trì:</td><td>Sở Nội vụ</td></tr></table></td>
<td>Quý III/2024</td></tr></tbody></table>
<footer>Nguồn: Văn phòng UBND tỉnh</footer>
</article></main>"""

EXPECTED = "\n".join([
    "Thông báo kết luận của Chủ tịch UBND tỉnh",
    "Ngày 05/8/2024, đồng chí Chủ tịch UBND tỉnh chủ trì cuộc họp về tiến độ giải ngân vốn đầu tư công.",
    "Sau khi nghe báo cáo, đồng chí kết luận:",
    "1. Giao Sở Kế hoạch và Đầu tư tổng hợp, báo cáo trước ngày 15/8/2024.",
    "2. Giao Sở Tài chính phối hợp thực hiện.",
    "- Các sở, ngành khẩn trương triển khai.",
    "- Đã có dấu gạch đầu dòng.",
    "TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành",
    "1 | Rà soát dự án chậm giải ngân | Sở Xây dựng | Tháng 9/2024",
    "2 | Hoàn thiện hồ sơ | Chủ trì: Sở Nội vụ | Quý III/2024",
    "Nguồn: Văn phòng UBND tỉnh",
])


def test_main_content_only(tmp_path):
    path = tmp_path / "thong-bao.html"
    path.write_text(PORTAL.format(body=MAIN), encoding="utf-8")
    assert read_document(path) == EXPECTED


def test_without_main_the_densest_block_is_taken_with_its_title(tmp_path):
    body = """<div class="page"><h1>Kế hoạch triển khai chuyển đổi số</h1>
    <div class="box-left"><p>Lịch công tác tuần</p></div>
    <div class="detail"><p>Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai chuyển đổi số năm 2024.</p>
    <p>Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với các sở, ngành triển khai thực hiện.</p></div>
    </div>"""
    path = tmp_path / "ke-hoach.htm"
    path.write_text(PORTAL.format(body=body), encoding="utf-8")
    assert read_document(path) == (
        "Kế hoạch triển khai chuyển đổi số\n"
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai chuyển đổi số năm 2024.\n"
        "Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với các sở, ngành triển khai thực hiện."
    )


def test_fragment_with_html_extension_and_entities():
    data = "<p>Giao S&#7903; N&ocirc;&#803;i v&#7909;</p><p>&nbsp;</p><div>Báo cáo&nbsp;trước 10/8.</div>"
    assert read_bytes(data.encode("ascii", "xmlcharrefreplace"), "doan.html") == "Giao Sở Nội vụ\nBáo cáo trước 10/8."


def test_legacy_encoded_page_is_detected():
    page = "<html><body><p>ỦY BAN NHÂN DÂN TỈNH</p><p>Giao Sở Nội vụ chủ trì thực hiện.</p></body></html>"
    assert read_bytes(legacy.encode(page, "vni"), "cu.html") == "ỦY BAN NHÂN DÂN TỈNH\nGiao Sở Nội vụ chủ trì thực hiện."


def test_declared_charset_is_used():
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>' \
           "<body><p>Đề nghị các sở thực hiện.</p></body></html>"
    assert read_bytes(page.encode("utf-8"), "a.html") == "Đề nghị các sở thực hiện."


def test_page_with_no_text(tmp_path):
    path = tmp_path / "rong.html"
    path.write_text("<html><head><script>var a = 1;</script></head><body><nav>Trang chủ</nav></body></html>")
    with pytest.raises(ReadError, match=r"rong\.html: tệp rỗng \(không có chữ\)"):
        read_document(path)


def test_deeply_nested_markup_is_read():
    # old editors leave thousands of unclosed tags
    page = b"<html><body>" + b"<div><font>" * 3000 + "Giao Sở Nội vụ chủ trì.".encode() + b"</body></html>"
    assert read_bytes(page, "cu.html") == "Giao Sở Nội vụ chủ trì."


def test_preformatted_text_and_table_caption():
    page = ("<html><body><pre>CÔNG ĐIỆN\n  Về việc ứng phó bão số 3\n\nGiao các sở trực ban.</pre>"
            "<table><caption>Phụ lục nhiệm vụ</caption><tr><td>1</td><td>Sở Nội vụ</td></tr></table></body></html>")
    assert read_bytes(page.encode("utf-8"), "cd.html") == (
        "CÔNG ĐIỆN\nVề việc ứng phó bão số 3\nGiao các sở trực ban.\nPhụ lục nhiệm vụ\n1 | Sở Nội vụ")
