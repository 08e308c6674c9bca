"""Test settings: the real settings, with throwaway folders and fast password hashing."""

import os
import tempfile

_scratch = tempfile.mkdtemp(prefix="safepassage-test-")
os.environ.setdefault("SAFEPASSAGE_DATA_DIR", os.path.join(_scratch, "data"))
os.environ.setdefault("SAFEPASSAGE_KEY_DIR", os.path.join(_scratch, "keys"))

from safepassage.settings import *  # noqa: E402, F403

# Fast hashing in tests only; a test asserts the production hasher's parameters.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The signed audit head is written at every commit, so tests can check it at once.
AUDIT_HEAD_INTERVAL_SECONDS = "0"
