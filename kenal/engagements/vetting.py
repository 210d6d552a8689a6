"""The fit score of a prospect: weighted checklist answers to 0–100 with reasons. Pure, no database."""

from dataclasses import dataclass

from django.utils.translation import gettext_noop

# Answer values: how true the question is for this prospect.
YES, PARTLY, NO = "yes", "partly", "no"
ANSWER_VALUES = {YES: 1.0, PARTLY: 0.5, NO: 0.0}

# (key, English text, weight). Red flags weigh negatively: a "yes" there takes points away.
DEFAULT_QUESTIONS = (
    ("clear_brief", gettext_noop("Clear brief"), 25),
    ("realistic_budget", gettext_noop("Realistic budget and timeline"), 25),
    ("payment_history", gettext_noop("Payment history and reviews"), 25),
    ("communication", gettext_noop("Comfort in communication"), 25),
    ("red_flags", gettext_noop("Red flags noted"), -40),
)


@dataclass(frozen=True)
class Reason:
    key: str
    question: str
    answer: str
    points: float  # what this answer added (positive) or took away (negative)


@dataclass(frozen=True)
class Fit:
    score: int
    reasons: tuple[Reason, ...]


def fit_score(questions, answers: dict[str, str]) -> Fit:
    """Score = positive points earned over positive points possible, minus red-flag points, clamped 0–100."""
    possible = sum(weight for _, _, weight in questions if weight > 0) or 1
    total = 0.0
    reasons = []
    for key, text, weight in questions:
        answer = answers.get(key, "")
        value = ANSWER_VALUES.get(answer)
        if value is None:
            continue
        points = 100.0 * weight * value / possible
        total += points
        reasons.append(Reason(key=key, question=text, answer=answer, points=round(points, 1)))
    score = int(round(max(0.0, min(100.0, total))))
    # Strongest reasons first, whichever way they pull.
    reasons.sort(key=lambda reason: (-abs(reason.points), reason.key))
    return Fit(score=score, reasons=tuple(reasons))
