"""A screenshot of a KWin session through its ScreenShot2 D-Bus interface: ``python kwin_shot.py OUT.png``.

KWin writes the raw image to a pipe and describes it in the reply; the
session runs KWin with KWIN_SCREENSHOT_NO_PERMISSION_CHECKS=1 (its own
switch for test sessions), since this script has no desktop file granting
the interface.
"""

from __future__ import annotations

import os
import sys
import threading

from jeepney import DBusAddress, FileDescriptor, new_method_call
from jeepney.io.blocking import open_dbus_connection
from PySide6.QtGui import QImage

SCREENSHOT = DBusAddress("/org/kde/KWin/ScreenShot2", bus_name="org.kde.KWin", interface="org.kde.KWin.ScreenShot2")


def main() -> int:
    read_end, write_end = os.pipe()
    chunks: list[bytes] = []

    def drain() -> None:
        with os.fdopen(read_end, "rb") as pipe:
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    write = FileDescriptor(write_end)
    with open_dbus_connection(bus="SESSION", enable_fds=True) as bus:
        options = {"native-resolution": ("b", True), "include-cursor": ("b", False)}
        call = new_method_call(SCREENSHOT, "CaptureWorkspace", "a{sv}h", (options, write))
        reply = bus.send_and_get_reply(call, timeout=20)
    write.close()  # KWin holds its own copy; the reader sees the end when KWin closes it
    reader.join(timeout=20)
    if reply.header.message_type.name == "error":
        print(f"error: {reply.body}", file=sys.stderr)
        return 1
    meta = {key: value for key, (_sig, value) in reply.body[0].items()}
    data = b"".join(chunks)
    image = QImage(data, meta["width"], meta["height"], meta["stride"], QImage.Format(meta["format"]))
    return 0 if image.copy().save(sys.argv[1]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
