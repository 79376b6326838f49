#!/usr/bin/env node
// Entry of the `rsc` command: the real code is bundled into dist/cli.js by esbuild.mjs. Compiling that
// bundle is the largest part of a short run's start-up (`rsc lint` on a one-line file), so it is
// compiled with a code cache: Node's own where it has one (`module.enableCompileCache`, 22.1 and later),
// else V8's code cache through `vm.Script` (loadWithCodeCache below). NODE_DISABLE_COMPILE_CACHE turns
// both off, as it does for Node's own.
'use strict';
const { enableCompileCache } = require('node:module');

const noCache = Boolean(process.env.NODE_DISABLE_COMPILE_CACHE);
if (typeof enableCompileCache === 'function' && !noCache) {
  try {
    enableCompileCache();
  } catch {
    // No usable cache folder: start without it.
  }
}
const cli = typeof enableCompileCache === 'function' || noCache ? undefined : loadWithCodeCache();
(cli ?? require('../dist/cli.js')).main();

/**
 * dist/cli.js evaluated as `require` would, compiled with V8's code cache: the cache is read from a
 * folder of this user's own in the temporary directory, and written (once, at exit) when there was none
 * or V8 rejected it (another bundle, Node or V8 flags). It is made after the run, so it holds the
 * functions this run compiled, not only the top level. The V8 flags the CLI sets for itself (V8_FLAGS,
 * cli/v8-tuning.ts) are part of what V8 checks, so they are saved with the cache and set before compiling.
 * Undefined (and the caller requires the bundle) when anything about the cache is not as expected.
 */
function loadWithCodeCache() {
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');
  const vm = require('node:vm');
  const Module = require('node:module');
  const crypto = require('node:crypto');
  try {
    const file = path.join(__dirname, '..', 'dist', 'cli.js');
    const dir = ownCacheFolder(
      fs,
      path.join(os.tmpdir(), `rsc-compile-cache-${process.getuid?.() ?? 'user'}`),
    );
    if (!dir) return undefined;
    const source = fs.readFileSync(file, 'utf8');
    const st = fs.statSync(file);
    const key = crypto
      .createHash('sha256')
      .update([process.version, process.arch, file, st.size, st.mtimeMs].join('\0'))
      .digest('hex')
      .slice(0, 32);
    const cacheFile = path.join(dir, `${key}.cache`);
    let cachedData;
    try {
      const saved = fs.readFileSync(cacheFile);
      // Layout: 4-byte length of a JSON header { flags }, the header, V8's cache data.
      const headerLength = saved.readUInt32LE(0);
      const header = JSON.parse(saved.subarray(4, 4 + headerLength).toString('utf8'));
      if (Array.isArray(header.flags) && header.flags.every((f) => typeof f === 'string')) {
        const v8 = require('node:v8');
        for (const flag of header.flags) v8.setFlagsFromString(flag);
        cachedData = saved.subarray(4 + headerLength);
      }
    } catch {
      // No cache yet, or not readable: compile without it (and write one at exit).
    }
    // The bundle has no real `import()` (esbuild turns ours into require), which a vm.Script would need
    // an experimental option for; test/compile-cache.test.ts checks the built bundle for one.
    const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
    const mod = new Module(file, module);
    mod.filename = file;
    mod.paths = Module._nodeModulePaths(path.dirname(file));
    script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
    mod.loaded = true;
    if (!cachedData || script.cachedDataRejected) {
      process.once('exit', () => {
        try {
          const flags = Array.isArray(mod.exports.V8_FLAGS) ? mod.exports.V8_FLAGS : [];
          const header = Buffer.from(JSON.stringify({ flags }), 'utf8');
          const length = Buffer.alloc(4);
          length.writeUInt32LE(header.length, 0);
          const tmp = `${cacheFile}.${process.pid}.tmp`;
          fs.writeFileSync(tmp, Buffer.concat([length, header, script.createCachedData()]), { mode: 0o600 });
          fs.renameSync(tmp, cacheFile);
          // Caches of other bundles (earlier builds) that no start has written for a week go.
          const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
          for (const name of fs.readdirSync(dir)) {
            const other = path.join(dir, name);
            if (other !== cacheFile && name.endsWith('.cache') && fs.statSync(other).mtimeMs < weekAgo)
              fs.rmSync(other, { force: true });
          }
        } catch {
          // A cache that cannot be written only costs the next start its compile time.
        }
      });
    }
    return mod.exports;
  } catch {
    return undefined;
  }
}

/** `dir`, made if missing, when it is a real folder only this user can read and write; else undefined. */
function ownCacheFolder(fs, dir) {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    if (!st.isDirectory() || st.isSymbolicLink()) return undefined;
    if (typeof process.getuid === 'function' && (st.uid !== process.getuid() || (st.mode & 0o077) !== 0))
      return undefined;
    return dir;
  } catch {
    return undefined;
  }
}
