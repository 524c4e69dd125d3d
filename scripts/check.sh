#!/usr/bin/env bash
# Developer checks, the same gate CI applies: lint, then the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
ruff check src tests scripts
python -m pytest -q "$@"
