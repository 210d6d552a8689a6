"""Reads for the user's data: who may export or erase, and what identifies a person."""

from dataclasses import dataclass, field

import phonenumbers

from kenal.accounts.models import Membership
from kenal.conversations.models import Message
from kenal.lib.phones import normalize_phone
from kenal.people.models import ContactPoint, Person

DATA_MANAGER_ROLES = (Membership.Role.OWNER, Membership.Role.ADMIN)


def can_manage_data(*, user, workspace) -> bool:
    """Whole-workspace exports and erasure: anyone in a personal workspace, owners and admins in a team one."""
    membership = Membership.objects.filter(user=user, workspace=workspace).first()
    if membership is None:
        return False
    return workspace.is_personal or membership.role in DATA_MANAGER_ROLES


@dataclass
class Identifiers:
    """What names a person in text and files: their names, phone numbers and email addresses."""

    names: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)

    def needles(self) -> list[str]:
        """Every string that, found in a row or a file, points at the person."""
        values = [*self.names, *self.emails]
        for phone in self.phones:
            values.append(phone)
            if phone.startswith("+62"):
                values.append("0" + phone[3:])
        return sorted({value for value in values if len(value) >= 3}, key=len, reverse=True)

    def national_digits(self) -> list[str]:
        """Phone numbers as bare digits without the country code, to find them however they were written."""
        digits = []
        for phone in self.phones:
            try:
                number = str(phonenumbers.parse(phone, None).national_number)
            except phonenumbers.NumberParseException:
                continue
            if len(number) >= 7:
                digits.append(number)
        return digits


def person_identifiers(*, person: Person) -> Identifiers:
    points = list(person.contact_points.values_list("kind", "value"))
    phones = {
        value for kind, value in points if kind in (ContactPoint.Kind.PHONE, ContactPoint.Kind.WHATSAPP)
    }
    emails = {value.lower() for kind, value in points if kind == ContactPoint.Kind.EMAIL}
    names = {person.full_name.strip()}
    senders = Message.objects.filter(workspace_id=person.workspace_id, person=person)
    for sender, address in senders.values_list("sender", "sender_address").distinct():
        if sender:
            names.add(sender.strip())
        phone = normalize_phone(address) if address else None
        if phone:
            phones.add(phone)
        elif address:
            emails.add(address.strip().lower())
    return Identifiers(
        names=sorted(n for n in names if n),
        phones=sorted(phones),
        emails=sorted(e for e in emails if "@" in e),
    )


@dataclass
class DuplicatePair:
    left: Person
    right: Person
    reasons: list[str]  # in the user's language
    matched_on: list[str]  # "contact" (a shared phone, email or handle) and "name", for API clients


def duplicate_pairs(*, workspace, limit: int = 200) -> list[DuplicatePair]:
    """People who may be one: a shared phone, email or handle, or the same name once salutations, case,
    spacing and accents are ignored ("Pak Hendra Wijaya" and "Hendra Wijaya")."""
    from collections import defaultdict

    from django.db.models import Count
    from django.utils.translation import gettext as _

    from kenal.lib.names import name_key

    reasons: dict[tuple[int, int], list[tuple[str, str]]] = defaultdict(list)
    points = ContactPoint.objects.filter(workspace=workspace)
    shared = points.values("value").annotate(n=Count("person", distinct=True)).filter(n__gt=1).values("value")
    holders = defaultdict(set)
    for person_id, value in points.filter(value__in=shared).values_list("person_id", "value"):
        holders[value].add(person_id)
    for value, ids in holders.items():
        for pair in _pairs(ids):
            reasons[pair].append(("contact", _("both have %(value)s") % {"value": value}))
    # Names are compared in Python: the key (no salutation, case, spacing or accents) has no SQL equivalent.
    by_name = defaultdict(set)
    for person_id, full_name in (
        Person.objects.filter(workspace=workspace).values_list("pk", "full_name").iterator()
    ):
        key = name_key(full_name)
        if key:
            by_name[key].add(person_id)
    for ids in by_name.values():
        for pair in _pairs(ids):
            reasons[pair].append(("name", _("same name")))
    chosen = sorted(reasons)[:limit]
    people = Person.objects.in_bulk({pk for pair in chosen for pk in pair})
    return [
        DuplicatePair(
            people[a],
            people[b],
            [text for _code, text in reasons[(a, b)]],
            sorted({code for code, _text in reasons[(a, b)]}),
        )
        for a, b in chosen
    ]


def _pairs(ids) -> list[tuple[int, int]]:
    ordered = sorted(ids)
    return [(a, b) for n, a in enumerate(ordered) for b in ordered[n + 1 :]]


def merges_of(*, workspace):
    from kenal.portability.models import PersonMerge

    return PersonMerge.objects.filter(workspace=workspace).select_related("kept")
