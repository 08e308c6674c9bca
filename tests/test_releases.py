"""Upgrades cannot lose data: every release's fixture upgrades to this code and reads back
completely, and no released migration is ever edited.

A fixture (tests/releases/VERSION/, made by scripts/release.py with that release's own code)
holds a small instance: its database as an SQLite and a PostgreSQL dump, its key folder, its
stored files, and the digest of every plaintext it held. Here it is loaded into a scratch
instance of the database the suite runs on, migrated by this code, and read back with the
organisation recovery key: every encrypted value, file, intake message and attestation must
open to the same plaintext. The person of its intake thread still reads his reply with his
codename, and staff keys still open with their passwords.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from safepassage.ops import releases
from safepassage.ops.releases import edited_migrations, migration_hashes
from tests.browser.test_server_install import scratch_database

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "tests" / "releases").glob("*/manifest.json"))
pytestmark = pytest.mark.slow

READ_AS_PERSON_AND_STAFF = """
import json, os
from django.test import Client
from safepassage.accounts.models import Staff
from safepassage.vault import staffkeys
manifest = json.load(open(os.environ["FIXTURE_MANIFEST"]))
client = Client()
signed = client.post("/en/follow-up/", {"codename": manifest["codename"]},
                     HTTP_SEC_FETCH_SITE="same-origin")
page = client.get("/en/thread/").content.decode()
opened = [staffkeys.unlock(Staff.objects.get(email=e).vault_key, manifest["staff_password"])
          for e in manifest["staff"]]
print(json.dumps({"signed": signed.status_code, "reply": manifest["reply"] in page,
                  "keys": len([k for k in opened if len(k) == 32])}))
"""


def test_there_is_a_fixture_and_a_record_for_every_release():
    recorded = {record["version"] for record in releases.records()}
    fixtures = {path.parent.name for path in FIXTURES}
    assert "0.1.0" in recorded
    assert recorded == fixtures


def test_no_released_migration_was_edited_or_removed():
    assert edited_migrations() == []


def test_an_edited_or_removed_released_migration_is_found_and_a_new_one_is_accepted(tmp_path):
    package = tmp_path / "safepassage"
    shutil.copytree(ROOT / "src" / "safepassage", package, ignore=shutil.ignore_patterns("tests"))
    records = tmp_path / "records"
    shutil.copytree(releases.RECORDS, records)
    releases.records.cache_clear()
    try:
        (package / "ops" / "migrations" / "9999_later.py").write_text("# a new migration\n")
        assert edited_migrations(package, records) == []
        edited = package / "cases" / "migrations" / "0001_initial.py"
        edited.write_text(edited.read_text().replace("max_length=2", "max_length=3", 1))
        (package / "audit" / "migrations" / "0001_initial.py").unlink()
        problems = edited_migrations(package, records)
    finally:
        releases.records.cache_clear()
    assert problems == [
        "audit/migrations/0001_initial.py (released in 0.1.0) was removed",
        "cases/migrations/0001_initial.py (released in 0.1.0) was edited",
    ]
    assert "cases/migrations/0001_initial.py" in migration_hashes(package)


def _environment(tmp: Path, database_url: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SAFEPASSAGE_", "DATABASE_URL", "SECRET_KEY", "DJANGO_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "safepassage.settings",
            "SAFEPASSAGE_DATA_DIR": str(tmp / "data"),
            "SAFEPASSAGE_KEY_DIR": str(tmp / "keys"),
            "SAFEPASSAGE_AUDIT_HEAD_INTERVAL": "0",
        }
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _safepassage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "safepassage", *args], env=env, capture_output=True, text=True
    )


def _lay_out(fixture: Path, tmp: Path) -> None:
    """The fixture's key folder and files, with the modes an install gives them."""
    shutil.copytree(fixture / "keys", tmp / "keys")
    shutil.copytree(fixture / "files", tmp / "data" / "files")
    for path in [tmp / "keys", *(tmp / "keys").rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)


@pytest.mark.parametrize("manifest_path", FIXTURES, ids=[p.parent.name for p in FIXTURES])
def test_every_release_fixture_upgrades_and_reads_back(manifest_path, tmp_path):
    fixture = manifest_path.parent
    manifest = json.loads(manifest_path.read_text())
    _lay_out(fixture, tmp_path)
    words = tmp_path / "recovery.txt"
    words.write_text(manifest["organisation_recovery_key"])
    suite_url = os.environ.get("DATABASE_URL", "")
    if suite_url.startswith("postgres"):
        with scratch_database(suite_url, "upgrade") as url:
            subprocess.run(
                ["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-f", str(fixture / "postgresql.sql")],
                check=True,
                capture_output=True,
            )
            _upgrade_and_read(_environment(tmp_path, url), manifest, manifest_path, words)
    else:
        with sqlite3.connect(tmp_path / "data" / "safepassage.sqlite3") as connection:
            connection.executescript((fixture / "sqlite.sql").read_text())
        _upgrade_and_read(_environment(tmp_path, ""), manifest, manifest_path, words)


def _upgrade_and_read(
    env: dict[str, str], manifest: dict[str, Any], manifest_path: Path, words: Path
) -> None:
    migrated = _safepassage(env, "migrate", "--no-input")
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    checked = _safepassage(
        env, "inventory", "--json", "--digests", "--recovery-key-file", str(words)
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    found = json.loads(checked.stdout)
    assert found["problems"] == []
    expected = manifest["counts"]
    for name in (
        "objects", "objects_opened", "values", "values_opened", "files", "files_opened",
        "intake_messages", "intake_messages_opened", "intake_files", "intake_files_opened",
        "attestations", "attestations_verified", "key_copies", "key_copies_opened",
    ):  # fmt: skip
        assert found[name] == expected[name], name
    assert found["audit_verified"] is True
    differing = [k for k, v in manifest["digests"].items() if found["digests"].get(k) != v]
    assert differing == []
    assert len(manifest["digests"]) > 50
    env = {**env, "FIXTURE_MANIFEST": str(manifest_path)}
    person = _safepassage(env, "shell", "-c", READ_AS_PERSON_AND_STAFF)
    assert person.returncode == 0, person.stderr
    assert json.loads(person.stdout.strip().splitlines()[-1]) == {
        "signed": 302,
        "reply": True,
        "keys": len(manifest["staff"]),
    }
