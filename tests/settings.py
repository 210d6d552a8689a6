"""Test settings: a throwaway KENAL_HOME, fast hashing, and PostgreSQL when KENAL_DATABASE_URL names it."""

import os
import tempfile

# One home per test session; an import's child process started by a test inherits it.
os.environ["KENAL_TEST_HOME"] = os.environ.get("KENAL_TEST_HOME") or tempfile.mkdtemp(prefix="kenal-test-")
os.environ["KENAL_HOME"] = os.environ["KENAL_TEST_HOME"]
os.environ.setdefault("KENAL_SECRET_KEY", "test-secret-key-not-for-production")

from kenal.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Parallel runs on one PostgreSQL server (CI and a developer, say) each get their own test database.
if os.environ.get("KENAL_TEST_DB_SUFFIX") and DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"test_kenal_{os.environ['KENAL_TEST_DB_SUFFIX']}"}  # noqa: F405

IMPORT_IN_PROCESS = True  # the run page's polls import in-process; tests that start the child say otherwise
