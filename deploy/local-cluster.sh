#!/usr/bin/env bash
# The deployment of docs/DEPLOY.md, on this machine and on loopback only: PostgreSQL, N replicas of serve.py and
# nginx in front of them, with the health watcher. For trying a change under load, and for tests/test_cluster.py.
#
#   deploy/local-cluster.sh up N     start; returns once the map is drawn through http://127.0.0.1:8500
#   deploy/local-cluster.sh status   what runs, and whether each replica answers its health check
#   deploy/local-cluster.sh restart I   stop replica I and start it again (one step of an update without downtime)
#   deploy/local-cluster.sh down     stop what `up` started, and only that
#
# What it starts is written to var/cluster/: replica-<i>.pid and .log, nginx.pid, watch.pid, logs, the nginx
# configuration. Replica i listens on 127.0.0.1:(8600+i). MBT_EDITOR_SECRET, when set, turns publishing on.
# MBT_CLUSTER_PORT, MBT_CLUSTER_REPLICA_PORT (the port before the first replica's) and MBT_CLUSTER_DIR override
# the defaults; MBT_CLUSTER_DATABASE names the PostgreSQL database (mbt_cluster). Installs nginx, its brotli
# modules and PostgreSQL with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir=${MBT_CLUSTER_DIR:-$root/var/cluster}
port=${MBT_CLUSTER_PORT:-8500}
base=${MBT_CLUSTER_REPLICA_PORT:-8600}
static=$root/var/static  # Streamlit's bundles, precompressed once per Streamlit version (kept by `down`)
nginx_args=(-p "$dir/nginx/" -c "$dir/nginx.conf" -e "$dir/nginx/logs/error.log")
sudo=; [ "$(id -u)" -eq 0 ] || sudo="sudo -n"

say() { echo "local-cluster: $*" >&2; }
# a process runs: not gone, and not a zombie (whose parent, when it is PID 1 of a container, may never reap it)
running() { local state; state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) && [ -n "$state" ] && [ "$state" != Z ]; }
alive() { [ -f "$1" ] && running "$(cat "$1")"; }
# a pid file names our process only while that pid runs the command we started (pids are reused)
ours() { alive "$1" && tr '\0' ' ' < "/proc/$(cat "$1")/cmdline" 2>/dev/null | grep -q -- "$2"; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
healthy() {
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf "GET /_stcore/health HTTP/1.0\r\n\r\n" >&3 &&
                     tail -c 2 <&3' _ "$1" 2>/dev/null | grep -qx ok
}
pg_online() { command -v pg_lsclusters >/dev/null && pg_lsclusters -h 2>/dev/null | awk '$4 == "online"' | grep -q .; }

install_nginx() {
  local missing=()
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  [ -f /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so ] || missing+=(libnginx-mod-http-brotli-filter)
  [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
  command -v brotli >/dev/null || missing+=(brotli)
  [ ${#missing[@]} -eq 0 ] && return
  say "installing Debian's ${missing[*]}…"
  $sudo apt-get update -qq >&2
  # the package's own nginx service is not wanted: this cluster runs its own on 127.0.0.1:$port
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  $sudo systemctl disable --now nginx >/dev/null 2>&1 || $sudo service nginx stop >/dev/null 2>&1 || true
}

write_nginx_conf() {
  mkdir -p "$dir/nginx/logs" "$dir/nginx/tmp"
  local user=""
  # nginx started as root drops its workers to `nobody`, who may not read this checkout: keep them as root,
  # which is acceptable only here, on loopback. A real host runs Debian's nginx as www-data (docs/DEPLOY.md).
  [ "$(id -u)" -eq 0 ] && user="user root;"
  cat > "$dir/nginx.conf" <<EOF
# Written by deploy/local-cluster.sh; the shared parts are in deploy/nginx/.
$user
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/nginx/logs/error.log warn;
load_module /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so;
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path $dir/nginx/tmp/body;
    proxy_temp_path $dir/nginx/tmp/proxy;
    fastcgi_temp_path $dir/nginx/tmp/fastcgi;
    uwsgi_temp_path $dir/nginx/tmp/uwsgi;
    scgi_temp_path $dir/nginx/tmp/scgi;
    include $root/deploy/nginx/http.conf;
    access_log $dir/nginx/logs/access.log mbt;
    include $dir/upstream.conf;
    server {
        listen 127.0.0.1:$port;
        server_name localhost;
        set \$mbt_static_root $static;
        include $root/deploy/nginx/locations.conf;
    }
}
EOF
}

start_replica() {  # i: replica i on 127.0.0.1:(base+i), its pid in replica-<i>.pid
  # setsid: the replica outlives this script and is stopped by `down`, not by a terminal's Ctrl-C
  MBT_DATABASE_URL=$(cat "$dir/database-url") STREAMLIT_SERVER_COOKIE_SECRET=$(cat "$dir/cookie-secret") \
    setsid deploy/replica.sh $(($base + $1)) >> "$dir/replica-$1.log" 2>&1 < /dev/null &
  echo $! > "$dir/replica-$1.pid"
}

wait_healthy() {  # i: until replica i answers its health check (2 minutes at most)
  local deadline=$((SECONDS + 120))
  until healthy $((base + $1)); do
    if ! alive "$dir/replica-$1.pid" || [ $SECONDS -gt $deadline ]; then
      say "replica $1 did not start; its log:"; tail -20 "$dir/replica-$1.log" >&2; return 1
    fi
    sleep 0.3
  done
}

restart() {  # i: an update's step: replica i stopped (its visitors move to the others) and started again
  local i=${1:-}
  [[ $i =~ ^[0-9]+$ ]] && [ -f "$dir/replica-$i.pid" ] || { say "restart I: I is a replica of this cluster"; exit 2; }
  stop_pidfile "$dir/replica-$i.pid" serve.py
  start_replica "$i"
  wait_healthy "$i" || exit 1
  say "replica $i restarted"
}

up() {
  local n=${1:-2}
  [[ $n =~ ^[1-9][0-9]?$ ]] || { say "up N: N is a number of replicas, 1 to 99"; exit 2; }
  if alive "$dir/nginx.pid" || ls "$dir"/replica-*.pid >/dev/null 2>&1; then
    say "a cluster is already up here (or was not taken down): run 'down' first"; exit 1
  fi
  mkdir -p "$dir"
  install_nginx
  bash scripts/setup.sh runtime >&2
  port_free "$port" || { say "port $port is in use"; exit 1; }
  for i in $(seq 1 "$n"); do port_free $((base + i)) || { say "port $((base + i)) is in use"; exit 1; }; done

  pg_online && was_online=1 || was_online=0
  local url; url=$(bash scripts/postgres.sh "${MBT_CLUSTER_DATABASE:-mbt_cluster}")
  [ "$was_online" = 1 ] || echo "started by local-cluster.sh" > "$dir/postgres.started"
  # one cookie secret for every replica (Streamlit signs its XSRF cookie with it), kept between runs
  [ -s "$dir/cookie-secret" ] || (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/cookie-secret")
  bash deploy/precompress.sh "$static"

  (umask 077; echo "$url" > "$dir/database-url")
  : > "$dir/replicas.txt"
  for i in $(seq 1 "$n"); do
    echo "127.0.0.1:$((base + i))" >> "$dir/replicas.txt"
    start_replica "$i"
  done
  for i in $(seq 1 "$n"); do wait_healthy "$i" || { down; exit 1; }; done

  bash deploy/health-watch.sh "$dir/replicas.txt" "$dir/upstream.conf" --write
  write_nginx_conf
  nginx -q -t "${nginx_args[@]}" || { say "nginx refused the configuration in $dir/nginx.conf"; down; exit 1; }
  nginx "${nginx_args[@]}"
  setsid deploy/health-watch.sh "$dir/replicas.txt" "$dir/upstream.conf" nginx -s reload "${nginx_args[@]}" \
    > "$dir/watch.log" 2>&1 < /dev/null &
  echo $! > "$dir/watch.pid"

  local deadline=$((SECONDS + 60)) problem
  until problem=$(.venv/bin/python -m benchmarks.stclient "http://127.0.0.1:$port" 2>&1); do
    [ $SECONDS -lt $deadline ] || { say "the map is not drawn through nginx: $problem"; down; exit 1; }
    sleep 0.5
  done
  say "up: the map at http://127.0.0.1:$port, $n replica(s) on 127.0.0.1:$((base + 1))…$((base + n))"
}

stop_pidfile() {  # pidfile pattern: stop our process and its group (setsid made it the leader), wait, remove the file
  local f=$1 pattern=$2
  [ -f "$f" ] || return 0
  if ours "$f" "$pattern"; then
    local pid; pid=$(cat "$f")
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do running "$pid" || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

down() {
  stop_pidfile "$dir/watch.pid" health-watch.sh
  if ours "$dir/nginx.pid" "nginx: master"; then nginx -s stop "${nginx_args[@]}" 2>/dev/null || true; fi
  for _ in $(seq 1 50); do alive "$dir/nginx.pid" || break; sleep 0.1; done
  [ -f "$dir/nginx.pid" ] && ! alive "$dir/nginx.pid" && rm -f "$dir/nginx.pid"
  ours "$dir/nginx.pid" "nginx: master" && kill -KILL "$(cat "$dir/nginx.pid")" 2>/dev/null && rm -f "$dir/nginx.pid"
  for f in "$dir"/replica-*.pid; do [ -e "$f" ] && stop_pidfile "$f" serve.py; done
  if [ -f "$dir/postgres.started" ]; then
    local ver; ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
    $sudo pg_ctlcluster "$ver" main stop >&2 || true
    rm -f "$dir/postgres.started"
  fi
  say "down"
}

status() {
  local rc=0 f i
  [ -d "$dir" ] || { echo "not up"; exit 3; }
  if ours "$dir/nginx.pid" "nginx: master"; then echo "nginx        pid $(cat "$dir/nginx.pid"), http://127.0.0.1:$port"
  else echo "nginx        not running"; rc=3; fi
  if ours "$dir/watch.pid" health-watch.sh; then echo "health-watch pid $(cat "$dir/watch.pid")"
  else echo "health-watch not running"; rc=3; fi
  for f in "$dir"/replica-*.pid; do
    [ -e "$f" ] || continue
    i=${f##*/replica-}; i=${i%.pid}
    if ! ours "$f" serve.py; then echo "replica $i    not running (port $((base + i)))"; rc=3
    elif healthy $((base + i)); then echo "replica $i    pid $(cat "$f"), 127.0.0.1:$((base + i)), healthy"
    else echo "replica $i    pid $(cat "$f"), 127.0.0.1:$((base + i)), NOT answering its health check"; rc=3; fi
  done
  pg_online && echo "postgresql   online" || { echo "postgresql   not running"; rc=3; }
  exit $rc
}

case ${1:-} in
  up) up "${2:-2}" ;;
  down) down ;;
  status) status ;;
  restart) restart "${2:-}" ;;
  *) echo "usage: deploy/local-cluster.sh up N | down | status | restart I" >&2; exit 2 ;;
esac
