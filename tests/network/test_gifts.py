from kenal.network.gifts import suggest_gifts

BAMBANG = [("character", "Bima (Werkudara)"), ("interest", "wayang kulit")]


def test_a_wayang_bima_for_someone_who_admires_bima():
    titles = [s.title for s in suggest_gifts(BAMBANG, already=[], language="en")]
    assert titles[0] == "Wayang Bima figure"
    assert "Tickets to a wayang performance" in titles


def test_ideas_follow_the_language():
    assert suggest_gifts(BAMBANG, already=[], language="id")[0].title == "Wayang kulit tokoh Bima"


def test_a_gift_already_given_is_never_suggested_again_in_either_language():
    for given in ("Wayang kulit tokoh Bima", "wayang Bima", "Wayang Bima figure"):
        titles = [s.title for s in suggest_gifts(BAMBANG, already=[given], language="en")]
        assert "Wayang Bima figure" not in titles, given


def test_an_unknown_favourite_falls_back_to_the_fact_itself():
    ideas = suggest_gifts([("brand", "Uniqlo")], already=[], language="en")
    assert [(s.title, s.because) for s in ideas] == [("Something with Uniqlo", "Uniqlo")]
    assert (
        suggest_gifts([("brand", "Uniqlo")], already=[], language="id")[0].title == "Sesuatu bertema Uniqlo"
    )


def test_avoid_facts_are_never_turned_into_gifts():
    assert suggest_gifts([("avoid", "seafood")], already=[]) == []
    assert suggest_gifts([("food", "sushi")], already=[], avoid=["Japanese restaurant"]) == []


def test_the_same_idea_is_suggested_once():
    ideas = suggest_gifts(
        [("food", "ramen"), ("interest", "jalan-jalan ke Jepang")], already=[], language="en"
    )
    titles = [s.title for s in ideas]
    assert len(titles) == len(set(titles))
