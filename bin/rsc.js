#!/usr/bin/env node
// Entry of the `rsc` command: the real code is bundled into dist/cli.js by esbuild.mjs.
require('../dist/cli.js').main();
