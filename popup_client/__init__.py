"""popup-client: a desktop notifier that enforces the CAC's popup push rules.

The Qt-free core lives in :mod:`popup_client.core`; :mod:`popup_client.service`
is the one door every transport calls.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
