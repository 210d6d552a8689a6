"""The kinds of record in an export archive: which model, in which order, and how each row is written.

The order is the order of import: a kind only refers to kinds before it (a person's `introduced_by` refers
to people, and is set once every person exists).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Model, Q

from kenal.accounts.models import Upload, User, Workspace
from kenal.agenda.models import AgendaMark
from kenal.commitments.models import Commitment, DueChange, Suggestion
from kenal.conversations.models import Conversation, ImportFile, ImportRun, Message, UnmatchedSender
from kenal.engagements.models import (
    ChangeRequest,
    ClientRequest,
    Engagement,
    Opportunity,
    PaymentMilestone,
    ScopeItem,
    VettingQuestion,
)
from kenal.network.models import Favour, Gift, Referral
from kenal.people.models import (
    Activity,
    Circle,
    ContactPoint,
    Employment,
    Fact,
    FamilyMember,
    LifeEvent,
    Note,
    Organization,
    Person,
    PersonLink,
    StageChange,
    Tag,
)

FORMAT = "kenal-export"
VERSION = 1


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[Model]
    # How a row reaches its workspace, and, for one person's access export, which rows are about them.
    workspace_path: str
    about: object = None  # f(person) -> Q, or None when the kind says nothing about one person
    many: dict = field(default_factory=dict)  # key in the document -> (many-to-many field, kind)
    # Bare integer columns that name a row of another kind (kept that way by their app).
    loose_refs: dict = field(default_factory=dict)


def _about_person(path: str):
    return lambda person: Q(**{path: person})


KINDS = (
    Kind("uploads", Upload, "workspace"),
    Kind("organizations", Organization, "workspace"),
    Kind("circles", Circle, "workspace"),
    Kind("tags", Tag, "workspace"),
    Kind(
        "people",
        Person,
        "workspace",
        lambda person: Q(pk=person.pk),
        many={"circle_ids": ("circles", "circles"), "tag_ids": ("tags", "tags")},
    ),
    Kind("contact_points", ContactPoint, "workspace", _about_person("person")),
    Kind("employments", Employment, "person__workspace", _about_person("person")),
    Kind("family", FamilyMember, "person__workspace", _about_person("person")),
    Kind(
        "person_links",
        PersonLink,
        "from_person__workspace",
        lambda person: Q(from_person=person) | Q(to_person=person),
    ),
    Kind("facts", Fact, "person__workspace", _about_person("person")),
    Kind("life_events", LifeEvent, "person__workspace", _about_person("person")),
    Kind("stage_changes", StageChange, "person__workspace", _about_person("person")),
    Kind(
        "activities",
        Activity,
        "workspace",
        _about_person("participants"),
        many={"participant_ids": ("participants", "people")},
    ),
    Kind("notes", Note, "workspace", _about_person("person")),
    Kind("import_runs", ImportRun, "workspace"),
    Kind("conversations", Conversation, "workspace", _about_person("person")),
    Kind("import_files", ImportFile, "workspace"),
    Kind("messages", Message, "workspace", lambda person: Q(person=person) | Q(conversation__person=person)),
    Kind("unmatched_senders", UnmatchedSender, "workspace", _about_person("person")),
    Kind(
        "promises",
        Commitment,
        "workspace",
        lambda person: Q(debtor_person=person) | Q(creditor_person=person),
    ),
    Kind(
        "promise_due_changes",
        DueChange,
        "commitment__workspace",
        lambda person: Q(commitment__debtor_person=person) | Q(commitment__creditor_person=person),
    ),
    Kind("promise_suggestions", Suggestion, "workspace", _about_person("person")),
    Kind(
        "referrals",
        Referral,
        "workspace",
        lambda person: Q(introducer=person) | Q(introduced=person),
    ),
    Kind("engagements", Engagement, "workspace", _about_person("person")),
    Kind("scope_items", ScopeItem, "workspace", _about_person("engagement__person")),
    Kind(
        "requests",
        ClientRequest,
        "workspace",
        _about_person("engagement__person"),
        loose_refs={"message_id": "messages"},
    ),
    Kind("change_requests", ChangeRequest, "workspace", _about_person("engagement__person")),
    Kind("payment_milestones", PaymentMilestone, "workspace", _about_person("engagement__person")),
    Kind("vetting_questions", VettingQuestion, "workspace"),
    Kind("opportunities", Opportunity, "workspace", _about_person("person")),
    Kind("favours", Favour, "workspace", _about_person("person")),
    Kind("gifts", Gift, "workspace", _about_person("person")),
    Kind(
        "agenda_marks",
        AgendaMark,
        "",
        lambda person: Q(person_id=person.pk),
        loose_refs={"person_id": "people"},
    ),
)
KIND_OF_MODEL = {kind.model: kind.name for kind in KINDS}


def references(kind: Kind) -> dict[str, str]:
    """Each column of the kind that names a row of another kind: {"person_id": "people", ...}."""
    refs = {}
    for model_field in kind.model._meta.concrete_fields:
        target = model_field.related_model if model_field.is_relation else None
        if target is not None and target in KIND_OF_MODEL:
            refs[model_field.attname] = KIND_OF_MODEL[target]
    refs.update(kind.loose_refs)
    return refs


def user_fields(kind: Kind) -> list[str]:
    """Columns naming a user; written as the user's email address, since ids mean nothing elsewhere."""
    return [f.name for f in kind.model._meta.concrete_fields if f.is_relation and f.related_model is User]


def columns(kind: Kind) -> list[str]:
    """The row's own columns as read from the database: workspace and user links left out."""
    names = []
    for model_field in kind.model._meta.concrete_fields:
        if model_field.is_relation and model_field.related_model in (Workspace, User):
            continue
        names.append(model_field.attname)
    return names


def plain(value):
    """A database value as JSON: times and dates in ISO 8601, money as a decimal string."""
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


# Agenda marks name their item in a key ("keep_in_touch:12:…"); the number after each prefix is a row of a kind.
MARK_KEY_REFS = (
    ("keep_in_touch:", "people"),
    ("birthday:person:", "people"),
    ("birthday:family:", "family"),
    ("anniversary:", "people"),
    ("important_date:", "life_events"),
    ("follow_up:", "life_events"),
    ("waiting_reply:", "messages"),
    ("promise:", "promises"),
    ("engagement:", "engagements"),
    ("milestone:", "payment_milestones"),
)


def mark_key_target(key: str) -> tuple[str, int] | None:
    """The kind and row id an agenda mark's key names, or None for a key of no known kind."""
    for prefix, kind in MARK_KEY_REFS:
        if key.startswith(prefix):
            number = key[len(prefix) :].partition(":")[0]
            return (kind, int(number)) if number.isdigit() else None
    return None


def mark_key_remap(key: str, id_of) -> str:
    """The key with its row id passed through `id_of(kind, old_id) -> new_id`."""
    for prefix, kind in MARK_KEY_REFS:
        if key.startswith(prefix):
            number, _sep, rest = key[len(prefix) :].partition(":")
            if number.isdigit():
                return f"{prefix}{id_of(kind, int(number))}{_sep}{rest}"
    return key
