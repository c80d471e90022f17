/** Small statistics helpers for the benchmarks. */

function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new Error('no samples');
  return [...values].sort((a, b) => a - b);
}

/** The p-th percentile (0–100), linearly interpolated between the nearest ranks. */
export function percentile(values: readonly number[], p: number): number {
  const s = sorted(values);
  const rank = (p / 100) * (s.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = s[low] ?? 0;
  const b = s[high] ?? a;
  return a + (b - a) * (rank - low);
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Rounded to `digits` decimals, for results.json. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Median, p95, min and max, rounded: the summary kept in results.json for a sample. */
export function summary(values: readonly number[], digits = 2) {
  return {
    n: values.length,
    median: round(median(values), digits),
    p95: round(percentile(values, 95), digits),
    min: round(Math.min(...values), digits),
    max: round(Math.max(...values), digits),
  };
}

/**
 * Runs `a` and `b` alternately `runs` times each (swapping which goes first every round, so
 * neither always runs warm or cold), after `warmup` unrecorded rounds. Returns both samples.
 */
export async function interleave<A, B>(
  runs: number,
  warmup: number,
  a: () => Promise<A>,
  b: () => Promise<B>,
): Promise<{ a: A[]; b: B[] }> {
  const samples = { a: [] as A[], b: [] as B[] };
  for (let round = 0; round < warmup + runs; round += 1) {
    const aFirst = round % 2 === 0;
    const first = aFirst ? await a() : await b();
    const second = aFirst ? await b() : await a();
    if (round < warmup) continue;
    samples.a.push((aFirst ? first : second) as A);
    samples.b.push((aFirst ? second : first) as B);
  }
  return samples;
}
