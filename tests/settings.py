"""Test settings: a throwaway KENAL_HOME, fast hashing, and PostgreSQL when KENAL_DATABASE_URL names it."""

import os
import tempfile

os.environ["KENAL_HOME"] = tempfile.mkdtemp(prefix="kenal-test-")
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
