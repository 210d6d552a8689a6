from kenal.network.forms import FavourForm
from kenal.people.services import person_create


def test_a_name_two_people_share_is_refused_not_guessed(workspace):
    person_create(workspace=workspace, full_name="Budi Santoso")
    person_create(workspace=workspace, full_name="Budi Santoso")
    form = FavourForm(
        {
            "person": "Budi Santoso",
            "direction": "given",
            "description": "Bantu pindahan",
            "happened_on": "2026-03-01",
        },
        workspace=workspace,
    )
    assert not form.is_valid()
    assert "Ada beberapa orang bernama Budi Santoso" in " ".join(form.errors["person"])


def test_a_name_from_another_workspace_is_not_found(workspace, charlie):
    person_create(workspace=charlie.current_workspace, full_name="Orang Luar")
    form = FavourForm(
        {"person": "Orang Luar", "direction": "given", "description": "x", "happened_on": "2026-03-01"},
        workspace=workspace,
    )
    assert not form.is_valid()
    assert "Belum ada orang bernama Orang Luar" in " ".join(form.errors["person"])
