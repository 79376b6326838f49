#!/usr/bin/env node
// Entry of the `rsc` command: the real code is bundled into dist/cli.js by esbuild.mjs. Where Node has a
// compile cache (22.1 and later), it is turned on first, so later starts skip compiling the bundle.
// (Node 20 has none; there the start-up is kept small by loading each subcommand on first use.)
const { enableCompileCache } = require('node:module');
if (typeof enableCompileCache === 'function' && !process.env.NODE_DISABLE_COMPILE_CACHE) {
  try {
    enableCompileCache();
  } catch {
    // No usable cache folder: start without it.
  }
}
require('../dist/cli.js').main();
