"""Who sent a signed request (issue 18): the policy bundle's registry vouches for the provider, or says why not.

A good signature makes the sender verified under the id and display name
the bundle lists (no token registered on this machine); the popup must then
show that name, as with a token. A bad one makes the sender carry the reason,
and rule ``provider-identity`` rejects the popup with it, journaled as
received. The signature (key id, signature and the SHA-256 of the exact
bytes, never a secret) goes into the sender details the journal keeps, so evidence can show who signed.
"""

from __future__ import annotations

import logging
from typing import Any

from ...core.rules import Sender
from ...core.trust.keys import sha256_hex
from ...core.trust.signed_payload import ProviderKeys, verify_signed

log = logging.getLogger(__name__)


def signed_sender(signed: dict[str, Any], keys: ProviderKeys) -> Sender:
    """The sender of a ``"signed"`` request: verified by the registry, or carrying why not."""
    check = verify_signed(signed, keys)
    signature = signed.get("signature")
    details: dict[str, Any] = {"peer": "local socket"}
    if isinstance(signature, dict):
        details["signature"] = {k: signature[k] for k in ("key_id", "sig") if isinstance(signature.get(k), str)}
        if check.payload is not None:
            details["signature"]["sha256"] = sha256_hex(check.payload)  # of the exact bytes signed
    if not check.verified:
        return Sender("socket", verified=False, identity_problem=check.reason, details={**details, "signature_refused": check.code})
    details["policy"] = check.bundle_version
    return Sender("socket", verified=True, token_provider_id=check.provider_id, token_provider_name=check.display_name, details=details)
