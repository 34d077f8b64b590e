"""Errors of the transports: one base class, one subclass per transport that needs it."""

from __future__ import annotations

from ..core.errors import CoreError


class TransportError(CoreError):
    """A transport cannot do its job (listen, own a bus name, reach the app…); the message says why."""


class DBusError(TransportError):
    """The D-Bus server or the ``ctl`` client cannot do its job.

    When the notification name is taken, the message names its owner: unique
    name, process id and executable, as far as the bus tells.
    """
