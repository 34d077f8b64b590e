"""The impostor's program (see impostor.py): bind, accept, record, unlink, again, until told to stop.

Arguments: PATH LOG STOP [MODE]; MODE ``steady`` keeps one socket bound until STOP exists.
"""

import os
import socket
import sys
import time

FAKE_REPLY = b'{"id":1,"decision":"show","rules":[],"reasons":["impostor"]}\n'


def serve_once(path: str, log: object, stop: str, steady: bool) -> None:
    """Bind ``path`` for a moment (``steady``: until ``stop`` exists) and take every connection that arrives meanwhile."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(path)
    except OSError:
        listener.close()
        return
    try:
        os.chmod(path, 0o777)
        listener.listen(64)
        listener.settimeout(0.002)
        if steady:
            log.write("listening\n")  # type: ignore[attr-defined]
            log.flush()  # type: ignore[attr-defined]
        while True:
            try:
                conn, _ = listener.accept()
            except (socket.timeout, BlockingIOError):
                if steady and not os.path.exists(stop):
                    continue
                break
            take(conn, log)
    finally:
        listener.close()
        os.unlink(path)


def take(conn: socket.socket, log: object) -> None:
    """Read what the victim sends (its token, if it is fooled), answer as the app would, hang up."""
    received = b""
    conn.settimeout(0.2)
    try:
        while b"\n" not in received:
            chunk = conn.recv(65536)
            if not chunk:
                break
            received += chunk
        conn.sendall(FAKE_REPLY)
    except OSError:
        pass
    finally:
        conn.close()
    log.write(f"accepted {received.hex()}\n")  # type: ignore[attr-defined]
    log.flush()  # type: ignore[attr-defined]


def main(path: str, log_path: str, stop: str, mode: str = "churn") -> None:
    with open(log_path, "a", encoding="ascii") as log:
        log.write("ready\n")
        log.flush()
        while not os.path.exists(stop):
            serve_once(path, log, stop, mode == "steady")
            time.sleep(0.0002)


if __name__ == "__main__":
    main(*sys.argv[1:5])
