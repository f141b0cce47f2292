import type { DebianRecipe } from './debian.js';

/*
 * The images the local cluster's real nodes run, each made of Debian packages (the host's suite)
 * plus a few files of Quai's. They run as non-root users with read-only root filesystems under
 * the restricted Pod Security Standard: anything they write goes to /tmp or to a volume. Their
 * commands take the environment variables of the images people already use (POSTGRES_PASSWORD,
 * MARIADB_ROOT_PASSWORD, ...), so the compose files Quai converts run unchanged.
 */

const NGINX_CONF = `# Non-root nginx for a read-only root filesystem: port 8080, everything written under /tmp.
worker_processes 1;
pid /tmp/nginx.pid;
error_log stderr warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log /dev/stdout;
  client_body_temp_path /tmp/nginx-body;
  proxy_temp_path /tmp/nginx-proxy;
  fastcgi_temp_path /tmp/nginx-fastcgi;
  uwsgi_temp_path /tmp/nginx-uwsgi;
  scgi_temp_path /tmp/nginx-scgi;
  server {
    listen 8080;
    root /usr/share/nginx/html;
    location / { index index.html; }
  }
}
`;

const POSTGRES_START = `#!/bin/sh
# Starts PostgreSQL 15; on first start, initialises PGDATA from POSTGRES_PASSWORD, POSTGRES_USER
# and POSTGRES_DB (the names of the images people already use). PGDATA is a subfolder of the
# volume, so that initdb owns it whatever the volume's owner.
set -eu
# A uid that /etc/passwd lacks (Kubernetes' runAsUser): initdb and mariadbd need a name for it.
if ! id -un >/dev/null 2>&1; then
  cp /etc/passwd /tmp/passwd && cp /etc/group /tmp/group
  echo "runner:x:$(id -u):$(id -g):runner:/tmp:/bin/sh" >> /tmp/passwd
  grep -q ":$(id -g):" /tmp/group || echo "runner:x:$(id -g):" >> /tmp/group
  export NSS_WRAPPER_PASSWD=/tmp/passwd NSS_WRAPPER_GROUP=/tmp/group LD_PRELOAD=libnss_wrapper.so
fi
export PGDATA="\${PGDATA:-/var/lib/postgresql/data/pgdata}"
bin=/usr/lib/postgresql/15/bin
user="\${POSTGRES_USER:-postgres}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "\${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set on first start}"
  pw=$(mktemp)
  printf '%s' "$POSTGRES_PASSWORD" > "$pw"
  "$bin/initdb" -D "$PGDATA" -U "$user" --pwfile="$pw" -E UTF8 --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pw"
  echo "host all all 0.0.0.0/0 scram-sha-256" >> "$PGDATA/pg_hba.conf"
  if [ -n "\${POSTGRES_DB:-}" ] && [ "$POSTGRES_DB" != postgres ]; then
    echo "CREATE DATABASE \\"$POSTGRES_DB\\" OWNER \\"$user\\";" | "$bin/postgres" --single -D "$PGDATA" -j postgres >/dev/null
  fi
  echo "postgres-start: initialised $PGDATA"
fi
# The kubelet gives a volume with an fsGroup to that group on each mount (g+rwx, setgid):
# PostgreSQL refuses such a data folder, so it is made private again (as the official image does).
chmod 0700 "$PGDATA" 2>/dev/null || :
exec "$bin/postgres" -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/tmp
`;

const MARIADB_START = `#!/bin/sh
# Starts MariaDB; on first start, creates the data folder; on every start, makes sure that the
# root password, database and user named by MARIADB_* (or MYSQL_*) exist.
set -eu
# A uid that /etc/passwd lacks (Kubernetes' runAsUser): initdb and mariadbd need a name for it.
if ! id -un >/dev/null 2>&1; then
  cp /etc/passwd /tmp/passwd && cp /etc/group /tmp/group
  echo "runner:x:$(id -u):$(id -g):runner:/tmp:/bin/sh" >> /tmp/passwd
  grep -q ":$(id -g):" /tmp/group || echo "runner:x:$(id -g):" >> /tmp/group
  export NSS_WRAPPER_PASSWD=/tmp/passwd NSS_WRAPPER_GROUP=/tmp/group LD_PRELOAD=libnss_wrapper.so
fi
datadir="\${MARIADB_DATADIR:-/var/lib/mysql/data}"
root_pw="\${MARIADB_ROOT_PASSWORD:-\${MYSQL_ROOT_PASSWORD:-}}"
db="\${MARIADB_DATABASE:-\${MYSQL_DATABASE:-}}"
user="\${MARIADB_USER:-\${MYSQL_USER:-}}"
pw="\${MARIADB_PASSWORD:-\${MYSQL_PASSWORD:-}}"
sq() { printf '%s' "$1" | sed "s/'/''/g"; }
if [ ! -d "$datadir/mysql" ]; then
  : "\${root_pw:?MARIADB_ROOT_PASSWORD must be set on first start}"
  mkdir -p "$datadir"
  mariadb-install-db --datadir="$datadir" --auth-root-authentication-method=normal --skip-test-db >/dev/null
  echo "mariadb-start: initialised $datadir"
fi
init=/tmp/mariadb-init.sql
{
  if [ -n "$root_pw" ]; then
    echo "CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY '$(sq "$root_pw")';"
    echo "ALTER USER 'root'@'%' IDENTIFIED BY '$(sq "$root_pw")';"
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$(sq "$root_pw")';"
    echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
  fi
  if [ -n "$db" ]; then echo "CREATE DATABASE IF NOT EXISTS \\\`$db\\\`;"; fi
  if [ -n "$user" ]; then
    echo "CREATE USER IF NOT EXISTS '$(sq "$user")'@'%' IDENTIFIED BY '$(sq "$pw")';"
    if [ -n "$db" ]; then echo "GRANT ALL ON \\\`$db\\\`.* TO '$(sq "$user")'@'%';"; fi
  fi
} > "$init"
exec mariadbd --datadir="$datadir" --socket=/tmp/mysqld.sock --pid-file=/tmp/mysqld.pid \\
  --bind-address=0.0.0.0 --port=3306 --skip-name-resolve --init-file="$init"
`;

const WEBAPP = `"""A small real web app for the demo: counts its visits in PostgreSQL.

GET / records a visit and answers how many there were; GET /healthz answers once the database
does. Settings come from DB_HOST, DB_NAME, DB_USER and DB_PASSWORD.
"""
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import psycopg2


def connect():
    return psycopg2.connect(
        host=os.environ.get("DB_HOST", "db"),
        dbname=os.environ.get("DB_NAME", "app"),
        user=os.environ.get("DB_USER", "app"),
        password=os.environ["DB_PASSWORD"],
        connect_timeout=3,
    )


class Handler(BaseHTTPRequestHandler):
    def answer(self, code, text):
        body = text.encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        try:
            with connect() as conn, conn.cursor() as cur:
                if self.path == "/healthz":
                    cur.execute("SELECT 1")
                    return self.answer(200, "ok\\n")
                cur.execute("CREATE TABLE IF NOT EXISTS visits (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())")
                cur.execute("INSERT INTO visits DEFAULT VALUES")
                cur.execute("SELECT count(*), version() FROM visits")
                count, version = cur.fetchone()
                host = os.uname().nodename
                self.answer(200, f"Hello from {host}: {count} visits, stored in {version.split(',')[0]}\\n")
        except psycopg2.Error as error:
            self.answer(503, f"database not ready: {error}\\n")

    def log_message(self, fmt, *args):
        print(fmt % args, flush=True)


ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
`;

/** A non-root user 10001 (the essential variant has no useradd). */
const ADD_APP_USER =
  'echo "app:x:10001:10001:app:/tmp:/usr/sbin/nologin" >> /etc/passwd && echo "app:x:10001:" >> /etc/group';

/** The small Debian base: essential packages and CA certificates, a non-root user. */
export const BASE: DebianRecipe = {
  repository: 'quai/debian',
  packages: ['ca-certificates'],
  commands: [ADD_APP_USER],
  user: 'app',
  config: { cmd: ['sh'], env: ['HOME=/tmp'] },
};

export const NGINX: DebianRecipe = {
  repository: 'quai/nginx',
  packages: ['nginx-light'],
  files: [{ path: 'etc/nginx/nginx.conf', content: NGINX_CONF }],
  commands: ['rm -f /etc/nginx/sites-enabled/default'],
  user: 'www-data',
  config: { cmd: ['nginx', '-g', 'daemon off;'], exposedPorts: ['8080/tcp'], stopSignal: 'SIGQUIT' },
};

export const POSTGRES: DebianRecipe = {
  repository: 'quai/postgres',
  packages: ['postgresql-15', 'libnss-wrapper'],
  files: [{ path: 'usr/local/bin/postgres-start', content: POSTGRES_START, mode: 0o755 }],
  commands: ['mkdir -p /var/lib/postgresql/data', 'chown postgres:postgres /var/lib/postgresql/data'],
  user: 'postgres',
  config: {
    cmd: ['postgres-start'],
    env: [
      'PGDATA=/var/lib/postgresql/data/pgdata',
      'PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ],
    exposedPorts: ['5432/tcp'],
    stopSignal: 'SIGINT',
  },
};

export const MARIADB: DebianRecipe = {
  repository: 'quai/mariadb',
  packages: ['mariadb-server', 'libnss-wrapper'],
  files: [{ path: 'usr/local/bin/mariadb-start', content: MARIADB_START, mode: 0o755 }],
  commands: ['mkdir -p /var/lib/mysql/data', 'chown -R mysql:mysql /var/lib/mysql'],
  user: 'mysql',
  config: { cmd: ['mariadb-start'], exposedPorts: ['3306/tcp'] },
};

export const WEBAPP_RECIPE: DebianRecipe = {
  repository: 'quai/visits',
  packages: ['python3-psycopg2'],
  files: [{ path: 'srv/visits/app.py', content: WEBAPP }],
  commands: [ADD_APP_USER],
  user: 'app',
  config: { cmd: ['python3', '/srv/visits/app.py'], exposedPorts: ['8080/tcp'], env: ['PYTHONUNBUFFERED=1'] },
};

/**
 * restic alone, with restic as its entrypoint (as restic's own image): the mover of Quai's
 * volume backups and database dumps.
 */
export const RESTIC: DebianRecipe = {
  repository: 'quai/restic',
  packages: ['restic', 'ca-certificates'],
  config: { entrypoint: ['/usr/bin/restic'], env: ['HOME=/tmp'] },
};

/** Every standard image by its short name (`quai dev image build NAME`). */
export const RECIPES = {
  debian: BASE,
  nginx: NGINX,
  postgres: POSTGRES,
  mariadb: MARIADB,
  visits: WEBAPP_RECIPE,
  restic: RESTIC,
} as const;

export type StandardImage = keyof typeof RECIPES | 'quai';
