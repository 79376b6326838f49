// Public face of the recipe generators: typed options in, script text out. Pure (no I/O), so the CLI,
// the language server and the VS Code client (bundled) all call the same functions.
export * from './addresses';
export * from './qos/nack-pattern';
export * from './qos/nack-check';
export * from './qos/skype-nack';
export * from './qos/placement';
