#!/usr/bin/env bash
# Makes sure Debian's chromium is installed, for the HTML report's browser test
# (test/report-browser.test.ts drives it with playwright-core, which downloads no browser).
# Installs the package as root when it is missing; otherwise says in one line why it cannot,
# and the browser test then shows as skipped. Never fails the run: the other tests do not need it.
set -uo pipefail
find_chromium() { command -v chromium || command -v chromium-browser; }
if path=$(find_chromium); then
  echo "ensure-chromium: using $path"
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "ensure-chromium: chromium is not installed and this is not root, so it cannot be installed; the browser test will be skipped (install it with: sudo apt-get install chromium)"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "ensure-chromium: chromium is not installed and there is no apt-get here; the browser test will be skipped"
  exit 0
fi
echo "ensure-chromium: installing Debian's chromium package"
log=$(mktemp)
# Bounded: a machine without a reachable package mirror must not hold the test run for long.
if DEBIAN_FRONTEND=noninteractive timeout 120 apt-get update -qq -o Acquire::http::Timeout=15 >"$log" 2>&1 &&
  DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq --no-install-recommends chromium >>"$log" 2>&1 &&
  path=$(find_chromium); then
  echo "ensure-chromium: installed $path"
else
  echo "ensure-chromium: apt-get could not install chromium ($(tail -n 1 "$log")); the browser test will be skipped"
fi
rm -f "$log"
exit 0
