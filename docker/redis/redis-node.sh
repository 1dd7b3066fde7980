#!/bin/sh
# A Redis node of the replicated stack (docker/compose.replicated.yml), run from /data/redis.conf in
# its own volume. The file is written on the first start only: afterwards the sentinels own the
# node's role and record it there (CONFIG REWRITE on a failover), so a restarted node keeps the role
# it had (a former primary that restarts is turned into a replica by the sentinels).
#   REDIS_NODE_HOST   the name other containers reach this node by (its compose service name)
#   REDIS_REPLICA_OF  for the replica: the primary's name at first start
set -eu
: "${REDIS_NODE_HOST:?}"
replica_of="${REDIS_REPLICA_OF:-}"
conf=/data/redis.conf
if [ ! -f "$conf" ]; then
  {
    echo 'port 6379'
    echo 'dir /data'
    echo 'protected-mode no'
    # BullMQ needs noeviction: evicted keys would silently lose jobs.
    echo 'appendonly yes'
    echo 'maxmemory-policy noeviction'
    # Announced by name: a container's address changes when it is recreated.
    echo "replica-announce-ip $REDIS_NODE_HOST"
    if [ -n "$replica_of" ]; then echo "replicaof $replica_of 6379"; fi
  } > "$conf"
fi
exec docker-entrypoint.sh redis-server "$conf"
