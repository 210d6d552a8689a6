"""`kenal erase person ID --user EMAIL --yes`: erase a person for good."""

import json

from django.core.management.base import BaseCommand, CommandError

from kenal.accounts.scoping import scoped
from kenal.people.cli import workspace_of
from kenal.people.models import Person
from kenal.portability import selectors, services


class Command(BaseCommand):
    help = "Erase a person and everything about them for good (their right to erasure). Not undoable."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        person = sub.add_parser("person", help="Erase one person by id.")
        person.add_argument("person_id", type=int)
        person.add_argument("--user", required=True, help="Whose workspace the person is in.")
        person.add_argument("--yes", action="store_true", help="Confirm: erasure cannot be undone.")

    def handle(self, *args, person_id, user, yes, **options):
        user_obj, workspace = workspace_of(user)
        person = scoped(Person, workspace).filter(pk=person_id).first()
        if person is None:
            raise CommandError(f"No person {person_id} in {user}'s workspace.")
        if not selectors.can_manage_data(user=user_obj, workspace=workspace):
            raise CommandError(f"{user} may not erase people: only the workspace's owners and admins may.")
        if not yes:
            raise CommandError(f"Erasing {person.full_name} cannot be undone; add --yes to go ahead.")
        report = services.person_erase(person=person, user=user_obj)
        self.stdout.write(f"Erased person {person_id}: " + json.dumps(report.as_json(), ensure_ascii=False))
