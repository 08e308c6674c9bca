"""The documents stay true to the code where the code can check them."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps

from safepassage.vault.fields import encrypted_fields

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_threat_model_lists_every_field_the_server_can_read():
    text = (DOCS / "threat-model.md").read_text(encoding="utf-8")
    missing = []
    for model in apps.get_models():
        if model._meta.app_label == "vaultprobe":
            continue
        for field in encrypted_fields(model):
            if field.server_readable:
                label = f"{model._meta.label}"
                rows = [line for line in text.splitlines() if f"`{label}." in line]
                if not any(f"`{field.name}`" in row or f".{field.name}`" in row for row in rows):
                    missing.append(f"{label}.{field.name}")
    assert not missing, f"docs/threat-model.md does not list: {missing}"


def test_every_app_of_the_architecture_page_exists():
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    installed = {c.label for c in apps.get_app_configs() if c.name.startswith("safepassage.")}
    for label in installed:
        assert f"`{label}`" in text, f"docs/architecture.md does not describe the app {label}"


def test_every_file_the_docs_name_exists():
    """A path in backquotes (`vetting/facts.py`, `deploy/install.sh`) names a file of the
    repository, from its root or as the end of a path; a renamed or removed file fails."""
    import re

    root = DOCS.parent
    files = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]
    files = [f for f in files if not f.startswith((".git/", ".venv/", "node_modules/", "build/"))]
    pattern = re.compile(r"`([\w./-]+\.(?:py|md|html|service|timer|sh|json|csv|toml|conf))`")
    missing = []
    for doc in [*DOCS.glob("*.md"), root / "README.md", root / "CONTRIBUTING.md"]:
        for name in pattern.findall(doc.read_text(encoding="utf-8")):
            if "/" not in name or name.startswith("/") or "VERSION" in name:
                continue  # a bare file name, a path on the server or a pattern
            if not any(f == name or f.endswith("/" + name) for f in files):
                missing.append(f"{doc.name}: {name}")
    assert not missing, f"the docs name files that do not exist: {missing}"
