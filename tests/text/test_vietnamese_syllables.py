import pytest

from chidao.text.vietnamese import is_syllable, score


@pytest.mark.parametrize("word", ["của", "Ủy", "nghiêng", "quyết", "khuya", "giữ", "gì", "trường", "kỹ", "Nguyễn",
                                  "huyện", "oẳn", "ĐƯỢC", "thuở", "hoạch", "tỉnh", "ngoằn"])
def test_valid_syllables(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", [
    "céng",    # c before e is spelled k
    "kan",     # k before a is spelled c
    "ngé",     # ng before e is spelled ngh
    "hoạcà",   # two tones
    "tòt",     # a syllable ending in t takes only the acute or dot-below tone
    "thµng", "nghÜa", "xyz", "uû",
])
def test_invalid_syllables(word):
    assert not is_syllable(word)


def test_score_prefers_the_right_reading():
    right = "Giao Sở Kế hoạch và Đầu tư chủ trì thực hiện."
    wrong = "Giao Së KÕ ho¹ch vµ §Çu t­ chñ tr× thùc hiÖn."
    assert score(right) > 0 > score(wrong)
