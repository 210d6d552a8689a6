from kenal.engagements.vetting import DEFAULT_QUESTIONS, fit_score


def test_a_perfect_prospect_scores_100():
    answers = {key: "yes" for key, _, weight in DEFAULT_QUESTIONS if weight > 0} | {"red_flags": "no"}
    assert fit_score(DEFAULT_QUESTIONS, answers).score == 100


def test_red_flags_weigh_negatively():
    base = {key: "yes" for key, _, weight in DEFAULT_QUESTIONS if weight > 0}
    fit = fit_score(DEFAULT_QUESTIONS, base | {"red_flags": "yes"})
    assert fit.score == 60
    flag = next(reason for reason in fit.reasons if reason.key == "red_flags")
    assert flag.points == -40


def test_partly_counts_half_and_the_score_is_clamped():
    assert fit_score(DEFAULT_QUESTIONS, {"clear_brief": "partly"}).score == 12
    assert fit_score(DEFAULT_QUESTIONS, {"clear_brief": "no", "red_flags": "yes"}).score == 0


def test_reasons_come_strongest_first_and_ignore_unknown_answers():
    fit = fit_score(
        DEFAULT_QUESTIONS,
        {"clear_brief": "partly", "communication": "yes", "junk": "yes", "payment_history": "maybe"},
    )
    assert [reason.key for reason in fit.reasons] == ["communication", "clear_brief"]
