#!/usr/bin/env bash
# Writes an nginx-rtmp configuration for one server of the distribution kit.
#   make-config.sh origin DIR RTMP_PORT HTTP_PORT [EDGE_HOST:EDGE_RTMP_PORT ...]
#   make-config.sh edge   DIR RTMP_PORT HTTP_PORT
# origin: takes Castline's primary and backup (rtmp://HOST:RTMP_PORT/live/KEY) and pushes every
#         stream it gets to each edge listed.
# edge:   takes the origin's push and serves it to players over RTMP (rtmp://HOST:RTMP_PORT/live/KEY)
#         and HLS (http://HOST:HTTP_PORT/hls/KEY.m3u8, 1 s fragments, a 4 s playlist).
# DIR gets nginx.conf, logs/ and (edge) hls/. LISTEN (default 0.0.0.0) is the address it listens on;
# RTMP_MODULE the nginx-rtmp module (Debian's libnginx-mod-rtmp by default).
# Run it with: nginx -p DIR/ -c DIR/nginx.conf -e DIR/logs/error.log
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
role=${1:?origin or edge}; dir=${2:?directory}; rtmp_port=${3:?RTMP port}; http_port=${4:?HTTP port}
shift 4
listen=${LISTEN:-0.0.0.0}
module=${RTMP_MODULE:-/usr/lib/nginx/modules/ngx_rtmp_module.so}
case "$role" in
  origin) template="$here/origin.conf.in" ;;
  edge) template="$here/edge.conf.in" ;;
  *) echo "make-config.sh: the role is origin or edge, not '$role'" >&2; exit 2 ;;
esac
mkdir -p "$dir/logs" "$dir/hls"
dir="$(cd "$dir" && pwd)"
pushes=""
for edge in "$@"; do pushes+="            push rtmp://$edge/live;"$'\n'; done
# the push lines are a block of their own (awk: sed cannot put newlines in a replacement portably)
awk -v dir="$dir" -v module="$module" -v listen="$listen" -v rtmp="$rtmp_port" -v http="$http_port" -v pushes="$pushes" '
  { gsub("@DIR@", dir); gsub("@RTMP_MODULE@", module); gsub("@LISTEN@", listen); gsub("@RTMP_PORT@", rtmp);
    gsub("@HTTP_PORT@", http) }
  /@PUSHES@/ { printf "%s", pushes; next }
  { print }' "$template" > "$dir/nginx.conf"
echo "$dir/nginx.conf"
