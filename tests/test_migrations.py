"""The models and the migrations agree: a model changed without its migration fails the suite."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:  # --check exits with 1 when a migration is missing
        pytest.fail(f"a model change without its migration (exit {exit_.code}):\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()
