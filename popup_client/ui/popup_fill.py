"""Filling a built popup with a view (:class:`PopupFilling`, a part of :class:`~.popup_window.PopupWindow`).

Everything a previous view set is replaced or hidden, so a pooled window
shows nothing stale; payload text goes into plain-text labels, elided; the
pictures are decoded for the screen's pixel ratio; the window's height is
fitted to what it shows.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QLayout, QSizePolicy

from . import theme as T
from .accessible import describe
from .avatar import avatar_pixmap, decode_image, icon_pixmap, rounded_pixmap
from .i18n import tr
from .labels import plain_tooltip, strip_bidi_controls
from .popup_strings import S_ADVERTISER, S_NOT_GIVEN, S_SOURCE
from .view import PopupView


class PopupFilling:
    """Fills the widgets :class:`~.popup_layout.PopupLayout` built (mixed into :class:`~.popup_window.PopupWindow`)."""

    def set_view(self, view: PopupView) -> None:
        """Fill the window with ``view`` and size it; does not show it.

        Everything a previous view set is replaced or hidden: a pooled
        window shows nothing stale.
        """
        self._view = view
        ad, news, service = view.kind == "ad", view.kind == "news", view.kind == "service"
        self.provider_label.set_parts("", view.provider_name)
        self.unverified_label.setVisible(not view.verified)
        self.ad_label.setVisible(ad)
        has_image = self._fill_pixmaps(view)
        title_lines, body_lines, title_lines_image, body_lines_image = self._m.lines
        self.title_label.set_value(view.title, max_lines=title_lines_image if has_image else title_lines)
        self.body_label.set_value(view.body, max_lines=body_lines_image if has_image else body_lines)
        self.body_label.setVisible(bool(view.body.strip()))
        self.content_area.set_activatable(service)
        self._fill_meta(view, ad=ad, news=news)
        self._fill_why_ad(view, ad=ad)
        self._fill_actions(view, service=service)
        self.details_button.setVisible(bool(view.link))
        self.details_button.setToolTip("")
        self._set_toggle(self.more_button, False)
        describe(self, view)
        self._fit_compact(view)
        self._fit_height()

    def _fill_pixmaps(self, view: PopupView) -> bool:
        """Provider icon (or initials avatar) and the image; returns whether an image is shown."""
        dpr = self._pixel_ratio()
        icon = icon_pixmap(view.provider_icon, size=T.AVATAR_SIZE, dpr=dpr, max_side=T.ICON_MAX_SIDE)
        if icon is None:
            icon = avatar_pixmap(
                view.provider_name,
                size=T.AVATAR_SIZE,
                dpr=dpr,
                background=self._theme.qcolor("avatar"),
                foreground=self._theme.qcolor("avatar_text"),
                font=T.content_font(T.AVATAR_PX, bold=True),
            )
        self.icon_label.set_picture(icon)
        image = None
        if view.image and self._m.shows_image:
            box = QSize(*T.IMAGE_BOX)
            image = decode_image(view.image, box=box, dpr=dpr, max_side=T.IMAGE_MAX_SIDE)
        if image is None:
            self.image_label.clear()
            self.image_label.hide()
            return False
        self.image_label.set_picture(rounded_pixmap(image, 6))
        self.image_label.show()
        return True

    def _fill_meta(self, view: PopupView, *, ad: bool, news: bool) -> None:
        self.source_label.set_parts(tr(S_SOURCE), view.source or tr(S_NOT_GIVEN))
        self.source_label.setVisible(news)
        self.advertiser_label.set_parts(tr(S_ADVERTISER), view.advertiser or tr(S_NOT_GIVEN))
        self.advertiser_label.setVisible(ad)
        self.meta_row.setVisible(ad or news)

    def _fill_why_ad(self, view: PopupView, *, ad: bool) -> None:
        values = (view.advertiser, view.payer, tr("、").join(view.targeting))
        for label, value in zip(self._why_values, values):
            label.set_value(value or tr(S_NOT_GIVEN))
        self.why_ad_button.blockSignals(True)
        self.why_ad_button.setChecked(False)
        self.why_ad_button.blockSignals(False)
        self._on_why_ad_toggled(False)
        self.why_ad_button.setVisible(ad)
        policy = QSizePolicy.Policy.Preferred if ad else QSizePolicy.Policy.Ignored
        self.why_ad_panel.setSizePolicy(QSizePolicy.Policy.Preferred, policy)

    def _fill_actions(self, view: PopupView, *, service: bool) -> None:
        actions = [(k, strip_bidi_controls(label)) for k, label in view.actions if k != "default" and label.strip()]
        actions = actions if service else []
        metrics = QFontMetricsF(T.content_font(self._m.px(T.BUTTON_PX)))
        widest = self._m.action_max_width(len(actions))
        for index, button in enumerate(self.action_buttons):
            if index >= len(actions):
                button.setProperty("action_key", None)
                button.setText("")
                button.setToolTip("")
                button.hide()
                continue
            key, label = actions[index]
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, widest - 20)
            button.setProperty("action_key", key)
            button.setText(shown.replace("&", "&&"))
            button.setAccessibleName(label)
            button.setToolTip(plain_tooltip(label) if shown != label else "")
            button.setMaximumWidth(widest)
            button.show()

    def _fit_compact(self, view: PopupView) -> None:
        """Large text: the body as many lines as the height bound leaves room for.

        「全文」 is always there in the compact layout (a button that came and went with the text's length would
        move the others: a payload must move nothing); it opens the whole text, and the image, in the history.
        """
        self.full_text_button.setVisible(self._m.compact)
        if not self._m.compact:
            return
        lines = 1
        while self.body_label.is_elided() and lines < T.BODY_LINES and self._natural_height() <= T.MAX_HEIGHT:
            lines += 1
            self.body_label.set_value(view.body, max_lines=lines)
            if self._natural_height() > T.MAX_HEIGHT:
                lines -= 1
                self.body_label.set_value(view.body, max_lines=lines)
                break

    def _natural_height(self) -> int:
        self._fit_height()
        return int(self._root.sizeHint().height())

    def _fit_height(self) -> None:
        # A parent layout keeps a child's size hint cached until the child's posted
        # LayoutRequest is handled: measured now, a pooled window could get the previous
        # view's height, and the layout would squeeze the gap under the close button.
        for nested in self.findChildren(QLayout):
            nested.invalidate()
            owner = nested.parentWidget()
            if owner is not None and owner is not self:
                owner.updateGeometry()
        layout = self._root
        layout.invalidate()
        layout.activate()
        height = min(layout.sizeHint().height(), T.MAX_HEIGHT)
        self.setFixedHeight(height)
        layout.activate()

    def _pixel_ratio(self) -> float:
        if self._render_scale:
            return self._render_scale
        screen = self.screen()
        return screen.devicePixelRatio() if screen is not None else self.devicePixelRatioF()
