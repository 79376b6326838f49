// Child process of the benchmark: time to decode the command tree and build its lookups in a fresh
// process (module evaluation included), as the server pays it on the first request that needs it.
const t0 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const schema = require('../server/src/schema') as typeof import('../server/src/schema');
schema.loadSchema();
schema.getArg(['ip', 'firewall', 'mangle'], 'add', 'action');
process.stdout.write(String(performance.now() - t0));
