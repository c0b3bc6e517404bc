#!/bin/sh
# A real PostgreSQL for the tests (ctest fixture stb_postgres): `start STATE`
# runs initdb and pg_ctl in a fresh temporary directory as an unprivileged
# user (PostgreSQL refuses root: as root it uses the `postgres` account, or
# `nobody`), listening only on a unix socket there, and writes the
# connection string (postgresql:host=... user=stb dbname=stb) to STATE;
# `stop STATE` stops it and removes the directory. Missing binaries fail
# loudly: scripts/install-deps installs postgresql-15.
set -eu
action=${1:?usage: pg_fixture.sh start|stop STATE}
state=${2:?usage: pg_fixture.sh start|stop STATE}

bindir=${STB_PG_BINDIR:-}
if [ -z "$bindir" ]; then
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do bindir=$d; done
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
  echo "pg_fixture: no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin;" \
       "run scripts/install-deps (postgresql-15) or set STB_PG_BINDIR" >&2
  exit 1
fi

as_user=
if [ "$(id -u)" = 0 ]; then
  as_user=nobody
  if id postgres >/dev/null 2>&1; then as_user=postgres; fi
fi
run() {
  if [ -n "$as_user" ]; then runuser -u "$as_user" -- "$@"; else "$@"; fi
}

case $action in
  start)
    if [ -f "$state" ]; then "$0" stop "$state" || true; fi
    dir=$(mktemp -d /tmp/stb-pg.XXXXXX)
    [ -n "$as_user" ] && chown "$as_user" "$dir"
    run "$bindir/initdb" -D "$dir/data" -U stb --auth=trust --no-sync -E UTF8 --locale=C \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # No TCP, fsync off (a throw-away database), enough connections for
    # two servers and the tests.
    run "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -c listen_addresses= -c fsync=off -c synchronous_commit=off -c max_connections=60" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    run "$bindir/createdb" -h "$dir" -U stb stb
    echo "$dir" >"$state.dir"
    echo "postgresql:host=$dir user=stb dbname=stb" >"$state"
    echo "pg_fixture: PostgreSQL ($bindir) on $dir as ${as_user:-$(id -un)}"
    ;;
  stop)
    [ -f "$state.dir" ] || exit 0
    dir=$(cat "$state.dir")
    run "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir" "$state" "$state.dir"
    ;;
  *)
    echo "usage: pg_fixture.sh start|stop STATE" >&2
    exit 2
    ;;
esac
