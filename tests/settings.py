"""Test settings: the real settings, with throwaway folders and fast password hashing."""

import os
import tempfile

_scratch = tempfile.mkdtemp(prefix="safepassage-test-")
os.environ.setdefault("SAFEPASSAGE_DATA_DIR", os.path.join(_scratch, "data"))
os.environ.setdefault("SAFEPASSAGE_KEY_DIR", os.path.join(_scratch, "keys"))

from safepassage.env import env_float  # noqa: E402
from safepassage.settings import *  # noqa: E402, F403

# Fast hashing in tests only; a test asserts the production hasher's parameters.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The signed audit head is written at every commit, so tests can check it at once.
AUDIT_HEAD_INTERVAL_SECONDS = env_float("SAFEPASSAGE_AUDIT_HEAD_INTERVAL", 0.0)

# Minimal Argon2id costs for the staff keys of test accounts; a test asserts the real ones.
VAULT_KDF_OPSLIMIT = 1
VAULT_KDF_MEMLIMIT = 8192

# The browser tests check every page the live server sends them (tests/browser/pagecheck.py); the
# middleware keeps nothing unless a browser test is running.
MIDDLEWARE = ["tests.browser.pagecheck.record_pages", *MIDDLEWARE]  # noqa: F405

# A test-only kind of protected object (tables made without migrations).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.vaultprobe"]  # noqa: F405

# The SQLite test database is a file, so the S1 tests can read it raw as a thief would.
if str(DATABASES["default"]["ENGINE"]).endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(_scratch, "test.sqlite3")}  # noqa: F405
