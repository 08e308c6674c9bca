"""Settings read from the environment fail loudly, naming the variable, on a malformed value."""

from __future__ import annotations

import subprocess
import sys

import pytest

from safepassage.env import (
    ConfigError,
    env_bool,
    env_choice,
    env_float,
    env_int,
    env_list,
    env_str,
)


@pytest.mark.parametrize(
    ("read", "raw", "expected"),
    [
        (lambda: env_bool("SP_TEST"), "yes", True),
        (lambda: env_bool("SP_TEST"), "Off", False),
        (lambda: env_int("SP_TEST", 3), "42", 42),
        (lambda: env_float("SP_TEST", 0.5), "0", 0.0),
        (lambda: env_float("SP_TEST", 0.5), "2.5", 2.5),
        (lambda: env_choice("SP_TEST", "INFO", ("INFO", "DEBUG")), "debug", "DEBUG"),
        (lambda: env_list("SP_TEST", []), "a, b,", ["a", "b"]),
        (lambda: env_str("SP_TEST"), "value", "value"),
    ],
)
def test_well_formed_values_are_read(monkeypatch, read, raw, expected):
    monkeypatch.setenv("SP_TEST", raw)
    assert read() == expected


@pytest.mark.parametrize(
    ("read", "raw"),
    [
        (lambda: env_bool("SP_TEST"), "maybe"),
        (lambda: env_int("SP_TEST", 3), "4.5"),
        (lambda: env_float("SP_TEST", 0.5), "soon"),
        (lambda: env_float("SP_TEST", 0.5), "-1"),
        (lambda: env_float("SP_TEST", 0.5), "inf"),
        (lambda: env_choice("SP_TEST", "INFO", ("INFO", "DEBUG")), "bogus"),
        (lambda: env_list("SP_TEST", ["x"]), " , "),
    ],
)
def test_a_malformed_value_stops_with_the_variables_name(monkeypatch, read, raw):
    monkeypatch.setenv("SP_TEST", raw)
    with pytest.raises(ConfigError, match="SP_TEST"):
        read()


def test_a_required_value_that_is_missing_is_named(monkeypatch):
    monkeypatch.delenv("SP_TEST", raising=False)
    with pytest.raises(ConfigError, match="SP_TEST must be set"):
        env_str("SP_TEST")


@pytest.mark.parametrize(
    ("name", "raw"),
    [("SAFEPASSAGE_LOG_LEVEL", "bogus"), ("SAFEPASSAGE_AUDIT_HEAD_INTERVAL", "soon")],
)
def test_the_program_refuses_to_start_naming_the_variable(tmp_path, name, raw):
    env = {"PATH": "/usr/bin:/bin", "SAFEPASSAGE_DATA_DIR": str(tmp_path), name: raw}
    result = subprocess.run(
        [sys.executable, "-m", "safepassage.cli", "check"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode != 0
    assert name in result.stderr
