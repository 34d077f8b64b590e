"""preferences.toml: reading it, changing it under its lock, noticing changes, and its failure modes."""

from __future__ import annotations

import logging
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from popup_client.core.prefs import store as prefs_store
from popup_client.core.clock import FixedClock
from popup_client.core.files import exclusive
from popup_client.core.prefs import PrefError, Preferences, get_pref, pref_fields, set_pref
from popup_client.core.prefs import PrefsStore
from tests.helpers.unix_user import UnixUser, current_user, other_user

ROOT = Path(__file__).resolve().parents[3]

NOW = datetime(2026, 11, 27, 21, 40, 0, tzinfo=timezone.utc)
ASIDE = "preferences.toml.corrupt-20261127T214000Z"


@pytest.fixture
def store(tmp_path: Path) -> PrefsStore:
    return PrefsStore(tmp_path / "config" / "preferences.toml", clock=FixedClock(NOW))


def other_store(store: PrefsStore) -> PrefsStore:
    """Another process's view of the same file."""
    return PrefsStore(store.path, clock=FixedClock(NOW))


def setting(key: str, raw: str) -> Any:
    return lambda prefs: set_pref(prefs, key, raw)


def write(store: PrefsStore, content: bytes) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(content)


def settings(prefs: Preferences) -> dict[str, Any]:
    """The settings that differ from the defaults, by dotted key."""
    return {f.key: get_pref(prefs, f.key) for f in pref_fields() if get_pref(prefs, f.key) != f.default}


# --- reading --------------------------------------------------------------------------


def test_missing_file_gives_defaults_without_warning(store: PrefsStore) -> None:
    assert store.load() == Preferences()
    assert store.warnings == []
    assert not store.path.exists()


def test_default_path_follows_the_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POPUP_CLIENT_CONFIG_DIR", str(tmp_path))
    assert PrefsStore().path == tmp_path / "preferences.toml"


def test_written_file_lists_every_setting_with_comments(store: PrefsStore) -> None:
    store.update(lambda prefs: prefs)
    text = store.path.read_text(encoding="utf-8")
    for section in ("[caps]", "[opt_out]", "[timeout_seconds]"):
        assert section in text
    for field in pref_fields():
        if field.type_name != "table":
            assert f"\n{field.key.rsplit('.', 1)[-1]} = " in text
    assert "# Popups on screen at once" in text


def test_unquoted_toml_datetime_in_file_is_accepted(store: PrefsStore) -> None:
    write(store, b"paused_until = 2026-11-27T18:00:00+08:00\n")
    assert store.load().paused_until == datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc)
    assert store.warnings == []


# --- a damaged file keeps every usable setting ------------------------------------------


@pytest.mark.parametrize(
    ("content", "kept", "named"),
    [
        (b"minors_mode = tru\ntopic_max = 5\n", {"topic_max": 5}, ["line 1 (minors_mode): not valid TOML"]),
        (
            b"[caps\nglobal_hourly = 3\n[opt_out]\nproviders = ['com.example.a']\n",
            {"opt_out.providers": ["com.example.a"]},
            ["line 1 ([caps)", "line 2 (global_hourly)"],
        ),
        (
            b'[caps]\nglobal_hourly = "x"\nprovider_hourly = 4\n',
            {"caps.provider_hourly": 4},
            ["caps.global_hourly: input should be a valid integer (found 'x')"],
        ),
        (b"max_visible = 50\ntopic_max = 1\n", {"topic_max": 1}, ["max_visible: input should be less than or equal to 10"]),
        (b"colour = 'red'\nquiet_hours = '22:00-08:00'\n", {"quiet_hours": "22:00-08:00"}, ["colour: is not a known setting"]),
        (b'quiet_hours = "late"\n[opt_out]\nkinds = ["ad"]\n', {"opt_out.kinds": ["ad"]}, ["quiet_hours: ", "HH:MM-HH:MM"]),
        (b"\xff\xfe\x00garbage\ntopic_max = 4\n", {"topic_max": 4}, ["it is not UTF-8 text", "line 1 (", "not UTF-8 text"]),
        (
            b'[opt_out]\nproviders = ["com.example.a", "not an id!", "com.example.b"]\n',
            {"opt_out.providers": ["com.example.a", "com.example.b"]},
            ["opt_out.providers.item 2: 'not an id!' is not a provider id"],
        ),
    ],
    ids=["bad-toml-line", "broken-table", "bad-type", "out-of-range", "unknown", "bad-quiet-hours", "not-utf8", "bad-list-item"],
)
def test_a_damaged_file_keeps_every_usable_setting_names_each_dropped_one_and_is_kept_aside(
    store: PrefsStore, caplog: pytest.LogCaptureFixture, content: bytes, kept: dict[str, Any], named: list[str]
) -> None:
    write(store, content)
    with caplog.at_level(logging.DEBUG, logger="popup_client.core.prefs.store"):
        loaded = store.load()
    assert settings(loaded) == kept, "every other setting the user had is still in effect"
    aside = store.path.with_name(ASIDE)
    assert aside.read_bytes() == content, "what the user had is kept, byte for byte"
    (warning,) = store.warnings
    assert warning.startswith(f"The preferences file {store.path} has settings that cannot be used, now at their defaults: ")
    for words in named:
        assert words in warning
    assert f"It was moved to {aside.name}." in warning and "Every other setting was kept." in warning
    # The caller shows store.warnings; a WARNING record as well would reach the user twice.
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [(logging.DEBUG, warning)]
    # What could be used is the file now: the next reader (another process) finds it, and nothing to say.
    again = other_store(store)
    assert again.load() == loaded and again.warnings == []


def test_a_file_with_nothing_usable_says_the_defaults_are_in_effect(store: PrefsStore) -> None:
    write(store, b"caps = = [")
    assert store.load() == Preferences()
    (warning,) = store.warnings
    assert f"is not usable: line 1 (caps): not valid TOML" in warning
    assert warning.endswith(f"It was moved to {ASIDE}. The default preferences are in effect.")
    assert store.path.with_name(ASIDE).read_bytes() == b"caps = = ["


def test_a_file_too_large_to_be_preferences_is_kept_aside_unread(store: PrefsStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefs_store, "MAX_BYTES", 1024)
    content = b"topic_max = 1\n" + b"# padding\n" * 200
    write(store, content)
    assert store.load() == Preferences()
    assert "it is larger than 1 KiB" in store.warnings[0]
    assert store.path.with_name(ASIDE).read_bytes() == content


def test_two_corrupt_files_in_one_second_keep_both(store: PrefsStore) -> None:
    for content in (b"first = ", b"second = "):
        write(store, content)
        store.load()
    asides = sorted(p.name for p in store.path.parent.glob("*.corrupt-*"))
    assert asides == [ASIDE, f"{ASIDE}-1"]
    assert [store.path.with_name(a).read_bytes() for a in asides] == [b"first = ", b"second = "]


def test_warnings_are_cleared_by_the_next_load(store: PrefsStore) -> None:
    write(store, b"nonsense")
    store.load()
    assert store.warnings
    store.update(setting("topic_max", "1"))
    assert store.load().topic_max == 1
    assert store.warnings == []


# --- a file that cannot be read is never overwritten ----------------------------------------


def test_a_directory_in_place_of_the_file_is_left_alone_and_no_change_is_saved(store: PrefsStore) -> None:
    store.path.mkdir(parents=True)
    assert store.load() == Preferences()
    assert "cannot be read" in store.warnings[0] and "moved" not in store.warnings[0]
    with pytest.raises(PrefError, match="nothing was saved, so that the settings in it are not lost"):
        store.update(setting("topic_max", "3"))
    assert store.path.is_dir() and list(store.path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs")
def test_a_fifo_in_place_of_the_file_is_never_opened_for_long(store: PrefsStore) -> None:
    store.path.parent.mkdir(parents=True)
    os.mkfifo(store.path)
    assert store.load() == Preferences()  # returns at once: nothing waits for a writer
    assert "not a regular file" in store.warnings[0]
    with pytest.raises(PrefError, match="not a regular file"):
        store.update(setting("topic_max", "3"))
    assert stat.S_ISFIFO(store.path.stat().st_mode)


def refuse_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """As ``chmod 000`` does for anyone but root: opening the file to read it fails with EACCES."""
    real_open = os.open
    real_read_bytes = Path.read_bytes

    def guarded_open(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(file) == path and not flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, flags, *args, **kwargs)

    def guarded_read_bytes(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read_bytes(self)

    monkeypatch.setattr(os, "open", guarded_open)
    monkeypatch.setattr(Path, "read_bytes", guarded_read_bytes)


def test_a_file_that_cannot_be_read_is_not_replaced_by_defaults_plus_one_change(
    store: PrefsStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    other_store(store).update(setting("opt_out.providers", '["com.example.news"]'))
    before = store.path.read_bytes()
    refuse_reading(monkeypatch, store.path)
    assert store.load() == Preferences()
    assert "it cannot be read (Permission denied)" in store.warnings[0]
    with pytest.raises(PrefError) as refused:
        store.update(setting("topic_max", "3"))
    assert f"cannot read the preferences file {store.path} (Permission denied)" in str(refused.value)
    assert "Make it readable again, or move it away to start from the defaults" in str(refused.value)
    monkeypatch.undo()
    assert store.path.read_bytes() == before, "the user's opt-out is still there"
    assert not list(store.path.parent.glob("*.corrupt-*"))


def _cli_as(user: UnixUser, config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POPUP_CLIENT_CONFIG_DIR": str(config), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", "import sys; from popup_client.cli import main; sys.exit(main(sys.argv[1:]))", *args]
    return subprocess.run(user.as_user(command), env=env, capture_output=True, text=True, timeout=60, cwd="/")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_file_made_unreadable_with_chmod_is_not_overwritten() -> None:
    """``chmod 000``, then ``prefs set``: refused. As root (who reads any file) the CLI runs as another user."""
    user = other_user() or current_user()
    if _cli_as(user, Path("/nonexistent"), "--version").returncode != 0:
        pytest.skip(f"{user.name} cannot run {sys.executable} (under a private home?)")
    home = Path(tempfile.mkdtemp(prefix="popup-client-unreadable-"))
    try:
        home.chmod(0o755)
        config = home / "config"
        config.mkdir(mode=0o700)
        user.chown(config)
        assert _cli_as(user, config, "prefs", "set", "opt_out.providers", '["com.example.news"]').returncode == 0
        path = config / "preferences.toml"
        before = path.read_bytes()
        path.chmod(0)
        done = _cli_as(user, config, "prefs", "set", "topic_max", "3")
        assert done.returncode == 2, done.stderr
        assert "(Permission denied); nothing was saved, so that the settings in it are not lost" in done.stderr
        assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0
    finally:
        shutil.rmtree(home)


def test_a_change_to_a_file_with_bytes_that_are_not_utf8_keeps_what_can_be_read(store: PrefsStore) -> None:
    content = b"topic_max = 4\n# \xff\xfe\n[opt_out]\nproviders = [\"com.example.news\"]\n"
    write(store, content)
    changed = store.update(setting("quiet_hours", "22:00-08:00"))
    assert settings(changed) == {"topic_max": 4, "opt_out.providers": ["com.example.news"], "quiet_hours": "22:00-08:00"}
    assert other_store(store).load() == changed
    assert store.path.with_name(ASIDE).read_bytes() == content
    assert "it is not UTF-8 text" in store.warnings[0]


# --- changing: the file as saved now, under the lock -----------------------------------------


def test_a_change_is_made_on_the_file_as_saved_now(store: PrefsStore) -> None:
    store.load()
    other_store(store).update(setting("opt_out.providers", '["com.example.news"]'))  # another process
    changed = store.update(setting("paused_until", "2026-11-27T23:00:00+08:00"))
    assert changed.opt_out.providers == ["com.example.news"] and changed.paused_until
    assert other_store(store).load() == changed


def test_an_invalid_change_saves_nothing(store: PrefsStore) -> None:
    store.update(setting("topic_max", "7"))
    before = store.path.read_bytes()
    with pytest.raises(PrefError, match="max_visible"):
        store.update(setting("max_visible", "50"))
    assert store.path.read_bytes() == before


def test_a_program_that_takes_no_lock_is_not_overwritten(store: PrefsStore) -> None:
    """A write between this change's read and its rename (an editor, an old version) makes it start again."""
    store.update(setting("topic_max", "7"))
    calls: list[Preferences] = []

    def change(prefs: Preferences) -> Preferences:
        calls.append(prefs)
        if len(calls) == 1:  # meanwhile, without the lock:
            store.path.write_text(store.path.read_text(encoding="utf-8").replace("minors_mode = false", "minors_mode = true"))
        return set_pref(prefs, "max_visible", "5")

    changed = store.update(change)
    assert [p.minors_mode for p in calls] == [False, True]
    assert (changed.topic_max, changed.minors_mode, changed.max_visible) == (7, True, 5)
    assert other_store(store).load() == changed


def test_a_file_that_keeps_changing_is_not_saved_over(store: PrefsStore) -> None:
    store.update(setting("topic_max", "7"))

    def change(prefs: Preferences) -> Preferences:
        store.path.write_text(store.path.read_text(encoding="utf-8") + f"# {os.urandom(4).hex()}\n")
        return set_pref(prefs, "max_visible", "5")

    with pytest.raises(PrefError, match="kept changing while being saved; nothing was saved"):
        store.update(change)
    assert other_store(store).load().max_visible == 3


def test_a_change_waits_for_the_lock_and_gives_up_with_a_clear_error(store: PrefsStore, monkeypatch: pytest.MonkeyPatch) -> None:
    store.update(setting("topic_max", "7"))
    before = store.path.read_bytes()
    monkeypatch.setattr(prefs_store, "LOCK_TIMEOUT", 0.05)
    with exclusive(store.lock_path):  # another process is changing them
        with pytest.raises(PrefError, match=r"another program is changing the preferences .*; nothing was saved"):
            store.update(setting("topic_max", "3"))
    assert store.path.read_bytes() == before
    assert store.update(setting("topic_max", "3")).topic_max == 3


def test_concurrent_changes_of_different_settings_all_stay(store: PrefsStore) -> None:
    """Writers in threads, each with its own store (its own lock descriptor, as separate processes have)."""
    providers = [f"com.example.p{n}" for n in range(6)]
    start = threading.Barrier(len(providers))
    errors: list[BaseException] = []

    def writer(provider: str) -> None:
        mine = other_store(store)
        try:
            start.wait()
            for hourly in range(8):
                mine.update(setting(f"caps.providers.{provider}.hourly", str(hourly)))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(p,)) for p in providers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    final = other_store(store).load()
    assert {p: final.provider_caps(p)[0] for p in providers} == {p: 7 for p in providers}


# --- noticing a change made elsewhere ------------------------------------------------------


def test_refresh_sees_another_process_change_and_not_its_own(store: PrefsStore) -> None:
    store.load()
    assert store.refresh() is None and store.refresh(thorough=True) is None
    store.update(setting("topic_max", "7"))
    assert store.refresh() is None, "its own change is not news"
    other_store(store).update(setting("max_visible", "5"))
    seen = store.refresh()
    assert seen is not None and (seen.topic_max, seen.max_visible) == (7, 5)
    assert store.refresh() is None and store.refresh(thorough=True) is None


def test_refresh_sees_an_edit_by_hand_in_place(store: PrefsStore) -> None:
    store.update(setting("topic_max", "7"))
    with open(store.path, "r+", encoding="utf-8") as handle:  # same file, same inode
        text = handle.read().replace("topic_max = 7", "topic_max = 9")
        handle.seek(0)
        handle.write(text)
    seen = store.refresh(thorough=True)
    assert seen is not None and seen.topic_max == 9


def test_refresh_of_a_deleted_file_gives_the_defaults(store: PrefsStore) -> None:
    store.update(setting("topic_max", "7"))
    store.path.unlink()
    assert store.refresh() == Preferences()
    assert store.refresh() is None


def test_refresh_repairs_a_damaged_file_only_when_thorough_and_says_it_once(store: PrefsStore) -> None:
    store.update(setting("topic_max", "7"))
    damaged = b"topic_max = 4\nmax_visible = 50\n"
    store.path.write_bytes(damaged)
    assert store.refresh() is None, "a quick look leaves it: an editor may be writing it"
    assert store.path.read_bytes() == damaged and store.warnings == []
    seen = store.refresh(thorough=True)
    assert seen is not None and seen.topic_max == 4 and seen.max_visible == 3
    (warning,) = store.warnings
    assert "max_visible: input should be less than or equal to 10 (found 50)" in warning
    assert store.path.with_name(ASIDE).read_bytes() == damaged
    assert store.refresh(thorough=True) is None and store.warnings == []


def test_refresh_of_an_unreadable_file_keeps_the_preferences_and_says_it_once(store: PrefsStore) -> None:
    store.update(setting("topic_max", "7"))
    store.path.unlink()
    store.path.mkdir()
    assert store.refresh(thorough=True) is None
    (warning,) = store.warnings
    assert "cannot be read" in warning and "the preferences read before stay in effect" in warning
    assert store.refresh(thorough=True) is None and store.refresh() is None
    assert store.warnings == [], "said once"
    store.path.rmdir()
    other_store(store).update(setting("topic_max", "8"))
    seen = store.refresh()
    assert seen is not None and seen.topic_max == 8


# --- the file itself ------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_file_and_lock_are_private(store: PrefsStore) -> None:
    store.update(lambda prefs: prefs)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.lock_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    store.path.chmod(0o644)
    store.update(setting("topic_max", "1"))
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


def test_changes_leave_no_temporary_files(store: PrefsStore) -> None:
    store.update(lambda prefs: prefs)
    store.update(setting("minors_mode", "true"))
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["preferences.toml", "preferences.toml.lock"]
    assert store.load().minors_mode is True


def _saved_once(store: PrefsStore) -> bytes:
    store.update(setting("topic_max", "7"))
    return store.path.read_bytes()


def test_failed_serialization_leaves_the_old_file(store: PrefsStore, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _saved_once(store)

    def broken_dumps(*args: Any, **kwargs: Any) -> str:
        raise TypeError("cannot serialize")

    monkeypatch.setattr(tomli_w, "dumps", broken_dumps)
    with pytest.raises(TypeError):
        store.update(setting("topic_max", "3"))
    assert store.path.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "error", "said"),
    [("fsync", OSError(28, "No space left on device"), "No space left on device"), ("replace", PermissionError(13, "Permission denied"), "cannot save the preferences")],
    ids=["write", "replace"],
)
def test_a_failed_write_or_replace_leaves_the_old_file(
    store: PrefsStore, monkeypatch: pytest.MonkeyPatch, name: str, error: OSError, said: str
) -> None:
    before = _saved_once(store)

    def broken(*args: Any) -> None:
        raise error

    monkeypatch.setattr(os, name, broken)
    with pytest.raises(PrefError, match=said):
        store.update(setting("topic_max", "3"))
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["preferences.toml", "preferences.toml.lock"]
