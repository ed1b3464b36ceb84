#!/usr/bin/env bash
# Start the local PostgreSQL cluster (no systemd here) and make a test role and database.
# Prints the database URL for the tests. Needs root; prints nothing when PostgreSQL is absent.
set -euo pipefail
command -v pg_lsclusters >/dev/null 2>&1 || exit 0
[ "$(id -u)" = 0 ] || exit 0
read -r version cluster _ < <(pg_lsclusters --no-header | head -n 1)
pg_ctlcluster "$version" "$cluster" start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 0.5
done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='chidao'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE ROLE chidao LOGIN SUPERUSER PASSWORD 'chidao'\""
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='chidao_test'\"" | grep -q 1 ||
  su postgres -c "createdb -O chidao chidao_test"
port=$(pg_lsclusters --no-header | awk 'NR==1{print $3}')
echo "postgresql+psycopg://chidao:chidao@127.0.0.1:${port}/chidao_test"
