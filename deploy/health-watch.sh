#!/usr/bin/env bash
# Active health checks for open-source nginx, which has only passive ones: every 2 s, ask each replica's
# /_stcore/health (2 s limit); when the set of failing replicas changes, write the routing include again and
# reload nginx. A replica that dies or stops answering is out within about 4 s; one that answers again is back in.
# Passive checks (connection refused → the next replica) cover the seconds in between.
# Usage: deploy/health-watch.sh REPLICAS UPSTREAM RELOAD-COMMAND...
#        deploy/health-watch.sh REPLICAS UPSTREAM --write      (write the include with every replica in, once)
#   REPLICAS: a file of host:port lines (replica r1, r2 … in that order); UPSTREAM: the nginx include to write
#   (in nginx's http block); then the command that reloads nginx.
set -uo pipefail
replicas=${1:?usage: health-watch.sh REPLICAS UPSTREAM RELOAD-COMMAND...}
upstream=${2:?usage}
shift 2
[ $# -gt 0 ] || { echo "health-watch: give the command that reloads nginx" >&2; exit 2; }

healthy() {  # host port: "ok" from /_stcore/health within 2 s (bash's /dev/tcp: no curl needed)
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2" && printf "GET /_stcore/health HTTP/1.0\r\nHost: $1\r\n\r\n" >&3 &&
                     tail -c 2 <&3' _ "$1" "$2" 2>/dev/null | grep -qx ok
}

# What it writes (deploy/nginx/locations.conf uses these names):
#   upstream mbt_replicas   the pool: new visitors, and those whose replica failed (least open connections);
#   upstream mbt_r<i>       replica i alone: a visitor whose cookie names it goes straight there;
#   $mbt_upstream           the upstream for this request: the cookie's replica while it is healthy, else the pool;
#   $mbt_replica_cookie     the cookie naming the replica that answered (set on every proxied answer, so a
#                           visitor moved by a failure stays on the replica that now holds their session).
write_upstream() {
  local all_down=1 i=0 line name
  for line in $(cat "$replicas"); do case " $down " in *" $line "*) ;; *) all_down=0;; esac; done
  {
    echo "# Written by deploy/health-watch.sh at $(date -u +%FT%TZ); do not edit: it is rewritten on every change."
    echo "upstream mbt_replicas {"
    echo "    least_conn;"
    echo "    zone mbt_replicas 64k;  # open connections counted across nginx's workers"
    for line in $(cat "$replicas"); do
      case " $down " in
        *" $line "*) [ "$all_down" = 1 ] && echo "    server $line max_fails=1 fail_timeout=5s;" \
                                         || echo "    server $line down;  # health check failed";;
        *) echo "    server $line max_fails=1 fail_timeout=5s;";;
      esac
    done
    echo "    keepalive 32;"
    echo "}"
    for line in $(cat "$replicas"); do
      i=$((i + 1)); echo "upstream mbt_r$i { server $line; keepalive 8; }"
    done
    echo "map \$cookie_mbt_replica \$mbt_upstream {"
    echo "    default mbt_replicas;"
    i=0
    for line in $(cat "$replicas"); do
      i=$((i + 1)); name=mbt_r$i
      case " $down " in *" $line "*) [ "$all_down" = 1 ] || name=mbt_replicas;; esac
      echo "    r$i $name;"
    done
    echo "}"
    echo "map \$upstream_addr \$mbt_replica_cookie {"
    echo "    default \"\";"
    i=0
    for line in $(cat "$replicas"); do
      i=$((i + 1)); echo "    \"~(^|, )${line//./\\.}\$\" \"mbt_replica=r$i; Path=/; HttpOnly; SameSite=Lax\";"
    done
    echo "}"
  } > "$upstream.tmp" && mv "$upstream.tmp" "$upstream"
}

down=""
if [ "$1" = --write ]; then write_upstream; exit; fi
previous=""
while true; do
  down=""
  for line in $(cat "$replicas"); do
    healthy "${line%:*}" "${line##*:}" || down="$down $line"
  done
  if [ "$down" != "$previous" ]; then
    echo "$(date -u +%FT%TZ) failing:${down:- none}"
    write_upstream
    "$@" || echo "$(date -u +%FT%TZ) reload failed" >&2
    previous=$down
  fi
  sleep 2
done
