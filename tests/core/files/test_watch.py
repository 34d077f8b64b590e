"""FileWatch: "changed" after anything that can change the file, "unchanged" only when nothing did."""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

import pytest

from popup_client.core.files import watch
from popup_client.core.files.watch import FileWatch

pytestmark = pytest.mark.skipif(watch._hub() is None, reason="no inotify on this system")  # noqa: SLF001


def _settled(path: Path, *suffixes: str) -> FileWatch:
    w = FileWatch(path, suffixes)
    assert w.changed()  # the first look is always made
    assert not w.changed()
    return w


def test_a_write_to_the_file_or_a_named_neighbour_is_a_change_and_another_file_is_not(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(b"x")
    w = _settled(path, "-wal")
    (tmp_path / "journal.sqlite3-wal").write_bytes(b"frame")
    assert w.changed() and not w.changed()
    with path.open("ab") as f:
        f.write(b"y")
    assert w.changed() and not w.changed()
    (tmp_path / "journal.sqlite3-shm").write_bytes(b"z")  # not watched
    (tmp_path / "other.toml").write_bytes(b"z")
    assert not w.changed()


def test_creating_replacing_renaming_chmod_and_deleting_are_changes(tmp_path: Path) -> None:
    path = tmp_path / "preferences.toml"
    w = _settled(path)  # no file yet
    path.write_text("a = 1\n")
    assert w.changed() and not w.changed()
    (tmp_path / "new.tmp").write_text("a = 2\n")
    assert not w.changed()
    os.replace(tmp_path / "new.tmp", path)  # how editors and atomic_write save
    assert w.changed() and not w.changed()
    path.chmod(0o600)
    assert w.changed() and not w.changed()
    path.rename(tmp_path / "moved.toml")
    assert w.changed() and not w.changed()
    (tmp_path / "moved.toml").rename(path)
    assert w.changed()
    path.unlink()
    assert w.changed() and not w.changed()


def test_a_link_or_a_second_name_is_always_looked_at(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "preferences.toml"
    target.parent.mkdir()
    target.write_text("a = 1\n")
    (tmp_path / "link.toml").symlink_to(target)
    linked = FileWatch(tmp_path / "link.toml")
    os.link(target, tmp_path / "second-name.toml")
    hard = FileWatch(tmp_path / "second-name.toml")
    for _ in range(3):  # a write through the other name is reported to the other folder: never "unchanged"
        assert linked.changed() and hard.changed()


def test_the_folder_removed_or_moved_keeps_saying_changed(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    w = _settled(folder / "journal.sqlite3")
    folder.rename(tmp_path / "data-old")
    assert w.changed() and w.changed()  # the path's folder is no longer watched: every look is made
    folder.mkdir()
    assert w.changed()  # watched again
    assert not w.changed()
    (folder / "journal.sqlite3").write_bytes(b"x")
    assert w.changed()


def test_a_look_is_made_every_second_whatever_the_events(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    w = _settled(tmp_path / "f")
    now = [watch.time.monotonic() + 10 * watch.LOOK_EVERY]
    monkeypatch.setattr(watch.time, "monotonic", lambda: now[0])
    assert w.changed()  # a second since the last look
    now[0] += watch.LOOK_EVERY / 2
    assert not w.changed()
    now[0] += watch.LOOK_EVERY
    assert w.changed() and not w.changed()


def test_an_overflow_of_the_event_queue_is_a_change_for_everyone(tmp_path: Path) -> None:
    a, b = _settled(tmp_path / "a"), _settled(tmp_path / "b")
    hub = watch._hub()  # noqa: SLF001
    assert hub is not None
    hub._count(struct.pack("iIII", -1, 0x4000, 0, 0))  # noqa: SLF001 - IN_Q_OVERFLOW, as the kernel queues it
    assert a.changed() and b.changed() and not a.changed()


def test_without_inotify_every_look_is_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    code = "import sys; from popup_client.core.files.watch import FileWatch; w = FileWatch(sys.argv[1]); print(w.changed(), w.changed())"
    env = dict(os.environ, POPUP_CLIENT_NO_INOTIFY="1")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "f")], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"]


def test_a_forked_child_never_reads_the_parents_events(tmp_path: Path) -> None:
    w = _settled(tmp_path / "f")
    (tmp_path / "f").write_bytes(b"x")  # queued for the parent
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child shares the queue: every look is made, and the queue is left alone
        os.write(write, b"%d" % (w.changed() and w.changed()))
        os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(read, 1) == b"1"
    assert w.changed()  # the parent still has its event


def _counting_ioctls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = watch._ioctl  # noqa: SLF001

    def counted(*args: object) -> bytes:
        calls.append(1)
        return real(*args)  # type: ignore[no-any-return]

    monkeypatch.setattr(watch, "_ioctl", counted)
    return calls


def test_in_one_look_the_events_are_read_once_and_a_change_read_then_is_seen_by_every_watch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prefs, journal = tmp_path / "preferences.toml", tmp_path / "journal.sqlite3"
    a, b = _settled(prefs), _settled(journal)
    calls = _counting_ioctls(monkeypatch)
    journal.write_bytes(b"another process wrote")
    with watch.OneLook():
        assert not a.changed()  # reads the events: the journal's, not the preferences'
        assert b.changed()  # from what the first look read, without reading again
        with watch.OneLook():  # nested: still the one look
            assert not b.changed()
    assert len(calls) == 1
    prefs.write_text("a = 1\n")  # after the look: the next decision's look reads it
    with watch.OneLook():
        assert a.changed() and not b.changed()
    assert len(calls) == 2
    assert not a.changed() and not b.changed()  # outside a look, every call reads
    assert len(calls) == 4


def test_a_change_made_during_a_look_is_seen_by_the_next_look(tmp_path: Path) -> None:
    path = tmp_path / "preferences.toml"
    w = _settled(path)
    with watch.OneLook():
        assert not w.changed()
        path.write_text("a = 1\n")
        assert not w.changed()  # inside the look: as if the change came a moment later
    with watch.OneLook():
        assert w.changed()


def test_a_look_is_one_threads_another_thread_reads_the_events_itself(tmp_path: Path) -> None:
    import threading

    path = tmp_path / "journal.sqlite3"
    w = _settled(path)
    seen: list[bool] = []
    with watch.OneLook():
        assert not w.changed()
        path.write_bytes(b"x")
        worker = threading.Thread(target=lambda: seen.append(FileWatch(path).changed() and w.changed()))
        worker.start()
        worker.join()
    assert seen == [True]


def test_a_look_entered_on_another_thread_meanwhile_reads_each_time_and_leaves_no_look_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    path = tmp_path / "journal.sqlite3"
    w = _settled(path)
    calls = _counting_ioctls(monkeypatch)

    def other() -> None:
        with watch.OneLook():
            FileWatch(path).changed()
            FileWatch(path).changed()

    with watch.OneLook():
        w.changed()
        worker = threading.Thread(target=other)
        worker.start()
        worker.join()
        w.changed()
    assert len(calls) == 3  # the main thread's look once, the other thread's two calls each
    assert watch._LOOKS.state is None  # noqa: SLF001
    w.changed()
    w.changed()
    assert len(calls) == 5
