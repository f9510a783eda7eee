// Exact binomial and multinomial sampling from a uniform generator, so a bootstrap can resample n battles by drawing
// how many copies of each distinct battle kind it gets (one multinomial draw) instead of n uniform indices.

/** ln(k!) for k < 256, filled on first use. */
let smallLogFact: Float64Array | null = null;

/** ln(k!): a table below 256, Stirling's series (error below 1e-15 there) above. */
export function logFactorial(k: number): number {
  if (k < 256) {
    if (!smallLogFact) {
      smallLogFact = new Float64Array(256);
      for (let i = 2; i < 256; i++) smallLogFact[i] = smallLogFact[i - 1] + Math.log(i);
    }
    return smallLogFact[k];
  }
  const inv = 1 / k, inv2 = inv * inv;
  return (k + 0.5) * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI) + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}

/** Inversion (sequential search) for small n·p: exact, expected n·p + 1 uniforms. */
function binomialInversion(n: number, p: number, rand: () => number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  for (;;) {
    let r = Math.exp(n * Math.log1p(-p));
    let u = rand();
    let x = 0;
    while (u > r) {
      u -= r;
      x += 1;
      if (x > n) break;
      r *= a / x - s;
    }
    if (x <= n) return x;
  }
}

/**
 * Hörmann's BTRS (transformed rejection with squeeze, "The generation of binomial random variates", 1993) for
 * n·p ≥ 10 and p ≤ ½: exact, about 1.2 pairs of uniforms per draw whatever n is.
 */
function binomialBtrs(n: number, p: number, rand: () => number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const lpq = Math.log(p / q);
  const m = Math.floor((n + 1) * p);
  const h = logFactorial(m) + logFactorial(n - m);
  for (;;) {
    const u = rand() - 0.5;
    let v = rand();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    v = Math.log(v * alpha / (a / (us * us) + b));
    if (v <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
  }
}

/** One draw from Binomial(n, p), exact; rand returns uniforms in [0, 1). */
export function sampleBinomial(n: number, p: number, rand: () => number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - sampleBinomial(n, 1 - p, rand);
  return n * p < 10 ? binomialInversion(n, p, rand) : binomialBtrs(n, p, rand);
}

/**
 * Resamples n = Σ counts items with replacement and writes how many times each kind was drawn into `out`:
 * Multinomial(n, counts / n), drawn as a chain of conditional binomials (exactly the distribution of n uniform
 * index draws, in O(kinds) work instead of O(n)).
 */
export function sampleMultinomial(counts: ArrayLike<number>, rand: () => number, out: Float64Array): void {
  let left = 0;
  for (let i = 0; i < counts.length; i++) left += counts[i];
  let draws = left;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (draws === 0 || c === 0) { out[i] = 0; continue; }
    const x = c >= left ? draws : sampleBinomial(draws, c / left, rand);
    out[i] = x;
    draws -= x;
    left -= c;
  }
}
