"""Demo people from the stories: brand managers turned friends, a Norwegian client, Pak Bambang and Bima."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from kenal.people import services
from kenal.people.models import Person

# name, salutation, nickname, stage, organization, role, birthday (y, m, d), city, country, tz, extra
PEOPLE = [
    (
        "Yuna Kristina",
        "Mbak",
        "Yuna",
        "friend",
        "PT Cahaya Kosmetika",
        "Brand Manager",
        (1986, 5, 14),
        "Jakarta",
        "Indonesia",
        "Asia/Jakarta",
        {
            "family": [("child", "Raka", 2016, "SD Tunas Harapan")],
            "circles": ["gankjemputan"],
            "facts": [("interest", "jalan-jalan ke Jepang"), ("food", "ramen"), ("brand", "Uniqlo")],
            "met": (date(2016, 11, 24), "acara kantor Cahaya Kosmetika"),
            "social": "instagram:@yuna.kristina",
            "phone": "+6281311110001",
            "email": "yuna.kristina@cahayakosmetika.co.id",
            "events": [("child_sick", "Raka sakit demam berdarah, dirawat 4 hari", -6)],
            "note": "Teman satu geng jemputan sekolah. Bantu banget waktu launching buku.",
        },
    ),
    (
        "Dewi Anggraini",
        "Mbak",
        "Dewi",
        "friend",
        "PT Segar Minuman Nusantara",
        "Senior Brand Manager",
        (None, 8, 2),
        "Jakarta",
        "Indonesia",
        "Asia/Jakarta",
        {
            "family": [("child", "Naura", 2016, "SD Tunas Harapan"), ("spouse", "Arief", None, "")],
            "circles": ["gankjemputan"],
            "facts": [("hobby", "yoga"), ("music", "Tulus"), ("avoid", "seafood (alergi)")],
            "phone": "+6281311110002",
            "email": "dewi@segarminuman.co.id",
            "events": [("other", "Jadi MC di launching buku saya", -120)],
        },
    ),
    (
        "Maya Putri",
        "Bu",
        "Maya",
        "client",
        "PT Nusantara Telekom",
        "Marketing Communications Lead",
        (1984, 3, 9),
        "Jakarta",
        "Indonesia",
        "Asia/Jakarta",
        {
            "family": [("child", "Kirana", 2017, "SD Tunas Harapan")],
            "circles": ["gankjemputan"],
            "facts": [("interest", "lari maraton")],
            "phone": "+6281311110003",
        },
    ),
    (
        "Lars Eriksen",
        "Mr",
        "Lars",
        "client",
        "Fjord Digital AS",
        "Founder",
        (1979, 10, 2),
        "Oslo",
        "Norway",
        "Europe/Oslo",
        {
            "facts": [
                ("interest", "cross-country skiing"),
                ("food", "nasi goreng kambing"),
                ("favourite", "strong black coffee"),
            ],
            "met": (date(2025, 5, 10), "Upwork, then a weekend visit to Jakarta"),
            "languages": "English, Norwegian",
            "channel": "email",
            "best_time": "09:00–11:00 Oslo time (14:00–16:00 WIB)",
            "phone": "+4791234567",
            "email": "lars@fjorddigital.no",
            "events": [("trip", "Visiting Jakarta on the way back from Bangkok", 20)],
            "note": "Still runs Windows Vista on one laptop. Prefers short written updates with screenshots.",
        },
    ),
    (
        "Bambang Wijaya",
        "Pak",
        "Bambang",
        "client",
        "Dinas Komunikasi dan Informatika",
        "Kepala Bidang",
        (1968, 7, 21),
        "Jakarta",
        "Indonesia",
        "Asia/Jakarta",
        {
            "facts": [
                ("interest", "wayang kulit"),
                ("character", "Bima (Werkudara)"),
                ("food", "babi guling? tidak — sate lilit"),
            ],
            "temperaments": ["formal"],
            "temperament_note": "Janji harus ditepati; kecewa dengan janji tim sales di proyek pertama.",
            "met": (date(2019, 2, 11), "proyek instalasi komputer kecamatan"),
            "phone": "+6281311110005",
            "events": [("trip", "Kunjungan lapangan 3 hari di Denpasar, Bali", -400)],
        },
    ),
    (
        "Ratna Sari",
        "Bu",
        "Ratna",
        "client",
        "PT Global Consumer Indonesia",
        "Head of Corporate Communications",
        (None, 12, 5),
        "Jakarta",
        "Indonesia",
        "Asia/Jakarta",
        {
            "temperaments": ["detail_oriented", "quiet_then_explosive", "demanding"],
            "temperament_note": "Selalu jawab dengan waktu yang pasti: 'besok jam 13.00', bukan 'oke'.",
            "channel": "whatsapp",
            "best_time": "pagi sebelum jam 9",
            "phone": "+6281311110006",
            "email": "ratna.sari@globalconsumer.co.id",
            "facts": [("interest", "golf")],
        },
    ),
    (
        "Rina Hapsari",
        "Bu",
        "Rina",
        "client",
        "Klinik Sehat Rina",
        "Owner",
        (1975, 1, 18),
        "Bandung",
        "Indonesia",
        "Asia/Jakarta",
        {"phone": "+6281311110007", "facts": [("food", "kopi susu gula aren")]},
    ),
    (
        "Andi Saputra",
        "Mas",
        "Andi",
        "prospect",
        "Kopi Kita Startup",
        "Co-founder",
        None,
        "Yogyakarta",
        "Indonesia",
        "Asia/Jakarta",
        {"phone": "+6281311110008", "note": "Dari Projects.co.id. Brief masih kabur."},
    ),
    (
        "Budi Santoso",
        "Pak",
        "Budi",
        "former_client",
        "PT Maju Bersama",
        "Direktur Pemasaran",
        (1972, 9, 30),
        "Surabaya",
        "Indonesia",
        "Asia/Jakarta",
        {"phone": "+6281311110009", "facts": [("hobby", "memancing")]},
    ),
    (
        "Sarah Johnson",
        "Ms",
        "Sarah",
        "partner",
        "Sarah Johnson Photography",
        "Photographer",
        None,
        "Bali",
        "Indonesia",
        "Asia/Makassar",
        {"email": "sarah@sjphoto.com", "languages": "English, Bahasa Indonesia"},
    ),
    (
        "Agus Salim",
        "Mas",
        "Agus",
        "partner",
        "Lensa Gerak Production",
        "Producer",
        (1990, 6, 1),
        "Jakarta",
        "Indonesia",
        "Asia/Jakarta",
        {"phone": "+6281311110011"},
    ),
    (
        "Citra Lestari",
        "Mbak",
        "Citra",
        "prospect",
        "Pesta Kita EO",
        "Event Director",
        None,
        "Jakarta",
        "Indonesia",
        "Asia/Jakarta",
        {"phone": "+6281311110012"},
    ),
    (
        "Kevin Tan",
        "",
        "Kevin",
        "client",
        "Bank Sentosa",
        "VP Digital Banking",
        (1988, 11, 27),
        "Singapore",
        "Singapore",
        "Asia/Singapore",
        {"email": "kevin.tan@banksentosa.sg", "languages": "English, Mandarin"},
    ),
]


def load(*, workspace, user) -> None:
    for row in PEOPLE:
        name = row[0]
        if Person.objects.filter(workspace=workspace, full_name=name).exists():
            continue
        _create(workspace, user, *row)
    by_name = {p.full_name: p for p in Person.objects.filter(workspace=workspace)}
    if "Yuna Kristina" in by_name and "Dewi Anggraini" in by_name:
        services.person_link_add(
            from_person=by_name["Dewi Anggraini"],
            to_person=by_name["Yuna Kristina"],
            kind="friend_of",
            note="Satu geng jemputan",
        )
    if (
        "Budi Santoso" in by_name
        and "Lars Eriksen" in by_name
        and not by_name["Lars Eriksen"].introduced_by_id
    ):
        services.person_update(person=by_name["Lars Eriksen"], introduced_by=by_name["Budi Santoso"])


def _create(
    workspace, user, name, salutation, nickname, stage, organization, role, birthday, city, country, tz, extra
) -> Person:
    year, month, day = birthday or (None, None, None)
    met_on, met_where = extra.get("met", (None, ""))
    person = services.person_create(
        workspace=workspace,
        user=user,
        full_name=name,
        salutation=salutation,
        nickname=nickname,
        stage=stage,
        birth_year=year,
        birth_month=month,
        birth_day=day,
        city=city,
        country=country,
        timezone=tz,
        languages=extra.get("languages", "Bahasa Indonesia"),
        met_on=met_on,
        met_where=met_where,
        preferred_channel=extra.get("channel", "whatsapp"),
        best_time=extra.get("best_time", ""),
        temperaments=extra.get("temperaments", []),
        temperament_note=extra.get("temperament_note", ""),
    )
    org = services.organization_get_or_create(workspace=workspace, name=organization)
    services.employment_add(person=person, organization=org, role=role, started_on=date(2020, 1, 1))
    if extra.get("phone"):
        services.contact_point_add(person=person, kind="phone", value=extra["phone"])
    if extra.get("email"):
        services.contact_point_add(person=person, kind="email", value=extra["email"])
    if extra.get("social"):
        services.contact_point_add(person=person, kind="social", value=extra["social"])
    for relation, child, born, school in extra.get("family", []):
        services.family_member_add(
            person=person, relation=relation, name=child, birth_year=born, school=school
        )
    for category, value in extra.get("facts", []):
        services.fact_add(person=person, category=category, value=value)
    services.person_circles_set(person=person, names=extra.get("circles", []))
    today = timezone.localdate()
    for kind, title, days in extra.get("events", []):
        services.life_event_add(
            person=person, kind=kind, title=title, happened_on=today + timedelta(days=days)
        )
    if extra.get("note"):
        services.note_add(person=person, author=user, body=extra["note"], visibility="shared")
    met = timezone.make_aware(datetime.combine(today - timedelta(days=12 + len(name)), datetime.min.time()))
    services.activity_add(
        workspace=workspace,
        user=user,
        people=[person],
        kind="meeting",
        title=f"Ngopi dengan {nickname or name}",
        happened_at=met.replace(hour=10),
        context="work",
        place="Jakarta",
    )
    return person
