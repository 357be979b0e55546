#!/usr/bin/env bash
# Writes an nginx-rtmp configuration for one server of the distribution kit.
#   make-config.sh origin DIR RTMP_PORT HTTP_PORT [EDGE_HOST:EDGE_RTMP_PORT ...]
#   make-config.sh edge   DIR RTMP_PORT HTTP_PORT [--pull ORIGIN_HOST:ORIGIN_RTMP_PORT]
# origin: takes Castline's primary and backup (rtmp://HOST:RTMP_PORT/live/KEY) and pushes every
#         stream it gets to each edge listed (push edges).
# edge:   serves the stream to players over RTMP (rtmp://HOST:RTMP_PORT/live/KEY) and HLS
#         (http://HOST:HTTP_PORT/hls/KEY.m3u8, 1 s fragments, a 4 s playlist). A push edge (the
#         default) waits for the origin's push; with --pull the edge pulls a key from the origin when
#         a player asks for it, and the origin need not know the edge. nginx-rtmp only pulls for a
#         player of RTMP, so a pull edge has a key's HLS while someone plays that key over RTMP or
#         HTTP-FLV (distribution/flv/edge-flv.js --key KEY keeps one pulled for good).
# DIR gets nginx.conf, logs/ and (edge) hls/. LISTEN (default 0.0.0.0) is the address it listens on;
# RTMP_MODULE the nginx-rtmp module (Debian's libnginx-mod-rtmp by default).
# Run it with: nginx -p DIR/ -c DIR/nginx.conf -e DIR/logs/error.log
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
usage="usage: make-config.sh origin DIR RTMP_PORT HTTP_PORT [EDGE_HOST:PORT ...]
       make-config.sh edge DIR RTMP_PORT HTTP_PORT [--pull ORIGIN_HOST:PORT]"
die() { echo "make-config.sh: $1" >&2; echo "$usage" >&2; exit 2; }
[ $# -ge 4 ] || die "too few arguments"
role=$1; dir=$2; rtmp_port=$3; http_port=$4
shift 4
port_ok() { [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ]; }
hostport_ok() { [[ "$1" =~ ^[^[:space:]/\;]+:[0-9]+$ ]] && port_ok "${1##*:}"; }
port_ok "$rtmp_port" || die "RTMP_PORT is a port number, not '$rtmp_port'"
port_ok "$http_port" || die "HTTP_PORT is a port number, not '$http_port'"
listen=${LISTEN:-0.0.0.0}
module=${RTMP_MODULE:-/usr/lib/nginx/modules/ngx_rtmp_module.so}
relays=""
case "$role" in
  origin)
    template="$here/origin.conf.in"
    for edge in "$@"; do
      hostport_ok "$edge" || die "an edge is HOST:PORT, not '$edge'"
      relays+="            push rtmp://$edge/live;"$'\n'
    done ;;
  edge)
    template="$here/edge.conf.in"
    if [ $# -gt 0 ]; then
      [ "$1" = "--pull" ] && [ $# -eq 2 ] || die "an edge takes only --pull ORIGIN_HOST:PORT after its ports"
      hostport_ok "$2" || die "--pull takes the origin as HOST:PORT, not '$2'"
      # on demand: the first player of a key makes the edge pull it from the origin; while players
      # remain, a pull that drops (the origin restarting) is tried again each second
      relays+="            pull rtmp://$2/live;"$'\n'"            pull_reconnect 1s;"$'\n'
    fi ;;
  *) die "the role is origin or edge, not '$role'" ;;
esac
mkdir -p "$dir/logs"
[ "$role" = edge ] && mkdir -p "$dir/hls"
dir="$(cd "$dir" && pwd)"
# the relay lines are a block of their own (awk: sed cannot put newlines in a replacement portably)
awk -v dir="$dir" -v module="$module" -v listen="$listen" -v rtmp="$rtmp_port" -v http="$http_port" -v relays="$relays" '
  { gsub("@DIR@", dir); gsub("@RTMP_MODULE@", module); gsub("@LISTEN@", listen); gsub("@RTMP_PORT@", rtmp);
    gsub("@HTTP_PORT@", http) }
  /@RELAYS@/ { printf "%s", relays; next }
  { print }' "$template" > "$dir/nginx.conf"
echo "$dir/nginx.conf"
