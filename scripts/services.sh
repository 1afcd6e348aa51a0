#!/usr/bin/env bash
# Installs (apt-get, only what is missing) and starts the real servers the integration tests need, bound to
# 127.0.0.1, under a private state folder so a developer's own servers are never touched.
# Sourced by scripts/test.sh; services_stop undoes services_start.

PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=${CHATOPS_TEST_PG_PORT:-55432}

apt_ready=""
apt_install() {
  if [ -z "$apt_ready" ]; then
    apt-get update -qq
    apt_ready=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

postgres_start() {
  local dir="$1/postgres"
  [ -x "$PG_BIN/postgres" ] || apt_install postgresql-15
  rm -rf "$dir"
  mkdir -p "$dir"
  chown postgres:postgres "$dir"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
    -o "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null
  runuser -u postgres -- "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" chatops_test
  export CHATOPS_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=chatops_test;Pooling=true"
  echo "PostgreSQL 15 on 127.0.0.1:$PG_PORT"
}

postgres_stop() {
  local dir="$1/postgres"
  if [ -f "$dir/data/postmaster.pid" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
}

# The Kubernetes fidelity tests run the real kubectl against the in-process test API server (the tests start that
# server themselves). Debian 12 packages kubectl as `kubernetes-client`; a kubectl already on PATH is kept.
kubectl_install() {
  command -v kubectl >/dev/null 2>&1 || apt_install kubernetes-client
  echo "kubectl: $(kubectl version --client 2>/dev/null | head -1)"
}

services_start() {
  SERVICES_STATE="$1"
  kubectl_install
  postgres_start "$SERVICES_STATE"
}

services_stop() {
  [ -n "${SERVICES_STATE:-}" ] || return 0
  postgres_stop "$SERVICES_STATE"
}
