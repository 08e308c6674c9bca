"""The onion profile: the deploy check passes with its reasons, hosts come from the onion
address, and the torrc snippet maps port 80 to the server."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ONION = "a" * 52 + "bcd2.onion"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    for folder in ("data", "keys"):  # production wants its folders made by the install
        (tmp_path / folder).mkdir(mode=0o700, exist_ok=True)
    secret = tmp_path / "secret_key"
    secret.write_text("s" * 20 + "-production-secret-for-the-onion-check-" + "t" * 20)
    secret.chmod(0o600)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "safepassage.settings",
        "SAFEPASSAGE_PRODUCTION": "1",
        "SECRET_KEY_FILE": str(secret),
        "SAFEPASSAGE_DATA_DIR": str(tmp_path / "data"),
        "SAFEPASSAGE_KEY_DIR": str(tmp_path / "keys"),
    }
    for name in ("DATABASE_URL", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    return {**env, **extra}


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "safepassage", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_passes_with_the_onion_profile(tmp_path):
    env = _env(tmp_path, SAFEPASSAGE_ONION="1", SAFEPASSAGE_ONION_ADDRESS=ONION)
    result = _run(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_onion_profile_silences_only_the_tls_checks(tmp_path):
    env = _env(tmp_path, SAFEPASSAGE_ONION="1", SAFEPASSAGE_ONION_ADDRESS=ONION)
    code = (
        "from django.conf import settings as s; "
        "print(sorted(s.SILENCED_SYSTEM_CHECKS)); print(s.ALLOWED_HOSTS); "
        "print(s.SESSION_COOKIE_SECURE, getattr(s, 'SECURE_HSTS_SECONDS', 0))"
    )
    result = _run(env, "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    silenced, hosts, cookies = result.stdout.strip().splitlines()[-3:]
    assert silenced == str(["security.W003", "security.W004", "security.W008", "security.W011"])
    assert hosts == str([ONION])
    assert cookies == "False 0"


def test_without_the_onion_profile_the_tls_checks_still_fail(tmp_path):
    """The same production settings without HTTPS protections are not silenced elsewhere."""
    env = _env(tmp_path, ALLOWED_HOSTS="cases.example.org", SAFEPASSAGE_SSL_REDIRECT="0")
    result = _run(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


@pytest.mark.parametrize("address", ["", "example.onion", "not-an-address.org"])
def test_the_onion_profile_needs_a_real_onion_address(tmp_path, address):
    env = _env(tmp_path, SAFEPASSAGE_ONION="1", SAFEPASSAGE_ONION_ADDRESS=address)
    result = _run(env, "check")
    assert result.returncode != 0
    assert "SAFEPASSAGE_ONION_ADDRESS" in result.stderr
    assert "SAFEPASSAGE_ONION_ADDRESS" in result.stderr


def test_torrc_maps_port_80_to_the_server():
    out = io.StringIO()
    call_command(
        "onion", "torrc", "--dir", "/var/lib/tor/sp", "--bind", "127.0.0.1:8123", stdout=out
    )
    lines = [line for line in out.getvalue().splitlines() if not line.startswith("#")]
    assert "HiddenServiceDir /var/lib/tor/sp/" in lines
    assert "HiddenServicePort 80 127.0.0.1:8123" in lines
    assert "HiddenServiceEnableIntroDoSDefense 1" in lines
    assert "HiddenServicePoWDefensesEnabled 1" in lines


def test_debians_tor_accepts_the_snippet(tmp_path):
    """Tor itself reads the snippet, proof of work included (`tor --verify-config`)."""
    service = tmp_path / "service"
    service.mkdir(mode=0o700)
    out = io.StringIO()
    call_command("onion", "torrc", "--dir", str(service), "--bind", "127.0.0.1:8123", stdout=out)
    torrc = tmp_path / "torrc"
    torrc.write_text(f"SocksPort 0\nDataDirectory {tmp_path / 'data'}\n{out.getvalue()}")
    result = subprocess.run(
        ["tor", "--verify-config", "-f", str(torrc)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Configuration was valid" in result.stdout
    torrc.write_text(torrc.read_text() + "HiddenServicePoWDefensesEnabled maybe\n")
    broken = subprocess.run(["tor", "--verify-config", "-f", str(torrc)], capture_output=True)
    assert broken.returncode != 0


def test_torrc_refuses_a_malformed_address():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="HOST:PORT"):
        call_command("onion", "torrc", "--bind", "nowhere", stdout=io.StringIO())
