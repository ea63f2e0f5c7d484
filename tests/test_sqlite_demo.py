"""The embedded default still works (README: `make demo`): on a SQLite file, with tasks run
in-process and no Redis, the demo migrates, seeds and serves pages, the stylesheet included.
Everything else runs on PostgreSQL; this runs the demo's own commands in separate processes."""

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def demo_env(tmp_path):
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "REDIS_URL": "",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }


def manage(*args, env):
    r = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-3000:]
    return r.stdout


def test_the_sqlite_demo_migrates_seeds_and_serves(demo_env):
    manage("migrate", "--noinput", "-v0", env=demo_env)
    out = manage("seed_demo", env=demo_env)
    assert "resident@hanbit.demo" in out

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=demo_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def get(path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with browser.open(f"http://127.0.0.1:{port}{path}", body, timeout=30) as r:
                return r.status, r.geturl(), r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.geturl(), e.read().decode()

    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if get("/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, server.stderr.read()
            time.sleep(0.3)

        assert get("/readyz")[0] == 200  # SQLite, the local cache, tasks in-process
        status, _, page = get("/accounts/login/")
        assert status == 200
        css = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
        status, _, stylesheet = get(css)
        assert status == 200 and "{" in stylesheet

        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, landed, _ = get(
            "/accounts/login/",
            {
                "login": "resident@hanbit.demo",
                "password": "demo1234!",
                "csrfmiddlewaretoken": token,
            },
        )
        assert status == 200 and not landed.endswith("/accounts/login/")
        status, _, home = get("/c/hanbit/")
        assert status == 200 and "한빛아파트" in home
        assert get("/c/hanbit/bills/")[0] == 200
        assert get("/public/")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
