"""Finding the controls of a popup under test, in any QWidget tree, by the names the kit documents.

A control is looked for, in this order, by its ``objectName``, its
``accessibleName``, then its text (see :data:`CONTROLS`); visible widgets
win over hidden ones. Only widgets drawn in the popup's own window count
(a menu parented to the popup is a window of its own).

The popup's kind comes from the caller, else from the dynamic property
``popup_kind``; whether its provider is verified from ``popup_verified``;
the scale to measure pixels at from ``popup_scale``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

log = logging.getLogger(__name__)

KINDS = ("ad", "news", "content", "service")
KIND_PROPERTY = "popup_kind"
VERIFIED_PROPERTY = "popup_verified"
SCALE_PROPERTY = "popup_scale"


@dataclass(frozen=True)
class Control:
    """How one control is found: object name, else accessible name, else text."""

    key: str
    object_name: str
    accessible_name: str | None = None
    text: str | None = None
    text_prefix: str | None = None
    what: str = ""


#: The documented names. Vendors give their widgets these names (or accessible names).
CONTROLS: dict[str, Control] = {
    c.key: c
    for c in (
        Control("close", "close_button", "关闭", what="the close control"),
        Control("ad_label", "ad_label", "广告", text="广告", what="the 「广告」 badge"),
        Control("provider", "provider_label", what="the provider's name"),
        Control("unverified", "unverified_label", "未验证", text="未验证", what="the 「未验证」 mark"),
        Control("report", "report_button", "举报", text="举报", what="the 「举报」 control"),
        Control("details", "details_button", "查看详情", text="查看详情", what="the 「查看详情」 button"),
        Control("more", "more_button", "更多", text="⋯", what="the ⋯ menu"),
        Control("why_ad", "why_ad_button", "为什么看到此广告", text="为什么看到此广告", what="「为什么看到此广告」"),
        Control("source", "source_label", text_prefix="来源：", what="the 「来源：…」 line"),
        Control("advertiser", "advertiser_label", text_prefix="广告主：", what="the 「广告主：…」 line"),
        Control("header", "header", what="the header row"),
        Control("content", "content_area", what="the body (title, text, image)"),
        Control("title", "title_label", what="the title"),
        Control("body", "body_label", what="the body text"),
        Control("image", "image_label", what="the image"),
        Control("icon", "provider_icon", what="the provider's icon"),
    )
}


def top_level(widget: QWidget) -> QWidget:
    """The window the widget is drawn in."""
    return widget.window()


def widgets_in(popup: QWidget) -> list[QWidget]:
    """Every descendant drawn in ``popup``'s own window, in paint order (parents first, then children bottom to top)."""
    found: list[QWidget] = []

    def walk(parent: QWidget) -> None:
        for child in parent.children():
            if isinstance(child, QWidget) and not child.isWindow():
                found.append(child)
                walk(child)

    walk(popup)
    return found


def _text_of(widget: QWidget) -> str | None:
    if isinstance(widget, (QLabel, QAbstractButton)):
        return widget.text()
    return None


def _matches(widget: QWidget, control: Control, how: str) -> bool:
    if how == "object":
        return widget.objectName() == control.object_name
    if how == "accessible":
        return control.accessible_name is not None and widget.accessibleName() == control.accessible_name
    text = _text_of(widget)
    if text is None:
        return False
    if control.text is not None and text.replace("&&", "&") == control.text:
        return True
    return control.text_prefix is not None and text.startswith(control.text_prefix) and len(text) > len(control.text_prefix)


def find(popup: QWidget, key: str) -> QWidget | None:
    """The control ``key`` of :data:`CONTROLS` in ``popup``, visible ones first; None if absent."""
    control = CONTROLS[key]
    widgets = widgets_in(popup)
    for how in ("object", "accessible", "text"):
        matches = [w for w in widgets if _matches(w, control, how)]
        if matches:
            visible = [w for w in matches if w.isVisibleTo(popup)]
            return (visible or matches)[0]
    return None


def is_shown(popup: QWidget, widget: QWidget | None) -> bool:
    """Whether ``widget`` would be visible whenever ``popup`` is."""
    return widget is not None and widget.isVisibleTo(popup) and widget.width() > 0 and widget.height() > 0


def popup_kind(popup: QWidget, kind: str | None = None) -> str | None:
    """``kind`` if given, else the ``popup_kind`` property, else the kind of a view the popup shows."""
    if kind:
        return kind
    value = popup.property(KIND_PROPERTY)
    if isinstance(value, str) and value:
        return value
    view = getattr(popup, "view", None)
    shown = view() if callable(view) else None
    found = getattr(shown, "kind", None)
    return found if isinstance(found, str) else None


def popup_verified(popup: QWidget, verified: bool | None = None) -> bool | None:
    """``verified`` if given, else the ``popup_verified`` property, else the shown view's; None if unknown."""
    if verified is not None:
        return verified
    value = popup.property(VERIFIED_PROPERTY)
    if isinstance(value, bool):
        return value
    view = getattr(popup, "view", None)
    shown = view() if callable(view) else None
    found = getattr(shown, "verified", None)
    return found if isinstance(found, bool) else None


# ----------------------------------------------------------------- geometry


def rect_in(popup: QWidget, widget: QWidget) -> QRect:
    """``widget``'s rectangle in ``popup``'s coordinates (logical px)."""
    if widget is popup:
        return QRect(QPoint(0, 0), popup.size())
    return QRect(widget.mapTo(popup, QPoint(0, 0)), widget.size())


def visible_rect(popup: QWidget, widget: QWidget) -> QRect:
    """The part of ``widget`` its ancestors (and the popup) do not clip away."""
    rect = rect_in(popup, widget)
    parent = widget.parentWidget()
    while parent is not None:
        rect = rect.intersected(rect_in(popup, parent))
        if parent is popup:
            break
        parent = parent.parentWidget()
    return rect


def box(rect: QRect) -> tuple[int, int, int, int]:
    return (rect.x(), rect.y(), rect.width(), rect.height())


def gap(a: QRect, b: QRect) -> int:
    """The distance between two rectangles (0 if they touch or overlap)."""
    dx = max(0, b.left() - (a.left() + a.width()), a.left() - (b.left() + b.width()))
    dy = max(0, b.top() - (a.top() + a.height()), a.top() - (b.top() + b.height()))
    return max(dx, dy)


def is_related(a: QWidget, b: QWidget) -> bool:
    """Whether one widget is the other or contains it."""
    return a is b or a.isAncestorOf(b) or b.isAncestorOf(a)


def is_interactive(widget: QWidget) -> bool:
    """Whether a click or a key can act on ``widget``: a button, a focusable or clickable-looking widget."""
    if isinstance(widget, QAbstractButton):
        return True
    if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
        return True
    if isinstance(widget, QLabel) and widget.openExternalLinks():
        return True
    activatable = getattr(widget, "is_activatable", None)
    if callable(activatable) and activatable():
        return True
    pointing = widget.testAttribute(Qt.WidgetAttribute.WA_SetCursor) and (
        widget.cursor().shape() == Qt.CursorShape.PointingHandCursor
    )
    return bool(pointing)


def interactive_widgets(popup: QWidget) -> list[QWidget]:
    """The visible interactive widgets of ``popup``."""
    return [w for w in widgets_in(popup) if is_shown(popup, w) and is_interactive(w)]


def hit(popup: QWidget, point: QPoint) -> QWidget:
    """What a click at ``point`` (popup coordinates) reaches: the deepest widget there, or the popup."""
    found = popup.childAt(point)
    return found if found is not None else popup


def hits(popup: QWidget, point: QPoint, widget: QWidget) -> bool:
    """Whether a click at ``point`` lands on ``widget`` or inside it."""
    target = hit(popup, point)
    return target is widget or widget.isAncestorOf(target)


def header_band(popup: QWidget) -> QRect:
    """The header: the widget named ``header``, else the top band down to the close control's bottom + 8 px."""
    header = find(popup, "header")
    if is_shown(popup, header):
        assert header is not None
        return rect_in(popup, header)
    close = find(popup, "close")
    bottom = rect_in(popup, close).bottom() + 8 if is_shown(popup, close) and close is not None else 48
    return QRect(0, 0, popup.width(), max(bottom, 48))


def describe(widget: QWidget | None) -> str:
    """``QLabel#ad_label`` or ``QLabel 「广告」``, for messages."""
    if widget is None:
        return "nothing"
    name = widget.objectName()
    text = _text_of(widget)
    cls = type(widget).__name__
    if name:
        return f"{cls}#{name}"
    return f"{cls} 「{text[:12]}」" if text else cls
