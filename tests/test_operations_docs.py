"""docs/operations.md stays true to the files it describes: every environment variable the
settings read, every file of deploy/, every doctor check and every periodic job is in it."""

from __future__ import annotations

import re
from pathlib import Path

from safepassage.ops.doctor import CHECKS
from safepassage.ops.jobs import JOBS

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
SETTINGS = (ROOT / "src" / "safepassage" / "settings.py").read_text(encoding="utf-8")


def test_every_environment_variable_is_described():
    names = set(re.findall(r'env_\w+\(\s*"([A-Z_]+)"', SETTINGS))
    names |= {"SECRET_KEY_FILE", "DATABASE_URL_FILE", "SAFEPASSAGE_EMAIL_PASSWORD_FILE"}
    shortened = {n for n in names if n.startswith("SAFEPASSAGE_EMAIL_")}  # listed as `_PORT`...
    missing = [n for n in sorted(names - shortened) if f"`{n}`" not in DOC and f"`{n}=" not in DOC]
    assert missing == []
    for name in shortened:
        short = f"`_{name.removeprefix('SAFEPASSAGE_EMAIL_')}`"
        assert f"`{name}`" in DOC or short in DOC or f"`{name}_FILE`" in DOC, name


def test_every_shipped_deploy_file_is_named():
    files = [p for p in (ROOT / "deploy").rglob("*") if p.is_file()]
    assert len(files) >= 11
    for path in files:
        name = path.relative_to(ROOT).as_posix()
        assert name in DOC or (
            path.suffix == ".timer" and "deploy/systemd/safepassage-*.timer" in DOC
        ), name


def test_every_doctor_check_and_job_is_described():
    for name, _check in CHECKS:
        assert f"`{name}`" in DOC or f"`{name}`," in DOC, name
    for job in JOBS.values():
        assert f"| `{job.name}` |" in DOC, job.name
