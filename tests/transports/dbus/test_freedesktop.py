"""The freedesktop Notify → payload mapping, without a bus: text, providers, hints, images."""

from __future__ import annotations

import base64
import io
import os
import time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from popup_client.core.payload import IMAGE_MAX_BYTES, IMAGE_MAX_SIDE
from popup_client.core.presentation import MAX_TIMEOUT_MS, Action
from popup_client.submission import parse_any
from popup_client.transports.dbus.freedesktop import NotifyCall, actions_of, capabilities, map_notify, provider_id_for, strip_markup
from popup_client.transports.dbus.images import ICON_SIDE, IMAGE_SIDE, ImageDataError, image_data_png
from tests.helpers.images import bomb_png, photo, png_bytes, to_bytes
from tests.helpers.service import make_service


def call(summary: str = "标题", body: str = "正文", **kw: Any) -> NotifyCall:
    base: dict[str, Any] = {"app_name": "Demo", "replaces_id": 0, "app_icon": "", "summary": summary, "body": body}
    base.update(kw)
    return NotifyCall(**base)


def mapped(c: NotifyCall, **kw: Any) -> Any:
    return map_notify(c, popup_id="fd.test.1", **kw)


def decoded(uri: str) -> Image.Image:
    assert uri.startswith("data:image/")
    return Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))


def image_data(width: int, height: int, *, alpha: bool = True, pad: int = 0, seed: int = 3) -> tuple[str, tuple[Any, ...]]:
    """An ``image-data`` hint from a real image, rows padded by ``pad`` bytes."""
    mode, channels = ("RGBA", 4) if alpha else ("RGB", 3)
    image = photo(width, height, seed).convert(mode)
    raw = image.tobytes()
    stride = width * channels + pad
    rows = b"".join(raw[y * width * channels : (y + 1) * width * channels] + b"\0" * pad for y in range(height))
    return "(iiibiiay)", (width, height, stride, alpha, 8, channels, rows)


# ------------------------------------------------------------------ the payload


def test_a_plain_notification_is_a_valid_service_popup(tmp_path: Path) -> None:
    m = mapped(call("你好", "世界", app_name="Demo"))
    assert m.payload == {
        "version": 1,
        "id": "fd.test.1",
        "provider": {"name": "Demo", "id": "desktop.demo"},
        "kind": "service",
        "title": "你好",
        "body": "世界",
    }
    popup = parse_any(m.payload)
    service, _ = make_service(tmp_path)
    from popup_client.core.rules import Sender

    assert service.decide(popup, Sender("dbus", verified=False)).decision == "show"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("org.gnome.Nautilus", "desktop.org.gnome.nautilus"),
        ("firefox-esr.desktop", "desktop.firefox-esr"),
        ("My App!", "desktop.my-app"),
        ("微信", "desktop.xn--vuqz89a"),
        ("..", None),
        ("", None),
    ],
)
def test_provider_ids_are_reverse_dns_safe(name: str, expected: str | None) -> None:
    assert provider_id_for(name) == expected
    if expected:
        parse_any({"version": 1, "id": "x", "provider": {"id": expected, "name": "n"}, "kind": "service", "title": "t"})


def test_a_burst_from_one_app_works_out_its_provider_id_once_and_keeps_no_long_names() -> None:
    from popup_client.transports.dbus import freedesktop

    freedesktop._remembered_provider_id.cache_clear()
    assert {mapped(call(summary=f"消息 {i}", app_name="Burst App")).payload["provider"]["id"] for i in range(50)} == {"desktop.burst-app"}
    info = freedesktop._remembered_provider_id.cache_info()
    assert (info.misses, info.hits) == (1, 49)
    entry = "org." + "x" * 300  # a desktop-entry hint is the caller's, as long as it likes
    assert provider_id_for(entry) == "desktop.org." + "x" * 63
    assert freedesktop._remembered_provider_id.cache_info().currsize == 1


def test_desktop_entry_names_the_provider_and_app_name_is_shown() -> None:
    m = mapped(call(app_name="Files", hints={"desktop-entry": ("s", "org.gnome.Nautilus")}))
    assert m.payload["provider"] == {"name": "Files", "id": "desktop.org.gnome.nautilus"}
    assert m.facts["desktop_entry"] == "org.gnome.Nautilus"


def test_without_app_name_the_executable_names_the_provider() -> None:
    m = mapped(call(app_name=""), fallback_name="backup-tool")
    assert m.payload["provider"] == {"name": "backup-tool", "id": "desktop.backup-tool"}


def test_without_any_name_the_provider_rule_rejects(tmp_path: Path) -> None:
    from popup_client.core.rules import Sender

    m = mapped(call(app_name="   "))
    service, _ = make_service(tmp_path)
    decision = service.decide(m.payload, Sender("dbus", verified=False))
    assert decision.decision == "reject"
    assert "provider-identity" in decision.rules


def test_body_markup_is_stripped_but_plain_text_survives() -> None:
    m = mapped(call("<b>Build</b> &amp; test", 'a <i>b</i> &lt;c&gt;<br/>1 < 2 > 0 &unknown; <a href="https://x">link</a> <img src="x.png" alt="[pic]"/>'))
    assert m.payload["title"] == "Build & test"
    assert m.payload["body"] == "a b <c>\n1 < 2 > 0 &unknown; link [pic]"


def test_strip_markup_leaves_unknown_tags_alone() -> None:
    assert strip_markup("<script>x</script> <B>bold</B>") == "<script>x</script> bold"


def test_an_empty_summary_takes_the_body_first_line() -> None:
    m = mapped(call("", "第一行\n第二行\n第三行"))
    assert (m.payload["title"], m.payload["body"]) == ("第一行", "第二行\n第三行")


def test_overlong_texts_are_cut_to_the_payload_limits() -> None:
    m = mapped(call("标" * 500, "文" * 5000, app_name="名" * 100))
    popup = parse_any(m.payload)
    assert len(popup.title) == 120 and popup.title.endswith("…")
    assert len(popup.body) == 1000
    assert len(popup.provider.name or "") == 40


def test_controls_and_bidi_are_normalized() -> None:
    m = mapped(call("a\u202eb\u200bc", "x\x00y"))
    assert (m.payload["title"], m.payload["body"]) == ("abc", "xy")


# ------------------------------------------------------------------ hints


def test_facts_record_app_category_and_urgency() -> None:
    m = mapped(call(hints={"urgency": ("y", 0), "category": ("s", "im.received")}))
    assert m.facts == {"app_name": "Demo", "category": "im.received", "urgency": "low"}


def test_x_popup_hints_fill_an_ad(tmp_path: Path) -> None:
    hints = {
        "x-popup-kind": ("s", "ad"),
        "x-popup-advertiser": ("s", "示例广告主"),
        "x-popup-review-id": ("s", "R-1"),
        "x-popup-reviewer": ("s", "editor-17"),
        "x-popup-reviewed-at": ("s", "2026-11-27T18:05:00+08:00"),
        "x-popup-domain": ("s", "example.com"),
        "x-popup-link": ("s", "https://example.com/a/1"),
        "x-popup-topic": ("s", "winter"),
        "urgency": ("y", 2),
    }
    m = mapped(call(actions=["default", "", "buy", "买"], hints=hints, expire_timeout=0))
    popup = parse_any(m.payload)
    assert popup.kind == "ad"
    assert popup.ad is not None and (popup.ad.advertiser, popup.ad.review_id) == ("示例广告主", "R-1")
    assert popup.review is not None and popup.review.reviewer == "editor-17"
    assert (popup.provider.domain, popup.link, popup.topic) == ("example.com", "https://example.com/a/1", "winter")
    # Not a service popup: no buttons, no never-expiring, no critical.
    assert m.presentation.actions == ()
    assert m.presentation.timeout_ms is None
    assert not m.presentation.critical


def test_x_popup_news_hints() -> None:
    hints = {f"x-popup-news-{k}": ("s", v) for k, v in {
        "source": "新华社", "license": "10120170001", "original-title": "标题",
        "published-at": "2026-11-27T18:00:00+08:00", "url": "https://www.news.cn/a.html",
    }.items()}
    m = mapped(call(hints={**hints, "x-popup-kind": ("s", "news")}))
    popup = parse_any(m.payload)
    assert popup.news is not None
    assert (popup.news.source, popup.news.license, popup.news.original_title) == ("新华社", "10120170001", "标题")


def test_an_unknown_x_popup_hint_is_a_contract_error(tmp_path: Path) -> None:
    from popup_client.core.rules import Sender

    m = mapped(call(hints={"x-popup-style": ("s", "red")}))
    service, _ = make_service(tmp_path)
    decision = service.decide(m.payload, Sender("dbus", verified=False))
    assert decision.decision == "reject"
    assert any("x-popup-style" in reason for reason in decision.reasons)


def test_a_wrongly_typed_x_popup_hint_is_a_contract_error() -> None:
    from popup_client.core.errors import PayloadError

    with pytest.raises(PayloadError, match="kind"):
        parse_any(mapped(call(hints={"x-popup-kind": ("i", 3)})).payload)


def test_other_vendors_hints_are_ignored() -> None:
    m = mapped(call(hints={"x-kde-origin-name": ("s", "x"), "sound-name": ("s", "bell"), "suppress-sound": ("b", True)}))
    assert set(m.payload) == {"version", "id", "provider", "kind", "title", "body"}


# ------------------------------------------------------------------ presentation


@pytest.mark.parametrize(("timeout", "expected"), [(-1, None), (-5, None), (0, 0), (5000, 5000), (10**9, MAX_TIMEOUT_MS)])
def test_expire_timeout(timeout: int, expected: int | None) -> None:
    assert mapped(call(expire_timeout=timeout)).presentation.timeout_ms == expected


def test_critical_urgency_never_expires() -> None:
    p = mapped(call(hints={"urgency": ("y", 2)}, expire_timeout=3000)).presentation
    assert p.critical and p.expiry_ms(6) == 0


def test_resident_and_transient() -> None:
    p = mapped(call(hints={"resident": ("b", True), "transient": ("b", True)})).presentation
    assert p.resident and p.transient
    assert not mapped(call()).presentation.resident


def test_calls_asking_the_same_share_one_presentation_and_a_callers_actions_are_not_kept() -> None:
    from popup_client.transports.dbus import freedesktop

    freedesktop._presentation.cache_clear()
    first, second = mapped(call()).presentation, mapped(call(summary="另一条")).presentation
    assert first is second and first.timeout_ms is None and not first.actions
    assert mapped(call(expire_timeout=3000)).presentation.timeout_ms == 3000
    with_actions = mapped(call(actions=["default", "", "reply", "回复"])).presentation
    assert with_actions.actions == (Action("default", "default"), Action("reply", "回复"))
    assert freedesktop._presentation.cache_info().currsize == 2  # the calls without actions only


def test_actions_pair_up_and_drop_junk() -> None:
    assert actions_of(["default", "", "ok", "<b>OK</b>", "ok", "again", "", "empty", "nolabel", "", "dangling"]) == (
        Action("default", "default"),
        Action("ok", "OK"),
        Action("nolabel", "nolabel"),
    )


# ------------------------------------------------------------------ images


def test_image_data_is_decoded_pixel_for_pixel() -> None:
    hint = image_data(7, 5, alpha=True, pad=3)
    m = mapped(call(hints={"image-data": hint}))
    image = decoded(m.payload["image"])
    expected = photo(7, 5, 3).convert("RGBA")
    assert image.format == "PNG" and image.size == (7, 5)
    assert image.convert("RGBA").tobytes() == expected.tobytes()
    parse_any(m.payload)


def test_image_data_without_alpha_and_old_hint_name() -> None:
    m = mapped(call(hints={"image_data": image_data(4, 4, alpha=False)}))
    image = decoded(m.payload["image"])
    assert image.convert("RGB").tobytes() == photo(4, 4, 3).convert("RGB").tobytes()


def test_a_large_image_is_scaled_into_the_limits() -> None:
    m = mapped(call(hints={"image-data": image_data(2000, 1500, alpha=False)}))
    image = decoded(m.payload["image"])
    assert max(image.size) == IMAGE_SIDE
    assert len(base64.b64decode(m.payload["image"].split(",", 1)[1])) <= IMAGE_MAX_BYTES
    assert IMAGE_SIDE <= IMAGE_MAX_SIDE
    parse_any(m.payload)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ((4, 4, 16, True, 8, 4, b"\0" * 10), "bytes of pixels"),
        ((4, 4, 16, False, 8, 4, b"\0" * 64), "channels"),
        ((4, 4, 32, True, 16, 4, b"\0" * 128), "bits per sample"),
        ((4, 4, 8, True, 8, 4, b"\0" * 64), "rowstride"),
        ((0, 4, 16, True, 8, 4, b""), "size"),
        ((4, 4), "struct"),
    ],
)
def test_bad_image_data_is_dropped_with_a_note(value: Any, problem: str) -> None:
    m = mapped(call(hints={"image-data": ("(iiibiiay)", value)}))
    assert "image" not in m.payload
    assert problem in m.facts["notes"][0]
    parse_any(m.payload)


def test_image_data_with_the_wrong_signature_is_dropped() -> None:
    m = mapped(call(hints={"image-data": ("s", "not pixels")}))
    assert "image" not in m.payload and "signature" in m.facts["notes"][0]


def test_image_data_png_refuses_pixel_bombs() -> None:
    with pytest.raises(ImageDataError, match="pixels"):
        image_data_png((100_000, 100_000, 400_000, True, 8, 4, b""))


def test_image_path_png_file_is_kept_as_is(tmp_path: Path) -> None:
    data = png_bytes(64, 48)
    (tmp_path / "a.png").write_bytes(data)
    for ref in (str(tmp_path / "a.png"), (tmp_path / "a.png").as_uri()):
        m = mapped(call(hints={"image-path": ("s", ref)}))
        assert base64.b64decode(m.payload["image"].split(",", 1)[1]) == data


def test_other_formats_are_converted(tmp_path: Path) -> None:
    (tmp_path / "a.gif").write_bytes(to_bytes(photo(30, 20).convert("P"), "GIF"))
    m = mapped(call(hints={"image-path": ("s", str(tmp_path / "a.gif"))}))
    assert decoded(m.payload["image"]).format == "PNG"


def test_app_icon_becomes_the_provider_icon_scaled(tmp_path: Path) -> None:
    (tmp_path / "icon.png").write_bytes(to_bytes(photo(600, 600)))
    m = mapped(call(app_icon=str(tmp_path / "icon.png")))
    icon = decoded(m.payload["provider"]["icon"])
    assert icon.size == (ICON_SIDE, ICON_SIDE)
    parse_any(m.payload)


def test_icon_names_go_to_the_resolver_and_files_never_do(tmp_path: Path, qapp: Any) -> None:
    asked: list[str] = []
    svg = tmp_path / "logo.svg"
    svg.write_text("<svg xmlns='http://www.w3.org/2000/svg' width='32' height='16'><rect width='32' height='16' fill='red'/></svg>", encoding="utf-8")

    def resolve(ref: str) -> bytes | None:
        asked.append(ref)
        return png_bytes(16, 16)

    m = mapped(call(app_icon="dialog-information", hints={"image-path": ("s", str(svg))}), resolve_icon=resolve)
    assert asked == ["dialog-information"]
    assert decoded(m.payload["image"]).size == (256, 128)  # the SVG file is rendered here, within limits
    assert decoded(m.payload["image"]).convert("RGB").getpixel((10, 10)) == (255, 0, 0)
    assert decoded(m.payload["provider"]["icon"]).size == (16, 16)


def test_missing_files_fifos_and_bombs_are_dropped_quickly(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (tmp_path / "bomb.png").write_bytes(bomb_png())
    start = time.perf_counter()
    for ref in (str(tmp_path / "missing.png"), str(fifo), str(tmp_path / "bomb.png"), "no-such-icon-name"):
        m = mapped(call(hints={"image-path": ("s", ref)}))
        assert "image" not in m.payload, ref
        assert "dropped" in m.facts["notes"][0]
    assert time.perf_counter() - start < 2


# ------------------------------------------------------------------ capabilities


def test_capabilities_say_only_what_is_done() -> None:
    caps = capabilities(actions=True, images=True)
    assert caps == ["body", "actions", "icon-static", "x-popup-hints"]
    assert "actions" not in capabilities(actions=False, images=True)
    for never in ("body-markup", "body-hyperlinks", "body-images", "icon-multi", "persistence", "sound"):
        assert never not in caps
