// The seeded PRNG of the fuzz tests, invariant tests and benchmark inputs: the product's own
// (server/src/text/prng.ts), so a failure or a figure is reproducible from its seed.
export { prng } from '../server/src/text/prng';
