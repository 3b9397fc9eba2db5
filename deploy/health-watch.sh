#!/usr/bin/env bash
# Active health checks for open-source nginx, which has only passive ones: every 2 s, ask each replica's
# /_stcore/health (2 s limit); write the upstream with the ones that fail marked `down`, and reload nginx when
# that changes. A replica that dies or stops answering is out within about 4 s; one that answers again is back in.
# Passive checks (max_fails, proxy_next_upstream) cover the seconds in between.
# Usage: deploy/health-watch.sh REPLICAS UPSTREAM RELOAD-COMMAND...
#        deploy/health-watch.sh REPLICAS UPSTREAM --write      (write the upstream with every replica in, once)
#   REPLICAS: a file of host:port lines; UPSTREAM: the nginx include to write; then the command that reloads nginx.
set -uo pipefail
replicas=${1:?usage: health-watch.sh REPLICAS UPSTREAM RELOAD-COMMAND...}
upstream=${2:?usage}
shift 2
[ $# -gt 0 ] || { echo "health-watch: give the command that reloads nginx" >&2; exit 2; }

healthy() {  # host port: "ok" from /_stcore/health within 2 s (bash's /dev/tcp: no curl needed)
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2" && printf "GET /_stcore/health HTTP/1.0\r\nHost: $1\r\n\r\n" >&3 &&
                     tail -c 2 <&3' _ "$1" "$2" 2>/dev/null | grep -qx ok
}

write_upstream() {  # the upstream block, with the replicas in $down marked down (unless all are)
  local all_down=1 line
  for line in $(cat "$replicas"); do case " $down " in *" $line "*) ;; *) all_down=0;; esac; done
  {
    echo "# Written by deploy/health-watch.sh at $(date -u +%FT%TZ); do not edit: it is rewritten on every change."
    echo "upstream mbt_replicas {"
    echo "    hash \$mbt_route consistent;"
    for line in $(cat "$replicas"); do
      case " $down " in
        *" $line "*) [ "$all_down" = 1 ] && echo "    server $line max_fails=1 fail_timeout=5s;" \
                                         || echo "    server $line down;  # health check failed";;
        *) echo "    server $line max_fails=1 fail_timeout=5s;";;
      esac
    done
    echo "    keepalive 32;"
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
