from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kenal.engagements import services
from kenal.engagements.models import ChangeRequest, ClientRequest, Engagement, PaymentMilestone, ScopeItem


def test_the_list_shows_the_workspaces_engagements(alice_client, engagement):
    response = alice_client.get(reverse("engagements:index"))
    assert response.status_code == 200
    assert "Kampanye PR 2026" in response.content.decode()


def test_the_list_searches_and_filters(alice_client, engagement):
    assert (
        "Kampanye PR 2026"
        not in alice_client.get(reverse("engagements:index"), {"q": "zzz"}).content.decode()
    )
    assert (
        "Kampanye PR 2026"
        in alice_client.get(
            reverse("engagements:index"), {"q": "global", "status": "active"}
        ).content.decode()
    )


def test_an_empty_list_teaches(alice_client):
    response = alice_client.get(reverse("engagements:index"))
    assert reverse("engagements:create") in response.content.decode()


def test_the_outsider_sees_an_empty_list(charlie_client, engagement):
    response = charlie_client.get(reverse("engagements:index"))
    assert response.status_code == 200
    assert "Kampanye PR 2026" not in response.content.decode()


def test_anonymous_is_sent_to_login(client, engagement):
    for url in (reverse("engagements:index"), engagement.get_absolute_url(), reverse("engagements:pipeline")):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url


def test_it_creates_an_engagement_with_its_mou(alice_client, ratna, now):
    mou = SimpleUploadedFile("mou.pdf", b"%PDF-1.4 pasal 2.1", content_type="application/pdf")
    response = alice_client.post(
        reverse("engagements:create"),
        {
            "title": "Kampanye 2027",
            "organization_name": "PT Baru",
            "person_name": "ratna sari",
            "status": "active",
            "fee": "1500000",
            "currency": "IDR",
            "mou": mou,
        },
    )
    engagement = Engagement.objects.get(title="Kampanye 2027")
    assert response.status_code == 302
    assert engagement.person == ratna and engagement.organization.name == "PT Baru"
    assert engagement.mou.original_name == "mou.pdf"


def test_it_keeps_what_was_typed_when_the_client_is_unknown(alice_client, now):
    response = alice_client.post(
        reverse("engagements:create"),
        {
            "title": "Kampanye 2027",
            "person_name": "Nobody Here",
            "status": "active",
            "currency": "IDR",
        },
    )
    assert response.status_code == 200
    assert "Kampanye 2027" in response.content.decode()
    assert not Engagement.objects.exists()


def test_the_mou_downloads_only_for_members(alice_client, client, charlie, engagement, alice):
    services.engagement_mou_attach(engagement=engagement, user=alice, name="mou.txt", content=b"Pasal 2.1")
    url = engagement.mou.get_absolute_url()
    assert b"Pasal 2.1" in b"".join(alice_client.get(url).streaming_content)
    client.force_login(charlie)
    assert client.get(url).status_code == 404


def test_the_detail_shows_scope_requests_and_change_request_value(alice_client, engagement, release, alice):
    for _ in range(4):
        services.client_request_log(
            engagement=engagement, text="revisi", verdict="in_scope", scope_item=release, is_revision=True
        )
    services.client_request_log(
        engagement=engagement, text="Video teaser", verdict="out_of_scope", change_price="7500000"
    )
    services.change_request_set_status(change_request=ChangeRequest.objects.get(), status="accepted")
    response = alice_client.get(engagement.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Pasal 2.1" in page and "Video teaser" in page
    assert "4 of 3 used" in page
    assert "IDR 7,500,000" in page


def test_the_detail_keeps_a_constant_number_of_queries(
    alice_client, engagement, release, django_assert_max_num_queries
):
    for _ in range(10):
        services.client_request_log(engagement=engagement, text="x", verdict="out_of_scope", change_price="1")
    with django_assert_max_num_queries(25):
        alice_client.get(engagement.get_absolute_url())


def test_the_outsider_gets_404_on_the_detail_and_every_action(charlie_client, engagement, release):
    milestone = services.milestone_add(engagement=engagement, label="DP", amount="1")
    change = services.change_request_create(engagement=engagement, title="x", price="1")
    assert charlie_client.get(engagement.get_absolute_url()).status_code == 404
    assert charlie_client.get(reverse("engagements:request", args=[engagement.pk])).status_code == 404
    posts = [
        (
            reverse("engagements:scope_add", args=[engagement.pk]),
            {"deliverable": "x", "quantity": 1, "revisions_included": 1},
        ),
        (reverse("engagements:scope_deliver", args=[engagement.pk, release.pk]), {"delivered": 2}),
        (reverse("engagements:request", args=[engagement.pk]), {"text": "x", "verdict": "unclear"}),
        (reverse("engagements:milestone_add", args=[engagement.pk]), {"label": "x", "amount": "1"}),
        (reverse("engagements:milestone_paid", args=[milestone.pk]), {}),
        (reverse("engagements:change_request_status", args=[change.pk]), {"status": "accepted"}),
        (reverse("engagements:end", args=[engagement.pk]), {"status": "ended"}),
        (reverse("engagements:mou", args=[engagement.pk]), {}),
    ]
    for url, data in posts:
        assert charlie_client.post(url, data).status_code == 404, url
    assert ScopeItem.objects.count() == 1 and PaymentMilestone.objects.get().paid_on is None
    assert ChangeRequest.objects.get().status == "proposed"


def test_it_adds_a_scope_item_and_records_delivery(alice_client, engagement):
    alice_client.post(
        reverse("engagements:scope_add", args=[engagement.pk]),
        {"deliverable": "Laporan media", "quantity": 2, "revisions_included": 1, "mou_clause": "Pasal 3"},
    )
    item = ScopeItem.objects.get()
    alice_client.post(reverse("engagements:scope_deliver", args=[engagement.pk, item.pk]), {"delivered": 1})
    item.refresh_from_db()
    assert (item.deliverable, item.delivered, item.mou_clause) == ("Laporan media", 1, "Pasal 3")


def test_a_bad_scope_item_is_refused_with_a_message(alice_client, engagement):
    response = alice_client.post(
        reverse("engagements:scope_add", args=[engagement.pk]),
        {"deliverable": "", "quantity": -1},
        follow=True,
    )
    assert not ScopeItem.objects.exists()
    assert response.status_code == 200


def test_the_request_form_suggests_the_item_shows_the_clause_and_warns(
    alice_client, engagement, release, key_visual
):
    for _ in range(3):
        services.client_request_log(
            engagement=engagement, text="revisi", verdict="in_scope", scope_item=release, is_revision=True
        )
    url = reverse("engagements:request", args=[engagement.pk])
    response = alice_client.get(url, {"text": "tolong revisi siaran pers"}, HTTP_ACCEPT_LANGUAGE="id")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Pasal 2.1" in page
    assert "revisi ke-4 dari 3 yang termasuk" in page
    assert f'<option value="{release.pk}" selected>' in page


def test_the_help_panel_renders_alone_for_htmx(alice_client, engagement, release, key_visual):
    url = reverse("engagements:request", args=[engagement.pk])
    response = alice_client.get(url, {"text": "ganti warna key visual"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    assert "Pasal 2.2" in response.content.decode()


def test_logging_past_the_allowance_warns(alice_client, engagement, release):
    url = reverse("engagements:request", args=[engagement.pk])
    for _ in range(4):
        response = alice_client.post(
            url,
            {"text": "revisi", "verdict": "in_scope", "scope_item": release.pk, "is_revision": "on"},
            follow=True,
            HTTP_ACCEPT_LANGUAGE="id",
        )
    assert "revisi ke-4 dari 3 yang termasuk" in response.content.decode()
    assert ClientRequest.objects.filter(is_revision=True).count() == 4


def test_logging_out_of_scope_proposes_a_change_request(alice_client, engagement):
    alice_client.post(
        reverse("engagements:request", args=[engagement.pk]),
        {"text": "Tambah video", "verdict": "out_of_scope", "change_price": "7500000"},
    )
    assert ChangeRequest.objects.get().price == 7500000


def test_a_hostile_request_form_is_refused_without_losing_the_text(alice_client, engagement, release):
    response = alice_client.post(
        reverse("engagements:request", args=[engagement.pk]),
        {"text": "tolong revisi", "verdict": "in_scope", "scope_item": "999999"},
    )
    assert response.status_code == 400
    assert "tolong revisi" in response.content.decode()
    assert not ClientRequest.objects.exists()


def test_an_unknown_message_prefill_is_ignored(alice_client, engagement):
    response = alice_client.get(reverse("engagements:request", args=[engagement.pk]), {"message": "abc"})
    assert response.status_code == 200


def test_change_request_status_and_payments(alice_client, engagement):
    change = services.change_request_create(engagement=engagement, title="x", price="1")
    alice_client.post(reverse("engagements:change_request_status", args=[change.pk]), {"status": "accepted"})
    alice_client.post(
        reverse("engagements:milestone_add", args=[engagement.pk]),
        {"label": "DP 50%", "amount": "22500000", "due_on": "2026-03-10"},
    )
    milestone = PaymentMilestone.objects.get()
    alice_client.post(reverse("engagements:milestone_paid", args=[milestone.pk]))
    change.refresh_from_db()
    milestone.refresh_from_db()
    assert change.status == "accepted" and milestone.paid_on is not None


def test_it_uploads_an_mou_on_the_detail(alice_client, engagement):
    alice_client.post(
        reverse("engagements:mou", args=[engagement.pk]), {"mou": SimpleUploadedFile("mou.txt", b"isi MoU")}
    )
    engagement.refresh_from_db()
    assert engagement.mou.size == 7


def test_ending_records_the_lessons(alice_client, engagement):
    alice_client.post(
        reverse("engagements:end", args=[engagement.pk]),
        {"status": "ended", "lessons_learned": "Minta brief tertulis"},
    )
    engagement.refresh_from_db()
    assert engagement.status == "ended" and engagement.lessons_learned == "Minta brief tertulis"


def test_get_is_not_allowed_on_actions(alice_client, engagement):
    assert alice_client.get(reverse("engagements:end", args=[engagement.pk])).status_code == 405
