"""Settings fail loudly in production, naming the variable and what to do; importing them writes
nothing; every secret can come from a file, and in production must."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PRINT = (
    "import safepassage.settings as s; "
    "print(s.DATA_DIR, s.KEY_DIR, s.DATABASES['default']['NAME'], s.EMAIL_HOST_PASSWORD)"
)


def _run(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PRINT],
        capture_output=True,
        text=True,
        env={"PATH": os.environ["PATH"], **env},
        cwd=cwd,
        check=False,
    )


@pytest.fixture
def production(tmp_path: Path) -> dict[str, str]:
    for name in ("data", "keys"):
        (tmp_path / name).mkdir(mode=0o700)
    secret = tmp_path / "keys" / "secret_key"
    secret.write_text("s" * 48)
    secret.chmod(0o600)
    return {
        "SAFEPASSAGE_PRODUCTION": "1",
        "ALLOWED_HOSTS": "cases.example.org",
        "SECRET_KEY_FILE": str(secret),
        "SAFEPASSAGE_DATA_DIR": str(tmp_path / "data"),
        "SAFEPASSAGE_KEY_DIR": str(tmp_path / "keys"),
    }


def test_importing_the_settings_writes_nothing(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    result = _run({}, work)
    assert result.returncode == 0, result.stderr
    assert list(work.iterdir()) == []  # no ./data, no ./keys, no secret key file


def test_a_good_production_environment_is_accepted(production, tmp_path):
    result = _run(production, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == str(tmp_path / "data")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"SAFEPASSAGE_DATA_DIR": None}, "SAFEPASSAGE_DATA_DIR must be set in production"),
        ({"SAFEPASSAGE_KEY_DIR": None}, "SAFEPASSAGE_KEY_DIR must be set in production"),
        ({"SAFEPASSAGE_KEY_DIR": "keys"}, "SAFEPASSAGE_KEY_DIR must be an absolute path"),
        ({"SAFEPASSAGE_DATA_DIR": "/nonexistent/data"}, "create it"),
        ({"SECRET_KEY_FILE": None}, "SECRET_KEY_FILE must be set in production"),
        ({"DATABASE_URL": "postgres://u:hunter2@db/x"}, "DATABASE_URL_FILE"),
        ({"SAFEPASSAGE_EMAIL_PASSWORD": "hunter2"}, "SAFEPASSAGE_EMAIL_PASSWORD_FILE"),
    ],
)
def test_production_refuses_to_start_naming_the_setting(production, tmp_path, change, message):
    env = {**production}
    for key, value in change.items():
        if value is None:
            env.pop(key)
        else:
            env[key] = value
    result = _run(env, tmp_path)
    assert result.returncode != 0
    assert message in result.stderr


def test_the_key_folder_inside_the_data_folder_is_refused(production, tmp_path):
    inside = tmp_path / "data" / "keys"
    inside.mkdir()
    result = _run({**production, "SAFEPASSAGE_KEY_DIR": str(inside)}, tmp_path)
    assert "must not be the data folder or inside it" in result.stderr


def test_secrets_come_from_files(production, tmp_path):
    url = tmp_path / "database-url"
    url.write_text("postgres://safepassage:s3cret@db.internal:5432/cases\n")
    url.chmod(0o600)
    mail = tmp_path / "mail-password"
    mail.write_text("m41l-password\n")
    mail.chmod(0o600)
    env = {
        **production,
        "DATABASE_URL_FILE": str(url),
        "SAFEPASSAGE_EMAIL_PASSWORD_FILE": str(mail),
    }
    result = _run(env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[2:] == ["cases", "m41l-password"]
    mail.chmod(0o644)
    refused = _run(env, tmp_path)
    assert "is readable by everyone; chmod 600 it" in refused.stderr


def test_the_command_line_reports_a_bad_setting_without_a_traceback(production, tmp_path):
    env = {**production, "SAFEPASSAGE_DATA_DIR": "relative"}
    result = subprocess.run(
        [sys.executable, "-m", "safepassage", "check"],
        capture_output=True,
        text=True,
        env={"PATH": os.environ["PATH"], **env},
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("safepassage: configuration error: SAFEPASSAGE_DATA_DIR")
    assert "Traceback" not in result.stderr
