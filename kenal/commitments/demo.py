"""Demo promises from the stories: an overdue draft, a vague "oke" to Bu Ratna, and Pak Bambang's broken promise."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from kenal.accounts.selectors import user_by_email
from kenal.accounts.services import membership_add, membership_remove, user_create
from kenal.commitments import services
from kenal.commitments.models import Commitment
from kenal.conversations.models import Message
from kenal.lib import promises
from kenal.lib.timeexpr import day_due
from kenal.people.models import Person

FORMER_TEAMMATE = "dodi.sales@demo.kenal.local"


def load(*, workspace, user) -> None:
    """Add the demo promises once; running it again adds nothing."""
    people = {p.full_name: p for p in Person.objects.filter(workspace=workspace)}
    zone = workspace.tz
    today = timezone.localtime(timezone.now(), zone).date()
    existing = set(Commitment.objects.filter(workspace=workspace).values_list("what", flat=True))

    def add(name, what, **fields):
        if name in people and what not in existing:
            return services.commitment_create(
                workspace=workspace, user=user, person=people[name], what=what, **fields
            )
        return None

    add(
        "Yuna Kristina",
        "Kirim draft press release launching produk baru",
        due_at=datetime.combine(today - timedelta(days=1), time(23, 59), zone),
        due_precision="day",
    )
    add(
        "Lars Eriksen",
        "Send the wireframes with screenshots",
        due_at=datetime.combine(today + timedelta(days=2), time(14, 0), zone),
        due_precision="minute",
    )
    add(
        "Andi Saputra",
        "Kirim brief final dan budget",
        debtor_kind="contact",
        due_at=datetime.combine(today + timedelta(days=7), time(23, 59), zone),
        due_precision="week",
    )
    add(
        "Ratna Sari",
        "Kirim press release",
        due_at=datetime.combine(today + timedelta(days=1), time(23, 59), zone),
        due_precision="day",
        notes=_vague_reply(today, zone),
    )
    _broken_by_former_teammate(workspace, user, people, existing)
    _suggest_from_demo_chats(workspace)


def _vague_reply(today, zone) -> str:
    """The answer Bu Ratna wanted instead of a bare "oke"."""
    made = datetime.combine(today, time(9, 16), zone)
    found = promises.Commitment(
        1, "me", day_due(today + timedelta(days=1), zone), "kirim press release", "id", made
    )
    return 'Dijawab "oke" saja. Balas dengan waktu yang pasti: ' + promises.suggest_reply(found)


def _broken_by_former_teammate(workspace, user, people, existing) -> None:
    what = "Kirim teknisi untuk cek ulang komputer kecamatan"
    if "Bambang Wijaya" not in people or what in existing:
        return
    dodi = user_by_email(FORMER_TEAMMATE) or user_create(
        email=FORMER_TEAMMATE, password=None, name="Dodi Kurniawan"
    )
    membership_add(workspace=workspace, user=dodi)
    promise = services.commitment_create(
        workspace=workspace,
        user=user,
        person=people["Bambang Wijaya"],
        what=what,
        debtor_user=dodi,
        due_at=timezone.now() - timedelta(days=400),
        due_precision="day",
        notes="Janji tim sales di proyek pertama; tidak pernah datang.",
    )
    services.commitment_set_status(commitment=promise, user=user, status=Commitment.Status.BROKEN)
    # Dodi has since left the agency; his broken promise stays on Pak Bambang's organization.
    membership_remove(workspace=workspace, user=dodi)


def _suggest_from_demo_chats(workspace) -> None:
    services.suggestions_from_messages(
        workspace=workspace, messages=Message.objects.filter(workspace=workspace).order_by("at")[:5000]
    )
