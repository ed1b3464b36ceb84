"""The registry: data validation, folding, abbreviations, lookups and successions."""
from __future__ import annotations

import datetime as dt
import shutil
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chidao.registry import DATA_DIR, RegistryError, expand_abbreviations, fold, load
from chidao.registry.doctypes import doc_types

D = dt.date
BEFORE_MERGER = D(2025, 2, 28)
AFTER_MERGER = D(2025, 3, 1)
LAST_DISTRICT_DAY = D(2025, 6, 30)
TWO_TIER = D(2025, 7, 1)


@pytest.fixture(scope="module")
def reg():
    return load()


def ids(bodies):
    return [b.id for b in bodies]


# --- fold -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, folded", [
    ("Sở KH&ĐT tỉnh Lạng Sơn", "so kh dt tinh lang son"),
    ("ĐÀI PHÁT THANH - TRUYỀN HÌNH", "dai phat thanh truyen hinh"),
    ("Ủy ban", "uy ban"),
    ("Uỷ ban", "uy ban"),
    ("  Văn phòng   UBND,tỉnh.  ", "van phong ubnd tinh"),
    ("Số: 1518/SKHĐT-ĐKKD", "so 1518 skhdt dkkd"),
    ("", ""),
])
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_ignores_unicode_composition():
    composed = "Nông nghiệp và Phát triển nông thôn"
    assert fold(unicodedata.normalize("NFD", composed)) == fold(composed)


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíị"
                        "òỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĐƯƠ -&,./"))
def test_fold_of_vietnamese_is_plain_ascii(text):
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower().strip()
    assert "  " not in folded


# --- abbreviations ----------------------------------------------------------------------------

@pytest.mark.parametrize("name, expanded", [
    ("UBND huyện Bình Gia", "Ủy ban nhân dân huyện Bình Gia"),
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
    ("Sở KH & ĐT", "Sở Kế hoạch và Đầu tư"),
    ("Sở KHĐT", "Sở Kế hoạch và Đầu tư"),
    ("Công ty TNHH MTV X", "Công ty Trách nhiệm hữu hạn Một thành viên X"),
    ("Công ty CP Tập đoàn Đèo Cả", "Công ty cổ phần Tập đoàn Đèo Cả"),
    ("Văn phòng CP", "Văn phòng Chính phủ"),
    ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("Ban ATGT tỉnh", "Ban An toàn giao thông tỉnh"),
    ("Đài PT-TH tỉnh", "Đài Phát thanh - Truyền hình tỉnh"),
    ("Ban Chỉ huy PCTT&TKCN tỉnh",
     "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh"),
    ("Ban Chỉ đạo xây dựng NTM huyện", "Ban Chỉ đạo xây dựng nông thôn mới huyện"),
    ("UBND TP.Lạng Sơn", "Ủy ban nhân dân thành phố Lạng Sơn"),
    ("Bộ CHQS tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
])
def test_expand_abbreviations(name, expanded):
    assert expand_abbreviations(name) == expanded


@pytest.mark.parametrize("name, expanded", [
    ("BCH Đảng bộ tỉnh", "Ban Chấp hành Đảng bộ tỉnh"),
    ("BCH Quân sự huyện", "Ban Chỉ huy Quân sự huyện"),
    ("BCH PCTT&TKCN tỉnh", "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh"),
    ("BCH lâm thời", "BCH lâm thời"),
    ("BCHQS tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
    ("BCHQS huyện Cao Lộc", "Ban Chỉ huy Quân sự huyện Cao Lộc"),
    ("TT Y tế huyện", "Trung tâm Y tế huyện"),
    ("TT Bắc Sơn", "TT Bắc Sơn"),
])
def test_ambiguous_abbreviations_follow_the_next_words(name, expanded):
    assert expand_abbreviations(name) == expanded


@pytest.mark.parametrize("name", [
    "CPI tăng", "UBNDX", "NĐ-CP", "926/UBND-KT", "Kế hoạch CĐS", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
])
def test_expansion_leaves_words_and_symbols_alone(name):
    expanded = expand_abbreviations(name)
    if name == "Kế hoạch CĐS":
        assert expanded == "Kế hoạch chuyển đổi số"
    else:
        assert expanded == name


def test_abbreviation_table(reg):
    assert reg.abbreviations["UBND"] == "Ủy ban nhân dân"
    assert reg.abbreviations["KH&ĐT"] == "Kế hoạch và Đầu tư"
    assert "BCH" not in reg.abbreviations  # no default reading: ambiguous
    for entry in reg.abbreviation_entries:
        assert unicodedata.is_normalized("NFC", entry.expansion)


def test_canonical_names_hold_no_abbreviations(reg):
    for body in reg.bodies:
        assert expand_abbreviations(body.name) == body.name, body.id


# --- find_body --------------------------------------------------------------------------------

@pytest.mark.parametrize("name, body_id", [
    ("Sở Kế hoạch và Đầu tư", "lang-son/so-ke-hoach-va-dau-tu"),
    ("Sở KH&ĐT", "lang-son/so-ke-hoach-va-dau-tu"),
    ("Sở Kế hoạch - Đầu tư", "lang-son/so-ke-hoach-va-dau-tu"),
    ("SKHĐT", "lang-son/so-ke-hoach-va-dau-tu"),
    ("so ke hoach va dau tu", "lang-son/so-ke-hoach-va-dau-tu"),
    ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "lang-son/so-ke-hoach-va-dau-tu"),
    ("Sở Nội vụ tỉnh Lạng Sơn", "lang-son/so-noi-vu"),
    ("Sở Tài chính tỉnh", "lang-son/so-tai-chinh"),
    ("UBND tỉnh Lạng Sơn", "lang-son/ubnd-tinh"),
    ("Văn phòng UBND tỉnh", "lang-son/van-phong-ubnd-tinh"),
    ("Ban Dân tộc", "lang-son/ban-dan-toc-tinh"),
    ("Ban ATGT tỉnh", "lang-son/ban-an-toan-giao-thong-tinh"),
    ("Đài PT-TH tỉnh", "lang-son/dai-phat-thanh-va-truyen-hinh"),
    ("Đài Khí tượng Thủy văn Lạng Sơn", "lang-son/dai-khi-tuong-thuy-van"),
    ("Ban Quản lý Khu KTCK Đồng Đăng - Lạng Sơn",
     "lang-son/ban-quan-ly-khu-kinh-te-cua-khau"),
    ("Bộ Chỉ huy BĐBP tỉnh", "lang-son/bo-chi-huy-bo-doi-bien-phong-tinh"),
    ("Công ty TNHH MTV Khai thác công trình thủy lợi Lạng Sơn", "lang-son/cong-ty-thuy-loi"),
    ("Tỉnh uỷ", "lang-son/tinh-uy"),
    ("UBND huyện Bình Gia", "lang-son/ubnd-huyen-binh-gia"),
    ("UBND TP Lạng Sơn", "lang-son/ubnd-thanh-pho-lang-son"),
    ("Bộ KH&ĐT", "bo-ke-hoach-va-dau-tu"),
    ("Thủ tướng Chính phủ", "thu-tuong-chinh-phu"),
])
def test_find_body(reg, name, body_id):
    body = reg.find_body(name)
    assert body is not None and body.id == body_id


@pytest.mark.parametrize("name", [
    "UBND", "Công an thành phố Lạng Sơn", "Sở Tài chính tỉnh Cao Bằng", "Hội đồng", "",
])
def test_find_body_does_not_guess(reg, name):
    assert reg.find_body(name) is None


def test_find_body_respects_dates(reg):
    assert reg.find_body("Sở KH&ĐT", BEFORE_MERGER).id == "lang-son/so-ke-hoach-va-dau-tu"
    assert reg.find_body("Sở KH&ĐT", AFTER_MERGER) is None
    assert reg.find_body("Sở Nông nghiệp và Môi trường", BEFORE_MERGER) is None
    assert reg.find_body("Sở NN&MT", AFTER_MERGER).id == "lang-son/so-nong-nghiep-va-moi-truong"
    assert reg.find_body("UBND huyện Cao Lộc", LAST_DISTRICT_DAY) is not None
    assert reg.find_body("UBND huyện Cao Lộc", TWO_TIER) is None
    assert reg.find_body("UBND phường Kỳ Lừa", TWO_TIER).level == "commune"


def test_find_body_limited_to_a_province(reg):
    assert reg.find_body("Sở Tài chính", province="Lạng Sơn").id == "lang-son/so-tai-chinh"
    assert reg.find_body("Sở Tài chính", province="Cao Bằng") is None
    assert reg.find_body("Bộ Tài chính", province="Cao Bằng").id == "bo-tai-chinh"


def test_qualified_name(reg):
    assert reg.qualified_name(reg.body("lang-son/so-tai-chinh")) == "Sở Tài chính tỉnh Lạng Sơn"
    assert reg.qualified_name(reg.body("lang-son/ubnd-tinh")) == "Ủy ban nhân dân tỉnh Lạng Sơn"
    assert reg.qualified_name(reg.body("lang-son/bao-lang-son")) == "Báo Lạng Sơn"
    assert reg.qualified_name(reg.body("bo-tai-chinh")) == "Bộ Tài chính"


# --- successions ------------------------------------------------------------------------------

def test_task_of_2023_to_the_planning_department_lies_with_finance_in_2026(reg):
    body = reg.find_body("Sở Kế hoạch và Đầu tư", D(2023, 5, 10))
    assert ids(reg.successors(body.id, D(2026, 1, 1))) == ["lang-son/so-tai-chinh"]


@pytest.mark.parametrize("body_id, at, expected", [
    ("lang-son/so-ke-hoach-va-dau-tu", BEFORE_MERGER, ["lang-son/so-ke-hoach-va-dau-tu"]),
    ("lang-son/so-ke-hoach-va-dau-tu", AFTER_MERGER, ["lang-son/so-tai-chinh"]),
    ("lang-son/so-tai-nguyen-va-moi-truong", AFTER_MERGER,
     ["lang-son/so-nong-nghiep-va-moi-truong"]),
    ("lang-son/so-nong-nghiep-va-phat-trien-nong-thon", AFTER_MERGER,
     ["lang-son/so-nong-nghiep-va-moi-truong"]),
    ("lang-son/so-giao-thong-van-tai", AFTER_MERGER, ["lang-son/so-xay-dung"]),
    ("lang-son/so-thong-tin-va-truyen-thong", AFTER_MERGER,
     ["lang-son/so-khoa-hoc-va-cong-nghe"]),
    ("lang-son/so-lao-dong-thuong-binh-va-xa-hoi", AFTER_MERGER, ["lang-son/so-noi-vu"]),
    ("lang-son/ban-dan-toc-tinh", AFTER_MERGER, ["lang-son/so-dan-toc-va-ton-giao"]),
    ("lang-son/so-tai-chinh", D(2021, 1, 1), ["lang-son/so-tai-chinh"]),
    ("lang-son/so-tai-chinh", D(2026, 1, 1), ["lang-son/so-tai-chinh"]),
    ("lang-son/so-nong-nghiep-va-moi-truong", D(2024, 1, 1), []),
    ("lang-son/ubnd-huyen-binh-gia", LAST_DISTRICT_DAY, ["lang-son/ubnd-huyen-binh-gia"]),
    ("lang-son/ubnd-huyen-binh-gia", TWO_TIER, ["lang-son/ubnd-tinh"]),
    ("lang-son/ubnd-thanh-pho-lang-son", TWO_TIER,
     ["lang-son/ubnd-phuong-tam-thanh", "lang-son/ubnd-phuong-luong-van-tri",
      "lang-son/ubnd-phuong-ky-lua", "lang-son/ubnd-phuong-dong-kinh"]),
    ("bo-ke-hoach-va-dau-tu", AFTER_MERGER, ["bo-tai-chinh"]),
    ("uy-ban-dan-toc", D(2026, 1, 1), ["bo-dan-toc-va-ton-giao"]),
])
def test_successors(reg, body_id, at, expected):
    assert ids(reg.successors(body_id, at)) == expected


def test_partial_successors_only_on_request(reg):
    general = ids(reg.successors("lang-son/so-lao-dong-thuong-binh-va-xa-hoi", AFTER_MERGER))
    every = ids(reg.successors("lang-son/so-lao-dong-thuong-binh-va-xa-hoi", AFTER_MERGER,
                               partial=True))
    assert general == ["lang-son/so-noi-vu"]
    assert every[0] == "lang-son/so-noi-vu"
    assert {"lang-son/so-giao-duc-va-dao-tao", "lang-son/so-y-te"} <= set(every)


def test_successors_of_unknown_body(reg):
    with pytest.raises(KeyError):
        reg.successors("lang-son/no-such-body", TWO_TIER)


def test_every_reference_points_to_a_known_body(reg):
    known = {b.id for b in reg.bodies}
    for body in reg.bodies:
        assert body.parent is None or body.parent in known
        for s in body.successors:
            assert s.id in known and s.since > body.valid_to


# --- issuers ----------------------------------------------------------------------------------

@pytest.mark.parametrize("code, province, issuer", [
    ("TTg", None, "Thủ tướng Chính phủ"),
    ("CP", None, "Chính phủ"),
    ("QH15", None, "Quốc hội"),
    ("UBTVQH14", None, "Ủy ban Thường vụ Quốc hội"),
    ("BTC", None, "Bộ Tài chính"),
    ("BNNMT", None, "Bộ Nông nghiệp và Môi trường"),
    ("UBND", "Lạng Sơn", "Ủy ban nhân dân tỉnh Lạng Sơn"),
    ("UBND", "Hà Nội", "Ủy ban nhân dân thành phố Hà Nội"),
    ("UBND", None, "Ủy ban nhân dân tỉnh"),
    ("STC", "Lạng Sơn", "Sở Tài chính tỉnh Lạng Sơn"),
    ("SKHĐT", "tỉnh Lạng Sơn", "Sở Kế hoạch và Đầu tư tỉnh Lạng Sơn"),
    ("skhdt", "Lạng Sơn", "Sở Kế hoạch và Đầu tư tỉnh Lạng Sơn"),
    ("TU", "Lạng Sơn", "Tỉnh ủy Lạng Sơn"),
    ("VP", "Lạng Sơn", "Văn phòng Ủy ban nhân dân tỉnh Lạng Sơn"),
    ("BQLKKT", "Lạng Sơn", "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"),
    ("BQLKKT", None, None),
    ("XYZ", None, None),
])
def test_issuer_for_code(reg, code, province, issuer):
    assert reg.issuer_for_code(code, province) == issuer


def test_issuers_are_registered_bodies(reg):
    generic = {"Huyện ủy", "Đảng ủy", "Ban cán sự đảng", "Đảng đoàn"}
    for entry in reg.issuers:
        if entry.issuer in generic:
            continue
        province = "Lạng Sơn" if entry.provincial else None
        assert reg.find_body(entry.issuer, province=province) is not None, entry.codes


# --- provinces and kinds of documents ---------------------------------------------------------

def test_provinces_before_and_after_the_merger(reg):
    assert sum(p.active(LAST_DISTRICT_DAY) for p in reg.provinces) == 63
    assert sum(p.active(TWO_TIER) for p in reg.provinces) == 34
    lang_son = reg.find_province("tỉnh Lạng Sơn", TWO_TIER)
    assert lang_son.valid_to is None and lang_son.merged_into is None
    ha_giang = reg.find_province("Hà Giang")
    assert ha_giang.valid_to == LAST_DISTRICT_DAY
    assert reg.find_province("Tuyên Quang", TWO_TIER).id == ha_giang.merged_into


@pytest.mark.parametrize("name, head, province", [
    ("Sở Xây dựng tỉnh Lạng Sơn", "Sở Xây dựng tỉnh", "Lạng Sơn"),
    ("UBND tỉnh Thừa Thiên Huế", "UBND tỉnh", "Huế"),
    ("Sở Y tế TP.HCM", "Sở Y tế TP", "Hồ Chí Minh"),
    ("UBND thành phố Lạng Sơn", "UBND thành phố Lạng Sơn", None),
    ("Báo Lạng Sơn", "Báo Lạng Sơn", None),
])
def test_split_province(reg, name, head, province):
    rest, found = reg.split_province(name)
    assert rest == head
    assert (found.name if found else None) == province


def test_split_province_without_level(reg):
    assert reg.split_province("Sở Xây dựng tỉnh Lạng Sơn;", keep_level=False)[0] == "Sở Xây dựng"


def test_doc_types(reg):
    by_code = {t.code: t for t in reg.doc_types}
    assert by_code["QĐ"].name == "Quyết định"
    assert by_code["TTr"].name == "Tờ trình"
    assert doc_types() == reg.doc_types


def test_load_is_cached():
    assert load() is load()


# --- validation of broken data ----------------------------------------------------------------

@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("file, old, new, message", [
    ("bodies/lang-son.yaml", "name: Sở Tài chính, abbr: [STC], level: department",
     "name: Sở Tài chính, abbr: [STC], level: agency",
     r"bodies/lang-son\.yaml: entry \d+ \(so-tai-chinh\): level must be one of"),
    ("bodies/lang-son.yaml", "{id: so-tai-chinh, from: 2025-03-01",
     "{id: so-tai-chinh-moi, from: 2025-03-01",
     r"bodies/lang-son\.yaml: entry \d+ \(so-ke-hoach-va-dau-tu\): successor: unknown body id"),
    ("bodies/lang-son.yaml", "from: 2025-03-01, note: merged with Sở NN",
     "from: 2025-02-01, note: merged with Sở NN",
     r"\(so-tai-nguyen-va-moi-truong\): successor .* is not after valid_to"),
    ("bodies/lang-son.yaml", "name: Sở Tư pháp", "name: So\u031b\u0309 Tư pháp",
     r"\(so-tu-phap\): name .* is not in Unicode NFC"),
    ("bodies/lang-son.yaml", "province: Lạng Sơn", "province: Lạng Sơn Mới",
     r"bodies/lang-son\.yaml: province 'Lạng Sơn Mới' is not in provinces\.yaml"),
    ("bodies/lang-son.yaml", "- {id: so-noi-vu,", "- {id: so-tai-chinh,",
     r"\(so-tai-chinh\): id already used by bodies/lang-son\.yaml: entry"),
    ("abbreviations.yaml", "- {abbr: HĐND, expansion: Hội đồng nhân dân}",
     "- {abbr: UBND, expansion: Hội đồng nhân dân}",
     r"abbreviations\.yaml: entry 2 \(UBND\): 'UBND' already has a default expansion"),
    ("issuers.yaml", "- {code: TTg, issuer: Thủ tướng Chính phủ}",
     "- {code: TTg, issuer: Thủ tướng Chính phủ, level: central}",
     r"issuers\.yaml: entry 1 \(TTg\): unknown key\(s\) level"),
    ("provinces.yaml", "merged_from: [Cà Mau, Bạc Liêu]", "merged_from: [Cà Mau]",
     r"provinces\.yaml: not placed in `after`: Bạc Liêu"),
    ("doctypes.yaml", "- {name: Tờ trình, code: TTr}", "- {name: Tờ trình, code: TTr",
     r"doctypes\.yaml: YAML error"),
])
def test_broken_file_gives_a_clear_error(data_copy, file, old, new, message):
    _edit(data_copy / file, old, new)
    with pytest.raises(RegistryError, match=message):
        load(data_copy)


def test_missing_file_is_named(data_copy):
    (data_copy / "issuers.yaml").unlink()
    with pytest.raises(RegistryError, match=r"issuers\.yaml: cannot read"):
        load(data_copy)


def test_unbroken_copy_loads(data_copy):
    assert len(load(data_copy).bodies) == len(load().bodies)
