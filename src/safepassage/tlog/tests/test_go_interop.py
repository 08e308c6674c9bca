"""Go's reference code (golang.org/x/mod/sumdb/note and sumdb/tlog, Debian's
golang-golang-x-mod-dev) checks what this log serves, and this project checks what Go signs.

The Go program in gocheck/ is built offline into a temporary folder: the module is replaced by
Debian's copy, with no proxy and no checksum database.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from safepassage.tlog import keys, services
from safepassage.tlog.note import b64, open_note, parse_checkpoint, parse_vkey
from safepassage.tlog.tests.helpers import issue_one

GO_SOURCE = Path(__file__).parent / "gocheck"
GO_MOD = Path("/usr/share/gocode/src/golang.org/x/mod/sumdb/tlog")


@pytest.fixture(scope="session")
def gocheck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    go = shutil.which("go")
    if go is None or not GO_MOD.is_dir():
        pytest.fail("Go and golang-golang-x-mod-dev are needed: run scripts/setup-system")
    folder = tmp_path_factory.mktemp("gocheck")
    for name in ("go.mod", "main.go"):
        shutil.copy(GO_SOURCE / name, folder / name)
    env = {
        **os.environ,
        "GOFLAGS": "-mod=mod",
        "GOPROXY": "off",
        "GOSUMDB": "off",
        "GOCACHE": str(folder / "cache"),
        "GOPATH": str(folder / "gopath"),
        "HOME": str(folder),
    }
    subprocess.run(
        [go, "build", "-o", str(folder / "tlogcheck"), "."],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder / "tlogcheck"


def run_go(binary: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(binary), *args], capture_output=True, text=True, timeout=60, check=False
    )


def serve_into(folder: Path, size: int) -> None:
    """Save what the application serves (checkpoint, tiles, bundles) under their URL paths."""
    client = Client()
    paths = ["checkpoint"]
    level, count = 0, size
    while count:
        for index in range((count + 255) // 256):
            width = min(256, count - index * 256)
            suffix = "" if width == 256 else f".p/{width}"
            paths.append(f"tile/{level}/{index:03d}{suffix}")
            if level == 0:
                paths.append(f"tile/entries/{index:03d}{suffix}")
        count //= 256
        level += 1
    for path in paths:
        response = client.get(f"/tlog/{path}")
        assert response.status_code == 200, path
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(response.content)


@pytest.mark.django_db
def test_go_verifies_our_checkpoint_and_proofs_from_the_served_tiles(
    gocheck, coordinator, tmp_path, capsys: Any
):
    issued = [issue_one(coordinator) for _ in range(3)]
    old = services.latest_checkpoint()
    assert old is not None
    for _ in range(2):
        issue_one(coordinator)
    # A larger log too, so tiles of level 1 and partial bundles are exercised.
    from datetime import date

    from safepassage.tlog import leaf

    services.append_many(
        leaf.of_file("dossier", date(2026, 5, 31), str(i).encode()) for i in range(600)
    )
    size = services.size()
    serve_into(tmp_path / "log", size)
    vkey = services.log_vkey()
    index = 1
    result = run_go(
        gocheck,
        "check-log",
        vkey,
        str(tmp_path / "log"),
        str(index),
        str(old.size),
        b64(bytes(old.root)),
    )
    print(result.stdout, result.stderr)
    assert result.returncode == 0, result.stderr
    assert f"checkpoint of {keys.log_signer().name} verified: size {size}" in result.stdout
    assert f"tlog.CheckRecord: entry {index} is in the tree of size {size}" in result.stdout
    assert f"the tree of size {size} extends the tree of size {old.size}" in result.stdout
    # Go's proofs from the tiles are the very hashes this project computes.
    reader = services.reader(size)
    lines = result.stdout.splitlines()
    go_inclusion = [line.split()[1] for line in lines if line.startswith("inclusion-proof")]
    assert go_inclusion == [b64(h) for h in reader.inclusion_proof(index)]
    go_consistency = [line.split()[1] for line in lines if line.startswith("consistency-proof")]
    assert go_consistency == [b64(h) for h in reader.consistency_proof(old.size)]
    assert issued


@pytest.mark.django_db
def test_go_rejects_a_checkpoint_with_a_changed_byte(gocheck, coordinator, tmp_path):
    issue_one(coordinator)
    note = services.served_checkpoint()
    assert note is not None
    good = tmp_path / "good"
    good.write_bytes(note)
    result = run_go(gocheck, "verify-note", services.log_vkey(), str(good))
    assert result.returncode == 0, result.stderr
    assert f"signature of {keys.log_signer().name}" in result.stdout
    changed = tmp_path / "changed"
    changed.write_bytes(note.replace(b"\n1\n", b"\n2\n", 1))
    result = run_go(gocheck, "verify-note", services.log_vkey(), str(changed))
    assert result.returncode != 0
    assert "invalid signature" in result.stderr


@pytest.mark.django_db
def test_go_reads_a_checkpoint_with_cosignatures_and_ignores_them(gocheck, coordinator, tmp_path):
    from safepassage.tlog.tests.test_witness import cosigned_by_ourselves

    cosigned_by_ourselves(coordinator)
    note = services.served_checkpoint()
    assert note is not None
    assert note.count("— ".encode()) == 2
    file = tmp_path / "cosigned"
    file.write_bytes(note)
    result = run_go(gocheck, "verify-note", services.log_vkey(), str(file))
    assert result.returncode == 0, result.stderr
    assert "from an unknown key, ignored" in result.stdout


def test_a_note_signed_by_go_verifies_here(gocheck, tmp_path):
    text = tmp_path / "text"
    text.write_bytes(b"example.org/partner\n7\n" + base64.b64encode(bytes(32)) + b"\n")
    result = run_go(gocheck, "sign-note", "example.org/partner", str(text))
    assert result.returncode == 0, result.stderr
    vkey, signed = result.stdout.splitlines()
    verifier = parse_vkey(vkey)
    note, signers = open_note(base64.b64decode(signed), [verifier])
    assert signers == [verifier]
    assert parse_checkpoint(note.text).size == 7
    forged = base64.b64decode(signed).replace(b"\n7\n", b"\n8\n")
    with pytest.raises(ValueError, match="does not verify"):
        open_note(forged, [verifier])
