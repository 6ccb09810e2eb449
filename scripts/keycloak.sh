#!/usr/bin/env bash
# Starts a development Keycloak with the hotfire realm (keycloak/hotfire-realm.json) on
# http://127.0.0.1:8180, for running the server with HOTFIRE_AUTH_MODE=oidc.
#
#   scripts/keycloak.sh            start (fetches the Keycloak distribution on first use)
#   scripts/keycloak.sh --fresh    forget the realm's state and import the realm file again
#
# The distribution (org.keycloak:keycloak-quarkus-dist, a zip on Maven Central) is fetched with the
# project's Maven wrapper into target/keycloak/ at the repository root; nothing is committed. The
# realm is imported on the first start only: Keycloak skips the import while the realm exists, so
# after editing the realm file start with --fresh.
#
# Environment: HOTFIRE_KEYCLOAK_PORT (8180), HOTFIRE_KEYCLOAK_VERSION (26.7.3),
# HOTFIRE_KEYCLOAK_HOME (where the distribution is unpacked).
# The master realm's administrator is admin/admin (development only) at http://127.0.0.1:8180/admin.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${HOTFIRE_KEYCLOAK_VERSION:-26.7.3}"
home="${HOTFIRE_KEYCLOAK_HOME:-$root/target/keycloak/keycloak-$version}"
port="${HOTFIRE_KEYCLOAK_PORT:-8180}"

fresh=0
for arg in "$@"; do
  case "$arg" in
    --fresh) fresh=1 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "keycloak.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

if [ ! -x "$home/bin/kc.sh" ]; then
  echo "keycloak.sh: fetching org.keycloak:keycloak-quarkus-dist:$version from Maven Central (about 180 MB, once) ..." >&2
  mkdir -p "$(dirname "$home")"
  (cd "$root" && ./mvnw -q -B -N dependency:unpack \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" \
      -DoutputDirectory="$(dirname "$home")" >&2)
fi

if [ "$fresh" = 1 ]; then
  rm -rf "$home/data"
fi
mkdir -p "$home/data/import" "$home/data/tmp"
cp "$root/keycloak/hotfire-realm.json" "$home/data/import/hotfire-realm.json"

# Keycloak writes its temporary and Vert.x cache files under java.io.tmpdir unless told otherwise.
export JAVA_OPTS_APPEND="${JAVA_OPTS_APPEND:-} -Djava.io.tmpdir=$home/data/tmp -Dvertx.cacheDirBase=$home/data/tmp/vertx-cache"
export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
echo "keycloak.sh: realm hotfire at http://127.0.0.1:$port/realms/hotfire (first start takes about a minute)" >&2
exec "$home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$port" --import-realm
