"""The server install of docs/operations.md, stood up on loopback: PostgreSQL, the application
server started exactly as its systemd unit says, Debian's nginx with the shipped site and a
certificate made here with openssl, production settings on. The first coordinator made by
`safepassage setup` accepts his invitation and signs in through nginx over HTTPS in a real
browser; afterwards nginx's logs hold no client address, and its in-memory limit refuses a flood
of codename posts from one address.

Every file comes from deploy/ as `deploy/install.sh render` writes it; only the paths, ports and
host differ from a real server. The unit files pass `systemd-analyze verify`.
"""

from __future__ import annotations

import base64
import os
import re
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.browser, pytest.mark.slow]
PASSWORD = "a long enough loopback passphrase 9"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.time() + 60
    while True:
        assert process.poll() is None, log.read_text()[-3000:]
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert time.time() < deadline, f"nothing listens on {port}: {log.read_text()[-3000:]}"
            time.sleep(0.2)


def read_environment_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines, as systemd's EnvironmentFile reads these simple ones."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _sep, value = line.partition("=")
            values[key] = value
    return values


def unit_lines(path: Path, key: str) -> list[str]:
    return [line.split("=", 1)[1] for line in path.read_text().splitlines() if line.startswith(key)]


def base_environment() -> dict[str, str]:
    drop = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    return {
        k: v
        for k, v in os.environ.items()
        if k not in drop and not k.startswith(("SAFEPASSAGE_", "SECRET_KEY"))
    }


@contextmanager
def scratch_database(url: str, suffix: str) -> Iterator[str]:
    import psycopg

    parts = urlsplit(url)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"{parts.path.lstrip('/')}_{suffix}_{worker}"[:63]
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def nginx_main_config(tmp: Path, site: Path) -> Path:
    """What Debian's /etc/nginx/nginx.conf does for the site, with every path in `tmp`."""
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / "nginx-temp" / folder).mkdir(parents=True, exist_ok=True)
    user = "user root;" if os.geteuid() == 0 else ""
    config = tmp / "nginx.conf"
    config.write_text(
        f"""{user}
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/log/nginx-main-error.log crit;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {tmp}/log/nginx-default-access.log;
    client_body_temp_path {tmp}/nginx-temp/body;
    proxy_temp_path {tmp}/nginx-temp/proxy;
    fastcgi_temp_path {tmp}/nginx-temp/fastcgi;
    uwsgi_temp_path {tmp}/nginx-temp/uwsgi;
    scgi_temp_path {tmp}/nginx-temp/scgi;
    include {site};
}}
"""
    )
    return config


def test_first_coordinator_signs_in_through_nginx_over_https(tmp_path, browser):
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        pytest.skip("the server install is tested in the PostgreSQL pass of the suite")
    for tool in ("nginx", "openssl", "systemd-analyze"):
        assert shutil.which(tool), f"{tool} is missing: run scripts/setup-system (make test does)"
    app_port, https_port, http_port = free_port(), free_port(), free_port()
    tmp = tmp_path
    (tmp / "log").mkdir()
    (tmp / "srv").mkdir()
    (tmp / "srv" / "app").symlink_to(ROOT)
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
            "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost",
            "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    with scratch_database(database_url, "install") as scratch_url:
        user = subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
        group = subprocess.run(["id", "-gn"], capture_output=True, text=True).stdout.strip()
        settings = {
            "SP_HOST": "localhost",
            "SP_ROOT": str(tmp / "srv"),
            "SP_USER": user,
            "SP_GROUP": group,
            "SP_APP_BIND": f"127.0.0.1:{app_port}",
            "SP_HTTPS_PORT": str(https_port),
            "SP_HTTP_PORT": str(http_port),
            "SP_CERT": str(tmp / "cert.pem"),
            "SP_CERT_KEY": str(tmp / "key.pem"),
            "SP_DATABASE_URL": scratch_url,
            "SP_ETC": str(tmp / "etc"),
            "SP_SYSTEMD": str(tmp / "systemd"),
            "SP_BIN": str(tmp / "bin"),
            "SP_NGINX_SITES": str(tmp / "sites"),
            "SP_NGINX_LOG": str(tmp / "log"),
            "SP_IPV6": "no",
        }
        env = {**base_environment(), **settings}
        subprocess.run([str(ROOT / "deploy/install.sh"), "folders", "render"], env=env, check=True)

        units = sorted((tmp / "systemd").iterdir())
        assert [unit.name for unit in units] == sorted(
            unit.name for unit in (ROOT / "deploy/systemd").iterdir()
        )
        verify = subprocess.run(
            ["systemd-analyze", "verify", *map(str, units)], capture_output=True, text=True
        )
        assert verify.returncode == 0, verify.stdout + verify.stderr
        assert not (verify.stdout + verify.stderr).strip()  # not even a warning

        service = tmp / "systemd" / "safepassage.service"
        environment_file = Path(unit_lines(service, "EnvironmentFile=")[0])
        server_env = {**base_environment(), **read_environment_file(environment_file)}
        assert server_env["SAFEPASSAGE_PRODUCTION"] == "1"
        admin = str(tmp / "bin" / "safepassage")  # what `sudo safepassage ...` runs
        plain_env = base_environment()
        subprocess.run([admin, "migrate", "--no-input", "-v0"], env=plain_env, check=True)
        setup = subprocess.run(
            [
                admin, "setup", "--organisation", "Loopback organisation",
                "--coordinator", "first.coordinator@example.org",
                "--url", f"https://localhost:{https_port}",
            ],
            env=plain_env, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        link = re.search(r"https://\S+/invitation/\S+/", setup).group(0)  # type: ignore[union-attr]
        token = link.rstrip("/").rsplit("/", 1)[1]

        for command in unit_lines(service, "ExecStartPre="):
            subprocess.run(shlex.split(command), env=server_env, check=True, capture_output=True)
        # The safe-copy worker's unit starts with the same environment; on an empty queue it
        # reports the sandbox and stops when asked to work once.
        converter = tmp / "systemd" / "safepassage-converter.service"
        worker = subprocess.run(
            [*shlex.split(unit_lines(converter, "ExecStart=")[0]), "--once"],
            env=server_env, capture_output=True, text=True, check=True, timeout=300,
        )  # fmt: skip
        assert "sandbox:" in worker.stdout, worker.stdout
        assert "none waiting" in worker.stdout, worker.stdout
        server_log = tmp / "log" / "server.log"
        with server_log.open("w") as out:
            server = subprocess.Popen(
                shlex.split(unit_lines(service, "ExecStart=")[0]),
                env=server_env,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=tmp / "srv",
                start_new_session=True,
            )
        nginx_log = tmp / "log" / "nginx-start.log"
        config = nginx_main_config(tmp, tmp / "sites" / "safepassage")
        try:
            wait_for_port(app_port, server, server_log)
            with nginx_log.open("w") as out:
                nginx = subprocess.Popen(
                    ["nginx", "-c", str(config), "-p", str(tmp), "-e", str(tmp / "log/e.log")],
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            try:
                wait_for_port(https_port, nginx, nginx_log)
                _coordinator_signs_in(browser, f"https://localhost:{https_port}", link)
                tls = ssl.create_default_context(cafile=str(tmp / "cert.pem"))
                _health_and_flood(f"https://localhost:{https_port}", tls)
            finally:
                os.killpg(nginx.pid, signal.SIGQUIT)  # graceful: the logs are complete
                nginx.wait(timeout=30)
            doctor = subprocess.run(
                [admin, "doctor", "--only", "production", "--only", "key-folder",
                 "--only", "secret-key-file", "--only", "database"],
                env=plain_env, capture_output=True, text=True,
            )  # fmt: skip
            assert doctor.returncode == 0, doctor.stdout + doctor.stderr
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)

    access = (tmp / "log" / "safepassage.log").read_text()
    assert "GET /today/" in access
    assert "POST /signin/second-factor/" in access
    for leak in ("127.0.0.1", "::1", "localhost", token):
        for name in ("safepassage.log", "safepassage-error.log", "nginx-main-error.log"):
            path = tmp / "log" / name
            assert not path.exists() or leak not in path.read_text(), (name, leak)
    assert "/invitation/-/" in access


def _coordinator_signs_in(browser, base: str, link: str) -> None:
    context = browser.new_context(ignore_https_errors=True, locale="en-GB")
    page = context.new_page()
    page.goto(link)
    page.fill("input[name=display_name]", "First Coordinator")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("main button[type=submit]")
    expect(page.locator("ol.words li")).to_have_count(20)
    page.click("text=I have written them down")
    page.wait_for_url(re.compile(r"/signin/enrol/"))
    key = base64.b32decode(page.inner_text("code.secret").replace(" ", ""))
    totp = TOTP(key)
    page.fill("input[name=code]", f"{totp.token():06d}")
    page.click("main button[type=submit]")
    expect(page.locator("ol.codes li")).to_have_count(10)
    page.click("text=I have kept them")
    page.wait_for_url(re.compile(r"/today/$"))
    page.click("header button:has-text('Sign out')")

    # Signing in again, with the password and the next code of the authenticator.
    page.goto(f"{base}/signin/")
    page.fill("input[name=email]", "first.coordinator@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]:has-text('Continue')")
    page.wait_for_url(re.compile(r"/signin/second-factor/"))
    totp.time = time.time() + 30
    page.fill("input[name=code]", f"{totp.token():06d}")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/today/$"))
    assert "First Coordinator" in page.inner_text("header.site")
    secure = {c["name"]: c["secure"] for c in context.cookies()}
    assert secure.get("sp_session") is True
    context.close()


def _health_and_flood(base: str, tls: ssl.SSLContext) -> None:
    with urllib.request.urlopen(f"{base}/healthz", context=tls) as response:  # noqa: S310
        assert response.read() == b"ok\n"
    statuses = []
    for _ in range(15):
        request = urllib.request.Request(  # noqa: S310 - our own https:// address
            f"{base}/en/follow-up/", data=b"codename=x", method="POST"
        )
        try:
            with urllib.request.urlopen(request, context=tls) as response:  # noqa: S310
                statuses.append(response.status)
        except urllib.error.HTTPError as exc:
            statuses.append(exc.code)
    # The first posts reach the application (which refuses them: no CSRF token); then the
    # proxy's in-memory limit answers for it.
    assert statuses[0] != 429, statuses
    assert 429 in statuses, statuses
