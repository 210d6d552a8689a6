from datetime import date

from kenal.agenda.selectors import agenda
from kenal.agenda.services import agenda_settings_update
from kenal.people.services import family_member_add, life_event_add, person_create, person_update


def kinds(items, kind):
    return [item for item in items if item.kind == kind]


def test_it_lists_a_birthday_in_the_span_with_the_age(now, workspace, alice, person):
    person_update(person=person, birth_year=1985, birth_month=3, birth_day=5)
    items = agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=7)
    [birthday] = kinds(items, "birthday")
    assert birthday.date == date(2026, 3, 5)
    assert birthday.years == 41
    assert "41" in birthday.title
    assert birthday.person == "Yuna Kristina" and birthday.person_id == person.pk
    assert not birthday.overdue


def test_it_lists_year_less_birthdays_without_an_age(now, workspace, alice, person):
    person_update(person=person, birth_month=3, birth_day=4)
    [birthday] = kinds(agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=2), "birthday")
    assert birthday.years is None
    assert birthday.date == date(2026, 3, 4)


def test_it_leaves_out_birthdays_outside_the_span(now, workspace, alice, person):
    person_update(person=person, birth_month=3, birth_day=2)
    assert not kinds(agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=7), "birthday")


def test_a_span_across_the_new_year_finds_january_birthdays(now, workspace, alice, person):
    person_update(person=person, birth_year=2000, birth_month=1, birth_day=2)
    other = person_create(workspace=workspace, full_name="Dewi Anggraini")
    person_update(person=other, birth_month=12, birth_day=31)
    items = kinds(agenda(workspace=workspace, user=alice, start=date(2026, 12, 30), days=5), "birthday")
    assert [(item.person, item.date) for item in items] == [
        ("Dewi Anggraini", date(2026, 12, 31)),
        ("Yuna Kristina", date(2027, 1, 2)),
    ]
    assert items[1].years == 27


def test_it_lists_family_birthdays_and_skips_year_only_ones(now, workspace, alice, person):
    family_member_add(
        person=person, relation="child", name="Raka", birth_year=2016, birth_month=3, birth_day=6
    )
    family_member_add(person=person, relation="child", name="Sekar", birth_year=2019)
    [birthday] = kinds(agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=7), "birthday")
    assert "Raka" in birthday.title and birthday.years == 10
    assert birthday.person_id == person.pk


def test_a_29_february_birthday_falls_on_the_28th_in_ordinary_years(now, workspace, alice, person):
    person_update(person=person, birth_month=2, birth_day=29)
    [birthday] = kinds(agenda(workspace=workspace, user=alice, start=date(2027, 2, 27), days=3), "birthday")
    assert birthday.date == date(2027, 2, 28)


def test_the_lead_time_shows_dates_early(now, workspace, alice, person):
    person_update(person=person, birth_month=3, birth_day=6)
    assert not kinds(agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=1), "birthday")
    agenda_settings_update(user=alice, lead_days=3)
    [birthday] = kinds(agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=1), "birthday")
    assert birthday.date == date(2026, 3, 6)


def test_it_lists_important_dates_with_the_number_of_years(now, workspace, alice, person):
    life_event_add(
        person=person,
        kind="anniversary",
        title="Wedding anniversary",
        happened_on=date(2016, 3, 4),
        recurring=True,
    )
    life_event_add(person=person, kind="trip", title="Bali", happened_on=date(2016, 3, 4))
    [item] = kinds(agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=3), "important_date")
    assert item.years == 10 and "Wedding anniversary" in item.title


def test_it_remembers_how_we_met(now, workspace, alice, person):
    person_update(person=person, met_on=date(2016, 3, 3), met_where="her office event")
    [item] = kinds(agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=1), "anniversary")
    assert item.title == "10 years since you met Yuna at her office event"


def test_a_first_meeting_this_year_is_no_anniversary(now, workspace, alice, person):
    person_update(person=person, met_on=date(2026, 3, 3))
    assert not kinds(agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=1), "anniversary")


def test_it_never_shows_another_workspaces_dates(now, workspace, alice, charlie):
    outsider = person_create(workspace=charlie.current_workspace, full_name="Secret Person")
    person_update(person=outsider, birth_month=3, birth_day=3)
    assert agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=7) == []
