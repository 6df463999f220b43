#!/bin/sh
# Run once by the postgres image, on an empty volume (/docker-entrypoint-initdb.d), as its
# superuser: creates the owner Flyway migrates with and the service's runtime account from the
# same variables the service containers get (docker-compose.yml).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v database="$POSTGRES_DB" \
  -v owner="$FLYWAY_USER" -v owner_password="$FLYWAY_PASSWORD" \
  -v runtime="$DB_USER" -v runtime_password="$DB_PASSWORD" \
  -f /prequal/roles.sql
