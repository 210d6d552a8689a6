from kenal.lib.search import fts5_match, indexable, like_pattern, phone_digits


def test_a_phone_typed_nationally_looks_for_the_digits_after_its_leading_zero():
    assert phone_digits("0812 3456") == "8123456"
    assert phone_digits("(0812) 3456-78") == "812345678"
    assert phone_digits("+62 812-3456") == "628123456"


def test_text_with_letters_or_too_few_digits_is_not_a_phone():
    assert phone_digits("klien 0001") == ""
    assert phone_digits("08") == ""
    assert phone_digits("") == ""


def test_one_or_two_characters_are_not_indexable():
    assert not indexable(" a ")
    assert not indexable("yu")
    assert indexable("yun")


def test_the_fts5_expression_is_quoted_phrases_only():
    assert fts5_match('Bud "x" OR y') == '"Bud ""x"" OR y"'
    assert fts5_match("0812 3456") == '"0812 3456" OR "8123456"'


def test_like_patterns_escape_likes_own_characters():
    assert like_pattern("100%_a\\b") == "%100\\%\\_a\\\\b%"
