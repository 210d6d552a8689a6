import pytest

from kenal.lib.phones import format_phone, normalize_phone


@pytest.mark.parametrize(
    "raw",
    [
        "0812-3456-7890",
        "0812 3456 7890",
        "+62 812 3456 7890",
        "+62 (812) 3456-7890",
        "6281234567890",
        "+62 0812 3456 7890",
        "0062 812 3456 7890",
        "tel:+62-812-3456-7890",
        "TEL:0812 3456 7890;ext=2",
        "6281234567890@s.whatsapp.net",
        "6281234567890@c.us",
        "  +6281234567890  ",
    ],
)
def test_it_normalizes_indonesian_mobile_numbers(raw):
    assert normalize_phone(raw) == "+6281234567890"


def test_it_normalizes_jakarta_landlines_with_area_code():
    assert normalize_phone("(021) 555 1234") == "+62215551234"
    assert normalize_phone("021-5551234") == "+62215551234"


def test_it_reads_country_code_without_plus_as_international():
    # phonenumbers alone reads this as +62 628..., a different (valid-looking) number.
    assert normalize_phone("62811222333") == "+62811222333"


def test_it_keeps_foreign_numbers():
    assert normalize_phone("+1 415 555 0123") == "+14155550123"
    assert normalize_phone("+65 9123 4567") == "+6591234567"


def test_it_uses_the_given_region_for_national_numbers():
    assert normalize_phone("9123 4567", region="SG") == "+6591234567"


@pytest.mark.parametrize("raw", ["", "   ", "abc", "12", "081234", "120363025246125486@g.us", "tel:"])
def test_it_returns_none_for_garbage(raw):
    assert normalize_phone(raw) is None


def test_it_caches_repeated_numbers():
    normalize_phone.cache_clear()
    normalize_phone("0812-3456-7890")
    normalize_phone("0812-3456-7890")
    assert normalize_phone.cache_info().hits == 1


def test_format_phone_shows_international_form():
    assert format_phone("+6281234567890") == "+62 812-3456-7890"
    assert format_phone("+62215551234") == "+62 21 5551234"


def test_format_phone_returns_unparseable_input_unchanged():
    assert format_phone("not a number") == "not a number"
