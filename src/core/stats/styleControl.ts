// Bradley–Terry with style covariates ("style control", as Chatbot Arena): the logit of a's win is
// θ_a − θ_b + Σ β_f·x_f, where x_f is the normalized difference (a_f − b_f) / (a_f + b_f + 1) of style feature f,
// standardized over the battles (FastChat's construct_style_matrices). θ then scores substance with style held
// equal. Intervals come from the Fisher information (inverse Hessian of the penalized log-likelihood).
import { BT_OFFSET, BT_SCALE } from './bradleyTerry';
import { STYLE_FEATURES, type StyleFeature, type StyleVector } from './styleFeatures';
import { Z95 } from './wilson';

/** A decided battle with both drafts' style features; y is a's score (1, ½, 0). */
export interface StyledBattle { a: string; b: string; y: number; fa: StyleVector; fb: StyleVector }

/** One model's raw and style-controlled scores (Elo-like scale) with Fisher-information 95 % bounds. */
export interface StyleControlEntry { model: string; battles: number; raw: { score: number; lo: number; hi: number }; controlled: { score: number; lo: number; hi: number } }

/** One covariate's coefficient: logit change per standard deviation of its normalized difference (null when constant). */
export interface StyleCoefficient { feature: StyleFeature; coef: number | null; lo: number | null; hi: number | null; elo: number | null }

/** The style-controlled fit. */
export interface StyleControl { battles: number; entries: StyleControlEntry[]; coefficients: StyleCoefficient[]; method: string }

/** Inverse of a small symmetric positive definite matrix (Gauss–Jordan with partial pivoting). */
export function invert(m: readonly Float64Array[]): Float64Array[] {
  const n = m.length;
  const a = m.map((r) => Float64Array.from(r));
  const inv = Array.from({ length: n }, (_, i) => { const r = new Float64Array(n); r[i] = 1; return r; });
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
    [a[c], a[piv]] = [a[piv], a[c]];
    [inv[c], inv[piv]] = [inv[piv], inv[c]];
    const d = a[c][c];
    for (let k = 0; k < n; k++) { a[c][k] /= d; inv[c][k] /= d; }
    for (let r = 0; r < n; r++) {
      if (r === c || a[r][c] === 0) continue;
      const f = a[r][c];
      for (let k = 0; k < n; k++) { a[r][k] -= f * a[c][k]; inv[r][k] -= f * inv[c][k]; }
    }
  }
  return inv;
}

interface Design { k: number; q: number; i: Int32Array; j: Int32Array; y: Float64Array; x: Float64Array[] }

/** Logistic Bradley–Terry with covariates by Newton's method; returns parameters and the inverse penalized Hessian. */
export function fitWithCovariates(d: Design, ridge: number): { theta: Float64Array; cov: Float64Array[] } {
  const dim = d.k + d.q;
  const theta = new Float64Array(dim);
  let H: Float64Array[] = [];
  for (let iter = 0; iter < 100; iter++) {
    const g = new Float64Array(dim);
    H = Array.from({ length: dim }, () => new Float64Array(dim));
    for (let m = 0; m < dim; m++) { g[m] = -ridge * theta[m]; H[m][m] = ridge; }
    for (let n = 0; n < d.i.length; n++) {
      const a = d.i[n], b = d.j[n], x = d.x[n];
      let eta = theta[a] - theta[b];
      for (let f = 0; f < d.q; f++) eta += theta[d.k + f] * x[f];
      const p = 1 / (1 + Math.exp(-eta));
      const r = d.y[n] - p;
      const w = p * (1 - p);
      // z = e_a − e_b ⊕ x; accumulate g += r z and H += w z zᵀ using z's sparsity in the model block.
      g[a] += r; g[b] -= r;
      H[a][a] += w; H[b][b] += w; H[a][b] -= w; H[b][a] -= w;
      for (let f = 0; f < d.q; f++) {
        const c = d.k + f;
        g[c] += r * x[f];
        H[a][c] += w * x[f]; H[c][a] += w * x[f]; H[b][c] -= w * x[f]; H[c][b] -= w * x[f];
        for (let h = 0; h < d.q; h++) H[c][d.k + h] += w * x[f] * x[h];
      }
    }
    const inv = invert(H);
    let maxStep = 0;
    for (let m = 0; m < dim; m++) {
      let s = 0;
      for (let c = 0; c < dim; c++) s += inv[m][c] * g[c];
      theta[m] += s;
      maxStep = Math.max(maxStep, Math.abs(s));
    }
    if (maxStep < 1e-10) break;
  }
  return { theta, cov: invert(H) };
}

/** Centered scores and Wald 95 % bounds on the Elo-like scale for the first k parameters. */
function scores(theta: Float64Array, cov: Float64Array[], k: number): { score: number; lo: number; hi: number }[] {
  let mean = 0;
  for (let m = 0; m < k; m++) mean += theta[m] / k;
  // Var(θ_m − mean θ) = Σ_mm − 2/k Σ_c Σ_mc + 1/k² Σ_cd Σ_cd
  let all = 0;
  const rowSum = new Float64Array(k);
  for (let m = 0; m < k; m++) for (let c = 0; c < k; c++) { rowSum[m] += cov[m][c]; all += cov[m][c]; }
  return Array.from({ length: k }, (_, m) => {
    const v = Math.max(0, cov[m][m] - (2 / k) * rowSum[m] + all / (k * k));
    const s = BT_OFFSET + BT_SCALE * (theta[m] - mean);
    const h = Z95 * BT_SCALE * Math.sqrt(v);
    return { score: s, lo: s - h, hi: s + h };
  });
}

/** Raw and style-controlled leaderboards with each covariate's coefficient and Fisher-information interval. */
export function styleControlledLeaderboard(battles: readonly StyledBattle[], ridge = 0.01): StyleControl {
  const method = `Bradley–Terry MLE with style covariates (normalized differences (a−b)/(a+b+1), standardized; ties = ½; ridge ${ridge}); Wald 95% intervals from the Fisher information`;
  if (battles.length === 0) return { battles: 0, entries: [], coefficients: STYLE_FEATURES.map((feature) => ({ feature, coef: null, lo: null, hi: null, elo: null })), method };
  const models = [...new Set(battles.flatMap((b) => [b.a, b.b]))].sort();
  const idx = new Map(models.map((m, i) => [m, i]));
  const k = models.length;
  const n = battles.length;
  const raw = STYLE_FEATURES.map((f) => Float64Array.from(battles, (b) => (b.fa[f] - b.fb[f]) / (b.fa[f] + b.fb[f] + 1)));
  const stats = raw.map((col) => {
    let mean = 0;
    for (const v of col) mean += v / n;
    let sd = 0;
    for (const v of col) sd += (v - mean) ** 2 / n;
    return { mean, sd: Math.sqrt(sd) };
  });
  const used = STYLE_FEATURES.map((_, f) => f).filter((f) => stats[f].sd > 1e-12);
  const base = { k, q: 0, i: Int32Array.from(battles, (b) => idx.get(b.a) as number), j: Int32Array.from(battles, (b) => idx.get(b.b) as number),
    y: Float64Array.from(battles, (b) => b.y), x: [] as Float64Array[] };
  const x = battles.map((_, r) => Float64Array.from(used, (f) => (raw[f][r] - stats[f].mean) / stats[f].sd));
  const fitRaw = fitWithCovariates({ ...base, x: battles.map(() => new Float64Array(0)) }, ridge);
  const fitCtl = fitWithCovariates({ ...base, q: used.length, x }, ridge);
  const rawScores = scores(fitRaw.theta, fitRaw.cov, k);
  const ctlScores = scores(fitCtl.theta, fitCtl.cov, k);
  const games = new Float64Array(k);
  for (let r = 0; r < n; r++) { games[base.i[r]] += 1; games[base.j[r]] += 1; }
  const entries = models.map((model, m) => ({ model, battles: games[m], raw: rawScores[m], controlled: ctlScores[m] }))
    .sort((p, q) => q.controlled.score - p.controlled.score || (p.model < q.model ? -1 : 1));
  const coefficients = STYLE_FEATURES.map((feature, f): StyleCoefficient => {
    const u = used.indexOf(f);
    if (u < 0) return { feature, coef: null, lo: null, hi: null, elo: null };
    const c = fitCtl.theta[k + u];
    const h = Z95 * Math.sqrt(Math.max(0, fitCtl.cov[k + u][k + u]));
    return { feature, coef: c, lo: c - h, hi: c + h, elo: BT_SCALE * c };
  });
  return { battles: n, entries, coefficients, method };
}
