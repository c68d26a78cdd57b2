"""Verification time per badge: `python bench/verification.py [--runs N]` (make bench runs it).

Full verification (proof, issuer key, issuer, validity, status) of one Open Badges 3.0
credential, as importOpenBadge does it, without the database:
- Data Integrity eddsa-rdfc-2022, bundled contexts, did:key issuer (the target: <= 20 ms);
- the same for 1EdTech's published sample with its key pinned;
- VC-JWT with EdDSA and with RS256.
The first verification in a process also parses the bundled contexts; it is reported apart.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from common import percentile, write_result
from skillgraph.verification import IssuerTrust, PinnedKey, VerificationStatus
from skillgraph.verification.contexts import default_loader
from skillgraph.verification.fetch import Fetcher, FetchPolicy
from skillgraph.verification.keys import PublicKey, did_key, key_from_multibase
from skillgraph.verification.proof import sign
from skillgraph.verification.vcjwt import decode
from skillgraph.verification.verifier import Verifier

SAMPLE = Path(__file__).parents[1] / "tests/fixtures/verification/1edtech/simple.json"
SAMPLE_KEY = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"


def badge(issuer: str) -> dict[str, object]:
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:2f0c7f2e-4a0c-4a7b-9f7e-5d2a1b0c9d8e",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Example Academy"},
        "validFrom": "2024-01-01T00:00:00Z",
        "validUntil": "2099-01-01T00:00:00Z",
        "name": "Python badge",
        "credentialSubject": {
            "id": "did:example:ada",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://example.org/achievements/python",
                "type": ["Achievement"],
                "name": "Python",
                "description": "Writes Python.",
                "criteria": {"narrative": "Pass the exam."},
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetUrl": "http://data.europa.eu/esco/skill/python",
                        "targetName": "Python",
                        "targetType": "ceasn:Competency",
                    }
                ],
            },
        },
    }


async def timed(runs: int, verify: Callable[[], Awaitable[VerificationStatus]]) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        status = await verify()
        times.append((time.perf_counter() - started) * 1000)
        assert status is VerificationStatus.VERIFIED, status
    return times


async def run(runs: int) -> str:
    verifier = Verifier(default_loader(), Fetcher(FetchPolicy()), clock=lambda: datetime.now(UTC))
    private = ed25519.Ed25519PrivateKey.generate()
    did = did_key(PublicKey(private.public_key()))
    signed = sign(badge(did), private, f"{did}#{did[8:]}", default_loader())
    trust = IssuerTrust(did)

    async def data_integrity() -> VerificationStatus:
        return (await verifier.verify(signed, trust)).verification.status

    started = time.perf_counter()
    await data_integrity()
    first = (time.perf_counter() - started) * 1000
    sample = json.loads(SAMPLE.read_text())
    sample_issuer = sample["issuer"]["id"]
    sample_trust = IssuerTrust(
        sample_issuer, (PinnedKey(key_from_multibase(SAMPLE_KEY), f"{sample_issuer}#{SAMPLE_KEY}"),)
    )

    async def one_edtech() -> VerificationStatus:
        return (await verifier.verify(sample, sample_trust)).verification.status

    claims = {**badge(did), "iss": did, "jti": "urn:uuid:2f0c7f2e-4a0c-4a7b-9f7e-5d2a1b0c9d8e"}
    eddsa = jwt.encode(claims, private, algorithm="EdDSA", headers={"kid": did})
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    rs256 = jwt.encode(
        {**claims, "iss": "https://academy.example"},
        rsa_key,
        algorithm="RS256",
        headers={"kid": "https://academy.example#k"},
    )
    rsa_trust = IssuerTrust(
        "https://academy.example",
        (PinnedKey(PublicKey(rsa_key.public_key()), "https://academy.example#k"),),
    )

    async def jwt_eddsa() -> VerificationStatus:
        return (await verifier.verify(decode(eddsa), trust)).verification.status

    async def jwt_rs256() -> VerificationStatus:
        token = decode(rs256)
        token.credential["issuer"] = {"id": "https://academy.example"}
        return (await verifier.verify(token, rsa_trust)).verification.status

    rows = [
        (
            "Data Integrity eddsa-rdfc-2022, did:key (OB 3.0.3 context)",
            await timed(runs, data_integrity),
        ),
        (
            "Data Integrity eddsa-rdfc-2022, 1EdTech sample, pinned key",
            await timed(runs, one_edtech),
        ),
        ("VC-JWT EdDSA, did:key", await timed(runs, jwt_eddsa)),
        ("VC-JWT RS256, pinned key", await timed(runs, jwt_rs256)),
    ]
    lines = [
        "# Badge verification",
        "",
        f"`python bench/verification.py --runs {runs}` (one process, one core; no database)",
        "",
        "Full verification of one credential: proof, issuer key, issuer, validity, status.",
        "",
        "| badge | median | p95 |",
        "|---|---|---|",
        *[
            f"| {name} | {statistics.median(t):.1f} ms | {percentile(t, 95):.1f} ms |"
            for name, t in rows
        ],
        "",
        f"First Data Integrity verification in a process (parses the bundled contexts): "
        f"{first:.0f} ms.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    write_result("verification.md", asyncio.run(run(args.runs)))


if __name__ == "__main__":
    main()
