"""Sealing an electronic ballot until counting (Art. 48① 비밀투표; elections/models.py docstring).

A sealed ballot is AES-256-GCM ciphertext under a key of its own vote, derived (HKDF-SHA256)
from `settings.BALLOT_SEAL_KEY` — a secret of the application servers that is never written to
the database (empty: derived from SECRET_KEY). The nonce is random, so two identical ballots
seal to unrelated bytes, and the plaintext is padded to one length for the whole vote, so the
length of a sealed ballot says nothing about what it holds (yes/no, blank, which candidate).
The vote's id is bound in as associated data: a sealed ballot cannot be moved to another vote.
"""

import json
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

NONCE_BYTES = 12
BLOCK = 256
# Room for {"status":…,"marks":{"approvals":{"<id>":"yes",…}},"receipt_hash":"<64 hex>"}.
BASE_BYTES = 160
PER_CANDIDATE_BYTES = 32


class SealBroken(Exception):
    """The sealed ballot does not open with this server's key (the key changed, or the bytes)."""


def _master() -> bytes:
    return (getattr(settings, "BALLOT_SEAL_KEY", "") or settings.SECRET_KEY).encode()


@lru_cache(maxsize=128)
def _key(master: bytes, vote_id: int) -> bytes:
    info = f"elections.ballot-seal.v1:{vote_id}".encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)


def padded_size(candidates: int) -> int:
    """One plaintext length for every ballot of a vote with this many eligible candidates."""
    need = BASE_BYTES + PER_CANDIDATE_BYTES * candidates
    return BLOCK * -(-need // BLOCK)


def seal(*, vote_id: int, candidates: int, ballot: dict) -> bytes:
    """`ballot` ({"status", "marks", "receipt_hash"}) → nonce ‖ ciphertext ‖ tag."""
    body = json.dumps(ballot, separators=(",", ":"), sort_keys=True).encode()
    size = padded_size(candidates)
    if len(body) > size:
        raise ValueError(f"ballot of {len(body)} bytes does not fit the vote's {size}")
    nonce = os.urandom(NONCE_BYTES)
    aead = AESGCM(_key(_master(), vote_id))
    return nonce + aead.encrypt(nonce, body.ljust(size, b" "), f"vote:{vote_id}".encode())


def unseal(*, vote_id: int, sealed: bytes) -> dict:
    sealed = bytes(sealed)
    nonce, ciphertext = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
    try:
        body = AESGCM(_key(_master(), vote_id)).decrypt(
            nonce, ciphertext, f"vote:{vote_id}".encode()
        )
    except InvalidTag:
        raise SealBroken from None
    return json.loads(body)
