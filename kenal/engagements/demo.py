"""Demo work from the stories: Bu Ratna's MoU under pressure, Pak Bambang's second project, a vetted prospect."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from kenal.engagements import services
from kenal.engagements.models import ClientRequest, Engagement, Opportunity
from kenal.people.models import Person

MOU_TEXT = b"""MoU Kampanye Peluncuran Produk 2026 - PT Global Consumer Indonesia
Pasal 2.1 Tiga siaran pers, masing-masing termasuk tiga kali revisi.
Pasal 2.2 Satu key visual, termasuk dua kali revisi.
Pasal 2.3 Satu laporan liputan media di akhir kampanye.
Pasal 4 Permintaan di luar lingkup kerja dihitung sebagai permintaan tambahan dengan biaya terpisah.
"""


def load(*, workspace, user) -> None:
    people = {
        p.full_name: p
        for p in Person.objects.filter(workspace=workspace).prefetch_related("employments__organization")
    }
    today = timezone.localdate()
    if "Ratna Sari" in people:
        _ratna(workspace, user, people["Ratna Sari"], today)
    if "Bambang Wijaya" in people:
        _bambang(workspace, user, people["Bambang Wijaya"], today)
    if "Lars Eriksen" in people:
        _lars(workspace, user, people["Lars Eriksen"], today)
    if "Andi Saputra" in people:
        _andi(workspace, user, people["Andi Saputra"], today)
    _more_prospects(workspace, user, people, today)


def _organization(person):
    jobs = [job for job in person.employments.all() if job.ended_on is None]
    return jobs[0].organization if jobs else None


def _exists(workspace, title) -> bool:
    return Engagement.objects.filter(workspace=workspace, title=title).exists()


def _ratna(workspace, user, ratna, today):
    title = "Kampanye PR peluncuran produk 2026"
    if _exists(workspace, title):
        return
    engagement = services.engagement_create(
        workspace=workspace,
        user=user,
        title=title,
        organization=_organization(ratna),
        person=ratna,
        starts_on=today - timedelta(days=40),
        ends_on=today + timedelta(days=50),
        fee=Decimal("45000000"),
    )
    services.engagement_mou_attach(
        engagement=engagement, user=user, name="MoU-Global-Consumer-2026.txt", content=MOU_TEXT
    )
    release = services.scope_item_add(
        engagement=engagement,
        deliverable="Siaran pers (press release)",
        quantity=3,
        revisions_included=3,
        delivered=1,
        mou_clause="Pasal 2.1: Tiga siaran pers, masing-masing termasuk tiga kali revisi.",
    )
    services.scope_item_add(
        engagement=engagement,
        deliverable="Desain key visual kampanye",
        quantity=1,
        revisions_included=2,
        delivered=1,
        mou_clause="Pasal 2.2: Satu key visual, termasuk dua kali revisi.",
    )
    services.scope_item_add(
        engagement=engagement,
        deliverable="Laporan liputan media",
        quantity=1,
        revisions_included=1,
        mou_clause="Pasal 2.3: Satu laporan liputan media di akhir kampanye.",
    )
    asks = [
        "Judul siaran pers kurang menarik, tolong revisi",
        "Revisi kutipan direktur di siaran pers",
        "Ganti foto produk di siaran pers",
        "Revisi lagi paragraf pembuka siaran pers, malam ini ya",
    ]
    for days, text in enumerate(asks):
        services.client_request_log(
            engagement=engagement,
            user=user,
            text=text,
            verdict=ClientRequest.Verdict.IN_SCOPE,
            scope_item=release,
            is_revision=True,
            requested_on=today - timedelta(days=20 - 4 * days),
        )
    services.client_request_log(
        engagement=engagement,
        user=user,
        text="Tambah video teaser 30 detik untuk Instagram",
        verdict=ClientRequest.Verdict.OUT_OF_SCOPE,
        change_price=Decimal("7500000"),
        requested_on=today - timedelta(days=3),
    )
    services.client_request_log(
        engagement=engagement,
        user=user,
        text="Bisa bantu undang media dari Surabaya?",
        verdict=ClientRequest.Verdict.UNCLEAR,
        requested_on=today - timedelta(days=1),
    )
    services.milestone_add(
        engagement=engagement,
        label="Uang muka 50%",
        amount=Decimal("22500000"),
        due_on=today - timedelta(days=38),
        paid_on=today - timedelta(days=36),
    )
    services.milestone_add(
        engagement=engagement,
        label="Pelunasan 50%",
        amount=Decimal("22500000"),
        due_on=today + timedelta(days=55),
    )


def _bambang(workspace, user, bambang, today):
    first = "Instalasi komputer kantor kecamatan"
    if not _exists(workspace, first):
        engagement = services.engagement_create(
            workspace=workspace,
            user=user,
            title=first,
            organization=_organization(bambang),
            person=bambang,
            starts_on=today - timedelta(days=2400),
            ends_on=today - timedelta(days=2300),
            fee=Decimal("120000000"),
        )
        services.scope_item_add(
            engagement=engagement, deliverable="Instalasi 40 unit komputer", quantity=40, delivered=40
        )
        services.engagement_end(
            engagement=engagement,
            user=user,
            ended_on=today - timedelta(days=2300),
            lessons_learned="Tim sales berjanji jadwal yang tidak bisa ditepati dan Pak Bambang "
            "kecewa. Semua janji ke instansi pemerintah dicatat dan dipantau.",
        )
    second = "Jaringan kantor kelurahan tahap 2"
    if not _exists(workspace, second):
        engagement = services.engagement_create(
            workspace=workspace,
            user=user,
            title=second,
            organization=_organization(bambang),
            person=bambang,
            starts_on=today - timedelta(days=10),
            ends_on=today + timedelta(days=80),
            fee=Decimal("85000000"),
        )
        services.scope_item_add(
            engagement=engagement,
            deliverable="Instalasi jaringan LAN 12 kantor kelurahan",
            quantity=12,
            delivered=2,
            revisions_included=0,
            mou_clause="Pasal 3: Instalasi dan uji jaringan di 12 kantor kelurahan.",
        )
        services.milestone_add(
            engagement=engagement,
            label="Termin 1",
            amount=Decimal("25500000"),
            due_on=today - timedelta(days=2),
        )
        services.milestone_add(
            engagement=engagement,
            label="Termin 2",
            amount=Decimal("59500000"),
            due_on=today + timedelta(days=85),
        )


def _lars(workspace, user, lars, today):
    title = "Website Fjord Digital"
    if _exists(workspace, title):
        return
    engagement = services.engagement_create(
        workspace=workspace,
        user=user,
        title=title,
        organization=_organization(lars),
        person=lars,
        starts_on=today - timedelta(days=200),
        ends_on=today - timedelta(days=120),
        fee=Decimal("60000000"),
    )
    services.scope_item_add(
        engagement=engagement,
        deliverable="Website company profile (5 halaman)",
        quantity=5,
        delivered=5,
        revisions_included=2,
    )
    services.engagement_end(
        engagement=engagement,
        user=user,
        ended_on=today - timedelta(days=120),
        lessons_learned="Short written updates with screenshots worked well across time zones.",
    )


def _andi(workspace, user, andi, today):
    title = "Branding dan website Kopi Kita"
    if Opportunity.objects.filter(workspace=workspace, title=title).exists():
        return
    opportunity = services.opportunity_create(
        workspace=workspace,
        user=user,
        title=title,
        person=andi,
        organization=_organization(andi),
        source=Opportunity.Source.PROJECTS_CO_ID,
        stage=Opportunity.Stage.RESEARCHING,
        value=Decimal("15000000"),
        expected_close=today + timedelta(days=14),
        notes="Brief masih kabur; minta contoh referensi dulu.",
    )
    services.opportunity_vet(
        opportunity=opportunity,
        user=user,
        answers={
            "clear_brief": "no",
            "realistic_budget": "partly",
            "payment_history": "partly",
            "communication": "yes",
            "red_flags": "partly",
        },
    )


def _more_prospects(workspace, user, people, today):
    rows = (
        (
            "Citra Lestari",
            "Kampanye media sosial Pesta Kita EO",
            Opportunity.Source.EVENT,
            Opportunity.Stage.PITCHING,
            "20000000",
            21,
        ),
        (
            "Kevin Tan",
            "Aplikasi mobile Bank Sentosa",
            Opportunity.Source.REFERRAL,
            Opportunity.Stage.LEAD,
            "150000000",
            60,
        ),
    )
    for name, title, source, stage, value, days in rows:
        person = people.get(name)
        if person is None or Opportunity.objects.filter(workspace=workspace, title=title).exists():
            continue
        services.opportunity_create(
            workspace=workspace,
            user=user,
            title=title,
            person=person,
            organization=_organization(person),
            source=source,
            stage=stage,
            value=Decimal(value),
            expected_close=today + timedelta(days=days),
        )
