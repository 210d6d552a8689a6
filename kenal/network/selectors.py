"""Reads about the network: referrals and what followed, favours balance, gifts and ideas, who knows whom."""

import math
from collections import Counter

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Abs
from django.utils.translation import get_language

from kenal.accounts.scoping import get_scoped_or_404, scoped
from kenal.engagements.models import Engagement
from kenal.network.gifts import Suggestion, suggest_gifts
from kenal.network.models import Favour, Gift, Referral
from kenal.people.models import Fact, Person, PersonLink

GRAPH_MAX_NODES = 60
GRAPH_MAX_EDGES = 3000


def referral_list(*, workspace, query: str = "") -> QuerySet:
    referrals = (
        scoped(Referral, workspace)
        .select_related("introducer", "introduced")
        .annotate(
            engagement_count=Count("engagements", distinct=True),
            revenue=Sum("engagements__fee"),
        )
    )
    if query:
        referrals = referrals.filter(
            Q(introducer__full_name__icontains=query)
            | Q(introduced__full_name__icontains=query)
            | Q(note__icontains=query)
        )
    return referrals.order_by("-introduced_on", "-pk")


def referral_get(*, workspace, referral_id) -> Referral:
    return get_scoped_or_404(referral_list(workspace=workspace), workspace, pk=referral_id)


def referrals_for_engagement(*, workspace, engagement) -> list[Referral]:
    """The introductions a piece of work came through."""
    return list(scoped(Referral, workspace).filter(engagements=engagement).select_related("introducer"))


def top_referrers(*, workspace, limit: int = 10) -> list[dict]:
    """The people who brought the most work: revenue of engagements that followed their introductions, in SQL."""
    rows = (
        scoped(Referral, workspace)
        # One filter on the work, so the sums below add up exactly the engagements it keeps.
        .filter(
            engagements__status__in=[s for s in Engagement.Status.values if s != Engagement.Status.CANCELLED]
        )
        .values("introducer_id", "introducer__full_name", "engagements__currency")
        .annotate(revenue=Sum("engagements__fee"), engagements_count=Count("engagements", distinct=True))
        .order_by("-revenue", "introducer__full_name")[:limit]
    )
    return [
        {
            "person_id": row["introducer_id"],
            "name": row["introducer__full_name"],
            "currency": row["engagements__currency"],
            "revenue": row["revenue"] or 0,
            "engagements": row["engagements_count"],
        }
        for row in rows
    ]


def favour_list(*, workspace, query: str = "", direction: str = "", person_id: int | None = None) -> QuerySet:
    favours = scoped(Favour, workspace).select_related("person")
    if query:
        favours = favours.filter(Q(description__icontains=query) | Q(person__full_name__icontains=query))
    if direction:
        favours = favours.filter(direction=direction)
    if person_id:
        favours = favours.filter(person_id=person_id)
    return favours.order_by("-happened_on", "-pk")


def favour_get(*, workspace, favour_id) -> Favour:
    return get_scoped_or_404(Favour.objects.select_related("person"), workspace, pk=favour_id)


def favour_balances(*, workspace, limit: int = 20) -> list[dict]:
    """Per person: favours given minus received, aggregated in SQL; most out of balance first."""
    given = Count("id", filter=Q(direction=Favour.Direction.GIVEN))
    received = Count("id", filter=Q(direction=Favour.Direction.RECEIVED))
    rows = (
        scoped(Favour, workspace)
        .values("person_id", "person__full_name")
        .annotate(given=given, received=received, balance=given - received)
        .order_by(Abs("balance").desc(), "person__full_name")[:limit]
    )
    return [
        {
            "person_id": row["person_id"],
            "name": row["person__full_name"],
            "given": row["given"],
            "received": row["received"],
            "balance": row["balance"],
        }
        for row in rows
    ]


def favour_balance(*, person) -> dict:
    counts = Favour.objects.filter(person=person).aggregate(
        given=Count("id", filter=Q(direction=Favour.Direction.GIVEN)),
        received=Count("id", filter=Q(direction=Favour.Direction.RECEIVED)),
    )
    return {**counts, "balance": counts["given"] - counts["received"]}


def gift_list(*, workspace, query: str = "", status: str = "", person_id: int | None = None) -> QuerySet:
    gifts = scoped(Gift, workspace).select_related("person")
    if query:
        gifts = gifts.filter(
            Q(title__icontains=query) | Q(person__full_name__icontains=query) | Q(occasion__icontains=query)
        )
    if status:
        gifts = gifts.filter(status=status)
    if person_id:
        gifts = gifts.filter(person_id=person_id)
    return gifts.order_by("-on_date", "-pk")


def gift_get(*, workspace, gift_id) -> Gift:
    return get_scoped_or_404(Gift.objects.select_related("person"), workspace, pk=gift_id)


def gift_ideas(
    *,
    person,
    language: str | None = None,
    limit: int = 6,
    facts: list | None = None,
    already: list | None = None,
) -> list[Suggestion]:
    """Ideas from the person's interests and favourites, never one already given, received or noted.

    A page that has already read the facts, as (category, value), and the gift titles passes them in.
    """
    if facts is None:
        facts = list(Fact.objects.filter(person=person).values_list("category", "value")[:100])
    if already is None:
        already = list(Gift.objects.filter(person=person).values_list("title", flat=True)[:500])
    avoid = [value for category, value in facts if category == Fact.Category.AVOID]
    return suggest_gifts(
        facts, already=already, avoid=avoid, language=language or get_language() or "en", limit=limit
    )


def network_graph(*, workspace, max_nodes: int = GRAPH_MAX_NODES) -> dict:
    """Who knows whom: the best-connected people and the links between them, laid out on a circle."""
    edges = set()
    links = PersonLink.objects.filter(from_person__workspace=workspace).values_list(
        "from_person_id", "to_person_id"
    )
    for pair in links.order_by("-pk")[:GRAPH_MAX_EDGES]:
        edges.add(tuple(sorted(pair)))
    referrals = scoped(Referral, workspace).values_list("introducer_id", "introduced_id")
    for pair in referrals.order_by("-pk")[:GRAPH_MAX_EDGES]:
        edges.add(tuple(sorted(pair)))
    introduced = (
        scoped(Person, workspace).filter(introduced_by__isnull=False).values_list("pk", "introduced_by_id")
    )
    for pair in introduced.order_by("-pk")[:GRAPH_MAX_EDGES]:
        edges.add(tuple(sorted(pair)))
    degree = Counter()
    for a, b in edges:
        degree[a] += 1
        degree[b] += 1
    chosen = [pk for pk, _count in sorted(degree.items(), key=lambda item: (-item[1], item[0]))[:max_nodes]]
    names = dict(scoped(Person, workspace).filter(pk__in=chosen).values_list("pk", "full_name"))
    chosen = sorted((pk for pk in chosen if pk in names), key=lambda pk: (names[pk], pk))
    return layout(
        nodes=[(pk, names[pk], degree[pk]) for pk in chosen],
        edges=[(a, b) for a, b in sorted(edges) if a in names and b in names],
    )


def layout(*, nodes, edges, size: int = 600) -> dict:
    """A deterministic circular layout: same data, same picture. Labels sit under their node, short enough
    to stay inside the picture; each node lists whom it knows, for the list beside the graph."""
    centre, radius = size / 2, size / 2 - 110
    names = {pk: name for pk, name, _degree in nodes}
    knows = {pk: [] for pk in names}
    for a, b in edges:
        knows[a].append(names[b])
        knows[b].append(names[a])
    placed = []
    for index, (pk, name, degree) in enumerate(nodes):
        angle = 2 * math.pi * index / max(len(nodes), 1) - math.pi / 2
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        r = min(8 + 2 * degree, 20)
        first = name.split(" ")[0]
        placed.append(
            {
                "id": pk,
                "name": name,
                "label": first if len(first) <= 12 else first[:11] + "…",
                "degree": degree,
                "knows": sorted(knows[pk]),
                "x": round(x, 1),
                "y": round(y, 1),
                "r": r,
                "anchor": "middle",
                "lx": round(x, 1),
                "ly": round(y + r + 26, 1),
            }
        )
    where = {node["id"]: node for node in placed}
    lines = [
        {"x1": where[a]["x"], "y1": where[a]["y"], "x2": where[b]["x"], "y2": where[b]["y"]} for a, b in edges
    ]
    return {"size": size, "nodes": placed, "edges": lines}
