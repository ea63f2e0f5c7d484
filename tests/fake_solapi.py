"""A local stand-in for Solapi's API (https://developers.solapi.com), for tests: the real
provider is not reachable here. It implements the one endpoint the SDK's `send()` uses,
`POST /messages/v4/send-many/detail`, with the documented request (HMAC-SHA256 Authorization
header, `{"messages": [...], "agent": {...}}`) and response shapes (`groupInfo` with its counts,
`messageList`, `failedMessageList`), and records every request it receives.

Behaviour is programmable per message type: `fake.fail("ATA", code="3103", message="...")`
makes every 알림톡 be refused at registration (failedMessageList), `fake.http_error(500)` makes
the next requests answer a server error."""

import json
import re
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

AUTH = re.compile(
    r"^HMAC-SHA256 ApiKey=(?P<key>[^,]+), Date=(?P<date>[^,]+), salt=(?P<salt>[^,]+), "
    r"signature=(?P<sig>[0-9a-f]{64})$"
)


@dataclass
class Recorded:
    path: str
    headers: dict
    body: dict

    @property
    def messages(self) -> list[dict]:
        return self.body.get("messages", [])


@dataclass
class FakeSolapi:
    api_key: str = "test-key"
    requests: list[Recorded] = field(default_factory=list)
    failures: dict = field(default_factory=dict)  # message type -> (code, message)
    http_errors: list = field(default_factory=list)  # statuses for the next requests
    url: str = ""

    def fail(self, type_: str, code: str = "3008", message: str = "템플릿 정보가 올바르지 않음"):
        self.failures[type_] = (code, message)

    def http_error(self, status: int, times: int = 1):
        self.http_errors.extend([status] * times)

    @property
    def messages(self) -> list[dict]:
        return [m for r in self.requests for m in r.messages]

    def answer(self, path: str, headers: dict, body: dict) -> tuple[int, dict]:
        self.requests.append(Recorded(path, headers, body))
        if self.http_errors:
            status = self.http_errors.pop(0)
            if status >= 500:
                return status, {"errorCode": "InternalError", "errorMessage": "서버 오류"}
            return status, {"errorCode": "ValidationError", "errorMessage": "잘못된 요청"}
        if path != "/messages/v4/send-many/detail":
            return 404, {"errorCode": "NotFound", "errorMessage": path}
        match = AUTH.match(headers.get("Authorization", ""))
        if not match or match["key"] != self.api_key:
            return 401, {"errorCode": "InvalidApiKey", "errorMessage": "유효하지 않은 API Key"}
        group_id = "G4V" + uuid.uuid4().hex[:20].upper()
        ok, failed = [], []
        for m in body.get("messages", []):
            type_ = m.get("type") or ("LMS" if len(m.get("text", "")) > 90 else "SMS")
            message_id = "M4V" + uuid.uuid4().hex[:20].upper()
            missing = [k for k in ("to", "text") if not m.get(k)]
            if type_ != "ATA" and not m.get("from"):
                missing.append("from")
            if missing:
                failure = ("1010", f"필수 항목 누락: {', '.join(missing)}")
            elif type_ == "ATA" and not (m.get("kakaoOptions") or {}).get("pfId"):
                failure = ("1010", "pfId 누락")
            else:
                failure = self.failures.get(type_)
            common = {"to": m.get("to"), "from": m.get("from"), "type": type_, "country": "82"}
            if failure:
                failed.append(
                    {
                        **common,
                        "messageId": message_id,
                        "statusCode": failure[0],
                        "statusMessage": failure[1],
                        "accountId": "ACC1",
                        "customFields": m.get("customFields"),
                    }
                )
            else:
                ok.append(
                    {
                        **common,
                        "messageId": message_id,
                        "groupId": group_id,
                        "accountId": "ACC1",
                        "statusCode": "2000",
                        "statusMessage": "정상 접수(이통사로 접수 예정) ",
                    }
                )
        return 200, {
            "failedMessageList": failed,
            "messageList": ok,
            "groupInfo": _group_info(group_id, total=len(ok) + len(failed), failed=len(failed)),
        }


def _group_info(group_id: str, *, total: int, failed: int) -> dict:
    cash = {"requested": 0, "replacement": 0, "refund": 0, "sum": 0}
    return {
        "count": {
            "total": total,
            "sentTotal": 0,
            "sentSuccess": 0,
            "sentPending": 0,
            "sentReplacement": 0,
            "refund": 0,
            "registeredFailed": failed,
            "registeredSuccess": total - failed,
        },
        "countForCharge": {"sms": {}, "lms": {}, "ata": {}},
        "balance": cash,
        "point": cash,
        "app": {"profit": {"sms": 0, "lms": 0, "ata": 0}, "appId": None},
        "log": [],
        "status": "SENDING",
        "allowDuplicates": False,
        "isRefunded": False,
        "accountId": "ACC1",
        "masterAccountId": None,
        "apiVersion": "4",
        "groupId": group_id,
        "price": {},
        "dateCreated": "2026-12-05T00:00:00.000Z",
        "dateUpdated": "2026-12-05T00:00:00.000Z",
    }


def serve(fake: FakeSolapi):
    """Start the fake on a free loopback port in a thread; returns the server (call
    `shutdown()`)."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                body = {}
            status, payload = fake.answer(self.path, dict(self.headers), body)
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
