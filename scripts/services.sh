#!/usr/bin/env bash
# Installs (apt-get, only what is missing) and starts the real servers the integration tests need, bound to
# 127.0.0.1, under a private state folder so a developer's own servers are never touched.
# Sourced by scripts/test.sh; services_stop undoes services_start.

PG_BIN=/usr/lib/postgresql/15/bin
# Fixed ports below Linux's ephemeral range (32768-60999): an outgoing connection can take any port inside it as its
# local port, and a server started on that port then fails to bind (RabbitMQ's distribution port did, in a CI run).
PG_PORT=${CHATOPS_TEST_PG_PORT:-25432}
# AMQP port; the management API listens on the next one and Erlang distribution on the one after.
RABBITMQ_PORT=${CHATOPS_TEST_RABBITMQ_PORT:-25672}
RABBITMQ_BIN=/usr/lib/rabbitmq/bin
# Jolokia HTTP port of the ActiveMQ test rig; its OpenWire listener takes the next one.
ACTIVEMQ_PORT=${CHATOPS_TEST_ACTIVEMQ_PORT:-25661}
PROMETHEUS_PORT=${CHATOPS_TEST_PROMETHEUS_PORT:-25690}

# Says which server did not start and shows the end of its log, so a failed start is never announced as a running
# server and the reason is on the screen; returns 1 for the caller to stop on.
service_failed() {
  local what="$1" log="$2"
  echo "$what did not start; last lines of $log:" >&2
  tail -n 25 "$log" >&2 2>/dev/null || echo "(no log at $log)" >&2
  return 1
}

# Fails when something already listens on one of the ports: a readiness check would otherwise be answered by that
# other server (another checkout's RabbitMQ on the same ports) and announce it as ours.
ports_free() {
  local what="$1" port
  shift
  for port in "$@"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$what did not start: port $port on 127.0.0.1 is already in use by another process" >&2
      return 1
    fi
  done
}

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
  ports_free PostgreSQL "$PG_PORT" || return 1
  rm -rf "$dir"
  mkdir -p "$dir"
  chown postgres:postgres "$dir"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 \
    || { service_failed "PostgreSQL (initdb)" "$dir/initdb.log"; return 1; }
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
    -o "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null \
    || { service_failed PostgreSQL "$dir/log"; return 1; }
  # pg_ctl -w can report success for a server that answers on its socket only; the tests connect over TCP.
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 30 || { service_failed "PostgreSQL (pg_isready)" "$dir/log"; return 1; }
  runuser -u postgres -- "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" chatops_test \
    || { service_failed "PostgreSQL (createdb)" "$dir/log"; return 1; }
  export CHATOPS_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=chatops_test;Pooling=true"
  # The fault tests start and stop throwaway clusters of their own (tests/ChatOps.IntegrationTests/Faults/StoppablePostgres.cs)
  # with these binaries: the shared server above is never stopped under other tests.
  export CHATOPS_TEST_PG_BIN="$PG_BIN"
  echo "PostgreSQL 15 on 127.0.0.1:$PG_PORT"
}

postgres_stop() {
  local dir="$1/postgres"
  if [ -f "$dir/data/postmaster.pid" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
}

# RabbitMQ with its management plugin, run as the rabbitmq user with its own node name, ports, cookie, config and
# data under the state folder. Statistics are collected every 500 ms (default 5 s) so tests see depths quickly.
rabbitmq_start() {
  local dir="$1/rabbitmq" mgmt=$((RABBITMQ_PORT + 1)) dist=$((RABBITMQ_PORT + 2))
  [ -x "$RABBITMQ_BIN/rabbitmq-server" ] || apt_install rabbitmq-server
  command -v curl >/dev/null 2>&1 || apt_install curl
  ports_free RabbitMQ "$RABBITMQ_PORT" "$mgmt" "$dist" || return 1
  rm -rf "$dir"
  mkdir -p "$dir/mnesia" "$dir/log"
  cat >"$dir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$RABBITMQ_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $mgmt
collect_statistics_interval = 500
CONF
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/.erlang.cookie"
  chmod 400 "$dir/.erlang.cookie"
  chown -R rabbitmq:rabbitmq "$dir"
  export RABBITMQ_NODENAME="chatops-test-$RABBITMQ_PORT@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT=$RABBITMQ_PORT RABBITMQ_DIST_PORT=$dist RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" \
    RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
    HOME="$dir"
  # The shovel plugins carry `queue replay`: the management API has no move, a dynamic shovel is one.
  runuser -u rabbitmq -- "$RABBITMQ_BIN/rabbitmq-plugins" --offline enable \
    rabbitmq_management rabbitmq_shovel rabbitmq_shovel_management >/dev/null
  runuser -u rabbitmq -- "$RABBITMQ_BIN/rabbitmq-server" >"$dir/log/console" 2>&1 &
  local url="http://127.0.0.1:$mgmt" launcher=$! i
  for i in $(seq 1 120); do
    curl -sf -u guest:guest "$url/api/overview" >/dev/null 2>&1 && break
    # A node that exited (port taken, bad config) will never answer: say so now rather than after a minute.
    kill -0 "$launcher" 2>/dev/null || break
    sleep 0.5
  done
  curl -sf -u guest:guest "$url/api/overview" >/dev/null || { service_failed RabbitMQ "$dir/log/console"; return 1; }
  # The Erlang VM's own pid (the launcher does not outlive it, nor pass signals on), for rabbitmq_stop.
  # It shows once the node has emitted its first statistics.
  for i in $(seq 1 40); do
    curl -sf -u guest:guest "$url/api/nodes" | grep -o '"os_pid":"[0-9]*"' | grep -o '[0-9][0-9]*' >"$dir/beam.pid" && break
    sleep 0.25
  done
  # A user of our own, so tests also cover credentials that are not the loopback-only guest.
  curl -sf -u guest:guest -X PUT -H 'content-type: application/json' "$url/api/users/chatops-test" \
    -d '{"password":"chatops-test-pw","tags":"administrator"}' >/dev/null
  curl -sf -u guest:guest -X PUT -H 'content-type: application/json' "$url/api/permissions/%2F/chatops-test" \
    -d '{"configure":".*","write":".*","read":".*"}' >/dev/null
  export CHATOPS_TEST_RABBITMQ="$url" CHATOPS_TEST_RABBITMQ_USER=chatops-test CHATOPS_TEST_RABBITMQ_PASSWORD=chatops-test-pw \
    CHATOPS_TEST_RABBITMQ_AMQP="amqp://127.0.0.1:$RABBITMQ_PORT"
  echo "RabbitMQ $(dpkg-query -W -f '${Version}' rabbitmq-server) on 127.0.0.1:$RABBITMQ_PORT (management $url)"
}

# SIGTERMs the process in a pid file and waits up to $2 quarter-seconds for it to go; nothing to do without the file.
stop_pid_file() {
  local file="$1" tries="$2" pid
  [ -s "$file" ] || return 0
  pid=$(cat "$file")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 "$tries"); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  rm -f "$file"
}

# SIGTERM makes the node shut down cleanly.
rabbitmq_stop() {
  stop_pid_file "$1/rabbitmq/beam.pid" 60
}

# ActiveMQ 5.17 (Debian's activemq has no web console) embedded by tests/activemq-jolokia/Launcher.java, which also
# serves real Jolokia (libjolokia-core-java) at /api/jolokia with Basic auth, on loopback, without persistence.
activemq_start() {
  local dir="$1/activemq" root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  local missing=()
  [ -f /usr/share/activemq/lib/activemq-broker.jar ] || missing+=(activemq)
  [ -f /usr/share/java/jolokia-core.jar ] || missing+=(libjolokia-core-java)
  command -v javac >/dev/null 2>&1 || missing+=(default-jdk-headless)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
  ports_free ActiveMQ "$ACTIVEMQ_PORT" $((ACTIVEMQ_PORT + 1)) || return 1
  local cp="$dir/classes:/usr/share/activemq/lib/*:/usr/share/activemq/lib/optional/*:/usr/share/java/jolokia-core.jar:/usr/share/java/json-simple.jar"
  rm -rf "$dir"
  mkdir -p "$dir/classes"
  javac -nowarn -d "$dir/classes" -cp "$cp" "$root/tests/activemq-jolokia/Launcher.java" >"$dir/javac.log" 2>&1 \
    || { service_failed "ActiveMQ (javac)" "$dir/javac.log"; return 1; }
  local user=chatops-test password
  password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  java -Xmx256m -cp "$cp" Launcher "$ACTIVEMQ_PORT" $((ACTIVEMQ_PORT + 1)) "$user" "$password" >"$dir/log" 2>&1 &
  echo $! >"$dir/java.pid"
  local url="http://127.0.0.1:$ACTIVEMQ_PORT/api/jolokia" i
  for i in $(seq 1 120); do
    curl -sf -u "$user:$password" -H 'Origin: http://localhost' "$url/version" >/dev/null 2>&1 && break
    kill -0 "$(cat "$dir/java.pid")" 2>/dev/null || break
    sleep 0.5
  done
  curl -sf -u "$user:$password" -H 'Origin: http://localhost' "$url/version" >/dev/null \
    || { service_failed ActiveMQ "$dir/log"; return 1; }
  export CHATOPS_TEST_ACTIVEMQ="$url" CHATOPS_TEST_ACTIVEMQ_USER="$user" CHATOPS_TEST_ACTIVEMQ_PASSWORD="$password"
  echo "ActiveMQ $(dpkg-query -W -f '${Version}' activemq) with Jolokia $(dpkg-query -W -f '${Version}' libjolokia-core-java) on $url"
}

activemq_stop() {
  stop_pid_file "$1/activemq/java.pid" 40
}

# The Kubernetes fidelity tests run the real kubectl against the in-process test API server (the tests start that
# server themselves). Debian 12 packages kubectl as `kubernetes-client`; a kubectl already on PATH is kept.
kubectl_install() {
  command -v kubectl >/dev/null 2>&1 || apt_install kubernetes-client
  echo "kubectl: $(kubectl version --client 2>/dev/null | head -1)"
}

# The Alertmanager end-to-end test starts its own alertmanager on loopback ports with a generated configuration; this
# only installs the Debian package when it is missing and says where the binary is (CHATOPS_TEST_ALERTMANAGER_BIN).
alertmanager_install() {
  [ -x /usr/bin/prometheus-alertmanager ] || apt_install prometheus-alertmanager
  export CHATOPS_TEST_ALERTMANAGER_BIN=/usr/bin/prometheus-alertmanager
  echo "alertmanager: $("$CHATOPS_TEST_ALERTMANAGER_BIN" --version 2>&1 | head -1)"
}

# Prometheus 2.42 (Debian) with two hours of history backfilled before it starts (promtool tsdb
# create-blocks-from openmetrics), ending at CHATOPS_TEST_PROMETHEUS_END (epoch seconds, a whole minute ten minutes
# ago), one sample every 15 s. tests/ChatOps.IntegrationTests/Metrics/PrometheusHistory.cs states the same series as
# functions of time, so the chart test knows every value the `metrics` command must report:
#   namespace urbanos, deployment urbanos-service-billing, pods …-7d4b9c8f6d-x2k4q and …-7d4b9c8f6d-p9z7m:
#     cpu counter 0.25 s/s per pod; memory x2k4q 100 MiB (also a container="" pod cgroup row the queries skip),
#     p9z7m 200 MiB until END-30m then 400 MiB; restarts x2k4q 0 until END-20m then 3, p9z7m 1.
#   decoys the selector must exclude: pod urbanos-service-billing-worker-5f6c7d8e9f-abcde in urbanos and
#   …-x2k4q in namespace other (4 and 8 cores, 10 GiB, 50 restarts).
prometheus_history() {
  awk -v end="$1" 'BEGIN {
    start = end - 7200; mib = 1048576
    p1 = "urbanos-service-billing-7d4b9c8f6d-x2k4q"; p2 = "urbanos-service-billing-7d4b9c8f6d-p9z7m"
    w = "urbanos-service-billing-worker-5f6c7d8e9f-abcde"
    for (t = start; t <= end; t += 15) {
      c = "container_cpu_usage_seconds_total"
      cpu1[t] = sprintf("%s{namespace=\"urbanos\",pod=\"%s\",container=\"app\"} %.3f %d", c, p1, 0.25 * (t - start), t)
      cpu2[t] = sprintf("%s{namespace=\"urbanos\",pod=\"%s\",container=\"app\"} %.3f %d", c, p2, 0.25 * (t - start), t)
      cpu3[t] = sprintf("%s{namespace=\"urbanos\",pod=\"%s\",container=\"app\"} %.3f %d", c, w, 4 * (t - start), t)
      cpu4[t] = sprintf("%s{namespace=\"other\",pod=\"%s\",container=\"app\"} %.3f %d", c, p1, 8 * (t - start), t)
      m = "container_memory_working_set_bytes"
      mem1[t] = sprintf("%s{namespace=\"urbanos\",pod=\"%s\",container=\"app\"} %d %d", m, p1, 100 * mib, t)
      mem0[t] = sprintf("%s{namespace=\"urbanos\",pod=\"%s\",container=\"\"} %d %d", m, p1, 100 * mib, t)
      mem2[t] = sprintf("%s{namespace=\"urbanos\",pod=\"%s\",container=\"app\"} %d %d", m, p2, (t < end - 1800 ? 200 : 400) * mib, t)
      mem3[t] = sprintf("%s{namespace=\"urbanos\",pod=\"%s\",container=\"app\"} %d %d", m, w, 10240 * mib, t)
      mem4[t] = sprintf("%s{namespace=\"other\",pod=\"%s\",container=\"app\"} %d %d", m, p1, 10240 * mib, t)
      r = "kube_pod_container_status_restarts_total"
      rst1[t] = sprintf("%s{namespace=\"urbanos\",pod=\"%s\",container=\"app\"} %d %d", r, p1, (t < end - 1200 ? 0 : 3), t)
      rst2[t] = sprintf("%s{namespace=\"urbanos\",pod=\"%s\",container=\"app\"} %d %d", r, p2, 1, t)
      rst3[t] = sprintf("%s{namespace=\"urbanos\",pod=\"%s\",container=\"app\"} %d %d", r, w, 50, t)
    }
    # OpenMetrics wants each metric family in one piece and each series in time order.
    for (t = start; t <= end; t += 15) print cpu1[t]; for (t = start; t <= end; t += 15) print cpu2[t]
    for (t = start; t <= end; t += 15) print cpu3[t]; for (t = start; t <= end; t += 15) print cpu4[t]
    for (t = start; t <= end; t += 15) print mem1[t]; for (t = start; t <= end; t += 15) print mem0[t]
    for (t = start; t <= end; t += 15) print mem2[t]; for (t = start; t <= end; t += 15) print mem3[t]
    for (t = start; t <= end; t += 15) print mem4[t]
    for (t = start; t <= end; t += 15) print rst1[t]; for (t = start; t <= end; t += 15) print rst2[t]
    for (t = start; t <= end; t += 15) print rst3[t]
    print "# EOF"
  }'
}

prometheus_start() {
  local dir="$1/prometheus" end i
  [ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ] || apt_install prometheus
  command -v curl >/dev/null 2>&1 || apt_install curl
  ports_free Prometheus "$PROMETHEUS_PORT" || return 1
  rm -rf "$dir"
  mkdir -p "$dir/data"
  end=$(( $(date +%s) / 60 * 60 - 600 ))
  prometheus_history "$end" >"$dir/history.om"
  promtool tsdb create-blocks-from openmetrics "$dir/history.om" "$dir/data" >"$dir/backfill.log" 2>&1 \
    || { service_failed "Prometheus (promtool backfill)" "$dir/backfill.log"; return 1; }
  printf 'global:\n  scrape_interval: 15s\nscrape_configs: []\n' >"$dir/prometheus.yml"
  /usr/bin/prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" >"$dir/log" 2>&1 &
  echo $! >"$dir/prometheus.pid"
  local url="http://127.0.0.1:$PROMETHEUS_PORT"
  for i in $(seq 1 120); do
    curl -sf "$url/-/ready" >/dev/null 2>&1 && break
    kill -0 "$(cat "$dir/prometheus.pid")" 2>/dev/null || break
    sleep 0.5
  done
  curl -sf "$url/-/ready" >/dev/null || { service_failed Prometheus "$dir/log"; return 1; }
  export CHATOPS_TEST_PROMETHEUS="$url" CHATOPS_TEST_PROMETHEUS_END="$end"
  echo "Prometheus $(dpkg-query -W -f '${Version}' prometheus) on $url (history until $(date -u -d "@$end" +%H:%M) UTC)"
}

prometheus_stop() {
  stop_pid_file "$1/prometheus/prometheus.pid" 40
}

services_start() {
  SERVICES_STATE="$1"
  # Each start checks that its server answers before announcing it; the first that does not stops the rest.
  kubectl_install
  alertmanager_install
  postgres_start "$SERVICES_STATE" || return 1
  rabbitmq_start "$SERVICES_STATE" || return 1
  activemq_start "$SERVICES_STATE" || return 1
  prometheus_start "$SERVICES_STATE" || return 1
}

services_stop() {
  [ -n "${SERVICES_STATE:-}" ] || return 0
  prometheus_stop "$SERVICES_STATE"
  activemq_stop "$SERVICES_STATE"
  rabbitmq_stop "$SERVICES_STATE"
  postgres_stop "$SERVICES_STATE"
}
