# Run once by the postgres image's entrypoint on an empty data folder (/docker-entrypoint-initdb.d),
# as its superuser: the nodes' role `livecommerce` is created here without superuser, role or
# database creation rights, and owns only the livecommerce database (where EF Core's migrations
# create the tables). Used by infra/compose.yaml and infra/k8s/postgres.yaml (as a ConfigMap there:
# keep the two copies the same). LC_POSTGRES_PASSWORD is the password the nodes' connection string carries.
psql -v ON_ERROR_STOP=1 -v pw="$LC_POSTGRES_PASSWORD" --username "$POSTGRES_USER" --dbname postgres <<'SQL'
CREATE ROLE livecommerce LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'pw';
CREATE DATABASE livecommerce OWNER livecommerce;
REVOKE ALL ON DATABASE livecommerce FROM PUBLIC;
SQL
