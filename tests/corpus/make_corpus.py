#!/usr/bin/env python3
"""Generate the hostile-payload corpus: ``payloads/*.json`` and ``expected.json``.

Every case is a payload file as a provider (or an attacker posing as one)
could send it, and the outcome popup-client must give it, stated here by
hand from docs/payload.md and docs/rules.md, never computed by the code under test:
the decision and the rule ids, a substring of the reasons, and where it
matters the normalized value a field must end up with. Everything is
evaluated at the fixed time ``NOW``, each case on a fresh journal.

    .venv/bin/python tests/corpus/make_corpus.py          # (re)write the corpus
    .venv/bin/python tests/corpus/make_corpus.py --check  # exit 1 if it is stale

Images are generated (Pillow, segno, zxing-cpp) and deterministic for given
library versions; ``--check`` compares the list of files and
``expected.json``, not the encoders' exact bytes.
"""

from __future__ import annotations

import argparse
import copy
import json
import struct
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from tests.helpers.images import (  # noqa: E402
    PNG_SIGNATURE,
    bomb_png,
    data_uri,
    embed,
    invert,
    jpeg_bytes,
    photo,
    png_bytes,
    png_header_only,
    qr_image,
    random_bytes,
    to_bytes,
    truncated,
    zxing_image,
)

PAYLOADS = HERE / "payloads"
EXPECTED = HERE / "expected.json"
#: The time every case is evaluated at (``popup-client lint --now``).
NOW = "2026-11-27T20:00:00+08:00"
MIB = 1024 * 1024
#: Memory bounds (MiB) for image cases: Python allocations (tracemalloc) and native peak growth.
BOMB_MEMORY = {"python_mb": 8, "native_mb": 64}
#: The largest allowed image (4096 × 4096) is decoded for the QR scan: 48 MiB RGB, 16 MiB grey, zxing's copies.
IMAGE_MEMORY = {"python_mb": 48, "native_mb": 256}

# --------------------------------------------------------------------- bases


REVIEW = {"reviewer": "editor-17", "reviewed_at": "2026-11-27T18:05:00+08:00"}
BASES: dict[str, dict[str, Any]] = {
    "ad": {
        "version": 1,
        "id": "ad-0001",
        "provider": {
            "id": "com.example.shop",
            "name": "示例商城",
            "domain": "shop.example.com",
            "complaint_url": "https://shop.example.com/report",
        },
        "kind": "ad",
        "title": "冬季新品上市 全场满300减50",
        "body": "活动时间：11月27日至12月3日。",
        "link": "https://shop.example.com/winter",
        "ad": {"advertiser": "示例服饰有限公司", "review_id": "AD-REV-0042", "payer": "示例服饰有限公司", "targeting": ["您关注了冬季服饰"]},
        "review": REVIEW,
        "sent_at": "2026-11-27T18:30:00+08:00",
    },
    "news": {
        "version": 1,
        "id": "news-0001",
        "provider": {
            "id": "com.example.news",
            "name": "示例新闻",
            "domain": "news.example.com",
            "complaint_url": "https://news.example.com/report",
        },
        "kind": "news",
        "title": "台风“海燕”将于今夜登陆",
        "body": "气象台发布台风橙色预警。",
        "link": "https://news.example.com/a/123",
        "news": {
            "source": "新华社",
            "license": "10120170001",
            "original_title": "台风“海燕”将于今夜登陆",
            "published_at": "2026-11-27T18:00:00+08:00",
            "url": "https://www.news.cn/20261127/abc.html",
        },
        "review": REVIEW,
        "topic": "typhoon-haiyan",
        "audience": {"tier": "member", "personalized": False, "minor": False},
        "sent_at": "2026-11-27T18:06:00+08:00",
    },
    "content": {
        "version": 1,
        "id": "content-0001",
        "provider": {"id": "com.example.travel", "name": "示例旅行", "domain": "travel.example.com"},
        "kind": "content",
        "title": "本周推荐：冬日北方雪景路线",
        "body": "五条适合初雪季节的自驾线路。",
        "link": "https://travel.example.com/guides/snow",
        "review": REVIEW,
        "sent_at": "2026-11-27T19:00:00+08:00",
    },
    "service": {
        "version": 1,
        "id": "service-0001",
        "provider": {"id": "org.example.files", "name": "文件同步"},
        "kind": "service",
        "title": "同步完成",
        "body": "12 个文件已同步到本机。",
        "sent_at": "2026-11-27T19:30:00+08:00",
    },
}

# --------------------------------------------------------------------- cases


@dataclass
class Case:
    """One corpus payload and the outcome it must get."""

    name: str
    category: str
    note: str
    data: bytes
    decision: str
    rules: tuple[str, ...] = ()
    error: str | None = None  # a substring of one of the reasons
    popup: dict[str, Any] = field(default_factory=dict)  # dotted path → normalized value, for accepted cases
    sender: dict[str, Any] | None = None  # Sender fields, e.g. a token issued to another provider
    repeat: int = 1  # submitted this many times; the outcome is the last one's
    lint: dict[str, Any] | None = None  # lint's verdict, when it differs from the decision's
    memory: dict[str, int] | None = None  # memory bounds for image cases

    def expected(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "file": f"payloads/{self.name}.json",
            "category": self.category,
            "note": self.note,
            "bytes": len(self.data),
            "decision": self.decision,
            "rules": list(self.rules),
        }
        optional = {"error": self.error, "popup": self.popup or None, "sender": self.sender, "memory": self.memory}
        result.update({k: v for k, v in optional.items() if v is not None})
        if self.repeat != 1:
            result["repeat"] = self.repeat
        rejected = self.decision == "reject"
        result["lint"] = self.lint or {"valid": not rejected, "rules": list(self.rules) if rejected else []}
        return result


CASES: list[Case] = []


def base(of: str, **changes: Any) -> dict[str, Any]:
    """A valid payload of kind ``of`` with top-level changes (``None`` deletes a field)."""
    doc = copy.deepcopy(BASES[of])
    for key, value in changes.items():
        if value is None:
            doc.pop(key, None)
        else:
            doc[key] = value
    return doc


def with_path(doc: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``doc`` with the dotted ``path`` set to ``value`` (``_DELETE`` removes it)."""
    doc = copy.deepcopy(doc)
    *parents, last = path.split(".")
    node = doc
    for part in parents:
        node = node[part]
    if value is _DELETE:
        node.pop(last)
    else:
        node[last] = value
    return doc


_DELETE = object()


def encode(doc: dict[str, Any] | str | bytes, *, ascii_only: bool = False) -> bytes:
    if isinstance(doc, bytes):
        return doc
    if isinstance(doc, str):
        return doc.encode("utf-8")
    return json.dumps(doc, ensure_ascii=ascii_only, separators=(", ", ": ")).encode("utf-8")


def add(
    name: str,
    category: str,
    note: str,
    doc: dict[str, Any] | str | bytes,
    decision: str,
    rules: tuple[str, ...] | list[str] = (),
    *,
    ascii_only: bool = False,
    **extra: Any,
) -> None:
    if any(c.name == name for c in CASES):
        raise ValueError(f"duplicate case name {name}")
    CASES.append(Case(name, category, note, encode(doc, ascii_only=ascii_only), decision, tuple(rules), **extra))


def reject(name: str, category: str, note: str, doc: Any, rules: tuple[str, ...] | list[str], error: str | None = None, **kw: Any) -> None:
    add(name, category, note, doc, "reject", rules, error=error, **kw)


def show(name: str, category: str, note: str, doc: Any, **kw: Any) -> None:
    add(name, category, note, doc, "show", **kw)


# --------------------------------------------------------------------- encoding and JSON


def _encoding_cases() -> None:
    c = "encoding"
    good = encode(base("service"))
    reject("enc-invalid-utf8", c, "a 0xFF byte inside a string", good.replace("同步完成".encode(), b"\xff\xfe bad"), ["contract"], "not valid UTF-8")
    reject("enc-overlong-utf8", c, "an overlong encoding of '/' (C0 AF)", good.replace("同步完成".encode(), b"\xc0\xaf"), ["contract"], "not valid UTF-8")
    reject("enc-cesu-surrogate", c, "a UTF-16 surrogate encoded as UTF-8 bytes (CESU-8)", good.replace("同步完成".encode(), b"\xed\xa0\x80"), ["contract"], "not valid UTF-8")
    reject("enc-utf16", c, "the payload in UTF-16 with a BOM", json.dumps(base("service"), ensure_ascii=False).encode("utf-16"), ["contract"], "not valid UTF-8")
    reject("enc-utf8-bom", c, "a UTF-8 byte-order mark before the object", b"\xef\xbb\xbf" + good, ["contract"], "not valid JSON")
    reject("enc-truncated-utf8", c, "a multi-byte character cut at the end", good[:-1] + "同".encode()[:2], ["contract"], "not valid UTF-8")
    show(
        "enc-lone-surrogate-title",
        c,
        "a lone \\ud800 escape in the title is dropped by normalization",
        base("service", title="\ud800同步完成"),
        ascii_only=True,
        popup={"title": "同步完成"},
    )
    reject("enc-lone-surrogate-name", c, "a provider name that is only a lone surrogate", with_path(base("service"), "provider.name", "\udc00"), ["provider-identity"], "no visible name", ascii_only=True)
    reject("enc-lone-surrogate-link", c, "a lone surrogate in a link (kept as sent, so refused)", base("ad", link="https://shop.example.com/\ud83d"), ["contract"], "unpaired surrogate", ascii_only=True)
    reject("enc-lone-surrogate-complaint-url", c, "a lone surrogate in complaint_url", with_path(base("ad"), "provider.complaint_url", "https://shop.example.com/\udfff"), ["contract"], "unpaired surrogate", ascii_only=True)
    reject("enc-lone-surrogate-id", c, "a lone surrogate as the popup id (still journaled)", base("service", id="\ud800"), ["contract"], "1–128 characters", ascii_only=True)
    reject("enc-lone-surrogate-key", c, "a lone surrogate as a field name", {**base("service"), "\ud800": 1}, ["contract"], ascii_only=True)
    show("enc-nul-and-controls", c, "NUL, BEL and ESC in the title are stripped", base("service", title="同步\u0000完\u0007成\u001b[31m"), popup={"title": "同步完成[31m"})


def _json_cases() -> None:
    c = "json"
    head = '{"version": 1, "id": "deep-1", "provider": {"id": "org.example.files", "name": "文件同步"}, "kind": "service", "title": "t", "body": '
    reject("json-deep-array", c, "100 000 nested arrays", head + "[" * 100_000 + "]" * 100_000 + "}", ["contract"], "nested too deeply")
    reject("json-deep-object", c, "100 000 nested objects", head + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "}", ["contract"], "nested too deeply")
    reject("json-huge-integer", c, "a 5 000-digit version number", '{"version": 1' + "0" * 5000 + "}", ["contract"], "not valid JSON")
    reject("json-big-integer", c, "a 4 000-digit version number (within Python's limit)", encode(base("service")).replace(b'"version": 1', b'"version": 1' + b"0" * 3999), ["contract"], "integer")
    reject("json-huge-float", c, "version 1e400 (infinity as a float)", encode(base("service")).replace(b'"version": 1', b'"version": 1e400'), ["contract"], "must be 1")
    show("json-float-version", c, "version 1.0: the integer 1 as JSON Schema counts numbers", encode(base("service")).replace(b'"version": 1', b'"version": 1.0'))
    reject("json-fraction-version", c, "version 1.5", encode(base("service")).replace(b'"version": 1', b'"version": 1.5'), ["contract"], "must be 1")
    reject("json-nan", c, "NaN is not JSON", encode(base("service")).replace(b'"version": 1', b'"version": NaN'), ["contract"], "NaN is not valid JSON")
    reject("json-infinity", c, "-Infinity is not JSON", encode(base("service")).replace(b'"version": 1', b'"version": -Infinity'), ["contract"], "-Infinity is not valid JSON")
    reject("json-bool-version", c, "version true", base("service", version=True), ["contract"], "not a boolean")
    reject("json-string-version", c, 'version "1"', base("service", version="1"), ["contract"])
    reject("json-duplicate-key", c, "title given twice", encode(base("service")).replace(b'"title": ', b'"title": "first", "title": '), ["contract"], "appears twice")
    reject(
        "json-duplicate-provider-id",
        c,
        "provider.id given twice: a parser that keeps the first would see another provider than one keeping the last",
        encode(base("service")).replace(b'"id": "org.example.files"', b'"id": "org.example.files", "id": "com.bank.example"'),
        ["contract"],
        "appears twice",
    )
    reject("json-top-array", c, "a JSON array instead of an object", "[" + encode(base("service")).decode() + "]", ["contract"], "must be a JSON object")
    reject("json-null", c, "the JSON null", "null", ["contract"], "must be a JSON object")
    reject("json-empty", c, "an empty file", b"", ["contract"], "not valid JSON")
    reject("json-trailing-garbage", c, "a valid object followed by more text", encode(base("service")) + b" {}", ["contract"], "not valid JSON")
    reject("json-single-quotes", c, "JavaScript-style single quotes", "{'version': 1}", ["contract"], "not valid JSON")
    padded = encode(base("service"))
    reject("json-oversize-1mib-plus-1", c, "1 MiB + 1 byte (white space padding)", padded[:-1] + b" " * (MIB + 1 - len(padded)) + b"}", ["contract"], "the limit is 1048576 bytes")
    show("json-exactly-1mib", c, "exactly 1 MiB (white space padding) is accepted", padded[:-1] + b" " * (MIB - len(padded)) + b"}")
    reject("json-body-100k", c, "a 100 000-character body", base("service", body="长" * 100_000), ["contract"], "the limit is 1000")
    reject("json-body-many-lines", c, "200 000 line breaks collapse, and the rest is still too long", base("service", body="行\n" * 200_000), ["contract"], "the limit is 1000")
    many = base("service")
    many.update({f"k{i}": i for i in range(20_000)})
    reject("json-many-unknown-keys", c, "20 000 unknown fields", many, ["contract"], "is not a field of payload version 1")
    reject("json-many-targeting", c, "100 000 targeting reasons", with_path(base("ad"), "ad.targeting", ["理由"] * 100_000), ["contract"], "too long")
    reject("json-empty-object", c, "{}: every required field missing at once", {}, ["contract"], "is required")


# --------------------------------------------------------------------- spoofing and impersonation


def _spoofing_cases() -> None:
    c = "spoofing"

    def name(value: str) -> dict[str, Any]:
        return with_path(base("ad"), "provider.name", value)

    show("spoof-name-rtl-override", c, "RLO…PDF around the name are removed", name("\u202e示例商城\u202c"), popup={"provider.name": "示例商城"})
    show("spoof-name-rtl-reversal", c, "an RLO that would display 'Bank' reversed", name("Bank\u202eknaB"), popup={"provider.name": "BankknaB"})
    show("spoof-name-bidi-isolates", c, "isolates and marks (U+2066–2069, U+200E/F, U+061C)", name("\u2067示例\u2068商城\u2069\u200e\u200f\u061c"), popup={"provider.name": "示例商城"})
    show("spoof-name-zero-width-inside", c, "zero-width characters between the letters", name("示\u200b例\u200c商\u200d城\u2060\ufeff"), popup={"provider.name": "示例商城"})
    show("spoof-name-c1-controls", c, "BEL and C1 controls; NEL counts as white space", name("\u0007示例\u0085商城\u009b"), popup={"provider.name": "示例 商城"})
    reject("spoof-name-zero-width-only", c, "a name of zero-width characters only", name("\u200b\u200c\u200d\ufeff\u2060"), ["provider-identity"], "no visible name")
    reject("spoof-name-bidi-only", c, "a name of bidi controls only", name("\u202e\u202d\u2066"), ["provider-identity"], "no visible name")
    reject("spoof-name-whitespace-only", c, "a name of white space only", name(" \t\u3000 "), ["provider-identity"], "no visible name")
    reject("spoof-name-combining-flood", c, "one letter with 100 combining accents (zalgo)", name("示" + "\u0301" * 100), ["provider-identity"], "the limit is 40")
    reject("spoof-name-too-long", c, "41 characters", name("商" * 41), ["provider-identity"], "the limit is 40")
    show(
        "spoof-name-cyrillic-lookalike",
        c,
        "a look-alike name (Cyrillic А) is shown as sent, marked unverified: identity is the token, not the name",
        with_path(with_path(base("service"), "provider.name", "\u0410pple 官方"), "provider.id", "com.lookalike.app"),
        sender={"verified": False},
        popup={"provider.name": "\u0410pple 官方"},
    )
    reject("spoof-id-cyrillic", c, "a provider id with a Cyrillic letter", with_path(base("ad"), "provider.id", "com.ex\u0430mple.shop"), ["provider-identity"], "reverse-DNS")
    reject("spoof-id-uppercase", c, "a provider id in upper case", with_path(base("ad"), "provider.id", "Com.Example.Shop"), ["provider-identity"], "reverse-DNS")
    reject("spoof-id-one-label", c, "a provider id of one label", with_path(base("ad"), "provider.id", "example"), ["provider-identity"], "reverse-DNS")
    reject("spoof-id-empty", c, "an empty provider id", with_path(base("ad"), "provider.id", ""), ["provider-identity"], "reverse-DNS")
    reject(
        "spoof-token-of-another-provider",
        c,
        "a valid token issued to com.example.other, used for a popup claiming com.example.shop",
        base("ad"),
        ["provider-identity"],
        "the token was issued to com.example.other",
        sender={"verified": True, "token_provider_id": "com.example.other"},
        lint={"valid": True, "rules": []},
    )
    show("spoof-token-of-this-provider", c, "the control case: the token matches provider.id", base("ad"), sender={"verified": True, "token_provider_id": "com.example.shop"})
    reject("spoof-ad-as-content", c, "an ad declaration on a content popup", base("content", ad=BASES["ad"]["ad"]), ["ad-declared"], "ad must be sent as kind")
    reject("spoof-news-as-service", c, "a news declaration on a service popup", base("service", news=BASES["news"]["news"]), ["ad-declared"], "news must be sent as kind")
    reject("spoof-presentation-fields", c, "fields that would control presentation", base("ad", style={"color": "#000"}, close_delay=30, priority="high", tier_boost=9), ["contract"], "cannot control presentation")
    show("spoof-tier-vip", c, "a membership tier is recorded and changes nothing", base("ad", audience={"tier": "svip-至尊", "personalized": False, "minor": False}))


# --------------------------------------------------------------------- markup


def _markup_cases() -> None:
    c = "markup"
    script = "<script>alert(1)</script><b>限时</b>"
    img = "<img src=x onerror=alert(1)><a href='javascript:alert(1)'>点</a>&amp;"
    show("markup-title", c, "HTML in the title is kept as literal text", base("content", title=script), popup={"title": script})
    show("markup-body", c, "HTML and entities in the body are kept as literal text", base("content", body=img + "\n<hr>"), popup={"body": img + "\n<hr>"})
    show("markup-provider-name", c, "HTML in the provider name", with_path(base("content"), "provider.name", "<a href=x>官方</a>"), popup={"provider.name": "<a href=x>官方</a>"})
    ad = base("ad")
    ad["ad"] = {"advertiser": "<b>广告主</b>", "review_id": "<i>R-1</i>", "payer": "<u>付费方</u>", "targeting": ["<script>x</script>"]}
    show("markup-ad-fields", c, "HTML in every field of the ad declaration", ad, popup={"ad.advertiser": "<b>广告主</b>", "ad.targeting": ["<script>x</script>"]})
    news = base("news")
    news["news"]["source"] = "<b>新华社</b>"
    reject("markup-news-source", c, "a source name wrapped in HTML is not the listed source", news, ["news-source"], "not on the news-source list")
    news = base("news", title="<b>台风</b>")
    news["news"]["original_title"] = "<b>台风</b>"
    show("markup-news-title", c, "HTML in the title and original title (equal, so not rewritten)", news, popup={"title": "<b>台风</b>"})
    show("markup-review", c, "HTML in the reviewer", with_path(base("content"), "review.reviewer", "<i>editor</i>"), popup={"review.reviewer": "<i>editor</i>"})
    show("markup-topic-and-tier", c, "HTML in the topic and the tier", base("content", topic="<x>", audience={"tier": "<vip>", "personalized": False, "minor": False}), popup={"topic": "<x>", "audience.tier": "<vip>"})
    show("markup-entities-only", c, "entities are not decoded", base("content", title="&lt;b&gt;&#x41;"), popup={"title": "&lt;b&gt;&#x41;"})


# --------------------------------------------------------------------- links


def _link_cases() -> None:
    c = "links"

    def link(url: str) -> dict[str, Any]:
        return base("ad", link=url)

    reject("link-javascript", c, "javascript: link", link("javascript:alert(document.cookie)"), ["link-scheme"], "javascript: scheme")
    reject("link-javascript-mixed-case", c, "JaVaScRiPt: link", link("JaVaScRiPt:alert(1)"), ["link-scheme"], "javascript: scheme")
    reject("link-javascript-leading-space", c, "a space before javascript:", link(" javascript:alert(1)"), ["link-scheme"], "not a well-formed")
    reject("link-javascript-tab", c, "a tab inside the scheme", link("java\tscript:alert(1)"), ["link-scheme"], "not a well-formed")
    reject("link-file", c, "file: link", link("file:///etc/passwd"), ["link-scheme"], "file: scheme")
    reject("link-file-on-domain", c, "file: link naming the provider's host", link("file://shop.example.com/etc/passwd"), ["link-scheme"], "file: scheme")
    reject("link-data", c, "data: link carrying HTML", link("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="), ["link-scheme"], "data: scheme")
    reject("link-custom-scheme", c, "an OS settings scheme", link("ms-settings:privacy"), ["link-scheme"], "ms-settings: scheme")
    reject("link-custom-scheme-on-domain", c, "an app scheme with the provider's host", link("weixin://shop.example.com/pay"), ["link-scheme"], "weixin: scheme")
    reject("link-ftp", c, "ftp: link", link("ftp://shop.example.com/x"), ["link-scheme"], "ftp: scheme")
    reject("link-relative", c, "a relative link", link("/winter"), ["link-scheme"], "not a well-formed")
    reject("link-protocol-relative", c, "//evil.net/x: no scheme, another host", link("//evil.net/x"), ["link-scheme", "third-party-link"], "evil.net")
    reject("link-userinfo-elsewhere", c, "https://shop.example.com@evil.net/: the real host is evil.net", link("https://shop.example.com@evil.net/"), ["link-scheme", "third-party-link"], "user name or password")
    reject("link-userinfo-on-domain", c, "user info is refused even on the right host", link("https://evil.net@shop.example.com/"), ["link-scheme"], "user name or password")
    reject("link-lookalike-subdomain", c, "example.com.evil.net", link("https://shop.example.com.evil.net/winter"), ["third-party-link"], "shop.example.com.evil.net")
    reject("link-suffix-without-dot", c, "a host that merely ends with the domain", link("https://evilshop.example.com/"), ["third-party-link"], "evilshop.example.com")
    reject("link-idn-homograph", c, "Cyrillic е in the host (IDN homograph)", link("https://shop.\u0435xample.com/winter"), ["third-party-link"], "xn--")
    reject("link-idn-fullwidth-dot", c, "a full-width dot joining another domain", link("https://shop.example.com\uff0eevil.net/"), ["third-party-link"], "shop.example.com.evil.net")
    reject("link-percent-encoded-dot", c, "a percent-encoded dot in the host", link("https://shop.example.com%2eevil.net/"), ["third-party-link"], "not shop.example.com")
    reject("link-backslash", c, "a backslash that browsers read as a slash", link("https://evil.net\\@shop.example.com/"), ["link-scheme"], "not a well-formed")
    reject("link-bad-port", c, "an impossible port", link("https://shop.example.com:99999/"), ["link-scheme"], "not a well-formed")
    reject("link-ip-literal", c, "an IP address", link("https://127.0.0.1/admin"), ["third-party-link"], "127.0.0.1")
    reject("link-ipv6-literal", c, "an IPv6 literal", link("https://[::1]/"), ["third-party-link"], "::1")
    reject("link-too-long", c, "a 3 000-character link", link("https://shop.example.com/" + "a" * 3000), ["contract"], "the limit is 2048")
    show("link-http-tolerated", c, "http is tolerated for link", link("http://shop.example.com/winter"))
    show("link-trailing-dot", c, "the provider's host with a trailing dot", link("https://shop.example.com./winter"))
    reject("link-without-domain", c, "a link from a provider that declares no domain", base("service", link="https://files.example.org/"), ["third-party-link"], "declares no domain")
    reject("complaint-url-javascript", c, "javascript: complaint address", with_path(base("ad"), "provider.complaint_url", "javascript:alert(1)"), ["link-scheme"], "javascript: scheme")
    reject("complaint-url-http", c, "complaint address over http", with_path(base("ad"), "provider.complaint_url", "http://shop.example.com/report"), ["link-scheme"], "only https")
    reject("complaint-url-third-party", c, "complaint address on another site", with_path(base("ad"), "provider.complaint_url", "https://evil.net/report"), ["third-party-link"], "evil.net")
    reject("news-url-http", c, "the original story over http", with_path(base("news"), "news.url", "http://www.news.cn/a.html"), ["news-trace"], "https address")
    reject("news-url-javascript", c, "the original story as javascript:", with_path(base("news"), "news.url", "javascript:alert(1)"), ["news-trace"], "https address")
    reject("domain-unicode", c, "provider.domain with a Cyrillic letter", with_path(base("ad"), "provider.domain", "shop.\u0435xample.com"), ["contract"], "punycode")
    reject("domain-with-scheme", c, "provider.domain given as a URL", with_path(base("ad"), "provider.domain", "https://shop.example.com"), ["contract"], "bare lower-case host name")


# --------------------------------------------------------------------- images


def _chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def _jpeg_sof(width: int, height: int) -> bytes:
    """A JPEG that is only a start-of-image and a frame header declaring a size."""
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + bytes(9)
    return b"\xff\xd8" + sof + b"\xff\xd9"


def _idat_bomb() -> bytes:
    """A 256 × 256 PNG whose IDAT inflates to 200 MB of zeros (only the first rows are needed)."""
    ihdr = struct.pack(">IIBBBBB", 256, 256, 8, 2, 0, 0, 0)
    return PNG_SIGNATURE + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(bytes(200_000_000), 9)) + _chunk(b"IEND", b"")


def _ztxt_bomb() -> bytes:
    """A 16 × 16 PNG with a zTXt comment inflating to 100 MB, before its IDAT."""
    small = png_bytes(16, 16)
    at = small.index(b"IDAT") - 4
    ztxt = _chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(bytes(100_000_000), 9))
    return small[:at] + ztxt + small[at:]


def _image_cases() -> None:
    c = "images"

    def image(uri: str, kind: str = "content") -> dict[str, Any]:
        return base(kind, image=uri)

    def icon(uri: str) -> dict[str, Any]:
        return with_path(base("service"), "provider.icon", uri)

    png = "image/png"
    bomb = {"memory": BOMB_MEMORY}
    mem = {"memory": IMAGE_MEMORY}
    reject("img-bomb-png-image", c, "a 385-byte PNG declaring 30 000 × 30 000 px", image(data_uri(bomb_png(30_000, 30_000))), ["contract"], "30000 × 30000 px", **bomb)
    reject("img-bomb-png-icon", c, "an icon declaring 30 000 × 30 000 px", icon(data_uri(bomb_png(30_000, 30_000))), ["contract"], "the limit is 512 × 512", **bomb)
    reject("img-bomb-jpeg", c, "a JPEG frame header declaring 65 000 × 65 000 px", image(data_uri(_jpeg_sof(65_000, 65_000), "image/jpeg")), ["contract"], "65000 × 65000 px", **bomb)
    reject("img-bomb-wide", c, "a PNG declaring 1 × 4 000 000 px", image(data_uri(bomb_png(1, 4_000_000))), ["contract"], "the limit is 4096 × 4096", **bomb)
    reject("img-bomb-at-the-limit", c, "4096 × 4096 declared, then garbage: decoded under the pixel limit, then refused", image(data_uri(bomb_png(4096, 4096))), ["contract"], "cannot be decoded", **mem)
    show("img-largest-allowed", c, "a real 4096 × 4096 PNG (one colour, 58 KB) is decoded and scanned", image(data_uri(png_bytes(4096, 4096, (255, 255, 255)))), **mem)
    show("img-idat-inflation-bomb", c, "a 256 × 256 PNG whose IDAT inflates to 200 MB: only what the size needs is inflated", image(data_uri(_idat_bomb())), **bomb)
    reject("img-ztxt-inflation-bomb", c, "a zTXt chunk inflating to 100 MB", image(data_uri(_ztxt_bomb())), ["contract"], "cannot be decoded", **bomb)
    reject("img-truncated-png", c, "the first half of a PNG", image(data_uri(truncated(to_bytes(photo(200, 120))))), ["contract"], "cannot be decoded", **mem)
    reject("img-truncated-jpeg", c, "the first half of a JPEG", image(data_uri(truncated(to_bytes(photo(200, 120), "JPEG")), "image/jpeg")), ["contract"], "cannot be decoded", **mem)
    reject("img-png-header-only", c, "a PNG signature and IHDR, nothing else", image(data_uri(png_header_only(64, 64))), ["contract"], "cannot be decoded", **bomb)
    reject("img-png-signature-only", c, "a PNG signature alone", image(data_uri(PNG_SIGNATURE)), ["contract"], "truncated PNG", **bomb)
    reject("img-png-garbage-after-header", c, "a valid IHDR followed by random bytes", image(data_uri(png_header_only(64, 64, random_bytes(2048, seed=6)))), ["contract"], "cannot be decoded", **bomb)
    reject("img-jpeg-no-frame", c, "a JPEG with no frame header", image(data_uri(b"\xff\xd8\xff\xda\x00\x08" + bytes(64), "image/jpeg")), ["contract"], "truncated JPEG", **bomb)
    reject("img-zero-size", c, "a PNG declaring 0 × 0 px", image(data_uri(png_header_only(0, 0))), ["contract"], "empty (0-pixel)", **bomb)
    reject("img-mislabelled-png", c, "PNG bytes labelled image/jpeg", image(data_uri(png_bytes(32, 32), "image/jpeg")), ["contract"], "labelled image/jpeg but its bytes are PNG", **bomb)
    reject("img-mislabelled-jpeg", c, "JPEG bytes labelled image/png", image(data_uri(jpeg_bytes(32, 32), png)), ["contract"], "labelled image/png but its bytes are JPEG", **bomb)
    gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
    reject("img-gif", c, "a GIF", image(data_uri(gif, "image/gif")), ["contract"], "neither PNG nor JPEG", **bomb)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
    reject("img-svg-script", c, "an SVG with script", image(data_uri(svg, "image/svg+xml")), ["contract"], "neither PNG nor JPEG", **bomb)
    reject("img-svg-labelled-png", c, "an SVG labelled image/png", image(data_uri(svg, png)), ["contract"], "neither PNG nor JPEG", **bomb)
    reject("img-remote-url", c, "a remote URL (a tracking pixel)", image("https://evil.net/pixel.png?uid=42"), ["contract"], "must be a data: URI", **bomb)
    reject("icon-file-url", c, "a file: URL as the icon", icon("file:///etc/passwd"), ["contract"], "must be a data: URI", **bomb)
    reject("img-bad-base64", c, "base64 with invalid characters", image("data:image/png;base64,iVBORw0K!!!!"), ["contract"], "invalid base64", **bomb)
    reject("img-too-many-bytes", c, "600 KB once decoded (limit 512 KiB)", image(data_uri(png_header_only(16, 16, bytes(600_000)))), ["contract"], "larger than 512 KiB", **bomb)
    reject("icon-too-large-side", c, "a 600 × 600 icon (limit 512 × 512)", icon(data_uri(png_bytes(600, 600))), ["contract"], "600 × 600 px", **bomb)
    qr = qr_image("https://evil.net/scan-me", scale=4)
    reject("img-qr-code", c, "a QR code in the image", image(data_uri(to_bytes(embed(qr, (300, 200), (100, 20))))), ["qr-code"], "QRCode", **mem)
    reject("icon-qr-code", c, "a QR code as the provider icon", icon(data_uri(to_bytes(qr_image("https://evil.net/x", scale=3)))), ["qr-code"], "QRCode", **mem)
    reject("img-qr-inverted", c, "a light-on-dark QR code", image(data_uri(to_bytes(invert(qr_image("https://evil.net/inv", scale=4))))), ["qr-code"], "QRCode", **mem)
    light_ink = qr_image("https://evil.net/ghost", scale=4, dark="white", light=None)
    reject("img-qr-transparent", c, "a white QR code on a transparent background", image(data_uri(to_bytes(light_ink))), ["qr-code"], "QRCode", **mem)
    reject("icon-datamatrix", c, "a Data Matrix code as the icon", icon(data_uri(to_bytes(zxing_image("https://evil.net/dm", "DataMatrix", scale=4)))), ["qr-code"], "DataMatrix", **mem)
    reject("img-qr-in-jpeg", c, "a QR code inside a JPEG photo", image(data_uri(to_bytes(embed(qr, (400, 240), (250, 40)), "JPEG", quality=90), "image/jpeg")), ["qr-code"], "QRCode", **mem)
    show("img-ean13-is-not-2d", c, "a 1-D barcode is not what the qr-code rule is about", image(data_uri(to_bytes(zxing_image("5901234123457", "EAN13", scale=3)))), **mem)
    show("img-photo", c, "the control case: an ordinary photo", image(data_uri(to_bytes(photo(640, 360), "JPEG", quality=80), "image/jpeg")), **mem)
    show("img-16-bit-grey", c, "a 16-bit greyscale PNG", image(data_uri(to_bytes(Image.new("I;16", (64, 64), 30_000)))), **mem)
    show("img-palette-transparent", c, "a palette PNG with transparency", image(data_uri(to_bytes(Image.new("P", (64, 64), 3), transparency=3))), **mem)
    text_png = png_bytes(16, 16)
    at = text_png.index(b"IDAT") - 4
    big_text = text_png[:at] + _chunk(b"tEXt", b"Comment\x00" + b"A" * 200_000) + text_png[at:]
    show("img-large-text-chunk", c, "a 200 KB tEXt chunk (under Pillow's limit) changes nothing", image(data_uri(big_text)), **mem)


# --------------------------------------------------------------------- time


def _time_cases() -> None:
    c = "time"

    def at(path: str, value: Any, kind: str = "news") -> dict[str, Any]:
        return with_path(base(kind), path, value)

    show("time-sent-far-future", c, "sent_at in year 9999: no rule reads it but human-review", base("content", sent_at="9999-12-31T23:59:59Z"))
    show("time-sent-extreme-offset", c, "9999-12-31T23:59:59-23:59 (past year 9999 in UTC) is kept as written", base("content", sent_at="9999-12-31T23:59:59-23:59"))
    show("time-sent-year-one", c, "0001-01-01T00:00:00+23:59 (before year 1 in UTC); reviewed_at is after it but sent_at is only compared when later", base("service", sent_at="0001-01-01T00:00:00+23:59"))
    reject("time-reviewed-future", c, "reviewed in 2100", at("review.reviewed_at", "2100-01-01T00:00:00Z", "content"), ["human-review"], "dated in the future")
    reject("time-reviewed-after-sent", c, "reviewed after it was sent", at("review.reviewed_at", "2026-11-27T19:30:00+08:00", "content"), ["human-review"], "sent before it was reviewed")
    show("time-reviewed-within-skew", c, "reviewed 4 minutes in the future: inside the 5-minute tolerance", base("service", kind="content", review={"reviewer": "r", "reviewed_at": "2026-11-27T20:04:00+08:00"}, sent_at=None))
    reject("time-published-future", c, "published in 2099", at("news.published_at", "2099-01-01T00:00:00Z"), ["stale-news"], "dated in the future")
    reject("time-published-1970", c, "published in 1970", at("news.published_at", "1970-01-01T00:00:00Z"), ["stale-news"], "older than 72 h")
    reject("time-published-year-one", c, "published at 0001-01-01T00:00:00+23:59", at("news.published_at", "0001-01-01T00:00:00+23:59"), ["stale-news"], "older than 72 h")
    reject("time-published-year-9999", c, "published at 9999-12-31T23:59:59-23:59", at("news.published_at", "9999-12-31T23:59:59-23:59"), ["stale-news"], "dated in the future")
    reject("time-naive", c, "a timestamp without an offset", at("news.published_at", "2026-11-27T18:00:00"), ["contract"], "without a time-zone offset")
    reject("time-words", c, "'yesterday'", at("review.reviewed_at", "yesterday"), ["contract"], "RFC 3339")
    reject("time-impossible-date", c, "30 February", at("news.published_at", "2026-02-30T00:00:00Z"), ["contract"], "not a real date")
    reject("time-impossible-offset", c, "an offset of +24:00", at("news.published_at", "2026-11-27T18:00:00+24:00"), ["contract"], "impossible time-zone offset")
    reject("time-unix-number", c, "a Unix time number", at("news.published_at", 1_795_000_000), ["contract"], "RFC 3339")
    reject("time-fullwidth-digits", c, "full-width digits that int() would accept", at("review.reviewed_at", "２０２６-11-27T18:05:00+08:00"), ["contract"], "RFC 3339")
    reject("time-too-many-fraction-digits", c, "13 fraction digits", at("review.reviewed_at", "2026-11-27T18:05:00.1234567891234+08:00"), ["contract"], "RFC 3339")
    show("time-leap-second", c, "a leap second (:60) is read as :59", at("review.reviewed_at", "2026-11-27T17:59:60+08:00", "content"))


# --------------------------------------------------------------------- every field missing in turn


REQUIRED_BY = {
    "version": ("news", ["contract"], "is required"),
    "id": ("news", ["contract"], "is required"),
    "provider": ("news", ["contract"], "is required"),
    "provider.id": ("news", ["provider-identity"], "no id"),
    "provider.name": ("news", ["provider-identity"], "no visible name"),
    "kind": ("news", ["contract"], "is required"),
    "title": ("news", ["contract"], "is required"),
    "news": ("news", ["news-license"], "needs a \"news\" object"),
    "news.source": ("news", ["news-source"], "must name its source"),
    "news.license": ("news", ["news-license"], "licence number"),
    "news.original_title": ("news", ["news-title"], "original title"),
    "news.published_at": ("news", ["stale-news"], "when the story was published"),
    "news.url": ("news", ["news-trace"], "original story's url"),
    "review": ("news", ["human-review"], "needs a \"review\" object"),
    "review.reviewer": ("news", ["human-review"], "name its reviewer"),
    "review.reviewed_at": ("news", ["human-review"], "when it happened"),
    "ad": ("ad", ["ad-review"], "needs an \"ad\" object"),
    "ad.advertiser": ("ad", ["ad-review"], "name its advertiser"),
    "ad.review_id": ("ad", ["ad-review"], "compliance review"),
    "provider.domain": ("ad", ["third-party-link"], "declares no domain"),
}
OPTIONAL = ("body", "link", "topic", "audience", "sent_at", "provider.complaint_url", "ad.payer", "ad.targeting")


def _missing_cases() -> None:
    c = "missing"
    for path, (kind, rules, error) in REQUIRED_BY.items():
        reject(f"missing-{path.replace('.', '-')}", c, f"{kind} payload without {path}", with_path(base(kind), path, _DELETE), rules, error)
    for path in OPTIONAL:
        kind = "ad" if path.startswith("ad.") or path == "provider.complaint_url" else "news"
        show(f"missing-optional-{path.replace('.', '-')}", c, f"{kind} payload without the optional {path}", with_path(base(kind), path, _DELETE))


# --------------------------------------------------------------------- types and duplicates


def _type_cases() -> None:
    c = "types"
    reject("type-kind-unknown", c, "kind 'popup'", base("service", kind="popup"), ["contract"], "must be")
    reject("type-id-path-characters", c, "an id with spaces, slashes and dots", base("service", id="../../etc passwd"), ["contract"], "1–128 characters")
    reject("type-id-too-long", c, "a 129-character id", base("service", id="a" * 129), ["contract"], "1–128 characters")
    reject("type-title-invisible", c, "a title of zero-width and bidi characters", base("service", title="\u200b\u202e\u2066"), ["contract"], "empty after removing")
    reject("type-title-object", c, "a title that is an object", base("service", title={"zh": "标题"}), ["contract"], "must be a string")
    reject("type-title-number", c, "a title that is a number", base("service", title=12345), ["contract"], "must be a string")
    reject("type-provider-string", c, "provider as a string", base("service", provider="org.example.files"), ["contract"], "must be an object")
    reject("type-personalized-string", c, "personalized as a string", base("ad", audience={"tier": "", "personalized": "yes", "minor": False}), ["contract"], "true or false")
    reject("type-targeting-string", c, "targeting as a string", with_path(base("ad"), "ad.targeting", "everyone"), ["contract"], "must be a list")
    reject("type-body-1001", c, "a 1 001-character body", base("service", body="字" * 1001), ["contract"], "the limit is 1000")
    reject("type-title-121", c, "a 121-character title", base("service", title="题" * 121), ["contract"], "the limit is 120")
    reject(
        "dup-same-id-twice",
        "duplicate",
        "the same (provider, id) sent twice: the second is refused",
        base("content"),
        ["duplicate"],
        "each popup is pushed once",
        repeat=2,
        lint={"valid": True, "rules": []},
    )


def build() -> list[Case]:
    CASES.clear()
    for make in (_encoding_cases, _json_cases, _spoofing_cases, _markup_cases, _link_cases, _image_cases, _time_cases, _missing_cases, _type_cases):
        make()
    return list(CASES)


def expected_json(cases: list[Case]) -> str:
    doc = {
        "now": NOW,
        "about": "The hostile-payload corpus: what each file must get. Generated by make_corpus.py; do not edit by hand.",
        "cases": {case.name: case.expected() for case in cases},
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed corpus differs from what this script makes")
    args = parser.parse_args(argv)
    cases = build()
    text = expected_json(cases)
    names = {f"{case.name}.json" for case in cases}
    if args.check:
        present = {p.name for p in PAYLOADS.glob("*.json")} if PAYLOADS.is_dir() else set()
        stale = []
        if present != names:
            stale.append(f"files: missing {sorted(names - present)}, extra {sorted(present - names)}")
        if not EXPECTED.exists() or EXPECTED.read_text(encoding="utf-8") != text:
            stale.append("expected.json differs")
        for line in stale:
            print(f"make_corpus: stale corpus: {line}", file=sys.stderr)
        return 1 if stale else 0
    PAYLOADS.mkdir(exist_ok=True)
    for path in PAYLOADS.glob("*.json"):
        if path.name not in names:
            path.unlink()
    for case in cases:
        (PAYLOADS / f"{case.name}.json").write_bytes(case.data)
    EXPECTED.write_text(text, encoding="utf-8")
    print(f"wrote {len(cases)} payloads to {PAYLOADS} and {EXPECTED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
