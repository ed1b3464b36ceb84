#!/usr/bin/env bash
# Set everything up, start PostgreSQL, and run the whole test suite (SQLite and PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# the PostgreSQL cases are part of the suite: a server that cannot start fails the run
url=$(bash scripts/postgres.sh)
export CHIDAO_TEST_POSTGRES_URL="$url"
exec .venv/bin/python -m pytest "$@"
