#!/usr/bin/env bash
# Starts a local origin and two edges to try the distribution kit (Ctrl-C stops them all):
#   distribution/nginx/start-local.sh [DIR]
# edge 1 is a push edge (the origin pushes to it), edge 2 a pull edge (it pulls from the origin);
# each has an HTTP-FLV server beside it (distribution/flv/edge-flv.js: run 'npm ci' there first).
# KEYS (default "show") are the stream keys the HTTP-FLV servers keep pulled; any other key works
# too, from its first player on. LISTEN (default 127.0.0.1) is the address everything listens on.
# Castline:  castline live --primary rtmp://127.0.0.1:1936/live/show ...
# Players:   the URLs it prints (RTMP, HTTP-FLV and HLS of each edge)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
flv="$(cd "$here/../flv" && pwd)"
dir=${1:-${TMPDIR:-/tmp}/castline-distribution}
export LISTEN=${LISTEN:-127.0.0.1}
# the address the servers reach each other (and players reach them) at: LISTEN, unless that is every address
at=$LISTEN
[ "$at" = 0.0.0.0 ] && at=127.0.0.1
keys=${KEYS:-show}
command -v nginx >/dev/null || { echo "start-local.sh: nginx is not installed (Debian: apt install nginx libnginx-mod-rtmp)" >&2; exit 1; }
command -v node >/dev/null || { echo "start-local.sh: node is not installed (node 20 or later, for the HTTP-FLV servers)" >&2; exit 1; }
[ -d "$flv/node_modules/node-media-server" ] || { echo "start-local.sh: run 'npm ci' in $flv first (it installs node-media-server)" >&2; exit 1; }

"$here/make-config.sh" origin "$dir/origin" 1936 8080 "$at:1937" >/dev/null
"$here/make-config.sh" edge "$dir/edge1" 1937 8081 >/dev/null
"$here/make-config.sh" edge "$dir/edge2" 1938 8082 --pull "$at:1936" >/dev/null
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM
for s in edge1 edge2 origin; do
  nginx -p "$dir/$s/" -c "$dir/$s/nginx.conf" -e "$dir/$s/logs/error.log" &
  pids+=($!)
done
key_args=()
for k in $keys; do key_args+=(--key "$k"); done
for e in 1 2; do
  mkdir -p "$dir/flv$e"
  node "$flv/edge-flv.js" --source "rtmp://$at:193$((6 + e))/live" --http-port "809$e" --bind "$LISTEN" \
    --data "$dir/flv$e" "${key_args[@]}" >"$dir/flv$e/edge-flv.log" 2>&1 &
  pids+=($!)
done
echo "origin  rtmp://$at:1936/live/KEY   (stats http://$at:8080/stat; logs in $dir)"
echo "edge 1 (push): rtmp://$at:1937/live/KEY  http://$at:8091/live/KEY.flv  http://$at:8081/hls/KEY.m3u8"
echo "edge 2 (pull): rtmp://$at:1938/live/KEY  http://$at:8092/live/KEY.flv  http://$at:8082/hls/KEY.m3u8"
# the first of them to stop (a port taken, a bad config) ends the lot, with its log named
wait -n || true
echo "start-local.sh: a server stopped; see the logs in $dir" >&2
exit 1
