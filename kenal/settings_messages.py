"""Settings for `make messages`: without LOCALE_PATHS, makemessages run inside an app writes that app's catalogue.

With LOCALE_PATHS set, Django sends every app's strings to the foundation catalogue in kenal/locale.
"""

from kenal.settings import *  # noqa: F403

LOCALE_PATHS = []
