// The fault suite's seeded PRNG: xorshift32 (Marsaglia 2003), small enough to own. Every case gets
// its own seed derived from the run seed and its index, so one case replays alone:
// VAXEL_FAULT_SEED=<printed seed> runs only the case with that seed.
export type Rng = () => number;

export function xorshift32(seed: number): Rng {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

/** An integer in [lo, hi]. */
export const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

/** The seed of case `index` in a run seeded `runSeed` (a hash, so neighbouring cases differ). */
export function caseSeed(runSeed: number, index: number): number {
  let h = (runSeed ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** The run seed: VAXEL_FAULT_RUN_SEED, else fixed (the suite is reproducible by default). */
export const runSeed = (): number => Number(process.env.VAXEL_FAULT_RUN_SEED ?? 0x5eed1707) >>> 0;

/** VAXEL_FAULT_SEED: replay only the case with this seed. */
export const replaySeed = (): number | null => (process.env.VAXEL_FAULT_SEED ? Number(process.env.VAXEL_FAULT_SEED) >>> 0 : null);
