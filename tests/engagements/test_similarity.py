from kenal.lib.similarity import best_match, similarity, tokens


def test_it_folds_indonesian_and_english_onto_one_form():
    assert tokens("Revisi desain logonya") == ["revision", "design", "logo"]
    assert tokens("Logo design revisions") == ["logo", "design", "revision"]


def test_it_drops_stopwords_and_politeness():
    assert tokens("Tolong ya kak, bisa ganti fotonya?") == ["revision", "photo"]


def test_similar_phrases_score_higher_than_unrelated_ones():
    assert similarity("revisi siaran pers", "press release revision") > similarity(
        "revisi siaran pers", "logo"
    )
    assert similarity("", "logo") == 0.0


def test_it_suggests_the_closest_scope_item():
    items = [(1, "Siaran pers (press release)"), (2, "Desain key visual"), (3, "Laporan liputan media")]
    assert best_match("Tolong revisi judul siaran pers", items)[0] == 1
    assert best_match("ganti warna key visual", items)[0] == 2
    assert best_match("report of media coverage", items)[0] == 3


def test_it_suggests_nothing_when_nothing_is_close():
    assert best_match("makan siang bersama", [(1, "Desain key visual")]) is None
    assert best_match("anything", []) is None
