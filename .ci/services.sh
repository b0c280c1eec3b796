# Throw-away PostgreSQL and Redis for the test suite (sourced by ./dev; bash).
#   services_start: install the Debian packages if missing (as root), start both servers on free ports in a
#                   temporary folder (no persistence), export NEWSWATCH_TEST_PG and NEWSWATCH_TEST_REDIS;
#   services_stop:  stop both and remove the folder (./dev sets it as an EXIT trap).
# Outside CI, a machine without the servers (and without root to install them) runs the suite without them:
# the tests that need them are skipped with that reason. In CI (NEWSWATCH_CI=1) that is an error.

_services_dir=""

_free_port() {
  .venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

_pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

_services_install() {
  local need=()
  _pg_bin >/dev/null || need+=(postgresql postgresql-contrib)
  command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "note: ${need[*]} not installed (needs root and apt-get): tests of the PostgreSQL/Redis backends are skipped" >&2
    return 1
  fi
  echo "installing ${need[*]} from the distribution's packages …" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; }
}

_as_pg() {  # PostgreSQL refuses to run as root: run its programs as the unprivileged `postgres` user
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

services_start() {
  _services_install || { [ -z "${NEWSWATCH_CI:-}" ] && return 0; echo "CI needs PostgreSQL and Redis" >&2; return 1; }
  local bin pg_port redis_port
  bin=$(_pg_bin)
  _services_dir=$(mktemp -d "${TMPDIR:-/tmp}/newswatch-services.XXXXXX")
  chmod 755 "$_services_dir"
  [ "$(id -u)" = 0 ] && chown postgres "$_services_dir"
  pg_port=$(_free_port)
  _as_pg "$bin/initdb" -D "$_services_dir/pg" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  _as_pg "$bin/pg_ctl" -D "$_services_dir/pg" -l "$_services_dir/pg.log" -w -t 60 start \
    -o "-p $pg_port -k $_services_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
  redis_port=$(_free_port)
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize yes \
    --dir "$_services_dir" --pidfile "$_services_dir/redis.pid" --logfile "$_services_dir/redis.log"
  for _ in $(seq 50); do [ -s "$_services_dir/redis.pid" ] && break; sleep 0.1; done
  export NEWSWATCH_TEST_PG="postgresql+psycopg://postgres@127.0.0.1:$pg_port/postgres"
  export NEWSWATCH_TEST_REDIS="redis://127.0.0.1:$redis_port/0"
}

services_stop() {
  [ -n "$_services_dir" ] || return 0
  local bin; bin=$(_pg_bin)
  [ -f "$_services_dir/pg/postmaster.pid" ] && _as_pg "$bin/pg_ctl" -D "$_services_dir/pg" -m immediate -w stop >/dev/null 2>&1
  [ -s "$_services_dir/redis.pid" ] && kill "$(cat "$_services_dir/redis.pid")" 2>/dev/null
  rm -rf "$_services_dir"
  _services_dir=""
}
