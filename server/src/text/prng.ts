// A small seeded PRNG (mulberry32): the same seed gives the same sequence on every machine. The recipe's
// NAck measurement spreads its test payloads with it; the fuzz and invariant tests and the benchmark
// inputs use it through test/prng.ts, so a failure or a figure is reproducible from its seed.

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
