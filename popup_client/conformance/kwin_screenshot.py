"""A screenshot through KWin's ScreenShot2 D-Bus interface (KDE Plasma on Wayland).

KWin writes the raw image into a pipe it is given and describes it (size,
stride, QImage format) in the reply. It answers only programs it trusts
(a desktop file granting ``org.kde.KWin.ScreenShot2``), or everyone when it
runs with KWIN_SCREENSHOT_NO_PERMISSION_CHECKS=1, KWin's switch for test
sessions. ``python -m popup_client.conformance.kwin_screenshot OUT.png``.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from .model import ConformanceError

TIMEOUT = 20.0


def capture_workspace(path: Path) -> None:
    """Write every output, at its own resolution, to ``path`` (PNG)."""
    from jeepney import DBusAddress, FileDescriptor, MessageType, new_method_call
    from jeepney.io.blocking import open_dbus_connection
    from PySide6.QtGui import QImage

    address = DBusAddress("/org/kde/KWin/ScreenShot2", bus_name="org.kde.KWin", interface="org.kde.KWin.ScreenShot2")
    read_end, write_end = os.pipe()
    chunks: list[bytes] = []

    def drain() -> None:
        with os.fdopen(read_end, "rb") as pipe:
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    write = FileDescriptor(write_end)
    try:
        with open_dbus_connection(bus="SESSION", enable_fds=True) as bus:
            options = {"native-resolution": ("b", True), "include-cursor": ("b", False)}
            call = new_method_call(address, "CaptureWorkspace", "a{sv}h", (options, write))
            reply = bus.send_and_get_reply(call, timeout=TIMEOUT)
    except (OSError, KeyError, TimeoutError) as exc:
        raise ConformanceError(f"KWin's ScreenShot2 cannot be reached: {exc}") from exc
    finally:
        write.close()  # KWin has its own copy; the reader sees the end when KWin closes it
    reader.join(timeout=TIMEOUT)
    if reply.header.message_type == MessageType.error:
        raise ConformanceError(f"KWin refused the screenshot: {reply.body[0] if reply.body else reply.header}")
    meta = {key: value for key, (_signature, value) in reply.body[0].items()}
    image = QImage(b"".join(chunks), meta["width"], meta["height"], meta["stride"], QImage.Format(meta["format"]))
    if image.isNull() or not image.copy().save(str(path), "PNG"):
        raise ConformanceError("KWin's screenshot could not be read or saved")


if __name__ == "__main__":
    try:
        capture_workspace(Path(sys.argv[1]))
    except ConformanceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
