#!/bin/bash
# The PostgreSQL primary's part in streaming replication (docker/compose.replicated.yml): a role that
# may replicate, with POSTGRES_REPLICATION_PASSWORD, and the pg_hba.conf line that lets it connect
# over the network. The postgres image runs this once, when it initialises an empty volume
# (/docker-entrypoint-initdb.d); on a volume made earlier (a single-node stack turned replicated) run
# it by hand — it changes nothing that is already so, and reloads the configuration:
#   docker compose -f docker/compose.yml -f docker/compose.replicated.yml exec -u postgres postgres \
#     bash /docker-entrypoint-initdb.d/20-replication.sh
# The replication slot is made by the replica when it copies the primary (replica-entrypoint.sh).
set -euo pipefail
: "${POSTGRES_REPLICATION_PASSWORD:?set POSTGRES_REPLICATION_PASSWORD in docker/.env}"
: "${PGDATA:?}"

psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  --set=password="$POSTGRES_REPLICATION_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE replicator WITH REPLICATION LOGIN'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'replicator') \gexec
-- The password follows docker/.env each time this runs.
SELECT format('ALTER ROLE replicator WITH REPLICATION LOGIN PASSWORD %L', :'password') \gexec
SQL

# "all" in pg_hba.conf does not cover replication connections: they need their own line.
line='host replication replicator all scram-sha-256'
grep -qxF "$line" "$PGDATA/pg_hba.conf" || printf '%s\n' "$line" >> "$PGDATA/pg_hba.conf"
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres -c 'SELECT pg_reload_conf()' > /dev/null
echo "replication: role replicator and its pg_hba.conf line are in place"
