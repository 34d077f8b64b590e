"""A screen reader's ears, for the desktop tests: an AT-SPI client started outside the app.

Run by the system Python (``/usr/bin/python3``, which has ``pyatspi``:
Debian's python3-pyatspi), never the project's: it imports nothing of
popup-client. It listens on the session's accessibility bus, as Orca does,
and writes one JSON object a line to LOG:

- ``{"event": "announcement", "text": …, "role": …, "name": …}`` for each
  ``object:announcement`` (the text said, and the object that said it);
- ``{"event": "notification", "name": …, "description": …, "children":
  [[role, name], …], "showing": bool}`` each time it finds, walking the
  desktop, a notification or alert it has not described before (or whose
  name changed), with the role and name of every visible descendant;
- ``{"event": "ready"}`` once it listens.

With ``--press NOTIFICATION BUTTON`` it does, once, what a screen reader
user does to press a button: the first action (Press) of the push button
named BUTTON in the showing notification named NOTIFICATION.

Usage: /usr/bin/python3 atspi_listener.py LOG [SECONDS]
       /usr/bin/python3 atspi_listener.py --press NOTIFICATION BUTTON
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi
from gi.repository import GLib

ROLES = {"notification", "alert"}
WALK_MS = 250


def _role(obj: object) -> str:
    try:
        return str(obj.getRoleName())  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - an object gone while read
        return ""


def _name(obj: object) -> str:
    try:
        return str(obj.name or "")  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001
        return ""


def _showing(obj: object) -> bool:
    try:
        return bool(obj.getState().contains(pyatspi.STATE_SHOWING))  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001
        return False


def _children(obj: object, depth: int = 0) -> list[list[str]]:
    out: list[list[str]] = []
    if depth > 8:
        return out
    try:
        count = obj.childCount  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001
        return out
    for index in range(count):
        try:
            child = obj.getChildAtIndex(index)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001
            continue
        if child is None or not _showing(child):
            continue
        out.append([_role(child), _name(child)])
        out += _children(child, depth + 1)
    return out


def _focused(obj: object) -> list[str]:
    """Names of the object and its descendants that are focused (a screen reader would read them as such)."""
    found = []
    pending = [obj]
    while pending:
        item = pending.pop()
        try:
            if item.getState().contains(pyatspi.STATE_FOCUSED):  # type: ignore[attr-defined]
                found.append(_role(item) + " " + _name(item))
            pending += [item.getChildAtIndex(i) for i in range(item.childCount)]  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001
            continue
    return found


def press(notification: str, button: str) -> int:
    """Find the showing notification named ``notification`` and do the first action of its button ``button``."""
    desktop = pyatspi.Registry.getDesktop(0)
    for app in (desktop.getChildAtIndex(i) for i in range(desktop.childCount)):
        for window in (app.getChildAtIndex(i) for i in range(app.childCount)):
            if _role(window) not in ROLES or _name(window) != notification or not _showing(window):
                continue
            target = pyatspi.findDescendant(window, lambda o: _role(o) == "push button" and _name(o) == button)
            if target is None:
                print(f"no push button {button!r} in {notification!r}")
                return 1
            action = target.queryAction()
            print(f"doing {action.getName(0)!r} on {button!r} of {notification!r}")
            action.doAction(0)
            return 0
    print(f"no showing notification {notification!r}")
    return 1


class Listener:
    def __init__(self, path: str) -> None:
        self.log = open(path, "a", encoding="utf-8")  # noqa: SIM115 - closed at exit
        self.described: dict[str, str] = {}

    def write(self, record: dict[str, object]) -> None:
        record["t"] = round(time.time(), 3)
        self.log.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.log.flush()

    def on_event(self, event: object) -> None:
        source = event.source  # type: ignore[attr-defined]
        self.write({"event": "announcement", "text": str(event.any_data or ""),  # type: ignore[attr-defined]
                    "role": _role(source), "name": _name(source)})

    def walk(self) -> bool:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            try:
                app = desktop.getChildAtIndex(index)
            except Exception:  # noqa: BLE001
                continue
            if app is not None:
                self._walk_app(app)
        return True  # keep the timer

    def _walk_app(self, app: object) -> None:
        pending = [app]
        while pending:
            obj = pending.pop()
            try:
                kids = [obj.getChildAtIndex(i) for i in range(min(obj.childCount, 64))]  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001
                continue
            for kid in kids:
                if kid is None:
                    continue
                if _role(kid) in ROLES:
                    self._describe(kid)
                elif _role(kid) in ("application", "frame", "window", "filler", "panel"):
                    pending.append(kid)

    def _describe(self, obj: object) -> None:
        name, showing = _name(obj), _showing(obj)
        key = f"{id(obj)}"
        try:
            key = str(obj.path)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001
            pass
        if not showing or self.described.get(key) == name:
            return
        self.described[key] = name
        try:
            description = str(obj.description or "")  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001
            description = ""
        self.write({"event": "notification", "role": _role(obj), "name": name, "description": description,
                    "showing": showing, "children": _children(obj), "focused": _focused(obj)})


def main(argv: list[str]) -> int:
    if argv[1] == "--press":
        return press(argv[2], argv[3])
    listener = Listener(argv[1])
    seconds = float(argv[2]) if len(argv) > 2 else 120.0
    pyatspi.Registry.registerEventListener(listener.on_event, "object:announcement")
    GLib.timeout_add(WALK_MS, listener.walk)
    GLib.timeout_add(int(seconds * 1000), lambda: pyatspi.Registry.stop())
    listener.write({"event": "ready"})
    pyatspi.Registry.start()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
