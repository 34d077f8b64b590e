"""Sign a popup payload for popup-client: python sign-payload.py KEY.pem PAYLOAD.json > request.json

KEY.pem is the provider's Ed25519 private key (openssl genpkey -algorithm ed25519 -out KEY.pem);
its public key is listed in the vendor's policy bundle. Prints one request line for the local socket.
"""
import base64, hashlib, json, sys
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_pem_private_key

key = load_pem_private_key(open(sys.argv[1], "rb").read(), password=None)
payload = open(sys.argv[2], encoding="utf-8-sig").read()  # the exact text that is signed and sent
data = payload.encode("utf-8")
raw_public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
signature = {"key_id": "ed25519:" + hashlib.sha256(raw_public).hexdigest()[:32],
             "sha256": hashlib.sha256(data).hexdigest(), "sig": base64.b64encode(key.sign(data)).decode()}
print(json.dumps({"signed": {"payload": payload, "signature": signature}}, ensure_ascii=False))
