#!/usr/bin/env bash
# Debian bookworm packages for the lab, the browser tier and the directory tests. Services the
# packages would start on install (slapd, kamailio) are held back: the tests start their own,
# inside a loopback-only namespace.
set -euo pipefail
PACKAGES=(
  kamailio kamailio-websocket-modules kamailio-presence-modules kamailio-sqlite-modules kamailio-extra-modules
  rtpengine-daemon sip-tester chromium slapd ldap-utils sqlite3 iproute2 xvfb xauth
  postgresql  # the shared team store (issue 13): tests and the lab start their own server
  faketime  # the switchboard-hours tests run the lab's Kamailio at 18:00 / on midsommarafton
)
missing=()
for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then echo "all ${#PACKAGES[@]} packages present"; exit 0; fi
echo "installing: ${missing[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
# policy-rc.d exit 101 keeps package scripts from starting daemons outside our namespace
hold_services=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null; $SUDO chmod +x /usr/sbin/policy-rc.d; hold_services=1
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
[ "$hold_services" = 1 ] && $SUDO rm -f /usr/sbin/policy-rc.d
# stop anything that started anyway
for d in kamailio slapd rtpengine; do $SUDO pkill -x "$d" 2>/dev/null || true; done
