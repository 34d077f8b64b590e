"""Where a popup's parts are (:class:`PopupGeometry`, a part of :class:`~.popup_window.PopupWindow`).

For the tests and the conformance kit: each named part's rectangle, and
every widget a click or a key can act on.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from .popup_parts import ContentArea


class PopupGeometry:
    """Reports the geometry of a popup window (mixed into :class:`~.popup_window.PopupWindow`)."""

    def geometry_report(self) -> dict[str, Any]:
        """Where things are, in logical px relative to the popup (for tests and the conformance kit)."""
        self._root.activate()

        def rect(widget: QWidget | None) -> dict[str, int] | None:
            if widget is None or not widget.isVisibleTo(self):
                return None
            top_left = widget.mapTo(self, QPoint(0, 0))
            return {"x": top_left.x(), "y": top_left.y(), "w": widget.width(), "h": widget.height()}

        named = {
            "close_button": self.close_button,
            "ad_label": self.ad_label,
            "provider_label": self.provider_label,
            "unverified_label": self.unverified_label,
            "title_label": self.title_label,
            "body_label": self.body_label,
            "image_label": self.image_label,
            "source_label": self.source_label,
            "advertiser_label": self.advertiser_label,
            "report_button": self.report_button,
            "details_button": self.details_button,
            "full_text_button": self.full_text_button,
            "why_ad_button": self.why_ad_button,
            "more_button": self.more_button,
        }
        report: dict[str, Any] = {"window": {"x": 0, "y": 0, "w": self.width(), "h": self.height()}}
        report.update({name: rect(widget) for name, widget in named.items()})
        report["interactive"] = [
            {"name": w.objectName(), **r} for w in self.interactive_widgets() if (r := rect(w)) is not None
        ]
        pos = self.pos()
        report["global"] = {"x": pos.x(), "y": pos.y(), "w": self.width(), "h": self.height()}
        report["device_pixel_ratio"] = self._pixel_ratio()
        return report

    def interactive_widgets(self) -> list[QWidget]:
        """Every visible widget a click or a key can act on: buttons and focusable widgets."""
        found: list[QWidget] = []
        for widget in self.findChildren(QWidget):
            if not widget.isVisibleTo(self) or widget.window() is not self:
                continue
            interactive = isinstance(widget, QAbstractButton) or widget.focusPolicy() != Qt.FocusPolicy.NoFocus
            if isinstance(widget, ContentArea) and widget.is_activatable():
                interactive = True
            if interactive:
                found.append(widget)
        return found
