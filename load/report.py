"""Turn locust's CSV statistics into bench/results/load.md; exit 1 when any request failed."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("stats", type=Path, help="locust's <prefix>_stats.csv")
    parser.add_argument("output", type=Path)
    parser.add_argument("--command", required=True)
    parser.add_argument("--seconds", type=int, required=True)
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--key", required=True, help="the role of the key sent, or none")
    parser.add_argument("--rss", nargs="+", required=True, help="NAME=KB: VmHWM per process")
    args = parser.parse_args()

    rows = list(csv.DictReader(args.stats.open()))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    requests = int(total["Request Count"])
    failures = int(total["Failure Count"])
    rss_mib = [(name, int(kb) / 1024) for name, _, kb in (i.partition("=") for i in args.rss)]
    per_process = ", ".join(f"{name} {mib:,.0f}" for name, mib in rss_mib)
    lines = [
        "# Load test",
        "",
        f"`{args.command}`",
        "",
        f"- duration: {args.seconds} s; connections: {args.users} locust users, no think time",
        f"- target: 127.0.0.1, demo data, `skillgraph serve --workers {args.workers}`,"
        f" key: {args.key}",
        f"- requests: {requests:,}; errors (non-2xx or GraphQL `errors`): {failures}",
        f"- throughput: {float(total['Requests/s']):,.1f} req/s",
        f"- latency: median {total['50%']} ms, p99 {total['99%']} ms,"
        f" max {float(total['Max Response Time']):,.0f} ms",
        f"- API peak RSS (VmHWM, all its processes): {sum(mib for _, mib in rss_mib):,.0f} MiB"
        f" ({per_process} MiB)",
        "",
        "| request | share | count | errors | median ms | p99 ms |",
        "|---|---|---|---|---|---|",
    ]
    for r in sorted(rows, key=lambda r: -int(r["Request Count"])):
        if r["Name"] == "Aggregated":
            continue
        count = int(r["Request Count"])
        share = 100 * count / requests if requests else 0.0
        lines.append(
            f"| {r['Name']} | {share:.1f}% | {count:,} | {r['Failure Count']}"
            f" | {r['50%']} | {r['99%']} |"
        )
    failures_csv = args.stats.with_name(args.stats.name.replace("_stats", "_failures"))
    if failures and failures_csv.exists():
        lines += ["", "| request | error | occurrences |", "|---|---|---|"]
        for r in csv.DictReader(failures_csv.open()):
            error = r["Error"].replace("|", "/")[:200]
            lines.append(f"| {r['Name']} | {error} | {r['Occurrences']} |")
    text = "\n".join(lines) + "\n"
    args.output.write_text(text)
    print(text)
    return 1 if failures or not requests else 0


if __name__ == "__main__":
    raise SystemExit(main())
