"""The log's and the witness's Ed25519 keys, in the key folder (never in the database).

Both are separate from the organisation's signing key. That key signs statements people rely on
(attestations, revocation lists, audit checkpoints) in canonical JSON; these two sign only notes
in the signed-note formats, under names of their own. Keeping them apart means a flaw or a leak
in one use cannot be turned into a forged attestation, each can be replaced on its own (a new log
key starts a new log; a new witness key is announced to partners), and the witness key, which
answers requests from the network, never sits beside the key that signs attestations. They live
in the key folder for the same reason as the server key: a copy of the database alone cannot
sign anything.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import nacl.utils
from django.conf import settings

from safepassage.crypto.keyfolder import write_private
from safepassage.tlog.note import COSIGNATURE_V1, ED25519, NoteError, NoteSigner, parse_private

LOG_KEY = "tlog/log.key"
WITNESS_KEY = "tlog/witness.key"
LAST_CHECKPOINT = "tlog/last-checkpoint"
_LOCAL = {"127.0.0.1", "localhost", "[::1]", "testserver"}


def _path(name: str) -> Path:
    return Path(settings.KEY_DIR) / name


def public_host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host not in _LOCAL and not host.startswith((".", "*")):
            return str(host)
    return ""


def default_origin() -> str:
    """The log's name: SAFEPASSAGE_TLOG_ORIGIN, else its address without the scheme."""
    if settings.TLOG_ORIGIN:
        return str(settings.TLOG_ORIGIN)
    host = public_host()
    # Without a public host name (a laptop, the tests), a random suffix keeps names apart.
    return f"{host}/tlog" if host else f"safepassage.localhost/tlog-{secrets.token_hex(4)}"


def default_witness_name() -> str:
    if settings.TLOG_WITNESS_NAME:
        return str(settings.TLOG_WITNESS_NAME)
    host = public_host()
    return f"{host}/witness" if host else f"safepassage.localhost/witness-{secrets.token_hex(4)}"


def _load_or_create(name: str, kind: int, key_name: str) -> NoteSigner:
    path = _path(name)
    if path.exists():
        signer = parse_private(path.read_text(encoding="ascii"))
        if signer.kind != kind:
            raise NoteError(f"{name} holds a key of another kind")
        return signer
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    signer = NoteSigner(key_name, nacl.utils.random(32), kind)
    write_private(path, (signer.private_text() + "\n").encode("ascii"), exclusive=True)
    return signer


_cache: dict[tuple[str, str], NoteSigner] = {}


def log_signer() -> NoteSigner:
    """The log key, made on first use under the configured origin."""
    key = (str(settings.KEY_DIR), LOG_KEY)
    if key not in _cache:
        _cache[key] = _load_or_create(LOG_KEY, ED25519, default_origin())
    return _cache[key]


def witness_signer() -> NoteSigner:
    """The witness key (cosignature/v1), made on first use."""
    key = (str(settings.KEY_DIR), WITNESS_KEY)
    if key not in _cache:
        _cache[key] = _load_or_create(WITNESS_KEY, COSIGNATURE_V1, default_witness_name())
    return _cache[key]


def read_last_checkpoint() -> bytes | None:
    path = _path(LAST_CHECKPOINT)
    return path.read_bytes() if path.exists() else None


def write_last_checkpoint(note: bytes) -> None:
    path = _path(LAST_CHECKPOINT)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private(path, note)
