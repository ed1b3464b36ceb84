#!/usr/bin/env bash
# Set everything up, start PostgreSQL, and run the whole test suite (SQLite and PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
url=$(bash scripts/postgres.sh || true)
if [ -n "$url" ]; then
  export CHIDAO_TEST_POSTGRES_URL="$url"
fi
exec .venv/bin/python -m pytest "$@"
