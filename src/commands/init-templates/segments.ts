/**
 * The template that `prospect init segments` writes: the default RFM segments of DOMAIN.md
 * section 4, in order, ready to edit. `prospect rfm --segments FILE` reads it back
 * (src/io/read-segments.ts).
 */
import type { Lang } from '../../i18n.js';
import type { InitTemplate } from '../init.js';

const HEADER: Record<Lang, string> = {
  en: `# RFM segments for \`prospect rfm --segments segments.yaml\`.
# Tried in order: the first segment whose three ranges hold the client's scores wins; a client
# that matches none is "Others". Ranges are inclusive, "min-max" or one score, within 1..bins
# (5 by default). name_fr and advice_fr are used with --lang fr; advice is optional.
`,
  fr: `# Segments RFM pour \`prospect rfm --segments segments.yaml\`.
# Essayés dans l'ordre : le premier segment dont les trois plages contiennent les scores du client
# l'emporte ; un client qui n'en vérifie aucun est « Autres ». Plages inclusives, "min-max" ou un
# seul score, dans 1..tranches (5 par défaut). name_fr et advice_fr servent avec --lang fr.
`,
};

/** The segments list (the default set of DOMAIN.md section 4), without the comment header. */
export const SEGMENTS_TEMPLATE = `segments:
  - name: Champions
    name_fr: Champions
    recency: 5-5
    frequency: 5-5
    monetary: 5-5
    advice: Reward them; ask for referrals and reviews; offer early access.
    advice_fr: Les récompenser ; demander recommandations et avis ; offrir les nouveautés en avant-première.
  - name: Potential Loyalist
    name_fr: Fidèles en devenir
    recency: 3-5
    frequency: 3-5
    monetary: 2-5
    advice: Offer a loyalty programme or a contract; recommend related products.
    advice_fr: Proposer un programme de fidélité ou un contrat ; recommander des produits associés.
  - name: Loyal Customers
    name_fr: Clients fidèles
    recency: 2-4
    frequency: 2-4
    monetary: 2-4
    advice: Upsell higher-value offers; keep regular contact.
    advice_fr: Proposer une montée en gamme ; garder un contact régulier.
  - name: Promising
    name_fr: Prometteurs
    recency: 3-4
    frequency: 1-3
    monetary: 3-5
    advice: "Build the relationship: follow up, show the range, offer a trial."
    advice_fr: "Construire la relation : relancer, présenter la gamme, proposer un essai."
  - name: New Customers
    name_fr: Nouveaux clients
    recency: 4-5
    frequency: 1-3
    monetary: 1-5
    advice: Onboard them well; call after the first order; plan the second.
    advice_fr: Soigner l’accueil ; appeler après la première commande ; préparer la deuxième.
  - name: Can't Lose Them
    name_fr: À ne pas perdre
    recency: 1-2
    frequency: 3-4
    monetary: 4-5
    advice: "Win them back now: a visit from a senior person, a tailored offer."
    advice_fr: "Les reconquérir sans attendre : visite d’un responsable, offre sur mesure."
  - name: At Risk
    name_fr: À risque
    recency: 1-2
    frequency: 2-5
    monetary: 4-5
    advice: "Call them: find what changed; send a personal offer."
    advice_fr: "Les appeler : comprendre ce qui a changé ; envoyer une offre personnalisée."
  - name: Need Attention
    name_fr: À surveiller
    recency: 1-3
    frequency: 3-5
    monetary: 3-5
    advice: Reactivate with a limited-time offer based on their past purchases.
    advice_fr: Réactiver par une offre limitée dans le temps fondée sur leurs achats passés.
  - name: About To Sleep
    name_fr: En sommeil
    recency: 2-3
    frequency: 1-3
    monetary: 1-4
    advice: Share useful content and a reason to come back before they lapse.
    advice_fr: Partager du contenu utile et une raison de revenir avant qu’ils ne décrochent.
  - name: Lost
    name_fr: Perdus
    recency: 1-1
    frequency: 1-5
    monetary: 1-5
    advice: Try one win-back campaign; otherwise spend the effort elsewhere.
    advice_fr: Tenter une campagne de reconquête ; sinon consacrer l’effort ailleurs.
`;

/** The `segments` entry of `prospect init` (src/commands/init.ts). */
export const SEGMENTS_INIT_TEMPLATE: InitTemplate = {
  fileName: 'segments.yaml',
  description: {
    en: 'RFM segments for prospect rfm --segments (the default set, to edit)',
    fr: 'segments RFM pour prospect rfm --segments (le jeu par défaut, à modifier)',
  },
  render: (lang) => HEADER[lang] + SEGMENTS_TEMPLATE,
  next: (file) => `prospect rfm orders.csv --segments ${file}`,
};
