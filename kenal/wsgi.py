"""WSGI entry point for waitress and gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenal.settings")
application = get_wsgi_application()
