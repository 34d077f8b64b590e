"""Transports: the doors popups come in by, one package a door (:mod:`.socket`, :mod:`.dbus`), and provider tokens.

Every transport turns what it receives into a call of
:meth:`popup_client.service.PopupService.submit`; none talks to the UI.
Importing this package imports nothing: the Qt servers live in their own
modules, and :mod:`.socket.client` and :mod:`.providers` work without Qt.
"""
