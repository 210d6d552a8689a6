"""The demo workspace, drawn from the stories; each app adds its part through `<app>.demo.load`."""

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from kenal.accounts.selectors import user_by_email, workspace_for_user
from kenal.accounts.services import user_create

# In dependency order: later parts find the people the first one made.
DEMO_PARTS = (
    "kenal.people.demo.load",
    "kenal.conversations.demo.load",
    "kenal.commitments.demo.load",
    "kenal.agenda.demo.load",
    "kenal.engagements.demo.load",
    "kenal.network.demo.load",
)


@transaction.atomic
def demo_load():
    """Create the demo user and workspace, or top them up; running it twice adds nothing."""
    user = user_by_email(settings.KENAL_DEMO_EMAIL)
    if user is None:
        user = user_create(
            email=settings.KENAL_DEMO_EMAIL,
            password=settings.KENAL_DEMO_PASSWORD,
            name="Sari Wulandari",
            language="",
        )
        workspace = user.current_workspace
        workspace.name = "Studio Sari (demo)"
        workspace.save(update_fields=["name"])
    workspace = workspace_for_user(user)
    for path in DEMO_PARTS:
        try:
            load = import_string(path)
        except ImportError:
            continue
        load(workspace=workspace, user=user)
    return user
