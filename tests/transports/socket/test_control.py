"""Control requests on the local socket (``{"ctl": ...}``): the real server, its service, raw lines from a client process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.rules import Sender
from popup_client.service import PopupService
from popup_client.transports.dbus.control import Control
from popup_client.transports.dbus.objects import CONTROL
from popup_client.transports.providers import ProviderRegistry
from popup_client.transports.socket.control import ACTIONS, encode_control
from popup_client.transports.socket.protocol import ControlRequest, RequestError, parse_request
from popup_client.transports.socket.server import SocketServer
from tests.transports.socket.test_server import failing_commits, keyring_in_memory, name, payload, raw, registry, server, service

__all__ = ["keyring_in_memory", "name", "registry", "server", "service"]  # fixtures


def line(request: dict[str, Any]) -> bytes:
    return (json.dumps(request, ensure_ascii=False) + "\n").encode("utf-8")


def show(service: PopupService, n: int, *, on_screen: bool = True) -> int:
    receipt = service.submit(payload(f"c-{n}"), Sender("test", verified=True)).receipt_id
    if on_screen:
        service.displayed(receipt)
    return receipt


# ------------------------------------------------------------------ lines taken apart


def test_a_ctl_line_is_a_control_request() -> None:
    assert parse_request(b'{"ctl": "dismiss", "id": 7}') == ControlRequest("dismiss", {"id": 7})
    assert parse_request(b'{"ctl": "focus-newest"}') == ControlRequest("focus-newest", {})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b'{"ctl": "close-newest", "token": "t"}', "takes no token"),
        (b'{"ctl": "list", "popup": {}}', "carries no 'popup'"),
        (b'{"ctl": 3}', "name of a control action"),
        (b'{"ctl": "list", "ctl": "list"}', "appears twice"),
    ],
)
def test_bad_ctl_lines(text: bytes, message: str) -> None:
    with pytest.raises(RequestError, match=message):
        parse_request(text)


def test_every_control_method_is_an_action_and_lines_round_trip() -> None:
    assert sorted(ACTIONS) == sorted(
        ["list", "dismiss", "dismiss-all", "pause", "resume", "history", "status", "focus-newest", "close-newest", "report-newest"]
    )
    assert len(ACTIONS) == len(CONTROL.methods)
    assert parse_request(encode_control("Dismiss", 5).rstrip(b"\n")) == ControlRequest("dismiss", {"id": 5})
    assert parse_request(encode_control("DismissAll").rstrip(b"\n")) == ControlRequest("dismiss-all", {})


# ------------------------------------------------------------------ the server answers


def test_the_keyboard_actions_act_on_the_newest_popup_on_screen(
    qtbot: Any, tmp_path: Path, server: SocketServer, service: PopupService
) -> None:
    focused: list[int] = []
    reported: list[int] = []
    closing: list[int] = []
    service.focus_request_listeners.append(focused.append)
    service.report_request_listeners.append(reported.append)
    service.close_request_listeners.append(closing.append)
    older, newest = show(service, 1), show(service, 2)
    waiting = show(service, 3, on_screen=False)
    lines = [{"ctl": "focus-newest"}, {"ctl": "report-newest"}, {"ctl": "close-newest"}, {"ctl": "list"}]
    replies = raw(qtbot, tmp_path, b"".join(map(line, lines)), 4)
    assert replies[:3] == [
        {"ctl": "focus-newest", "reply": [newest]},
        {"ctl": "report-newest", "reply": [newest]},
        {"ctl": "close-newest", "reply": [newest]},
    ]
    assert (focused, reported, closing) == ([newest], [newest], [newest])
    (listed,) = replies[3]["reply"]
    assert [(p["id"], p["on_screen"], p["transport"]) for p in listed] == [(older, True, "test"), (newest, True, "test"), (waiting, False, "test")]
    assert listed[0]["provider_id"] == "org.example.files"


def test_dismiss_status_pause_resume_history(qtbot: Any, tmp_path: Path, server: SocketServer, service: PopupService) -> None:
    closing: list[int] = []
    service.close_request_listeners.append(closing.append)
    first, second = show(service, 1), show(service, 2)
    lines = [
        {"ctl": "dismiss", "id": first},
        {"ctl": "dismiss", "id": 999},
        {"ctl": "dismiss-all"},
        {"ctl": "status"},
        {"ctl": "pause", "seconds": 0},
        {"ctl": "resume"},
        {"ctl": "history", "limit": 1},
    ]
    replies = raw(qtbot, tmp_path, b"".join(map(line, lines)), len(lines))
    assert [r["reply"] for r in replies[:3]] == [[True], [False], [2]]
    assert closing == [first, first, second]  # nothing closes them without a stack: both are still open
    (status,) = replies[3]["reply"]
    assert (status["open"], status["paused_until"]) == (2, "")
    assert replies[4]["reply"][0].startswith("9999-")
    assert replies[5] == {"ctl": "resume", "reply": []}
    assert service.prefs.paused_until is None
    (rows,) = replies[6]["reply"]
    assert [row["id"] for row in rows] == [second]


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        ({"ctl": "reboot"}, "no control action 'reboot'; the actions are: list, dismiss"),
        ({"ctl": "dismiss"}, "dismiss takes 'id': 'id' must be a whole number"),
        ({"ctl": "dismiss", "id": -1}, "must be a whole number from 0"),
        ({"ctl": "dismiss", "id": True}, "must be a whole number"),
        ({"ctl": "pause", "seconds": "1h"}, "pause takes 'seconds'"),
        ({"ctl": "list", "limit": 3}, "list takes no arguments, not 'limit'"),
        ({"ctl": "close-all", "token": "secret"}, "takes no token"),
    ],
)
def test_bad_requests_are_answered_with_an_error_and_do_nothing(
    qtbot: Any, tmp_path: Path, server: SocketServer, service: PopupService, request_: dict[str, Any], message: str
) -> None:
    closing: list[int] = []
    service.close_request_listeners.append(closing.append)
    show(service, 1)
    (reply,) = raw(qtbot, tmp_path, line(request_), 1)
    assert set(reply) == {"error"} and message in reply["error"], reply
    assert closing == [] and service.prefs.paused_until is None


def test_a_provider_token_is_no_credential_for_control(
    qtbot: Any, tmp_path: Path, server: SocketServer, service: PopupService, registry: ProviderRegistry
) -> None:
    token = registry.add("org.example.files", "文件同步")
    closing: list[int] = []
    service.close_request_listeners.append(closing.append)
    show(service, 1)
    (reply,) = raw(qtbot, tmp_path, line({"token": token, "ctl": "dismiss-all"}), 1)
    assert "takes no token" in reply["error"] and token not in reply["error"]
    assert closing == []


def test_popups_and_control_requests_share_a_connection_in_order(
    qtbot: Any, tmp_path: Path, server: SocketServer, service: PopupService
) -> None:
    replies = raw(qtbot, tmp_path, line({"popup": payload("p-1")}) + line({"ctl": "status"}), 2)
    assert replies[0]["decision"] == "show"
    assert replies[1]["reply"][0]["open"] == 1


def test_the_server_and_the_dbus_door_answer_with_one_implementation(server: SocketServer) -> None:
    assert isinstance(server._control, Control)
    assert CONTROL.missing_handlers(server._control) == []


def test_a_failed_commit_does_not_unsay_a_control_answer(
    qtbot: Any, tmp_path: Path, server: SocketServer, service: PopupService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The close was asked for whatever the turn's commit did: the answer says so; the popup beside it is refused."""
    closing: list[int] = []
    service.close_request_listeners.append(closing.append)
    receipt = show(service, 1)
    failing_commits(service, monkeypatch)
    replies = raw(qtbot, tmp_path, line({"ctl": "close-newest"}) + line({"popup": payload("lost-1")}), 2)
    assert replies[0] == {"ctl": "close-newest", "reply": [receipt]} and closing == [receipt]
    assert "could not journal" in replies[1]["error"]
