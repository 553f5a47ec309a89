// Benchmark of `prospect clv`'s fit: 200,000 clients simulated from the BG/NBD process with a
// seeded PRNG at the CDNOW parameters, then fitted by maximum likelihood. Reports the time and
// the recovered parameters. Run with `npm run bench` (builds first) or `node bench/clv.bench.js`.
import { fitBgNbd, computeExpectedPurchases, computeProbabilityAlive } from '../dist/core/clv/bgnbd.js';

const TRUE = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const CLIENTS = Number(process.env.CLV_BENCH_CLIENTS ?? 200_000);

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
function createRandom(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random) {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) by Marsaglia and Tsang (2000), with the u^(1/k) boost below shape 1. */
function gamma(random, shape) {
  if (shape < 1) return gamma(random, shape + 1) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(random);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    if (Math.log(1 - random()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * One client of the BG/NBD process: λ ~ Gamma(r, α), p ~ Beta(a, b); first purchase in one of the
 * first 12 weeks (whole days), calibration to week 39; purchases at rate λ, after each repeat
 * purchase a dropout with probability p. Times are whole days, in weeks (as the CDNOW summary).
 */
function simulateClient(random) {
  const lambda = gamma(random, TRUE.r) / TRUE.alpha;
  const ga = gamma(random, TRUE.a);
  const p = ga / (ga + gamma(random, TRUE.b));
  const firstDay = Math.floor(random() * 84);
  const T = (273 - firstDay) / 7;
  let t = 0;
  let x = 0;
  let tx = 0;
  for (;;) {
    t += -Math.log(1 - random()) / lambda;
    if (!(t <= T)) break;
    x++;
    tx = Math.min(Math.round(t * 7), 273 - firstDay) / 7;
    if (random() < p) break;
  }
  return { x, tx, T };
}

const random = createRandom(Number(process.env.CLV_BENCH_SEED ?? 20050101));
let start = performance.now();
const clients = Array.from({ length: CLIENTS }, () => simulateClient(random));
const simulateMs = performance.now() - start;
const repeaters = clients.filter((c) => c.x > 0).length;

start = performance.now();
const fit = fitBgNbd(clients);
const fitMs = performance.now() - start;

start = performance.now();
let purchases = 0;
let alive = 0;
for (const c of clients) {
  purchases += computeExpectedPurchases(fit.params, c, 52);
  alive += computeProbabilityAlive(fit.params, c);
}
const predictMs = performance.now() - start;

const fmt = (v) => v.toFixed(4);
console.log(
  `clv: BG/NBD fit on ${CLIENTS.toLocaleString('en-GB')} simulated clients (${repeaters.toLocaleString('en-GB')} repeat buyers)`,
);
console.log(`  simulate  ${simulateMs.toFixed(0)} ms`);
console.log(
  `  fit       ${fitMs.toFixed(0)} ms (${fit.evaluations} likelihood evaluations, ${fit.restarts} restart(s))`,
);
console.log(`  predict   ${predictMs.toFixed(0)} ms (E[Y(52)] and P(alive) for every client)`);
console.log('  parameter   true     recovered');
for (const k of ['r', 'alpha', 'a', 'b'])
  console.log(`  ${k.padEnd(9)} ${fmt(TRUE[k])}   ${fmt(fit.params[k])}`);
console.log(
  `  log-likelihood ${fit.logLikelihood.toFixed(1)}; mean E[Y(52)] ${fmt(purchases / CLIENTS)}; mean P(alive) ${fmt(alive / CLIENTS)}`,
);
