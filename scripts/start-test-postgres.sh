#!/usr/bin/env bash
# Start a PostgreSQL cluster on 127.0.0.1 for the test suite and print its URL on stdout.
#
# Debian only, as root, with the `postgresql` package installed (Makefile: system-deps).
# Idempotent and fast when the cluster is already up: it only checks and prints the URL.
# The role gets CREATEDB because the tests create one throw-away database per test.
#   export LEGALAID_TEST_PG_URL="$(scripts/start-test-postgres.sh)"
set -euo pipefail

PG_ROLE="${PG_ROLE:-legalaid}"
PG_PASSWORD="${PG_PASSWORD:-legalaid-test}"
PG_DB="${PG_DB:-legalaid_test}"
PG_PORT="${PG_PORT:-5432}"
PG_CLUSTER="${PG_CLUSTER:-main}"

log() { echo "start-test-postgres: $*" >&2; }

if [ "$(id -u)" != 0 ]; then log "must run as root"; exit 1; fi
if ! command -v pg_lsclusters >/dev/null; then
  log "postgresql is not installed (apt-get install -y postgresql)"; exit 1
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if [ -z "$version" ]; then log "no PostgreSQL server binaries in /usr/lib/postgresql"; exit 1; fi

if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version $PG_CLUSTER"; then
  log "creating cluster $version/$PG_CLUSTER on port $PG_PORT"
  pg_createcluster "$version" "$PG_CLUSTER" --port "$PG_PORT" >/dev/null
fi

status="$(pg_lsclusters -h | awk -v v="$version" -v c="$PG_CLUSTER" '$1==v && $2==c {print $4}')"
port="$(pg_lsclusters -h | awk -v v="$version" -v c="$PG_CLUSTER" '$1==v && $2==c {print $3}')"
if [ "$status" != "online" ]; then
  log "starting cluster $version/$PG_CLUSTER (port $port, loopback only)"
  # Loopback only: the test database must never be reachable from the network.
  pg_ctlcluster "$version" "$PG_CLUSTER" start -- -o "-c listen_addresses=127.0.0.1" >/dev/null 2>&1 \
    || pg_ctlcluster "$version" "$PG_CLUSTER" start
fi

psql_root() { runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qAtX "$@"; }

for _ in $(seq 1 50); do psql_root -c 'select 1' >/dev/null 2>&1 && break; sleep 0.2; done

if [ "$(psql_root -c "select 1 from pg_roles where rolname='$PG_ROLE'")" != 1 ]; then
  log "creating role $PG_ROLE"
  psql_root -c "create role \"$PG_ROLE\" login createdb password '$PG_PASSWORD'"
fi
if [ "$(psql_root -c "select 1 from pg_database where datname='$PG_DB'")" != 1 ]; then
  log "creating database $PG_DB"
  psql_root -c "create database \"$PG_DB\" owner \"$PG_ROLE\""
fi

echo "postgresql+psycopg://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$port/$PG_DB"
