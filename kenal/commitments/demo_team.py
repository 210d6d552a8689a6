"""The demo's team workspace: the PR firm of story 001, beside the demo user's own, with two teammates.

Story 001 names no firm; its subtitle ("Seni dan Chemistry") names this one. The demo user owns it, Dimas
answers clients (a member), Putri is the intern who only reads (a viewer); promises are made by both owners
of the work, so the team views have something to show."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from kenal.accounts.models import Membership, Workspace
from kenal.accounts.selectors import user_by_email
from kenal.accounts.services import membership_add, user_create, workspace_create
from kenal.commitments import services
from kenal.people.services import employment_add, organization_save, person_create

TEAM_NAME = "Seni & Chemistry PR (demo)"
# email, name, role
TEAMMATES = [
    ("dimas@demo.kenal.local", "Dimas Prasetyo", Membership.Role.MEMBER),
    ("putri@demo.kenal.local", "Putri Maharani", Membership.Role.VIEWER),
]
# name, salutation, organization, role, industry
CLIENTS = [
    ("Ratih Kusuma", "Bu", "PT Sinar Pangan Multinasional", "Marketing Director"),
    ("Hendra Gunawan", "Pak", "PT Sinar Pangan Multinasional", "Head of Corporate Affairs"),
    ("Daniel Tan", "Mr", "Asia Beverage Group", "Regional Communications Manager"),
]


def load(*, workspace, user) -> None:
    """Create the agency once, owned by the demo user, who stays in their own workspace; again, it adds nothing."""
    if Workspace.objects.filter(memberships__user=user, is_personal=False, name=TEAM_NAME).exists():
        return
    team = workspace_create(name=TEAM_NAME, owner=user)
    # workspace_create switches its owner into it; the demo opens on the personal workspace, as before.
    user.current_workspace = workspace
    user.save(update_fields=["current_workspace"])
    mates = {}
    for email, name, role in TEAMMATES:
        mate = user_by_email(email) or user_create(email=email, password=None, name=name)
        membership_add(workspace=team, user=mate, role=role)
        mates[name.split()[0]] = mate
    people = {}
    organizations = {}
    for name, salutation, organization, role in CLIENTS:
        if organization not in organizations:
            organizations[organization] = organization_save(workspace=team, user=user, name=organization)
        people[name] = person_create(
            workspace=team, user=user, full_name=name, salutation=salutation, stage="client"
        )
        employment_add(person=people[name], organization=organizations[organization], role=role)
    _promises(team, user, mates["Dimas"], people)


def _promises(team, owner, dimas, people) -> None:
    zone = team.tz
    today = timezone.localtime(timezone.now(), zone).date()

    def at(days, hour, minute=0):
        return datetime.combine(today + timedelta(days=days), time(hour, minute), zone)

    # Story 001's lesson, done right: not a bare "oke" but a time the client can hold Dimas to.
    services.commitment_create(
        workspace=team,
        user=dimas,
        person=people["Daniel Tan"],
        what="Email the press release",
        due_at=at(1, 13),
        due_precision="minute",
        notes="Daniel: please share your press release tomorrow. Dimas: tomorrow at 1 PM the latest, ok?",
    )
    services.commitment_create(
        workspace=team,
        user=dimas,
        person=people["Hendra Gunawan"],
        what="Kirim rangkuman liputan media minggu ini",
        due_at=at(-1, 23, 59),
        due_precision="day",
    )
    services.commitment_create(
        workspace=team,
        user=owner,
        person=people["Ratih Kusuma"],
        what="Kirim rencana media briefing peluncuran produk",
        due_at=at(3, 23, 59),
        due_precision="day",
    )
    services.commitment_create(
        workspace=team,
        user=owner,
        person=people["Daniel Tan"],
        what="Send the product fact sheet and spokesperson list",
        debtor_kind="contact",
        due_at=at(2, 17),
        due_precision="minute",
    )
