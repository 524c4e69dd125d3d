#!/usr/bin/env bash
# Rewrite constraints.txt: install the latest versions pyproject.toml allows into a fresh
# venv (pip's cache bypassed), then freeze them. Run it after changing dependencies, or
# when `.ci/latest` shows that a newer upstream release passes and should become the lock.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=$(mktemp -d)/venv
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
PIP_NO_CACHE_DIR=1 "$venv/bin/python" -m pip install --quiet -e '.[test]' 'ruff==0.17.6'
{
  echo "# The versions CI installs with (python -m pip install -c constraints.txt -e '.[test]')."
  echo "# Regenerate: bash scripts/lock.sh  (a fresh venv, the latest allowed versions, pip freeze)."
  "$venv/bin/python" -m pip freeze --exclude-editable | grep -v '^-e '
} > constraints.txt.tmp
mv constraints.txt.tmp constraints.txt
rm -rf "$(dirname "$venv")"
echo "constraints.txt: $(grep -c '==' constraints.txt) pins"
