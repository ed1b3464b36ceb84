import pytest

from chidao.text.docx_numbering import format_number


@pytest.mark.parametrize(("number", "fmt", "written"), [
    (4, "decimal", "4"), (4, "upperRoman", "IV"), (1994, "upperRoman", "MCMXCIV"), (9, "lowerRoman", "ix"),
    (1, "lowerLetter", "a"), (26, "lowerLetter", "z"), (28, "lowerLetter", "bb"), (3, "upperLetter", "C"),
    (7, "decimalZero", "07"), (7, "ordinal", "7"),
])
def test_format_number(number, fmt, written):
    assert format_number(number, fmt) == written
