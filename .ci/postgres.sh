#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store's tests: `.ci/postgres.sh start DIR` initializes DIR, starts
# the server on 127.0.0.1 at a free port and prints its connection string; `.ci/postgres.sh stop DIR` stops
# it. PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
set -euo pipefail
action=${1:?start|stop}
dir=$(realpath -m "${2:?data directory}")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/pg_ctl" ] || { echo "postgres.sh: no PostgreSQL server (apt-get install -y postgresql)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$action" in
  start)
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    rm -rf "$dir" && mkdir -p "$dir"
    data="$dir/data"
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres "$dir"
      # The server runs as postgres, which may not reach into root's checkout: then its files live in /tmp.
      runuser -u postgres -- test -w "$dir" || data=$(mktemp -d /tmp/bench-postgres.XXXXXX)
      chown postgres "$data" 2>/dev/null || true
    fi
    echo "$data" > "$dir/data-directory"
    as_owner "$bin/initdb" -D "$data" -U bench --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # TCP on the loopback interface only, no Unix socket; fsync off: a throwaway cluster for tests.
    as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='' -c fsync=off -c max_connections=50" start >/dev/null \
      || { cat "$data/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U bench bench_test
    echo "Host=127.0.0.1;Port=$port;Username=bench;Database=bench_test"
    ;;
  stop)
    data=$(cat "$dir/data-directory" 2>/dev/null) || exit 0
    [ -d "$data" ] && as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null || true
    case "$data" in /tmp/bench-postgres.*) rm -rf "$data" ;; esac
    ;;
  *) echo "usage: postgres.sh start|stop DIR" >&2; exit 2 ;;
esac
