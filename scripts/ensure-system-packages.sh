#!/usr/bin/env bash
# Checks for the Debian packages IRIS needs on this machine and installs the missing ones
# when run as root; otherwise prints the exact command and exits non-zero.
#   redis-server  the one datastore (tests, demo)
#   prometheus    promtool for the rule tests, and a real Prometheus for the scrape test
#   chromium      headless browser for the screen tests
set -euo pipefail

declare -A binary_of=([redis-server]=redis-server [prometheus]=promtool [chromium]=chromium)
missing=()
for package in redis-server prometheus chromium; do
  command -v "${binary_of[$package]}" >/dev/null 2>&1 || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "IRIS needs these Debian packages, which are missing: ${missing[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "IRIS: installing missing Debian packages with apt-get: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The Debian packages start system services we do not use: IRIS starts its own private
# redis-server and Prometheus on free ports. Stop them so they do not hold 6379/9090.
for service in redis-server prometheus; do
  if command -v systemctl >/dev/null 2>&1; then systemctl stop "$service" >/dev/null 2>&1 || true; fi
  if command -v service >/dev/null 2>&1; then service "$service" stop >/dev/null 2>&1 || true; fi
done
echo "IRIS: installed ${missing[*]}"
