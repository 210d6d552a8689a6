"""The demo workspace, drawn from the stories; each app registers its part as a `demo_loader`."""

from django.conf import settings
from django.db import transaction

from kenal.accounts.selectors import user_by_email, workspace_for_user
from kenal.accounts.services import user_create
from kenal.lib import registry


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
    # In the apps' layer order (kenal.lib.registry): later parts find the people the first one made.
    for load in registry.hooks("demo_loader"):
        load(workspace=workspace, user=user)
    return user
