"""Regenerate data/claims.csv from data/sources (review the diff like code)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    from claimcheck import pipeline
    from claimcheck.write.export import write_records

    result = pipeline.extract([ROOT / "data" / "sources"])
    write_records(list(result.claims), ROOT / "data" / "claims.csv", "csv")
    print(f"data/claims.csv: {len(result.claims)} claims from {len(result.articles)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
