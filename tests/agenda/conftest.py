import pytest

from kenal.lib import registry


@pytest.fixture(autouse=True)
def no_providers():
    """The agenda's own items, without the other apps' providers; tests opt in to a fake one."""
    with registry.replaced("agenda_provider", []):
        yield


@pytest.fixture(autouse=True)
def english():
    """Assertions read the English strings; pages get their language from the request."""
    from django.utils import translation

    with translation.override("en"):
        yield
