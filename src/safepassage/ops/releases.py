"""Release records: what each release shipped, so later code can keep its promises to it.

Each `releases/<version>.json` is written by `scripts/release record` when a release is cut and
never edited afterwards. It holds the SHA-256 of every migration file of that release (a
released migration may never change: installs have already applied it) and the digest of every
reference item it shipped (so `safepassage reference` can tell an item nobody touched from one
an organisation edited).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

RECORDS = Path(__file__).with_name("releases")
PACKAGE = Path(__file__).resolve().parents[1]


def migration_hashes(package: Path = PACKAGE) -> dict[str, str]:
    """Every migration file under a `safepassage` package folder, by its path in there."""
    return {
        path.relative_to(package).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(package.glob("*/migrations/[0-9]*.py"))
    }


@cache
def records(folder: Path = RECORDS) -> list[dict[str, Any]]:
    def key(path: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in path.stem.split("."))

    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.json"), key=key)
    ]


def edited_migrations(package: Path = PACKAGE, folder: Path = RECORDS) -> list[str]:
    """Every released migration that was changed or removed since its release."""
    present = migration_hashes(package)
    problems = []
    for record in records(folder):
        for path, released in record["migrations"].items():
            now = present.get(path)
            if now is None:
                problems.append(f"{path} (released in {record['version']}) was removed")
            elif now != released:
                problems.append(f"{path} (released in {record['version']}) was edited")
    return problems


def released_reference_digests(folder: Path = RECORDS) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for record in records(folder):
        for key, item_digest in record["reference"].items():
            found.setdefault(key, set()).add(item_digest)
    return found
