"""Demo network from the stories: Budi recommends Lars, Dewi helps at the book launch, a wayang Bima for Pak Bambang."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from kenal.engagements.models import Engagement
from kenal.network import services
from kenal.network.models import Favour, Gift
from kenal.people.models import Person


def load(*, workspace, user) -> None:
    people = {p.full_name: p for p in Person.objects.filter(workspace=workspace)}
    today = timezone.localdate()
    budi, lars = people.get("Budi Santoso"), people.get("Lars Eriksen")
    if budi and lars:
        referral = services.referral_create(
            workspace=workspace,
            user=user,
            introducer=budi,
            introduced=lars,
            introduced_on=today - timedelta(days=300),
            note="Budi bertemu Lars di konferensi di Singapura.",
        )
        for engagement in Engagement.objects.filter(workspace=workspace, person=lars):
            services.referral_link_engagement(referral=referral, engagement=engagement, user=user)
    yuna, maya = people.get("Yuna Kristina"), people.get("Maya Putri")
    if yuna and maya:
        services.referral_create(
            workspace=workspace,
            user=user,
            introducer=yuna,
            introduced=maya,
            introduced_on=today - timedelta(days=500),
            note="Kenalan di grup jemputan.",
        )
    dewi = people.get("Dewi Anggraini")
    if dewi:
        _favour(
            workspace,
            user,
            dewi,
            Favour.Direction.RECEIVED,
            "Jadi MC di launching buku saya",
            today - timedelta(days=120),
        )
        _favour(
            workspace,
            user,
            dewi,
            Favour.Direction.GIVEN,
            "Menjemput Naura dari sekolah saat Dewi rapat",
            today - timedelta(days=30),
        )
    if yuna:
        _favour(
            workspace,
            user,
            yuna,
            Favour.Direction.RECEIVED,
            "Bantu sebar undangan launching buku",
            today - timedelta(days=125),
        )
    bambang = people.get("Bambang Wijaya")
    if bambang and not Gift.objects.filter(person=bambang, title__icontains="Bima").exists():
        services.gift_record(
            workspace=workspace,
            person=bambang,
            title="Wayang kulit tokoh Bima",
            status=Gift.Status.GIVEN,
            occasion="Terima kasih setelah proyek pertama",
            cost=Decimal("850000"),
            on_date=today - timedelta(days=2280),
            reaction="Pak Bambang terharu; wayangnya dipajang di ruang kerja beliau.",
        )
    if lars and not Gift.objects.filter(person=lars).exists():
        services.gift_record(
            workspace=workspace,
            person=lars,
            title="Biji kopi Gayo 500 g",
            status=Gift.Status.IDEA,
            occasion="Kunjungan ke Jakarta",
        )


def _favour(workspace, user, person, direction, description, day):
    if Favour.objects.filter(person=person, description=description).exists():
        return
    services.favour_record(
        workspace=workspace,
        user=user,
        person=person,
        direction=direction,
        description=description,
        happened_on=day,
    )
