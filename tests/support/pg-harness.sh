#!/usr/bin/env bash
# Starts / stops a throwaway PostgreSQL server for the tests (ctest fixture "postgres").
#   pg-harness.sh start STATE_DIR   → writes STATE_DIR/url (postgresql://orgconsole@127.0.0.1:PORT/postgres)
#   pg-harness.sh stop STATE_DIR
# initdb/postgres refuse to run as root: as root the cluster belongs to the `postgres` user and lives in a
# directory of its own outside the (possibly root-only) build tree.
set -euo pipefail
cmd=${1:?start|stop}
state=${2:?state directory}
mkdir -p "$state"

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "pg-harness: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
  if [ -f "$state/datadir" ] && [ -d "$(cat "$state/datadir")" ]; then
    "$0" stop "$state" || true
  fi
  data=$(mktemp -d /tmp/orgconsole-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data"
  chmod 700 "$data"
  echo "$data" > "$state/datadir"
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  as_owner "$bindir/initdb" -D "$data/db" -U orgconsole --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$state/initdb.log" 2>&1 \
    || { cat "$state/initdb.log" >&2; exit 1; }
  # fsync off: a test cluster is thrown away; durability is SQLite's and production PostgreSQL's business.
  as_owner "$bindir/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c fsync=off -c max_connections=200" \
    start >"$state/pg_ctl.log" 2>&1 || { cat "$state/pg_ctl.log" "$data/server.log" >&2; exit 1; }
  echo "postgresql://orgconsole@127.0.0.1:$port/postgres" > "$state/url"
  echo "pg-harness: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
  ;;
stop)
  [ -f "$state/datadir" ] || exit 0
  data=$(cat "$state/datadir")
  if [ -d "$data/db" ]; then
    as_owner "$bindir/pg_ctl" -D "$data/db" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$data" "$state/datadir" "$state/url"
  ;;
*)
  echo "usage: pg-harness.sh start|stop STATE_DIR" >&2; exit 2 ;;
esac
