from kenal.lib.socials import known_service, normal_service, profile_url, service_from_url, social_handle


def test_it_recognises_profile_hosts():
    assert service_from_url("https://www.instagram.com/yuna.kristina/") == "instagram"
    assert service_from_url("x.com/yunakris") == "twitter"
    assert service_from_url("https://studiolentera.id") == ""


def test_it_turns_profile_urls_into_handles():
    assert social_handle("instagram", "http://instagram.com/yuna.kristina") == "@yuna.kristina"
    assert social_handle("tiktok", "https://www.tiktok.com/@yuna") == "@yuna"
    assert social_handle("twitter", "yunakris") == "@yunakris"


def test_it_prefers_the_explicit_user():
    assert social_handle("instagram", "http://instagram.com/old", user="yuna") == "@yuna"


def test_it_keeps_urls_for_services_without_handles():
    assert social_handle("linkedin", "https://linkedin.com/in/yuna") == "https://linkedin.com/in/yuna"


def test_it_keeps_values_it_cannot_read_as_a_handle():
    assert social_handle("instagram", "https://instagram.com") == "https://instagram.com"
    assert social_handle("telegram", "Yuna Kristina") == "Yuna Kristina"


def test_it_folds_service_aliases():
    assert normal_service(" X ") == "twitter"
    assert known_service("Instagram") == "instagram"
    assert known_service("Behance") == ""


def test_profile_url_points_at_the_canonical_host():
    assert profile_url("twitter", "@yunakris") == "https://twitter.com/yunakris"
    assert profile_url("website", "https://kenal.id") == "https://kenal.id"
