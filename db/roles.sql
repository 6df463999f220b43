-- The two accounts of a deployment: the owner of the schema, which Flyway migrates with
-- (FLYWAY_USER), and the runtime account the service works with (DB_USER), which may read and
-- write rows but not change the schema. Run once, by a superuser, connected to the service's
-- database, with psql (docker-compose.yml runs it through db/postgres-init.sh):
--
--   psql -v ON_ERROR_STOP=1 -d prequal -v database=prequal \
--        -v owner=prequal_owner -v owner_password=... -v runtime=prequal -v runtime_password=... \
--        -f db/roles.sql
--
-- Only psql variables (:"name" for names, :'name' for values), no other psql commands, so the
-- tests can run it as it is (harness.DatabaseAccounts).

CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"runtime" LOGIN PASSWORD :'runtime_password';

-- The owner owns the database and its public schema, so the migrations can create what they need.
-- Nobody else may connect or create anything; the runtime account may connect and use the schema.
ALTER DATABASE :"database" OWNER TO :"owner";
ALTER SCHEMA public OWNER TO :"owner";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT CONNECT ON DATABASE :"database" TO :"runtime";
GRANT USAGE ON SCHEMA public TO :"runtime";

-- Rows only, on every table and sequence the owner creates from now on (each later migration
-- included) and on any it created already.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"runtime";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO :"runtime";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"runtime";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"runtime";
