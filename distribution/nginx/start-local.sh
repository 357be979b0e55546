#!/usr/bin/env bash
# Starts a local origin and two edges to try the distribution kit (Ctrl-C stops them):
#   distribution/nginx/start-local.sh [DIR]
# Castline:  castline live --primary rtmp://127.0.0.1:1936/live/show ...
# Players:   rtmp://127.0.0.1:1937/live/show, http://127.0.0.1:8081/hls/show.m3u8 (edge 1)
#            rtmp://127.0.0.1:1938/live/show, http://127.0.0.1:8082/hls/show.m3u8 (edge 2)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir=${1:-${TMPDIR:-/tmp}/castline-distribution}
export LISTEN=${LISTEN:-127.0.0.1}
"$here/make-config.sh" origin "$dir/origin" 1936 8080 127.0.0.1:1937 127.0.0.1:1938 >/dev/null
"$here/make-config.sh" edge "$dir/edge1" 1937 8081 >/dev/null
"$here/make-config.sh" edge "$dir/edge2" 1938 8082 >/dev/null
pids=()
for s in edge1 edge2 origin; do
  nginx -p "$dir/$s/" -c "$dir/$s/nginx.conf" -e "$dir/$s/logs/error.log" &
  pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null' EXIT INT TERM
echo "origin rtmp://$LISTEN:1936/live  (stats http://$LISTEN:8080/stat)"
echo "edge 1 rtmp://$LISTEN:1937/live  http://$LISTEN:8081/hls/KEY.m3u8"
echo "edge 2 rtmp://$LISTEN:1938/live  http://$LISTEN:8082/hls/KEY.m3u8"
wait
