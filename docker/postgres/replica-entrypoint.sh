#!/bin/bash
# The streaming replica (docker/compose.replicated.yml). On its first start — an empty volume, or a
# copy that never finished — it copies the primary with pg_basebackup -R (which writes standby.signal
# and primary_conninfo) through the replication slot it creates there; then, and on every later
# start, it runs the image's own entrypoint, which finds a database and starts PostgreSQL as a
# read-only hot standby that streams from the primary. PGPASSWORD (POSTGRES_REPLICATION_PASSWORD)
# serves pg_basebackup and, through libpq's environment, the standby's connection to the primary.
set -euo pipefail
: "${PGDATA:?}"
: "${PGPASSWORD:?set POSTGRES_REPLICATION_PASSWORD in docker/.env}"
primary="${POSTGRES_PRIMARY_HOST:-postgres}"
slot="${POSTGRES_REPLICATION_SLOT:-replica_1}"
copied="$PGDATA/.copied-from-primary" # written last: a copy without it is incomplete

if [ ! -f "$copied" ]; then
  echo "replica: copying the primary ($primary) with pg_basebackup -R, slot $slot"
  until pg_isready -q -h "$primary" -p 5432; do sleep 1; done
  # What an interrupted copy left: its files, and the slot it made on the primary (if nothing streams from it).
  find "$PGDATA" -mindepth 1 -delete
  psql -h "$primary" -U replicator -d postgres -v ON_ERROR_STOP=1 -qAt -c \
    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '$slot' AND NOT active" > /dev/null
  chown postgres:postgres "$PGDATA"
  gosu postgres pg_basebackup -h "$primary" -p 5432 -U replicator -D "$PGDATA" \
    -R -X stream --checkpoint=fast -S "$slot" -C --progress
  gosu postgres touch "$copied"
  echo "replica: copy complete"
fi

# "$@" is the command after this script: postgres and its settings.
exec docker-entrypoint.sh "$@"
