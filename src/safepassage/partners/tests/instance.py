"""A second organisation's instance for tests and the benchmark: its own data folder, key
folder and database (SQLite in its folder, or a PostgreSQL database of its own next to the test
database), set up and driven through `safepassage` commands, and served over HTTPS on loopback
behind a small TLS terminator (standing in for the reverse proxy of docs/operations.md).

    python -m safepassage.partners.tests.instance setup "Organisation name"

(run with the instance's environment) migrates, creates the organisation, a coordinator and a
caseworker with the test password, and prints their emails and authenticator keys as JSON.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[4]
SAFEPASSAGE = Path(sys.executable).with_name("safepassage")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Instance:
    """Another organisation's installation of the application, in its own folders."""

    def __init__(self, root: Path, name: str) -> None:
        self.root = root
        self.name = name
        self.data = root / "data"
        self.keys = root / "keys"
        self.env = {
            **{
                k: v
                for k, v in os.environ.items()
                if k
                not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "SAFEPASSAGE_DATA_DIR", "SAFEPASSAGE_KEY_DIR")
            },
            "SAFEPASSAGE_DATA_DIR": str(self.data),
            "SAFEPASSAGE_KEY_DIR": str(self.keys),
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "PYTHONPATH": str(ROOT),
            "SAFEPASSAGE_AUDIT_HEAD_INTERVAL": "0.05",
        }
        self.database = ""
        base = os.environ.get("DATABASE_URL")
        if base:
            import psycopg

            # Named after the suite's own database, so parallel runs never share one.
            self.database = f"{base.rsplit('/', 1)[1]}b_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(base, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{self.database}"')
            self.env["DATABASE_URL"] = base.rsplit("/", 1)[0] + "/" + self.database
        else:
            self.env.pop("DATABASE_URL", None)
        self.server: subprocess.Popen[bytes] | None = None
        self.proxy: TlsProxy | None = None
        self.port = 0
        self.staff: dict[str, Any] = {}

    def setup(self) -> dict[str, Any]:
        result = subprocess.run(
            [sys.executable, "-m", "safepassage.partners.tests.instance", "setup", self.name],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(result.stderr[-3000:])
        self.staff = json.loads(result.stdout.strip().splitlines()[-1])
        return self.staff

    def run(self, *args: str, password: str | None = None, check: bool = True) -> str:
        """A `safepassage` command in this instance; its output (stderr added on failure)."""
        env = dict(self.env)
        if password is not None:
            env["SAFEPASSAGE_PASSWORD"] = password
        result = subprocess.run(
            [str(SAFEPASSAGE), *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if check and result.returncode:
            raise RuntimeError(f"{args[:2]} failed: {result.stdout[-2000:]}{result.stderr[-3000:]}")
        return result.stdout + (result.stderr if result.returncode else "")

    def serve(self) -> str:
        """Serve on loopback (plain HTTP); returns the base URL."""
        self.port = free_port()
        log = (self.root / "serve.log").open("w")
        self.server = subprocess.Popen(
            [str(SAFEPASSAGE), "serve", "--bind", f"127.0.0.1:{self.port}", "--threads", "4"],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.time() + 120
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                if self.server.poll() is not None or time.time() > deadline:
                    raise RuntimeError((self.root / "serve.log").read_text()[-3000:]) from None
                time.sleep(0.2)
        return f"http://127.0.0.1:{self.port}"

    def serve_https(self, certificate: Any) -> str:
        """Serve, with TLS in front (a `trustme` leaf certificate); returns the base URL."""
        self.serve()
        self.proxy = TlsProxy(certificate, self.port)
        return f"https://127.0.0.1:{self.proxy.port}"

    def stop(self) -> None:
        if self.proxy is not None:
            self.proxy.stop()
            self.proxy = None
        if self.server is not None:
            os.killpg(self.server.pid, signal.SIGTERM)
            try:
                self.server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait()
            self.server = None

    def drop(self) -> None:
        self.stop()
        if self.database:
            import psycopg

            with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')

    def raw_database(self) -> bytes:
        """The database as a thief would copy it: the SQLite files, or a pg_dump."""
        if self.database:
            return subprocess.run(
                ["pg_dump", self.env["DATABASE_URL"]], capture_output=True, check=True
            ).stdout
        return b"".join(p.read_bytes() for p in sorted(self.data.glob("safepassage.sqlite3*")))


class TlsProxy:
    """TLS in front of a plain HTTP server on loopback: one thread per connection."""

    def __init__(self, certificate: Any, upstream: int) -> None:
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        certificate.configure_cert(self.context)
        self.upstream = upstream
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = int(self.listener.getsockname()[1])
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            secure = self.context.wrap_socket(client, server_side=True)
        except (ssl.SSLError, OSError):
            client.close()
            return
        upstream = socket.create_connection(("127.0.0.1", self.upstream))
        try:
            while True:
                ready: list[Any]
                if secure.pending():
                    ready = [secure]
                else:
                    ready, _w, _x = select.select([secure, upstream], [], [], 60)
                if not ready:
                    return
                for source in ready:
                    target = upstream if source is secure else secure
                    data = source.recv(65536)
                    if not data:
                        return
                    target.sendall(data)
        except (OSError, ssl.SSLError):
            return
        finally:
            secure.close()
            upstream.close()

    def stop(self) -> None:
        self.running = False
        self.listener.close()


def _setup(name: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from safepassage.core.roles import Role
    from safepassage.partners import services
    from safepassage.testing import make_organisation, make_staff

    call_command("migrate", verbosity=0)
    organisation = make_organisation(name)
    slug = name.split()[0].lower()
    coordinator = make_staff(organisation, Role.COORDINATOR, email=f"coordinator@{slug}.example")
    caseworker = make_staff(organisation, Role.CASEWORKER, email=f"caseworker@{slug}.example")
    services.current_key(organisation.pk)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    print(
        json.dumps(
            {
                "coordinator": coordinator.email,
                "caseworker": caseworker.email,
                "totp": TOTPDevice.objects.get(user=coordinator).key,
            }
        )
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    if sys.argv[1:2] == ["setup"]:
        _setup(sys.argv[2])
    else:
        sys.exit("usage: python -m safepassage.partners.tests.instance setup NAME")
