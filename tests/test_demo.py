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
