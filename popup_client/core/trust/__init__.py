"""Trust for OS vendors and fleets (issue 18): signed policy, locks, signed payloads, evidence. No Qt.

The building blocks, each a module with its format described in its docstring:

- :mod:`.keys`: Ed25519 keys, key ids, canonical JSON and SHA-256 (all through ``cryptography``);
- :mod:`.bundle`: the signed policy bundle file, and its verification against a trust store;
- :mod:`.store`: the trust store (vendor keys) and the installed bundle with its history;
- :mod:`.system_dirs`: the machine-wide folders, by each platform's convention;
- :mod:`.locks` and :mod:`.layers`: vendor defaults and locks over the user's preferences
  (plain dicts), where locks can only make the user safer;
- :mod:`.signed_payload`: a provider's detached signature over its payload's exact bytes;
- :mod:`.chain`: the tamper-evident hash chain over journal rows, proofs and signed checkpoints;
- :mod:`.evidence` and :mod:`.evidence_key`: a signed evidence folder for a complaint, and the key.

Every error raised on purpose is a :class:`TrustError`.
"""

from __future__ import annotations

from .errors import TrustError

__all__ = ["TrustError"]
