"""The Qt widgets of popup-client: the popup window, its theme and fonts, offscreen rendering.

Public entry points: :class:`popup_client.ui.view.PopupView` and
:func:`popup_client.ui.view.view_from_popup` (what a popup shows),
:class:`popup_client.ui.popup_window.PopupWindow` (the widget) and
:func:`popup_client.ui.render.render_popup_png` (a PNG of one popup).
Modules are imported on demand so that ``import popup_client.ui.view``
needs no Qt.
"""
