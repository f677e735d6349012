#!/bin/sh
# One-shot (admin-tools image): Temporal's persistence and visibility databases on temporal-postgresql.
# Safe to run again: existing databases are kept and update-schema only applies what is missing.
set -eu
: "${TEMPORAL_DB_HOST:?}" "${TEMPORAL_DB_USER:?}" "${SQL_PASSWORD:?}"
tool() { temporal-sql-tool --plugin postgres12 --ep "$TEMPORAL_DB_HOST" -p 5432 -u "$TEMPORAL_DB_USER" "$@"; }

for db in temporal temporal_visibility; do
  tool --db "$db" create || echo "database $db exists"
done
tool --db temporal setup-schema -v 0.0 || echo "temporal schema already initialised"
tool --db temporal update-schema -d /etc/temporal/schema/postgresql/v12/temporal/versioned
tool --db temporal_visibility setup-schema -v 0.0 || echo "visibility schema already initialised"
tool --db temporal_visibility update-schema -d /etc/temporal/schema/postgresql/v12/visibility/versioned
echo "Temporal schemas are up to date"
