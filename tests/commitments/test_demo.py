from kenal.commitments import demo
from kenal.commitments.models import Commitment
from kenal.people import demo as people_demo


def test_the_demo_has_an_overdue_a_vague_and_a_former_teammates_broken_promise(alice, workspace, now):
    people_demo.load(workspace=workspace, user=alice)
    demo.load(workspace=workspace, user=alice)
    promises = Commitment.objects.filter(workspace=workspace)
    assert promises.filter(status="open", due_at__lt=now).exists()
    ratna = promises.get(what="Kirim press release")
    assert ratna.vague and "paling lambat jam" in ratna.notes
    broken = promises.get(status="broken")
    assert broken.organization.name == "Dinas Komunikasi dan Informatika"
    assert not broken.debtor_user.memberships.filter(workspace=workspace).exists()
    count = promises.count()
    demo.load(workspace=workspace, user=alice)
    assert Commitment.objects.filter(workspace=workspace).count() == count


def test_promises_appear_on_the_persons_timeline(make_promise, person, alice):
    from kenal.commitments.selectors import person_timeline_entries

    make_promise("Kirim foto")
    entries = person_timeline_entries(person=person, user=alice, limit=10)
    assert [e.title for e in entries] == ["Kirim foto"] and entries[0].kind == "promise:open"
