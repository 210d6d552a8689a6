from kenal.accounts.demo import demo_load
from kenal.accounts.models import User
from kenal.people.models import Fact, FamilyMember, Person


def test_the_demo_holds_the_people_of_the_stories(db):
    user = demo_load()
    people = Person.objects.filter(workspace=user.current_workspace)
    assert people.count() >= 12
    assert Fact.objects.filter(person__full_name="Bambang Wijaya", value__icontains="Bima").exists()
    assert people.get(full_name="Lars Eriksen").timezone == "Europe/Oslo"
    schools = FamilyMember.objects.filter(person__workspace=user.current_workspace, relation="child")
    assert schools.filter(school="SD Tunas Harapan").count() >= 2
    assert user.check_password("kenal-demo")


def test_loading_the_demo_twice_adds_nothing(db):
    demo_load()
    counts = (Person.objects.count(), Fact.objects.count(), FamilyMember.objects.count())
    demo_load()
    assert (Person.objects.count(), Fact.objects.count(), FamilyMember.objects.count()) == counts
    assert User.objects.filter(email="demo@kenal.local").count() == 1


def test_the_demo_has_the_pr_agency_of_story_001_as_a_team_workspace(db):
    from kenal.accounts.models import Membership, Workspace
    from kenal.commitments.models import Commitment

    user = demo_load()
    personal = user.current_workspace
    assert personal.is_personal  # the demo still opens on Sari's own workspace
    team = Workspace.objects.get(is_personal=False, memberships__user=user)
    assert team.name == "Seni & Chemistry PR (demo)"
    roles = {(m.user.get_full_name(), m.role) for m in Membership.objects.filter(workspace=team)}
    assert roles == {("Sari Wulandari", "owner"), ("Dimas Prasetyo", "member"), ("Putri Maharani", "viewer")}
    assert Person.objects.filter(workspace=team, stage="client").count() >= 3
    makers = set(Commitment.objects.filter(workspace=team).values_list("debtor_user__first_name", flat=True))
    assert {"Sari", "Dimas"} <= makers
    # The team's clients stay out of the personal workspace, and its people out of the team's.
    assert not Person.objects.filter(workspace=personal, full_name="Daniel Tan").exists()
    assert not Person.objects.filter(workspace=team, full_name="Yuna Kristina").exists()


def test_loading_the_demo_twice_adds_no_second_team(db):
    from kenal.accounts.models import Workspace
    from kenal.commitments.models import Commitment

    demo_load()
    counts = (Workspace.objects.count(), Commitment.objects.count(), User.objects.count())
    demo_load()
    assert (Workspace.objects.count(), Commitment.objects.count(), User.objects.count()) == counts
