"""``python -m popup_client.cli``: the same as ``popup-client``."""

from . import console

console()
