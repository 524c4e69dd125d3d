#!/usr/bin/env bash
# Developer checks, the same gate CI applies: lint, types (mypy --strict), then the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ruff check src tests scripts
mypy src
python -m pytest -q "$@"
