import pytest

from kenal.agenda import selectors


@pytest.fixture(autouse=True)
def no_providers(monkeypatch):
    """The other apps' providers are built in parallel; tests opt in to a fake one."""
    monkeypatch.setattr(selectors, "PROVIDERS", ())


@pytest.fixture(autouse=True)
def english():
    """Assertions read the English strings; pages get their language from the request."""
    from django.utils import translation

    with translation.override("en"):
        yield
