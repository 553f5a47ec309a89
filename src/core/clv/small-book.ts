/**
 * Small books (DOMAIN.md section 8): a B2B sales person has 50 to 500 clients, and on such a book
 * the maximum-likelihood fits of BG/NBD and Gamma-Gamma often run to a boundary of their parameter
 * space. A boundary is not bad data: it says that the data cannot tell a parameter apart from 0 or
 * infinity, i.e. that a simpler model describes them as well:
 * - BG/NBD, r and alpha -> infinity with r / alpha fixed: the Gamma spread of purchase rates
 *   vanishes, every client buys at the same rate r / alpha while active (a Poisson rate model);
 * - BG/NBD, a and b -> infinity with a / (a + b) fixed: every client has the same dropout
 *   probability after a purchase; a -> 0: clients practically never drop out (b -> 0: all drop out);
 * - Gamma-Gamma, p -> infinity (with gamma -> 0): a client's purchases do not vary around its own
 *   mean, which becomes its expected spend.
 * Then the model is fitted again with a weak prior on the logarithm of each parameter (a
 * maximum a posteriori fit): the prior keeps the parameter finite, near the limit the data point
 * to, and changes an interior fit little. The prior (PRIOR_SD and the centres below) is documented
 * in docs/rules-orders.md.
 */
import type { Texts } from '../../i18n.js';
import {
  fitBgNbd,
  ModelFitError,
  type BgNbdFit,
  type LogNormalPrior,
  type RecencyFrequency,
} from './bgnbd.js';
import { fitGammaGamma, type GammaGammaFit, type SpendSummary } from './gamma-gamma.js';

/** The prior's standard deviation on the log scale: one sd is a factor e^3 ≈ 20 either way. */
export const PRIOR_SD = 3;

/**
 * A maximum-likelihood parameter beyond e^12 ≈ 160,000 (or below its inverse) is taken as a
 * boundary here, although the fitters accept up to e^25: on a small book the optimiser often stops
 * on the way to the boundary (a = 1e-8, b = 1e7), where the predictions are numerically fragile
 * (the hypergeometric series of E[Y(t)] does not converge). The CDNOW fits are far inside.
 */
export const SMALL_BOOK_LOG_BOUND = 12;

function farOut(params: object): ModelChoice['boundary'] {
  return Object.entries(params)
    .filter(([, v]) => Math.abs(Math.log(Number(v))) > SMALL_BOOK_LOG_BOUND)
    .map(([name, v]) => ({ name, toward: Number(v) > 1 ? ('infinity' as const) : ('zero' as const) }));
}

function describeFarOut(model: string, params: object, boundary: ModelChoice['boundary']): string {
  const shown = Object.entries(params)
    .map(([k, v]) => `${k} = ${Number(v).toPrecision(4)}`)
    .join(', ');
  return `${model}: the fit ran towards a boundary (${shown}): the data hold no information on ${boundary.map((b) => b.name).join(', ')}`;
}

/** How a model was fitted, and why. */
export interface ModelChoice {
  method: 'maximum-likelihood' | 'regularised';
  /** Why the regularised fit was used; null for maximum likelihood. */
  reason: 'boundary' | 'no-repeat-purchase' | 'too-few-repeat-buyers' | 'not-converged' | null;
  /** The parameters that the maximum-likelihood fit drove to 0 or infinity. */
  boundary: { name: string; toward: 'zero' | 'infinity' }[];
  /** The maximum-likelihood failure, as the fitter said it (English); null when it worked. */
  detail: string | null;
  /** What it means, for the report, in both languages; null for maximum likelihood. */
  note: Texts | null;
}

/**
 * The weak prior of BG/NBD, on ln r, ln alpha, ln a, ln b: centred on r = 1, alpha = (sum of T) /
 * (sum of x) (so that r / alpha, the mean purchase rate, is the book's observed repeat rate; at
 * least one repeat purchase is assumed over the book's whole age, and at least one period of age
 * per client), a = b = 1 (a dropout
 * probability uniform on [0, 1]); sd PRIOR_SD.
 * @example buildBgNbdPrior([{ x: 2, tx: 10, T: 20 }]).center // [0, ln 10, 0, 0]
 */
export function buildBgNbdPrior(clients: readonly RecencyFrequency[]): LogNormalPrior {
  let sumX = 0;
  let sumT = 0;
  for (const c of clients) {
    sumX += c.x;
    sumT += c.T;
  }
  // At least one period of age per client, so that a book observed on its first day (every T = 0)
  // still has a finite time scale.
  const alpha = Math.max(sumT, clients.length) / Math.max(sumX, 1);
  return { center: [0, Math.log(alpha), 0, 0], sd: PRIOR_SD };
}

/**
 * The weak prior of Gamma-Gamma, on ln p, ln q, ln gamma: centred on p = 1, q = 2, gamma = the
 * mean spend (so that the population's mean spend p gamma / (q - 1) is the observed mean); sd
 * PRIOR_SD. `meanSpend` is the repeat buyers' mean zbar, or the mean purchase without them.
 */
export function buildGammaGammaPrior(meanSpend: number): LogNormalPrior {
  return { center: [0, Math.log(2), Math.log(Math.max(meanSpend, 1e-6))], sd: PRIOR_SD };
}

const fmt = (v: number): string => (Math.abs(v) >= 0.01 ? v.toFixed(4) : v.toPrecision(3));
/** French decimals take a comma. */
const fmtFr = (v: number): string => fmt(v).replace('.', ',');

function describeBgNbdChoice(
  reason: NonNullable<ModelChoice['reason']>,
  boundary: ModelChoice['boundary'],
  fit: BgNbdFit,
): Texts {
  const names = new Set(boundary.filter((b) => b.toward === 'infinity').map((b) => b.name));
  const zero = new Set(boundary.filter((b) => b.toward === 'zero').map((b) => b.name));
  const meanings: Texts[] = [];
  if (names.has('r') || names.has('alpha')) {
    const rate = fit.params.r / fit.params.alpha;
    meanings.push({
      en: `r and alpha ran to infinity with r / alpha fixed: every client buys at the same rate while active (a Poisson rate model), here ${fmt(rate)} purchases a period`,
      fr: `r et alpha sont partis à l'infini à r / alpha constant : tous les clients achètent au même rythme tant qu'ils sont actifs (un modèle de Poisson à taux commun), ici ${fmtFr(rate)} achat par période`,
    });
  }
  if (names.has('a') || names.has('b')) {
    const p = fit.params.a / (fit.params.a + fit.params.b);
    meanings.push({
      en: `a and b ran to infinity with a / (a + b) fixed: every client has the same probability of dropping out after a purchase, here ${fmt(p)}`,
      fr: `a et b sont partis à l'infini à a / (a + b) constant : tous les clients ont la même probabilité de partir après un achat, ici ${fmtFr(p)}`,
    });
  }
  if (zero.has('a')) {
    meanings.push({
      en: 'a ran to 0: clients practically never drop out in this history',
      fr: 'a est allé vers 0 : les clients ne partent pratiquement pas sur cet historique',
    });
  }
  const why: Texts =
    reason === 'no-repeat-purchase'
      ? {
          en: 'no client made a repeat purchase, so the data say little on the purchase rate: the expected purchases lean on the prior; prefer the historical and retention-based CLV',
          fr: "aucun client n'a racheté, les données disent peu du rythme d'achat : les achats attendus reposent sur l'a priori ; préférez la CLV historique et celle fondée sur la rétention",
        }
      : reason === 'not-converged'
        ? {
            en: 'the maximum-likelihood fit did not converge',
            fr: "l'ajustement au maximum de vraisemblance n'a pas convergé",
          }
        : meanings.length > 0
          ? {
              en: meanings.map((m) => m.en).join('; '),
              fr: meanings.map((m) => m.fr).join(' ; '),
            }
          : {
              en: `${boundary.map((b) => b.name).join(', ')} ran to ${boundary[0]?.toward === 'zero' ? '0' : 'infinity'}`,
              fr: `${boundary.map((b) => b.name).join(', ')} ${boundary.length > 1 ? 'sont partis' : 'est parti'} vers ${boundary[0]?.toward === 'zero' ? '0' : "l'infini"}`,
            };
  return {
    en: `BG/NBD: ${why.en}. The model was fitted with a weak prior (log-normal, sd ${PRIOR_SD} on the log of each parameter)${reason === 'boundary' ? ' that keeps the parameters finite near that limit' : ''}: r = ${fmt(fit.params.r)}, alpha = ${fmt(fit.params.alpha)}, a = ${fmt(fit.params.a)}, b = ${fmt(fit.params.b)}.`,
    fr: `BG/NBD : ${why.fr}. Le modèle a été ajusté avec un a priori faible (log-normal, écart type ${PRIOR_SD} sur le logarithme de chaque paramètre)${reason === 'boundary' ? ' qui garde les paramètres finis près de cette limite' : ''} : r = ${fmtFr(fit.params.r)}, alpha = ${fmtFr(fit.params.alpha)}, a = ${fmtFr(fit.params.a)}, b = ${fmtFr(fit.params.b)}.`,
  };
}

function describeGammaGammaChoice(
  reason: NonNullable<ModelChoice['reason']>,
  boundary: ModelChoice['boundary'],
  fit: GammaGammaFit,
  spenders: number,
): Texts {
  const pInfinite = boundary.some((b) => b.name === 'p' && b.toward === 'infinity');
  const why: Texts =
    reason === 'too-few-repeat-buyers'
      ? {
          en: `${spenders} repeat buyer(s): too few to measure spend; the expected spend leans on the prior, centred on the mean purchase`,
          fr: `${spenders} client(s) ayant racheté : trop peu pour mesurer le panier ; le panier attendu repose sur l'a priori, centré sur l'achat moyen`,
        }
      : reason === 'not-converged'
        ? {
            en: 'the maximum-likelihood fit did not converge',
            fr: "l'ajustement au maximum de vraisemblance n'a pas convergé",
          }
        : pInfinite
          ? {
              en: "p ran to infinity: a client's purchases barely vary around its own mean, which becomes its expected spend",
              fr: "p est parti à l'infini : les achats d'un client varient à peine autour de sa propre moyenne, qui devient son panier attendu",
            }
          : {
              en: `${boundary.map((b) => b.name).join(', ')} ran to a boundary`,
              fr: `${boundary.map((b) => b.name).join(', ')} : ajustement en limite`,
            };
  return {
    en: `Gamma-Gamma: ${why.en}. The model was fitted with a weak prior (log-normal, sd ${PRIOR_SD} on the log of each parameter): p = ${fmt(fit.params.p)}, q = ${fmt(fit.params.q)}, gamma = ${fmt(fit.params.gamma)}.`,
    fr: `Gamma-Gamma : ${why.fr}. Le modèle a été ajusté avec un a priori faible (log-normal, écart type ${PRIOR_SD} sur le logarithme de chaque paramètre) : p = ${fmtFr(fit.params.p)}, q = ${fmtFr(fit.params.q)}, gamma = ${fmtFr(fit.params.gamma)}.`,
  };
}

function reasonOf(error: ModelFitError): NonNullable<ModelChoice['reason']> {
  if (error.boundary.length > 0) return 'boundary';
  if (/no client made a repeat purchase/.test(error.message)) return 'no-repeat-purchase';
  if (/at least 2 are needed/.test(error.message)) return 'too-few-repeat-buyers';
  return 'not-converged';
}

/**
 * The maximum-likelihood fit of a model, or, when it fails (ModelFitError) or lands far out
 * (farOut), the fit with its weak prior, with the choice said: the common path of
 * fitBgNbdForBook and fitGammaGammaForBook. Any other error is thrown as it is.
 */
function fitForBook<F extends { params: object }>(
  model: string,
  fitPlain: () => F,
  fitRegularised: () => F,
  describe: (reason: NonNullable<ModelChoice['reason']>, boundary: ModelChoice['boundary'], fit: F) => Texts,
): { fit: F; choice: ModelChoice } {
  try {
    const fit = fitPlain();
    const boundary = farOut(fit.params);
    if (boundary.length > 0) throw new ModelFitError(describeFarOut(model, fit.params, boundary), boundary);
    return {
      fit,
      choice: { method: 'maximum-likelihood', reason: null, boundary: [], detail: null, note: null },
    };
  } catch (error) {
    if (!(error instanceof ModelFitError)) throw error;
    const fit = fitRegularised();
    const reason = reasonOf(error);
    return {
      fit,
      choice: {
        method: 'regularised',
        reason,
        boundary: error.boundary,
        detail: error.message,
        note: describe(reason, error.boundary, fit),
      },
    };
  }
}

/**
 * BG/NBD for a book of any size: the maximum-likelihood fit, or, when it runs to a boundary, finds
 * no repeat purchase or does not converge, the fit with the weak prior of buildBgNbdPrior. Never
 * throws a ModelFitError for a book with at least one client.
 */
export function fitBgNbdForBook(clients: readonly RecencyFrequency[]): {
  fit: BgNbdFit;
  choice: ModelChoice;
} {
  return fitForBook(
    'BG/NBD',
    () => fitBgNbd(clients),
    () => fitBgNbd(clients, { prior: buildBgNbdPrior(clients) }),
    (reason, boundary, fit) => describeBgNbdChoice(reason, boundary, fit),
  );
}

/**
 * Gamma-Gamma for a book of any size, as fitBgNbdForBook: the maximum-likelihood fit on the repeat
 * buyers, or the fit with the weak prior of buildGammaGammaPrior (centred on their mean spend, or
 * on `meanPurchase` when there are none).
 */
export function fitGammaGammaForBook(
  spenders: readonly SpendSummary[],
  meanPurchase: number,
): { fit: GammaGammaFit; choice: ModelChoice } {
  const meanSpend = (): number =>
    spenders.length > 0 ? spenders.reduce((s, c) => s + c.zbar, 0) / spenders.length : meanPurchase;
  return fitForBook(
    'Gamma-Gamma',
    () => fitGammaGamma(spenders),
    () => fitGammaGamma(spenders, { prior: buildGammaGammaPrior(meanSpend()) }),
    (reason, boundary, fit) => describeGammaGammaChoice(reason, boundary, fit, spenders.length),
  );
}
