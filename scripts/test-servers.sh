#!/usr/bin/env bash
# Starts throwaway PostgreSQL and ClickHouse servers on loopback for the server-mode test
# suites, and prints the environment variables that point the tests at them.
#   eval "$(scripts/test-servers.sh start)"   # start both, export TAILOR_TEST_* variables
#   scripts/test-servers.sh stop
# Both come from Debian's packages (postgresql, clickhouse-server); .ci/run installs them.
set -euo pipefail
root=${TAILOR_TEST_SERVERS_DIR:-/tmp/tailor-test-servers}
pg_port=${TAILOR_TEST_PG_PORT:-55432}
ch_port=${TAILOR_TEST_CH_PORT:-58123}
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_pg() {
  [ -n "$pg_bin" ] || { echo "postgresql is not installed" >&2; return 1; }
  mkdir -p "$root"
  mkdir -p "$root/pgdata"; [ "$(id -u)" = 0 ] && chown postgres "$root/pgdata"
  if [ ! -f "$root/pgdata/pg/PG_VERSION" ]; then
    as_pg "$pg_bin/initdb" -D "$root/pgdata/pg" -A trust -U tailor -E UTF8 --locale=C.UTF-8 >"$root/pgdata/init.log" 2>&1
  fi
  as_pg "$pg_bin/pg_ctl" -D "$root/pgdata/pg" -l "$root/pgdata/pg.log" -w \
    -o "-p $pg_port -k $root/pgdata -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" start >/dev/null
  as_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U tailor -d postgres -tAc \
    "select 1 from pg_database where datname='tailor_test'" | grep -q 1 ||
    as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U tailor tailor_test
}

start_ch() {
  command -v clickhouse-server >/dev/null || { echo "clickhouse-server is not installed" >&2; return 1; }
  mkdir -p "$root/ch/tmp" "$root/ch/user_files" "$root/ch/format_schemas"
  [ "$(id -u)" = 0 ] && chown -R clickhouse "$root/ch" 2>/dev/null || true
  local run=(clickhouse-server)
  [ "$(id -u)" = 0 ] && id clickhouse >/dev/null 2>&1 && run=(runuser -u clickhouse -- clickhouse-server)
  "${run[@]}" --config-file=/etc/clickhouse-server/config.xml --pid-file="$root/ch/ch.pid" --daemon -- \
    --path="$root/ch/" --tmp_path="$root/ch/tmp/" --user_files_path="$root/ch/user_files/" \
    --format_schema_path="$root/ch/format_schemas/" \
    --http_port="$ch_port" --tcp_port=$((ch_port + 1)) --interserver_http_port=$((ch_port + 2)) \
    --listen_host=127.0.0.1 --logger.log="$root/ch/ch.log" --logger.errorlog="$root/ch/ch.err.log" \
    >"$root/ch/out.log" 2>&1
  for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$ch_port/ping" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "clickhouse did not start; see $root/ch/ch.err.log" >&2
  return 1
}

case "${1:-start}" in
  start)
    start_pg >&2 && echo "export TAILOR_TEST_POSTGRES_URL=postgres://tailor@127.0.0.1:$pg_port/tailor_test"
    start_ch >&2 && echo "export TAILOR_TEST_CLICKHOUSE_URL=http://127.0.0.1:$ch_port"
    ;;
  stop)
    [ -n "$pg_bin" ] && [ -f "$root/pgdata/pg/postmaster.pid" ] && as_pg "$pg_bin/pg_ctl" -D "$root/pgdata/pg" -m fast stop >/dev/null || true
    [ -f "$root/ch/ch.pid" ] && kill "$(cat "$root/ch/ch.pid")" 2>/dev/null || true
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
