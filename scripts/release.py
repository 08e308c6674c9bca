"""Cutting a release: its record, and its fixture.

    .venv/bin/python scripts/release.py record 0.2.0 [--source DIR] [--commit SHA]
    .venv/bin/python scripts/release.py fixture 0.2.0 [--source DIR] [--pg-url URL]

`record` writes src/safepassage/ops/releases/VERSION.json: the SHA-256 of every migration file
and the digest of every reference item of the code under DIR (default: this tree's src). Never
edit a record once the release is out.

`fixture` makes tests/releases/VERSION/ with the code under DIR (another checkout's src for a
past release): a small instance built by tests/releases/build_instance.py (cases, stored files,
evidence, intake threads, an attestation), its database as an SQLite dump and as a PostgreSQL
dump (the same data, moved with the release's own backup and restore), its key folder, its
stored files, and a manifest of every plaintext's digest. tests/test_releases.py upgrades each
fixture to the current code and reads everything back.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from safepassage.ops.reference import digest, shipped  # noqa: E402
from safepassage.ops.releases import RECORDS, migration_hashes  # noqa: E402


def record(version: str, source: Path, commit: str) -> None:
    package = source / "safepassage"
    data = {
        "version": version,
        "date": date.today().isoformat(),
        "commit": commit,
        "migrations": migration_hashes(package),
        "reference": {key: digest(values) for key, values in shipped(package).items()},
    }
    target = RECORDS / f"{version}.json"
    if target.exists():
        sys.exit(f"{target} exists: a release record is never rewritten")
    target.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    print(f"wrote {target.relative_to(ROOT)}")


def _env(source: Path, data: Path, keys: Path, database_url: str = "") -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SAFEPASSAGE_", "DATABASE_URL", "SECRET_KEY"))
        and k != "DJANGO_SETTINGS_MODULE"
    }
    env.update(
        {
            "PYTHONPATH": str(source),
            "DJANGO_SETTINGS_MODULE": "safepassage.settings",
            "SAFEPASSAGE_DATA_DIR": str(data),
            "SAFEPASSAGE_KEY_DIR": str(keys),
            "SAFEPASSAGE_AUDIT_HEAD_INTERVAL": "0",
            "SAFEPASSAGE_LOG_LEVEL": "WARNING",
        }
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _run(env: dict[str, str], *args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, *args]
    return subprocess.run(command, env=env, check=True, text=True, **kwargs)  # type: ignore[call-overload,no-any-return]  # noqa: S603 - this program


def _psql(admin_url: str, statement: str) -> None:
    command = ["psql", admin_url, "-v", "ON_ERROR_STOP=1", "-qc", statement]
    subprocess.run(command, check=True)  # noqa: S603 - PostgreSQL's client, our statement


def fixture(version: str, source: Path, pg_url: str) -> None:
    out = ROOT / "tests" / "releases" / version
    if out.exists():
        sys.exit(f"{out} exists: a release fixture is never rewritten")
    work = Path(tempfile.mkdtemp(prefix="release-fixture-"))
    try:
        data, keys = work / "data", work / "keys"
        env = _env(source, data, keys)
        _run(env, "-m", "safepassage", "migrate", "--no-input", "-v0")
        built = _run(env, str(ROOT / "tests/releases/build_instance.py"), capture_output=True)
        manifest = json.loads(built.stdout)
        # The instance as built: its database, key folder and files, before the backup below
        # adds its own audit entry (the key folder's signed head must describe this log).
        out.mkdir(parents=True)
        with sqlite3.connect(data / "safepassage.sqlite3") as connection:
            (out / "sqlite.sql").write_text("\n".join(connection.iterdump()) + "\n")
        shutil.copytree(
            keys, out / "keys", ignore=shutil.ignore_patterns("*.lock", "secret_key", ".*")
        )
        shutil.copytree(data / "files", out / "files", ignore=shutil.ignore_patterns("incoming"))
        _run(env, "-m", "safepassage", "backup", "create", str(work / "instance.spb"))
        # The same data in PostgreSQL, moved by the release's own backup and restore.
        parts = urlsplit(pg_url)
        name = f"{parts.path.lstrip('/')}_release_fixture"
        admin = parts._replace(path="/postgres").geturl()
        scratch_url = parts._replace(path=f"/{name}").geturl()
        _psql(admin, f'DROP DATABASE IF EXISTS "{name}"')
        _psql(admin, f'CREATE DATABASE "{name}"')
        try:
            shutil.copytree(out / "keys", work / "pg-keys")
            pg_env = _env(source, work / "pg-data", work / "pg-keys", scratch_url)
            _run(pg_env, "-m", "safepassage", "migrate", "--no-input", "-v0")
            _run(pg_env, "-m", "safepassage", "backup", "restore", str(work / "instance.spb"))
            dump = subprocess.run(  # noqa: S603 - PostgreSQL's own dump tool
                ["pg_dump", "--no-owner", "--no-privileges", "--format=plain", scratch_url],  # noqa: S607
                check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
            (out / "postgresql.sql").write_text(dump)
        finally:
            _psql(admin, f'DROP DATABASE IF EXISTS "{name}"')
        manifest["version"] = version
        (out / "manifest.json").write_text(
            json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        )
        print(f"wrote {out.relative_to(ROOT)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["record", "fixture"])
    parser.add_argument("version")
    parser.add_argument("--source", type=Path, default=ROOT / "src", help="the release's src/")
    parser.add_argument("--commit", default="", help="record: the release's commit")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    if args.what == "record":
        record(args.version, args.source.resolve(), args.commit)
    else:
        fixture(args.version, args.source.resolve(), args.pg_url)


if __name__ == "__main__":
    main()
