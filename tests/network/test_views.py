from datetime import date
from decimal import Decimal

from django.urls import reverse

from kenal.engagements.services import engagement_create
from kenal.network import services
from kenal.network.models import Favour, Gift, Referral
from kenal.network.services import referral_link_engagement
from kenal.people.services import person_link_add

PAGES = ("network:index", "network:referrals", "network:favours", "network:gifts")


def test_anonymous_is_sent_to_login(client):
    for name in PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 302 and "login" in response.url


def test_empty_pages_teach(alice_client):
    for name in PAGES:
        response = alice_client.get(reverse(name))
        assert response.status_code == 200
        assert 'class="empty"' in response.content.decode() or "muted" in response.content.decode()


def test_the_network_page_draws_who_knows_whom_and_who_brought_work(
    alice_client, workspace, alice, people, referral
):
    person_link_add(from_person=people["Dewi Anggraini"], to_person=people["Budi Santoso"], kind="friend_of")
    project = engagement_create(
        workspace=workspace, user=alice, title="Web", person=people["Lars Eriksen"], fee=Decimal("60000000")
    )
    referral_link_engagement(referral=referral, engagement=project)
    page = alice_client.get(reverse("network:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<svg" in page and page.count("<line") == 2 and page.count('<circle class="hit"') == 3
    # Beside the graph, the same network as a list a thumb can use.
    assert "Knows Budi Santoso" in page and "Knows Dewi Anggraini" in page
    assert "Budi Santoso</a> — IDR 60,000,000" in page


def test_the_graph_is_capped(alice_client, workspace, alice, now):
    from kenal.network.selectors import network_graph
    from kenal.people.services import person_create

    hub = person_create(workspace=workspace, user=alice, full_name="Hub")
    for number in range(70):
        other = person_create(workspace=workspace, user=alice, full_name=f"P{number:02d}")
        person_link_add(from_person=hub, to_person=other, kind="colleague")
    graph = network_graph(workspace=workspace)
    assert len(graph["nodes"]) == 60 and any(node["name"] == "Hub" for node in graph["nodes"])
    assert network_graph(workspace=workspace) == graph


def test_the_outsider_sees_nothing_of_the_network(client, charlie, workspace, alice, people, referral):
    services.favour_record(
        workspace=workspace,
        person=people["Dewi Anggraini"],
        direction="received",
        description="MC launching buku",
    )
    gift = services.gift_record(
        workspace=workspace, person=people["Bambang Wijaya"], title="Wayang tokoh Bima", status="given"
    )
    client.force_login(charlie)
    for name in PAGES:
        page = client.get(reverse(name)).content.decode()
        assert "Budi Santoso" not in page and "MC launching" not in page and "Wayang tokoh Bima" not in page
    assert client.post(reverse("network:gift_update", args=[gift.pk]), {"status": "idea"}).status_code == 404


def test_it_records_a_referral_by_name(alice_client, people):
    response = alice_client.post(
        reverse("network:referrals"),
        {"introducer": "budi santoso", "introduced": "Dewi Anggraini", "introduced_on": "2026-01-05"},
    )
    assert response.status_code == 302
    assert Referral.objects.get().introduced == people["Dewi Anggraini"]


def test_a_referral_to_an_unknown_person_keeps_the_form(alice_client, people):
    response = alice_client.post(
        reverse("network:referrals"), {"introducer": "Budi Santoso", "introduced": "Nobody"}
    )
    assert response.status_code == 400 and not Referral.objects.exists()
    assert "Budi Santoso" in response.content.decode()


def test_favours_keep_a_balance_per_person(alice_client, people):
    for direction in ("received", "received", "given"):
        alice_client.post(
            reverse("network:favours"),
            {"person": "Dewi Anggraini", "direction": direction, "description": "Bantu launching buku"},
        )
    assert Favour.objects.count() == 3
    page = alice_client.get(
        reverse("network:favours"), {"direction": "received"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "you helped 1×, they helped 2×" in page


def test_gifts_are_recorded_updated_and_filtered(alice_client, people):
    alice_client.post(
        reverse("network:gifts"),
        {"person": "Bambang Wijaya", "title": "Wayang kulit tokoh Bima", "status": "idea", "cost": "850000"},
    )
    gift = Gift.objects.get()
    alice_client.post(
        reverse("network:gift_update", args=[gift.pk]), {"status": "given", "reaction": "Terharu"}
    )
    gift.refresh_from_db()
    assert (gift.status, gift.reaction, gift.cost) == ("given", "Terharu", Decimal("850000.00"))
    assert b"Wayang kulit" in alice_client.get(reverse("network:gifts"), {"status": "given"}).content
    assert b"Wayang kulit" not in alice_client.get(reverse("network:gifts"), {"status": "idea"}).content


def test_a_hostile_gift_is_refused(alice_client, people):
    response = alice_client.post(
        reverse("network:gifts"), {"person": "Bambang Wijaya", "title": "x", "status": "stolen", "cost": "-5"}
    )
    assert response.status_code == 400 and not Gift.objects.exists()


def test_the_person_page_shows_favours_balance_and_gift_ideas(alice_client, workspace, people):
    bambang = people["Bambang Wijaya"]
    page = alice_client.get(bambang.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Wayang Bima figure" in page
    services.gift_record(
        workspace=workspace,
        person=bambang,
        title="Wayang kulit tokoh Bima",
        status="given",
        on_date=date(2020, 1, 1),
    )
    page = alice_client.get(bambang.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Wayang Bima figure" not in page and "Wayang kulit tokoh Bima" in page


def test_the_network_page_keeps_a_constant_number_of_queries(
    alice_client, workspace, alice, people, referral, django_assert_max_num_queries
):
    from kenal.people.services import person_create

    for number in range(30):
        other = person_create(workspace=workspace, user=alice, full_name=f"Q{number:02d}")
        person_link_add(from_person=people["Budi Santoso"], to_person=other, kind="colleague")
        services.favour_record(workspace=workspace, person=other, direction="given", description="x")
    with django_assert_max_num_queries(15):
        alice_client.get(reverse("network:index"))


def test_the_engagement_page_says_which_introduction_the_work_came_through(
    alice_client, charlie_client, workspace, alice, people, referral
):
    project = engagement_create(workspace=workspace, user=alice, title="Web", person=people["Lars Eriksen"])
    referral_link_engagement(referral=referral, engagement=project)
    page = alice_client.get(reverse("engagements:detail", args=[project.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Came through Budi Santoso" in page.content.decode()
    assert charlie_client.get(reverse("engagements:detail", args=[project.pk])).status_code == 404


def test_work_of_another_workspace_cannot_be_linked_to_a_referral(referral, charlie):
    import pytest
    from django.core.exceptions import ValidationError

    from kenal.people.services import person_create

    stranger = person_create(workspace=charlie.current_workspace, user=charlie, full_name="Someone Else")
    theirs = engagement_create(
        workspace=charlie.current_workspace, user=charlie, title="Theirs", person=stranger
    )
    with pytest.raises(ValidationError):
        referral_link_engagement(referral=referral, engagement=theirs)
    assert not referral.engagements.exists()


HOSTILE_NEXT = ("/\\evil.com", "//evil.com", "https://evil.com")


def test_it_refuses_to_send_a_saved_gift_to_another_site(alice_client, people):
    for target in HOSTILE_NEXT:
        response = alice_client.post(
            reverse("network:gifts"),
            {"person": "Bambang Wijaya", "title": "Batik", "status": "idea", "next": target},
        )
        assert response.status_code == 302 and response["Location"] == reverse("network:gifts"), target


def test_a_saved_gift_goes_back_to_the_page_it_came_from(alice_client, people):
    response = alice_client.post(
        reverse("network:gifts"),
        {"person": "Bambang Wijaya", "title": "Batik", "status": "idea", "next": "/people/?q=Bambang"},
    )
    assert response["Location"] == "/people/?q=Bambang"
