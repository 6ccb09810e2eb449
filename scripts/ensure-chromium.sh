#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium (and chromedriver) when /usr/bin/chromium is missing.
# Called by the app module's test setup (exec-maven-plugin, phase process-test-classes) so that a
# fresh clone's `./mvnw -B verify` has a browser for the console tests. Runs apt-get as root, or
# through sudo (non-interactive) when not root; if neither works the build stops here with this
# message. Set HOTFIRE_SKIP_CHROMIUM_INSTALL=1 to skip the install (the browser tests then skip with
# an assumption message naming the missing binary).
set -euo pipefail
BIN="${HOTFIRE_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$BIN" ]; then
  echo "ensure-chromium: $BIN present ($("$BIN" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
if [ "${HOTFIRE_SKIP_CHROMIUM_INSTALL:-0}" = "1" ]; then
  echo "ensure-chromium: $BIN missing and HOTFIRE_SKIP_CHROMIUM_INSTALL=1; browser tests will skip"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "ensure-chromium: $BIN is missing, and without root or sudo it cannot be installed: run" >&2
    echo "  apt-get install chromium chromium-driver   (or set HOTFIRE_SKIP_CHROMIUM_INSTALL=1 to skip the browser tests)" >&2
    exit 1
  fi
fi
echo "ensure-chromium: installing chromium chromium-driver from Debian"
export DEBIAN_FRONTEND=noninteractive
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q || true
if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core; then
  echo "ensure-chromium: apt-get could not install chromium; install it yourself or set HOTFIRE_SKIP_CHROMIUM_INSTALL=1" >&2
  exit 1
fi
"$BIN" --version 2>/dev/null
