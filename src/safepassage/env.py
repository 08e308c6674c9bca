"""Typed readers for settings from the environment; each fails loudly on a malformed value."""

from __future__ import annotations

import os
from pathlib import Path


class ConfigError(RuntimeError):
    """A setting in the environment is missing or malformed."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ConfigError(f"{name} must be set")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be an integer; got {raw!r}") from None


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number; got {raw!r}") from None
    if not 0 <= value < float("inf"):
        raise ConfigError(f"{name} must be zero or more; got {raw!r}")
    return value


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().upper()
    if value not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}; got {raw!r}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items:
        raise ConfigError(f"{name} is set but lists nothing")
    return items


def env_path(name: str, default: Path) -> Path:
    raw = os.environ.get(name)
    return Path(raw).expanduser().resolve() if raw else default.resolve()


def env_folder(name: str, default: Path, *, production: bool) -> Path:
    """A folder setting. In production it must be given as an absolute path to a folder that
    exists: a default relative to wherever the command happens to run would put the database or
    the keys somewhere nobody backs up. Nothing is created here."""
    raw = os.environ.get(name, "").strip()
    if not production:
        return Path(raw).expanduser().resolve() if raw else default.resolve()
    if not raw:
        raise ConfigError(f"{name} must be set in production (an absolute path)")
    path = Path(raw)
    if not path.is_absolute():
        raise ConfigError(f"{name} must be an absolute path in production; got {raw!r}")
    if not path.is_dir():
        raise ConfigError(
            f"{name} names {raw}, which is not a folder: create it (owned by the service user, "
            "mode 0700) or restore it from its backup"
        )
    return path


def read_secret_file(path: Path, min_chars: int = 32) -> str:
    """Return the stripped content of a secret file, refusing empty or world-readable files."""
    try:
        mode = path.stat().st_mode
        value = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"cannot read secret file {path}: {exc.strerror}") from None
    if mode & 0o004:
        raise ConfigError(f"secret file {path} is readable by everyone; chmod 600 it")
    if len(value) < max(min_chars, 1):
        raise ConfigError(f"secret file {path} holds fewer than {max(min_chars, 1)} characters")
    return value


def env_secret(name: str, *, production: bool, default: str = "") -> str:
    """A secret from `NAME_FILE` (a file readable by its owner only) or, outside production,
    from `NAME` itself. In production a secret given in the environment is refused: the
    environment is copied into every child process and shown by tools that list processes."""
    file_name = f"{name}_FILE"
    direct = os.environ.get(name)
    path = os.environ.get(file_name, "").strip()
    if path and direct is not None:
        raise ConfigError(f"set {name} or {file_name}, not both")
    if path:
        return read_secret_file(Path(path), min_chars=1)
    if direct is not None and direct and production:
        raise ConfigError(
            f"{name} must not be given in the environment in production: put it in a file "
            f"readable only by the service user and set {file_name} to its path"
        )
    return direct if direct is not None else default


def database_from_url(url: str) -> dict[str, object]:
    """Django DATABASES entry for a postgres:// URL (the only server database we support)."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ConfigError(f"DATABASE_URL must start with postgres://; got scheme {parts.scheme!r}")
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ConfigError("DATABASE_URL names no database")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "ATOMIC_REQUESTS": False,
    }
