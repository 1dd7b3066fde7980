#!/bin/sh
# A Redis Sentinel (docker/compose.replicated.yml): three watch the primary under REDIS_SENTINEL_NAME
# and, when two agree it is down (quorum 2) for 5 s, promote the replica. The configuration lives in
# the sentinel's own volume because a sentinel rewrites it as it learns (the current primary, the
# other sentinels); it is written on the first start only.
#   SENTINEL_HOST         the name other containers reach this sentinel by (its compose service name)
#   REDIS_SENTINEL_NAME   the monitored name (default mymaster); the apps ask for the same name
set -eu
: "${SENTINEL_HOST:?}"
name="${REDIS_SENTINEL_NAME:-mymaster}"
conf=/data/sentinel.conf
if [ ! -f "$conf" ]; then
  cat > "$conf" <<CONF
port 26379
dir /data
protected-mode no
# Names, not addresses: a container's address changes when it is recreated.
sentinel resolve-hostnames yes
sentinel announce-hostnames yes
sentinel announce-ip $SENTINEL_HOST
sentinel monitor $name redis 6379 2
sentinel down-after-milliseconds $name 5000
sentinel failover-timeout $name 60000
sentinel parallel-syncs $name 1
CONF
fi
exec docker-entrypoint.sh redis-server "$conf" --sentinel
