#!/usr/bin/env bash
# A local PostgreSQL (Debian's package) for the tests that run the versions store against it, on loopback.
# Installs and starts it if needed, creates a role and database of the same name (mbt_test unless named:
# `scripts/postgres.sh mbt_cluster` for deploy/local-cluster.sh), and prints the database URL.
# Exits non-zero when it cannot (no root or sudo): the tests then use SQLite only, except in CI, where they fail.
set -euo pipefail
name=${1:-mbt_test}
case $name in *[!a-z0-9_]*|'') echo "postgres.sh: a database name is lowercase letters, digits and _" >&2; exit 2;; esac
sudo=; [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi; }
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "Installing Debian's postgresql for the versions-store tests…" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
fi
ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$ver main" || $sudo pg_createcluster "$ver" main >&2
pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" {print $4}' | grep -qx online \
  || $sudo pg_ctlcluster "$ver" main start >&2
port=$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" {print $3}')
psql_pg() { as_postgres psql -p "$port" -v ON_ERROR_STOP=1 -qtA "$@"; }
[ "$(psql_pg -c "select 1 from pg_roles where rolname = '$name'")" = 1 ] \
  || psql_pg -c "create role $name login password '$name'" >&2
[ "$(psql_pg -c "select 1 from pg_database where datname = '$name'")" = 1 ] \
  || psql_pg -c "create database $name owner $name" >&2
echo "postgresql://$name:$name@127.0.0.1:$port/$name"
