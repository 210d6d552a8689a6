"""Kenal settings, read from the environment with safe defaults for a laptop."""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from platformdirs import user_data_dir

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


KENAL_HOME = Path(os.environ.get("KENAL_HOME") or user_data_dir("kenal", appauthor=False))
KENAL_HOME.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    # The key is made once per KENAL_HOME so sessions survive restarts without a config step.
    if os.environ.get("KENAL_SECRET_KEY"):
        return os.environ["KENAL_SECRET_KEY"]
    path = KENAL_HOME / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("KENAL_DEBUG")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("KENAL_ALLOWED_HOSTS", "*").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("KENAL_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "kenal.accounts",
    "kenal.people",
    "kenal.conversations",
    "kenal.commitments",
    "kenal.agenda",
    "kenal.engagements",
    "kenal.network",
    "kenal.capture",
    "kenal.portability",
    "kenal.web",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "kenal.accounts.middleware.RejectNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kenal.accounts.middleware.LoginRequiredMiddleware",
    "kenal.accounts.middleware.WorkspaceMiddleware",
    "kenal.accounts.middleware.IdOutOfRangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kenal.urls"
WSGI_APPLICATION = "kenal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kenal.web.context_processors.navigation",
            ],
        },
    },
]

_database_url = os.environ.get("KENAL_DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": KENAL_HOME / "kenal.sqlite3",
            "OPTIONS": {
                # WAL lets the web server read while `kenal remind` or an import writes.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
# An import's child process opens the database its parent uses (under tests, the test database).
if os.environ.get("KENAL_DATABASE_NAME"):
    DATABASES["default"]["NAME"] = os.environ["KENAL_DATABASE_NAME"]
# Web imports run in a child process limited to this much memory (address space), in MB.
IMPORT_MEMORY_MB = int(os.environ.get("KENAL_IMPORT_MEMORY_MB") or 1024)
IMPORT_IN_PROCESS = False  # True: the run page's polls import in the web process (tests on in-memory SQLite)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "accounts:login"
# Paths that carry their own authentication (bearer tokens, secret feed tokens) or none at all.
KENAL_PUBLIC_PREFIXES = ("/api/", "/static/", "/feeds/", "/i18n/", "/hooks/", "/favicon.ico", "/sw.js")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "kenal_language"
# The foundation's catalogue; each app built on it keeps its own in <app>/locale.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = KENAL_HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Serve straight from the packages' static folders: no collectstatic step for a laptop install.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}

MEDIA_ROOT = KENAL_HOME / "uploads"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("KENAL_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("KENAL_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("KENAL_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("KENAL_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("KENAL_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("KENAL_EMAIL_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("KENAL_EMAIL_FROM", "Kenal <kenal@localhost>")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("KENAL_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KENAL_LOG_LEVEL", "WARNING")},
}

KENAL_DEMO_EMAIL = "demo@kenal.local"
KENAL_DEMO_PASSWORD = "kenal-demo"
KENAL_PHONE_REGION = os.environ.get("KENAL_PHONE_REGION", "ID")

# Bounds for every paginated API list: a huge limit or offset overflows the database's integers.
NINJA_PAGINATION_CLASS = "kenal.accounts.pagination.BoundedLimitOffsetPagination"
NINJA_PAGINATION_MAX_LIMIT = 500
