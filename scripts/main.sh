#!/usr/bin/env bash
# The main job (`npm run main`): install, build, and lint the bundled examples, printing the findings.
# Findings in the examples are expected (some examples show the forum thread's mistakes on purpose), so
# exit code 1 from `rsc lint` is reported, not treated as a failure; anything else failing is.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
npm run build
echo
echo "== rsc lint examples/*.rsc"
set +e
node bin/rsc.js lint examples/*.rsc
code=$?
set -e
case $code in
  0) echo "rsc lint: no errors in the examples" ;;
  1) echo "rsc lint: the examples contain error-severity findings (shown above)" ;;
  *) echo "rsc lint failed with exit code $code" >&2; exit "$code" ;;
esac
