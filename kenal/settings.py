"""Kenal settings, read from the environment with safe defaults for a laptop."""

import os
import secrets
from datetime import timedelta
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
if not KENAL_HOME.exists():
    # Contacts, chats and the secret key live here: readable by their owner only.
    KENAL_HOME.mkdir(parents=True, mode=0o700)
    KENAL_HOME.chmod(0o700)


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
# Loopback names only unless told otherwise: a Host header is never trusted to build an address.
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("KENAL_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("KENAL_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# The one switch for serving behind an HTTPS reverse proxy (see the README).
KENAL_HTTPS = env_bool("KENAL_HTTPS")


def _base_url() -> str:
    """Where Kenal is reached from outside: feed, invitation and password-reset addresses start with it."""
    if os.environ.get("KENAL_BASE_URL"):
        return os.environ["KENAL_BASE_URL"].rstrip("/")
    host = next((h for h in ALLOWED_HOSTS if h not in ("*",) and not h.startswith(".")), "localhost")
    if KENAL_HTTPS:
        return f"https://{host}"
    return f"http://{host}:{os.environ.get('KENAL_PORT', '8000')}"


KENAL_BASE_URL = _base_url()

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
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "auditlog",
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
    "kenal.accounts.middleware.IdleSessionMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Field changes to client data carry the logged-in user (an API token's user is set by TokenAuth).
    "auditlog.middleware.AuditlogMiddleware",
    "kenal.accounts.middleware.LoginRequiredMiddleware",
    "kenal.accounts.middleware.WorkspaceMiddleware",
    "kenal.accounts.middleware.TwoFactorMiddleware",
    "kenal.accounts.middleware.IdOutOfRangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into Kenal's lockout page.
    "axes.middleware.AxesMiddleware",
]

# The audit trail of field changes (django-auditlog): who created, changed or deleted client data. Domain events
# (export, handover, merge, erasure, viewed-sensitive) stay in accounts.AuditEntry; /settings/audit/ shows both.
# Notes are left out entirely: a private note's text must never reach the trail, not even as the row's name.
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    {
        "model": "people.Person",
        "exclude_fields": ["score_base", "last_contact_at", "updated_at", "created_at"],
    },
    {"model": "people.ContactPoint"},
    {"model": "people.FamilyMember"},
    {"model": "people.Fact", "exclude_fields": ["created_at"]},
    {"model": "people.LifeEvent", "exclude_fields": ["created_at"]},
    {"model": "people.Employment"},
    {"model": "people.Organization", "exclude_fields": ["created_at"]},
    {"model": "commitments.Commitment", "exclude_fields": ["created_at", "updated_at"]},
    {"model": "engagements.Engagement", "exclude_fields": ["created_at", "updated_at"]},
)

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
                "kenal.web.context_processors.permissions",
            ],
        },
    },
]

_database_url = os.environ.get("KENAL_DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    _sqlite_file = KENAL_HOME / "kenal.sqlite3"
    if not _sqlite_file.exists():
        # SQLite would create it with the umask's permissions (often 0644); an empty file is a valid database.
        os.close(os.open(_sqlite_file, os.O_CREAT | os.O_WRONLY, 0o600))
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _sqlite_file,
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
# "/invite/" is public on purpose: a visitor without an account accepts an invitation there by setting a password.
KENAL_PUBLIC_PREFIXES = (
    "/api/",
    "/static/",
    "/feeds/",
    "/i18n/",
    "/hooks/",
    "/invite/",
    "/favicon.ico",
    "/sw.js",
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2 for new passwords; older hashes still verify and are upgraded at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_RESET_TIMEOUT = 3 * 3600

# Login throttling: 5 failures for one account within 15 minutes lock that account for 15 minutes;
# one address gets more tries (an office shares one), then it is locked too (kenal.accounts.throttle).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "kenal.accounts.throttle.ThrottleHandler"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "kenal.accounts.throttle.username"
AXES_LOCKOUT_CALLABLE = "kenal.accounts.throttle.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "kenal.accounts.throttle.client_ip"
KENAL_LOGIN_IP_FAILURE_LIMIT = int(os.environ.get("KENAL_LOGIN_IP_FAILURE_LIMIT", "30"))

# Two-factor: the issuer named in authenticator apps.
OTP_TOTP_ISSUER = "Kenal"

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
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
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
# A session ends after this long without a request; kenal.accounts.middleware.IdleSessionMiddleware
# starts the count again on requests (writing the session at most once a minute, not on every page).
KENAL_SESSION_IDLE_MINUTES = int(os.environ.get("KENAL_SESSION_IDLE_MINUTES", "720"))
SESSION_COOKIE_AGE = KENAL_SESSION_IDLE_MINUTES * 60
# KENAL_SECURE_COOKIES alone still works (cookies only over HTTPS); KENAL_HTTPS implies it.
SESSION_COOKIE_SECURE = KENAL_HTTPS or env_bool("KENAL_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if KENAL_HTTPS:
    # The reverse proxy terminates TLS and says so in X-Forwarded-Proto (it must overwrite the header).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("KENAL_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = [*CSRF_TRUSTED_ORIGINS, KENAL_BASE_URL]
X_FRAME_OPTIONS = "DENY"

# No inline script or style anywhere: htmx, app.js and kenal.css come from this site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "manifest-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

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
