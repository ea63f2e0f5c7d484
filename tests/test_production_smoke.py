"""The production smoke test: the portal as a hosting team runs it from docker-compose.yml, on
loopback. Static files are collected the way the Dockerfile does; gunicorn, a Celery worker and
beat start under config.settings.production with mail going to a local SMTP sink (aiosmtpd);
the broker is RabbitMQ when SMOKE_BROKER_URL names one (.ci/run does), else the run's Redis.
Then: the stylesheet answers 200 (WhiteNoise, hashed and compressed), /readyz answers 200 and
503 while the database is down, a password-reset mail arrives with an absolute https:// link,
a periodic task runs from the database schedule (beat → broker → worker → mail), beat writes no
schedule file, and the worker and beat are still up at the end.

gunicorn reaches PostgreSQL through a TCP relay in this process, so "the database is down" is
the relay closing; the worker and beat keep their direct connection."""

import contextlib
import json
import os
import re
import secrets
import shlex
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from kombu import Connection

ROOT = Path(__file__).resolve().parents[1]
HOST = "portal.example.test"
SITE_URL = f"https://{HOST}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, seconds=120.0, step=0.3):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


class Relay:
    """A TCP relay to PostgreSQL that can be cut (the database "goes down") and restored."""

    def __init__(self, target: tuple[str, int]):
        self.target, self.port = target, free_port()
        self.sockets: list[socket.socket] = []
        self.listener = None

    def start(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(16)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src, dst):
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def cut(self):
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        self.listener.close()
        for s in self.sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass
        self.sockets.clear()


class SMTPSink:
    """A local mail server (aiosmtpd) that keeps what it receives."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages: list[Message] = []
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"

    def subjects(self) -> list[str]:
        return [_decode(m["Subject"]) for m in list(self.messages)]

    def bodies(self, subject_part: str) -> list[str]:
        """The text and HTML parts of each message whose subject contains subject_part."""
        return [
            "".join(
                p.get_payload(decode=True).decode()
                for p in m.walk()
                if p.get_content_type() in ("text/plain", "text/html")
            )
            for m in list(self.messages)
            if subject_part in _decode(m["Subject"])
        ]


def _decode(header: str) -> str:
    from email.header import decode_header, make_header

    return str(make_header(decode_header(header)))


def http(port: int, path: str, *, data=None, headers=None):
    """A request as the TLS-terminating proxy passes it on: the site's Host, https forwarded."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=urllib.parse.urlencode(data).encode() if data is not None else None,
        headers={"Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})},
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def dockerfile_build_env() -> dict[str, str]:
    """The variables the Dockerfile sets for its collectstatic step."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    line = next(
        line for line in text.splitlines() if line.startswith("RUN") and "collectstatic" in line
    )
    words = shlex.split(line.removeprefix("RUN "))
    return dict(w.split("=", 1) for w in words[: words.index("python")])


@pytest.fixture
def stack(transactional_db, tmp_path):
    """Start the production processes; yield what the test needs; stop them."""
    db = connection.settings_dict
    relay = Relay((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    sink = SMTPSink()
    broker = os.environ.get("SMOKE_BROKER_URL") or settings.REDIS_URL
    queue = f"smoke-{uuid.uuid4().hex[:8]}"
    db_url = "postgres://{USER}@{host}:{port}/{NAME}".format(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, **db
    )
    static_root, media_root, workdir = tmp_path / "static", tmp_path / "media", tmp_path / "run"
    workdir.mkdir()
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        PYTHONPATH=str(ROOT),
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS=HOST,
        SITE_URL=SITE_URL,
        DATABASE_URL=db_url,
        REDIS_URL=settings.REDIS_URL,
        CACHE_KEY_PREFIX=queue,
        CELERY_BROKER_URL=broker,
        CELERY_QUEUE=queue,
        EMAIL_URL=f"smtp://127.0.0.1:{sink.port}",
        DEFAULT_FROM_EMAIL="portal@example.test",
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(media_root),
        LOG_LEVEL="INFO",
    )
    # Static files, collected as the image's build step does.
    build = {**env, **dockerfile_build_env(), "STATIC_ROOT": str(static_root)}
    r = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=build,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr

    relay.start()
    sink.controller.start()
    web_port = free_port()
    bin_dir = Path(sys.executable).parent
    commands = {
        "web": [
            str(bin_dir / "gunicorn"),
            "config.wsgi:application",
            f"--bind=127.0.0.1:{web_port}",
            "-k",
            "gthread",
            "--workers=1",
            "--threads=4",
            f"--chdir={ROOT}",
        ],
        "worker": [sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency=1"],
        # Beat runs in a directory of its own, to show it writes no schedule file there.
        "beat": [sys.executable, "-m", "celery", "-A", "config", "beat"],
    }
    logs, procs = {}, {}
    for name, command in commands.items():
        logs[name] = open(tmp_path / f"{name}.log", "w+")  # noqa: SIM115 (closed below)
        procs[name] = subprocess.Popen(
            command,
            cwd=workdir,
            env={
                **env,
                "DATABASE_URL": db_url.replace(f":{db['PORT'] or 5432}/", f":{relay.port}/"),
            }
            if name == "web"
            else env,
            stdout=logs[name],
            stderr=subprocess.STDOUT,
        )

    def log(name: str) -> str:
        logs[name].flush()
        return (tmp_path / f"{name}.log").read_text()

    try:
        yield {
            "port": web_port,
            "procs": procs,
            "log": log,
            "relay": relay,
            "sink": sink,
            "workdir": workdir,
        }
    finally:
        for p in procs.values():
            p.terminate()
        for p in procs.values():
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
        for f in logs.values():
            f.close()
        sink.controller.stop()
        relay.cut()
        with Connection(broker) as conn:  # leave no queue behind on a shared broker
            conn.default_channel.queue_delete(queue)


def test_production_stack_serves_mails_and_runs_periodic_tasks(stack):
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    from complexes.models import DistrictOfficial
    from tests.factories import ComplexFactory, UserFactory

    # A periodic task in the database schedule: the weekly digest, once, in a second.
    official = UserFactory(email="official@district.test")
    DistrictOfficial.objects.create(user=official, district_code="11680", district_name="강남구")
    ComplexFactory(slug="smoke")  # in 11680
    every_second, _ = IntervalSchedule.objects.get_or_create(every=1, period="seconds")
    PeriodicTask.objects.create(
        name="smoke-digest",
        task="disclosure.tasks.weekly_digest",
        interval=every_second,
        one_off=True,
    )
    resident = UserFactory(email="resident@smoke.test")
    port, sink, log = stack["port"], stack["sink"], stack["log"]

    up = wait_for(lambda: _answers(port, "/healthz"), seconds=180)
    assert up, f"gunicorn did not start:\n{log('web')[-3000:]}"

    # Static files: hashed, compressed, served by WhiteNoise.
    status, _, page = http(port, "/accounts/login/")
    assert status == 200, page[:2000]
    css = re.search(rb'href="(/static/portal\.[0-9a-f]{12}\.css)"', page)
    assert css, "the page does not link the hashed stylesheet"
    status, headers, _ = http(port, css.group(1).decode(), headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    assert "immutable" in headers.get("Cache-Control", "")

    status, _, body = http(port, "/readyz")
    assert status == 200, body

    # A password reset: the mail leaves through SMTP with an absolute https:// link.
    status, headers, form = http(port, "/accounts/password/reset/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1).decode()
    cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    status, headers, body = http(
        port,
        "/accounts/password/reset/",
        data={"email": resident.email, "csrfmiddlewaretoken": token},
        headers={"Cookie": f"csrftoken={cookie}", "Origin": SITE_URL, "Referer": SITE_URL + "/"},
    )
    assert status == 302, body[:2000]
    assert wait_for(lambda: sink.bodies("비밀번호"), seconds=30), sink.subjects()
    [reset] = sink.bodies("비밀번호")
    assert f"{SITE_URL}/accounts/password/reset/key/" in reset

    # The periodic task: beat (database schedule) → broker → worker → mail task → SMTP.
    ran = wait_for(lambda: sink.bodies("정보공개"), seconds=180)
    assert ran, f"no digest.\nbeat:\n{log('beat')[-3000:]}\nworker:\n{log('worker')[-3000:]}"
    assert f"{SITE_URL}/district/11680/" in sink.bodies("정보공개")[0]
    # Logs are JSON lines: the request's id, the task's name.
    web_lines = json_lines(log("web"))
    assert any(
        e["path"] == "/accounts/password/reset/" and e["status"] == 302 and e["request_id"]
        for e in web_lines
        if e.get("logger") == "portal.request"
    ), log("web")[-3000:]
    TASK = "residents.notifications.tasks.send_delivery"
    assert any(e.get("task") == TASK or TASK in e["message"] for e in json_lines(log("worker"))), (
        log("worker")[-3000:]
    )
    assert not list(stack["workdir"].iterdir()), "beat wrote a file in its working directory"

    # The database goes down: /readyz says so (503); it comes back: 200 again.
    stack["relay"].cut()
    status, _, body = http(port, "/readyz")
    assert status == 503 and b'"database": "unreachable"' in body, body
    stack["relay"].start()
    assert wait_for(lambda: http(port, "/readyz")[0] == 200, seconds=30)

    for name, proc in stack["procs"].items():
        assert proc.poll() is None, f"{name} exited:\n{log(name)[-3000:]}"


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def _answers(port, path) -> bool:
    try:
        return http(port, path)[0] == 200
    except OSError:
        return False
