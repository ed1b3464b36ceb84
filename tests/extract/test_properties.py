"""Properties of the extractor on any input (hypothesis): it never raises, every span lies
inside the text, the output is deterministic and has the schema's shape."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chidao.extract.pipeline import extract

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Pieces of Vietnamese administrative documents, written for this file, to be recombined.
FRAGMENTS = [
    "ỦY BAN NHÂN DÂN", "TỈNH TUYÊN QUANG", "UBND TỈNH YÊN BÁI", "SỞ XÂY DỰNG", "HUYỆN SƠN DƯƠNG",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    "Số: 318/TB-UBND", "Số:      /KH-UBND", "Số: 12 /UBND-KT", "Số 46-NQ/TU",
    "Tuyên Quang, ngày 11 tháng 10 năm 2023", "Yên Bái, ngày    tháng 11 năm 2024", "ngày … tháng … năm 2024",
    "THÔNG BÁO", "KẾ HOẠCH", "QUYẾT ĐỊNH", "QUYẾT ĐỊNH:", "CÔNG ĐIỆN", "DỰ THẢO",
    "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban", "V/v tăng cường quản lý trật tự xây dựng",
    "Kính gửi:", "- Sở Tài chính;", "- UBND các huyện, thành phố.", "Kính gửi: Sở Y tế.",
    "Căn cứ Luật Đầu tư số 61/2020/QH14;", "Căn cứ Nghị định số 24/2023/NĐ-CP ngày 14/5/2023 của Chính phủ;",
    "Thực hiện các Quyết định số 1041/QĐ-UBND và số 1554/QĐ-UBND,", "Công văn số 3485 /VP-KT ngày 14 tháng 5 năm 2023",
    "Nghị quyết số 46-NQ/TU ngày 01-10-2022", "Luật số 88/2019/QH14",
    "Ngày 08/9/2023, Chủ tịch UBND tỉnh chủ trì cuộc họp.", "Chủ tịch UBND tỉnh kết luận như sau:",
    "I. NHIỆM VỤ TRỌNG TÂM", "II. TỔ CHỨC THỰC HIỆN", "1. Đối với huyện Sơn Dương", "2. Sở Y tế",
    "1.1.", "a)", "-", "+",
    "1. Dự thảo Quyết định ban hành quy định (Sở Tư pháp trình)",
    "Cơ quan chủ trì tiếp thu ý kiến, hoàn thiện dự thảo, trình UBND tỉnh trước ngày 30/9/2023.",
    "Giao Sở KH&ĐT chủ trì, phối hợp với Sở Tài chính rà soát danh mục dự án",
    "Sở TN&MT khẩn trương hoàn thành trong tháng 10/2023.", "báo cáo UBND tỉnh chậm nhất ngày 20/11.",
    "Yêu cầu UBND các huyện: Sơn Dương, Yên Sơn và Hàm Yên", "Đề nghị các sở, ban, ngành",
    "Chủ tịch UBND các huyện, thành phố chịu trách nhiệm", "Thủ trưởng các sở, ban, ngành tổ chức thực hiện",
    "Đồng chí Nguyễn Văn An, Phó Chủ tịch UBND tỉnh chỉ đạo", "thực hiện các nội dung sau:",
    "trong quý III/2024", "trước ngày 15 hằng tháng", "định kỳ 06 tháng", "trong thời hạn 10 ngày làm việc",
    "TT | Nội dung | Cơ quan chủ trì | Thời gian", "1 | Rà soát quy hoạch | Sở Xây dựng | Quý IV/2023",
    "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.",
    "Nơi nhận:", "- Như trên;", "- Lưu: VT, KT.", "TL. CHỦ TỊCH", "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN",
    "PHÓ CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Đỗ Thị Lan", "(Đã ký)", "¹ Chú thích cuối trang.",
    "", " ", ",", ";", ":", "./.", "(", ")", "|", "…",
]
SEPARATORS = st.sampled_from(["\n", " ", "\n\n", ", ", "; ", " | "])

vietnamese_letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
ALPHABET = vietnamese_letters + vietnamese_letters.upper() + "0123456789 \n\t/-–.,;:()|&*_\"'“”…¹²"

arbitrary_text = st.text(max_size=300)
vietnamese_text = st.text(alphabet=ALPHABET, max_size=400)


@st.composite
def recombined(draw) -> str:
    parts = draw(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40))
    out = []
    for p in parts:
        out.append(p)
        out.append(draw(SEPARATORS))
    return "".join(out)


HEADERS = ["ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG", "UBND TỈNH YÊN BÁI\nSỞ XÂY DỰNG",
           "ỦY BAN NHÂN DÂN HUYỆN SƠN DƯƠNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
TYPES = ["THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban", "KẾ HOẠCH\nChuyển đổi số năm 2024",
         "V/v đôn đốc giải ngân vốn đầu tư công\nKính gửi:\n- Sở Tài chính;\n- UBND các huyện, thành phố.", ""]
SUBJECTS = ["Sở Tài chính", "Giám đốc Sở KH&ĐT", "UBND các huyện: Sơn Dương, Yên Sơn", "Các sở, ban, ngành",
            "Cơ quan chủ trì", "Chủ tịch UBND huyện Hàm Yên", "Công an tỉnh", "Văn phòng UBND tỉnh", ""]
VERBS = ["chủ trì, phối hợp với Sở Y tế", "khẩn trương", "có trách nhiệm", "tiếp thu ý kiến, hoàn thiện dự thảo,",
         "đã hoàn thành", "cho biết", "tổ chức thực hiện", "rà soát, tổng hợp", ""]
OBJECTS = ["danh mục dự án", "hồ sơ đề nghị", "kế hoạch vốn năm 2024", "các nội dung sau:", "Công văn số 3485 /VP-KT"]
WHEN = ["trước ngày 30/9/2023", "chậm nhất ngày 20/11", "trong quý IV/2023", "trong tháng 10/2023", "hằng tháng",
        "trong thời hạn 10 ngày làm việc kể từ ngày nhận được", "hết năm 2024", "ngay", ""]
MARKERS = ["", "", "1. ", "2. ", "a) ", "- ", "+ ", "II. ", "Đối với huyện Sơn Dương: "]
OPENERS = ["", "", "Giao ", "Yêu cầu ", "Đề nghị ", "Chủ tịch UBND tỉnh giao ", "Đồng thời, "]


@st.composite
def document_like(draw) -> str:
    """A header, body lines built as [marker][opener] subject verb object deadline, and a signature."""
    lines = [draw(st.sampled_from(HEADERS)), "Số: 318/TB-UBND", "Tuyên Quang, ngày 11 tháng 10 năm 2023",
             draw(st.sampled_from(TYPES))]
    for _ in range(draw(st.integers(1, 12))):
        words = [draw(st.sampled_from(MARKERS)) + draw(st.sampled_from(OPENERS)) + draw(st.sampled_from(SUBJECTS)),
                 draw(st.sampled_from(VERBS)), draw(st.sampled_from(OBJECTS)), draw(st.sampled_from(WHEN))]
        lines.append(" ".join(w for w in words if w) + draw(st.sampled_from([".", ";", ":", ""])))
    if draw(st.booleans()):
        lines += ["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Hải"]
    return "\n".join(lines) + "\n"


ISO_OR_PARTIAL = re.compile(r"^(?:\d{4}|XXXX)(?:-\d{2}(?:-\d{2})?)?$")


def check(text: str) -> None:
    result = extract(text, source="x.txt")
    n = len(text)
    for r in result.references:
        assert 0 <= r.start < r.end <= n, r
        assert r.number and r.number.strip() == r.number
    for t in result.tasks:
        assert 0 <= t.start < t.end <= n, t
        assert t.assignees and all(a and a.strip() == a for a in t.assignees), t
        assert all(c and c.strip() == c for c in t.coordinators), t
        if t.deadline is not None:
            d = t.deadline
            assert 0 <= d.start < d.end <= n, d
            assert text[d.start:d.end] == d.text, d
            assert d.date is None or ISO_OR_PARTIAL.match(d.date), d
    data = result.to_dict()
    dumped = json.dumps(data, ensure_ascii=False, sort_keys=True)
    assert json.loads(dumped) == data
    check_shape(data)
    # deterministic: the same text again gives the same output
    assert json.dumps(extract(text, source="x.txt").to_dict(), ensure_ascii=False, sort_keys=True) == dumped


def check_shape(data: dict) -> None:
    assert set(data) == {"schema", "source", "document", "references", "tasks"}
    assert data["schema"] == "chidao.extract/1"
    doc = data["document"]
    assert {"type", "number", "issuer", "place", "date", "subject", "signer", "recipients"} <= set(doc)
    assert isinstance(doc["recipients"], list)
    assert doc["date"] is None or ISO_OR_PARTIAL.match(doc["date"])
    if doc["signer"] is not None:
        assert set(doc["signer"]) == {"name", "title", "authority"}
    for r in data["references"]:
        assert {"type", "number", "date", "start", "end"} <= set(r)
        assert r["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"])
    for t in data["tasks"]:
        assert {"assignees", "coordinators", "action", "deadline", "start", "end"} <= set(t)
        assert isinstance(t["assignees"], list) and isinstance(t["coordinators"], list)
        assert isinstance(t["action"], str)
        assert t["deadline"] is None or {"date", "text"} <= set(t["deadline"])


FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(arbitrary_text)
def test_any_text(text):
    check(text)


@FAST
@given(vietnamese_text)
def test_vietnamese_characters_and_punctuation(text):
    check(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recombined())
def test_recombined_administrative_fragments(text):
    check(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document_like())
def test_document_like_recombinations(text):
    check(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_cut_examples(data):
    """Any slice of a real example document (a truncated or partial file)."""
    from chidao.text.readers import read_document
    path = data.draw(st.sampled_from(sorted(p for p in EXAMPLES.glob("*.txt"))))
    text = read_document(path)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, min(len(text), a + 3000)))
    check(text[a:b])


def test_examples_are_well_formed():
    from chidao.text.readers import read_document
    for path in sorted(EXAMPLES.glob("*.*")):
        if path.suffix in (".txt", ".docx", ".pdf"):
            check(read_document(path))


_RUN_ALL = """
import json, sys
from pathlib import Path
from chidao.extract.pipeline import extract
from chidao.text.readers import read_document
out = {}
for p in sorted(Path(sys.argv[1]).glob("*.*")):
    if p.suffix in (".txt", ".docx", ".pdf"):
        out[p.name] = extract(read_document(p), source=p.name).to_dict()
sys.stdout.write(json.dumps(out, ensure_ascii=False, sort_keys=True))
"""


def test_output_does_not_depend_on_the_hash_seed():
    """Two processes with different string hashing give the same output (no set order leaks)."""
    procs = [subprocess.Popen([sys.executable, "-c", _RUN_ALL, str(EXAMPLES)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONHASHSEED": seed})
             for seed in ("1", "2")]
    outs = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err[-2000:]
        outs.append(out)
    assert outs[0] == outs[1]
