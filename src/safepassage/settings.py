"""Django settings, read from the environment (see docs/operations.md for every variable)."""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from safepassage.env import (
    ConfigError,
    database_from_url,
    env_bool,
    env_choice,
    env_float,
    env_folder,
    env_int,
    env_list,
    env_secret,
    env_str,
    read_secret_file,
)

PACKAGE_DIR = Path(__file__).resolve().parent

# The production switch turns on every transport and cookie protection and forbids dev defaults.
PRODUCTION = env_bool("SAFEPASSAGE_PRODUCTION")
# Hosting as a Tor onion service: HTTP only inside Tor, so no HSTS or Secure-only redirects.
ONION = env_bool("SAFEPASSAGE_ONION")
DEBUG = env_bool("SAFEPASSAGE_DEBUG")
if PRODUCTION and DEBUG:
    raise ConfigError("SAFEPASSAGE_DEBUG cannot be on with SAFEPASSAGE_PRODUCTION")

# Importing these settings writes nothing: folders are made by the install (production) or by
# the ops app when a development instance starts (ops/apps.py).
DATA_DIR = env_folder("SAFEPASSAGE_DATA_DIR", Path("data"), production=PRODUCTION)
# Key folder: kept apart from the database and its backups (threat model S1).
KEY_DIR = env_folder("SAFEPASSAGE_KEY_DIR", Path("keys"), production=PRODUCTION)
if PRODUCTION and (KEY_DIR == DATA_DIR or DATA_DIR in KEY_DIR.parents):
    raise ConfigError(
        "SAFEPASSAGE_KEY_DIR must not be the data folder or inside it: the data folder is "
        "backed up with the database, the key folder never with them"
    )
FILES_DIR = DATA_DIR / "files"
STATIC_ROOT = DATA_DIR / "static"
# Where `safepassage periodic backup` and `periodic audit-checkpoint` write (copy it off the
# server); empty: those two jobs refuse to run and say so.
BACKUP_DIR = env_str("SAFEPASSAGE_BACKUP_DIR", "").strip()
# Screening lists fetched by `safepassage lists fetch` (a TOML file, see docs/operations.md).
LIST_SOURCES_FILE = env_str("SAFEPASSAGE_LIST_SOURCES", "").strip()
# Days after which doctor warns that the key folder was not backed up (`safepassage keys backup`).
KEY_BACKUP_MAX_DAYS = env_int("SAFEPASSAGE_KEY_BACKUP_MAX_DAYS", 7)
# The development secret key, kept in the key folder once `demo` has written it.
DEV_SECRET_KEY_PATH = KEY_DIR / "secret_key"


def _secret_key() -> str:
    configured = env_str("SECRET_KEY_FILE", "")
    if configured:
        return read_secret_file(Path(configured))
    if PRODUCTION:
        raise ConfigError("SECRET_KEY_FILE must be set in production")
    # Outside production: the key `safepassage demo` keeps in the key folder, or else one for
    # this process only (sessions then end when the server restarts).
    if DEV_SECRET_KEY_PATH.exists():
        return read_secret_file(DEV_SECRET_KEY_PATH)
    return secrets.token_urlsafe(50)


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
# The onion service's own address (56 base32 letters and ".onion"); shown on the public page that
# tells people how to check they are on the real site.
ONION_ADDRESS = env_str("SAFEPASSAGE_ONION_ADDRESS", "").strip().lower()
if ONION_ADDRESS and not re.fullmatch(r"[a-z2-7]{56}\.onion", ONION_ADDRESS):
    raise ConfigError("SAFEPASSAGE_ONION_ADDRESS must be a version 3 onion address (56 letters)")
if ONION:
    if PRODUCTION and not ONION_ADDRESS:
        raise ConfigError("SAFEPASSAGE_ONION_ADDRESS must be set with SAFEPASSAGE_ONION")
    if ONION_ADDRESS:
        ALLOWED_HOSTS = [ONION_ADDRESS, *[h for h in ALLOWED_HOSTS if h != ONION_ADDRESS]]
if PRODUCTION and not ALLOWED_HOSTS:
    raise ConfigError("ALLOWED_HOSTS must be set in production")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "safepassage.core",
    "safepassage.vault",
    "safepassage.audit",
    "safepassage.accounts",
    "safepassage.cases",
    "safepassage.safecopy",
    "safepassage.intake",
    "safepassage.screening",
    "safepassage.vetting",
    "safepassage.ops",
    "safepassage.tlog",
    "safepassage.partners",
    "safepassage.overlap",
    "safepassage.dossiers",
    "safepassage.reports",
]

MIDDLEWARE = [
    "safepassage.core.middleware.forget_client_address",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "safepassage.core.middleware.security_headers",
    "safepassage.core.middleware.request_limits",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "safepassage.vault.session.vault_cookie",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "safepassage.core.csrf.NoReferrerCsrfMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "safepassage.accounts.middleware.session_lifetime",
    "safepassage.core.middleware.AccessPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# security.W003 looks for Django's CSRF middleware by name; ours is a subclass (core.csrf), and
# core.checks raises an error of its own when it is missing.
SILENCED_SYSTEM_CHECKS = ["security.W003"]

ROOT_URLCONF = "safepassage.urls"
WSGI_APPLICATION = "safepassage.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "safepassage.core.context.base",
            ],
        },
    },
]

_database_url = env_secret("DATABASE_URL", production=False)
if PRODUCTION and os.environ.get("DATABASE_URL") and urlsplit(_database_url).password:
    raise ConfigError(
        "DATABASE_URL holds a password: in production put the whole URL in a file readable only "
        "by the service user and set DATABASE_URL_FILE to its path"
    )
if _database_url:
    DATABASES = {"default": database_from_url(_database_url)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "safepassage.sqlite3",
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait instead of
                # failing on a lock upgrade; WAL lets readers run beside the writer. Deleted rows
                # are overwritten in the file (secure_delete), not left in free pages.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA secure_delete=ON;"
                ),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.Staff"
LOGIN_URL = "accounts:signin"
LOGIN_REDIRECT_URL = "core:home"

PASSWORD_HASHERS = ["safepassage.accounts.hashers.Argon2idHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django ships a list of 20,000 common passwords with the validator.
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Sessions are server-side rows; the cookie carries only their id.
SESSION_ENGINE = "safepassage.accounts.sessions"
SESSION_COOKIE_NAME = "sp_session"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_IDLE_SECONDS = env_int("SAFEPASSAGE_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_ABSOLUTE_SECONDS = env_int("SAFEPASSAGE_SESSION_ABSOLUTE_SECONDS", 12 * 3600)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
REAUTH_SECONDS = 10 * 60
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_NAME = "sp_csrf"

# Per-account throttling: a growing delay from the third failure, lock-out at the tenth.
SIGNIN_DELAY_AFTER = 3
SIGNIN_MAX_DELAY_SECONDS = 60
SIGNIN_LOCKOUT_AFTER = env_int("SAFEPASSAGE_LOCKOUT_AFTER", 10)
SIGNIN_LOCKOUT_SECONDS = env_int("SAFEPASSAGE_LOCKOUT_SECONDS", 3600)

OTP_TOTP_ISSUER = env_str("SAFEPASSAGE_OTP_ISSUER", "safepassage")
OTP_TOTP_TOLERANCE = 1
# django-otp's per-device throttle is off: sign-in throttling is per account (accounts.throttle).
OTP_TOTP_THROTTLE_FACTOR = 0

# Passkeys: the relying party and origin; when empty, taken from the (allowed) request host.
WEBAUTHN_RP_ID = env_str("SAFEPASSAGE_WEBAUTHN_RP_ID", "")
WEBAUTHN_ORIGIN = env_str("SAFEPASSAGE_WEBAUTHN_ORIGIN", "")

# Attestation PDFs need a TrueType font with Cyrillic (Debian's fonts-dejavu-core by default).
SAFEPASSAGE_PDF_FONT = env_str(
    "SAFEPASSAGE_PDF_FONT", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)

# Cases: how long a case is kept unless its retention date is set otherwise (five years).
CASE_RETENTION_DAYS = env_int("SAFEPASSAGE_CASE_RETENTION_DAYS", 5 * 365)
# A watch list older than this when a case is screened is reported as out of date.
SCREENING_LIST_MAX_AGE_DAYS = env_int("SAFEPASSAGE_LIST_MAX_AGE_DAYS", 31)

# Vault: staff keys are sealed under Argon2id(password) with these costs (stored with each key).
VAULT_KDF_OPSLIMIT = 3
VAULT_KDF_MEMLIMIT = 64 * 1024 * 1024
# Attachments: size and count limits, and the types accepted (checked by content, not by name).
VAULT_FILE_MAX_BYTES = env_int("SAFEPASSAGE_FILE_MAX_BYTES", 100 * 1024 * 1024)
VAULT_STRIP_MAX_BYTES = 30 * 1024 * 1024
VAULT_FILES_PER_OBJECT = 50
# The annexes of one dossier together: authorities' portals and mail servers refuse far less.
DOSSIER_MAX_ANNEX_BYTES = env_int("SAFEPASSAGE_DOSSIER_MAX_ANNEX_BYTES", 80 * 1024 * 1024)
VAULT_ALLOWED_TYPES = ["jpeg", "png", "webp", "heic", "pdf", "docx", "odt", "rtf", "text"]
# Safe copies of PDFs, images and office documents, made in the sandbox by `safepassage
# safecopies work` (started by `serve` unless told not to): at most this many at once, each within
# these limits (docs/operations.md).
SAFECOPY_WORKERS = env_int("SAFEPASSAGE_CONVERT_WORKERS", 1)
SAFECOPY_TIMEOUT_SECONDS = env_int("SAFEPASSAGE_CONVERT_TIMEOUT", 120)
SAFECOPY_SECONDS_PER_PAGE = env_int("SAFEPASSAGE_CONVERT_SECONDS_PER_PAGE", 30)
SAFECOPY_CPU_SECONDS = env_int("SAFEPASSAGE_CONVERT_CPU_SECONDS", 120)
SAFECOPY_MEMORY_BYTES = env_int("SAFEPASSAGE_CONVERT_MEMORY_MB", 2048) * 1024 * 1024
SAFECOPY_MAX_PAGES = env_int("SAFEPASSAGE_CONVERT_MAX_PAGES", 100)
SAFECOPY_OCR = env_bool("SAFEPASSAGE_CONVERT_OCR", True)
# Uploads are encrypted as they arrive; no plain copy is ever written to a temporary file.
FILE_UPLOAD_HANDLERS = ["safepassage.vault.files.EncryptingUploadHandler"]

# Request limits: malformed or oversized requests get 400 before any view runs.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 400
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
REQUEST_MAX_BYTES = env_int("SAFEPASSAGE_REQUEST_MAX_BYTES", 110 * 1024 * 1024)

# Partner organisations: the largest bundle taken in (file or inbox; the inbox is also held to
# REQUEST_MAX_BYTES), and how many days a bundle we send stays valid.
PARTNER_BUNDLE_MAX_BYTES = env_int("SAFEPASSAGE_PARTNER_BUNDLE_MAX_BYTES", 105 * 1024 * 1024)
PARTNER_BUNDLE_DAYS = env_int("SAFEPASSAGE_PARTNER_BUNDLE_DAYS", 14)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("fr", _("French"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "sp_lang"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Strict"
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names need `collectstatic`, which `safepassage serve` runs in production.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Without a collected static folder (development, tests) WhiteNoise serves from the app folders.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION and not ONION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SAFEPASSAGE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
if PRODUCTION and ONION:
    # Inside Tor the onion address itself authenticates the service and the circuit is encrypted
    # end to end; there is no TLS certificate for it, so the TLS-only deploy checks cannot pass and
    # would only push an operator towards settings that break the site over http://….onion.
    SILENCED_SYSTEM_CHECKS += [
        "security.W004",  # SECURE_HSTS_SECONDS: HSTS needs HTTPS; Tor Browser ignores it here
        "security.W008",  # SECURE_SSL_REDIRECT: a redirect to https:// would fail on the onion
        "security.W011",  # SESSION_COOKIE_SECURE: browsers other than Tor Browser drop Secure
        # cookies on http://….onion, and the cookie never leaves the Tor circuit anyway
    ]

# Intake (anonymous first contact). Codename derivations: Argon2id with modest costs, because a
# codename is 91 random bits (7 words of 13 bits); the costs cannot change without making every
# existing codename useless, since the lookup must be derived before any row is found.
INTAKE_CODENAME_OPSLIMIT = 1
INTAKE_CODENAME_MEMLIMIT = 8 * 1024 * 1024
# Messages nobody acted on are deleted after this many days (`safepassage retention purge`);
# answered threads that were never linked to a case, after a year without a message.
INTAKE_RETENTION_DAYS = env_int("SAFEPASSAGE_INTAKE_RETENTION_DAYS", 30)
INTAKE_ANSWERED_RETENTION_DAYS = env_int("SAFEPASSAGE_INTAKE_ANSWERED_RETENTION_DAYS", 365)
# Size limits of what a person may send.
INTAKE_TEXT_MAX_CHARS = 10_000
INTAKE_HANDLE_MAX_CHARS = 100
INTAKE_FILES_MAX = 5
INTAKE_FILE_MAX_BYTES = env_int("SAFEPASSAGE_INTAKE_FILE_MAX_BYTES", 25 * 1024 * 1024)
# Photos and PDFs are stripped of metadata in memory, so they have a smaller limit.
INTAKE_STRIP_MAX_BYTES = 15 * 1024 * 1024
INTAKE_REQUEST_MAX_BYTES = 60 * 1024 * 1024
INTAKE_ALLOWED_TYPES = ["jpeg", "png", "webp", "heic", "pdf", "docx", "odt", "rtf", "text"]
# Abuse without surveillance: counters in the database, never the sender's address.
INTAKE_SUBMITS_PER_HOUR = env_int("SAFEPASSAGE_INTAKE_SUBMITS_PER_HOUR", 300)
# Wrong codenames are not counted (a count would let a flood lock everyone out): the Argon2id
# derivations they cost run at most this many at once per process, the others wait their turn
# up to the given seconds (intake/derivations.py).
if "SAFEPASSAGE_INTAKE_LOOKUP_FAILURES_PER_HOUR" in os.environ:
    raise ConfigError(
        "SAFEPASSAGE_INTAKE_LOOKUP_FAILURES_PER_HOUR no longer exists (wrong codenames are no "
        "longer counted, see CHANGELOG.md 0.2.0): remove it from the environment file"
    )
INTAKE_DERIVATIONS_AT_ONCE = env_int("SAFEPASSAGE_INTAKE_DERIVATIONS_AT_ONCE", 2)
INTAKE_DERIVATION_WAIT_SECONDS = env_float("SAFEPASSAGE_INTAKE_DERIVATION_WAIT_SECONDS", 20.0)
INTAKE_LOGINS_PER_CODENAME_PER_HOUR = 10
INTAKE_MESSAGES_PER_CODENAME_PER_HOUR = 10
INTAKE_QUEUE_MAX = env_int("SAFEPASSAGE_INTAKE_QUEUE_MAX", 1000)
# The follow-up session of a person who entered his codename.
INTAKE_FOLLOWUP_IDLE_SECONDS = 10 * 60
INTAKE_FOLLOWUP_ABSOLUTE_SECONDS = 60 * 60

# The public transparency log's name (its checkpoint origin) and this instance's witness name;
# by default "<public host>/tlog" and "<public host>/witness". Fixed once the keys are made.
TLOG_ORIGIN = env_str("SAFEPASSAGE_TLOG_ORIGIN", "")
TLOG_WITNESS_NAME = env_str("SAFEPASSAGE_TLOG_WITNESS_NAME", "")
for _name, _value in (("ORIGIN", TLOG_ORIGIN), ("WITNESS_NAME", TLOG_WITNESS_NAME)):
    if _value and not re.fullmatch(r"[^\s+]{1,200}", _value):
        raise ConfigError(f"SAFEPASSAGE_TLOG_{_name} must be a name without spaces or '+'")

# How often the signed audit head in the key folder is refreshed (0: after every commit).
AUDIT_HEAD_INTERVAL_SECONDS = env_float("SAFEPASSAGE_AUDIT_HEAD_INTERVAL", 0.5)

# E-mail carries only "N of your cases need attention"; nothing is sent unless a backend is set.
EMAIL_BACKEND = env_str("SAFEPASSAGE_EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
EMAIL_HOST = env_str("SAFEPASSAGE_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("SAFEPASSAGE_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("SAFEPASSAGE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_secret("SAFEPASSAGE_EMAIL_PASSWORD", production=PRODUCTION)
EMAIL_USE_TLS = env_bool("SAFEPASSAGE_EMAIL_TLS", True)
DEFAULT_FROM_EMAIL = env_str("SAFEPASSAGE_EMAIL_FROM", "safepassage@localhost")

# Logs carry no client data: no request bodies, no addresses (see core.middleware), no SQL.
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice("SAFEPASSAGE_LOG_LEVEL", "INFO", LOG_LEVELS),
    },
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},
        # fpdf2's font subsetter lists the glyphs of a safe copy's recognised text at INFO.
        "fontTools": {"level": "WARNING"},
        # Django's request logger prints the path and status; paths carry no client data here.
        "django.request": {"level": "ERROR"},
    },
}
