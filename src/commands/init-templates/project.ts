/**
 * The template that `prospect init project` writes: a commented `prospect.yaml`, read back by
 * src/io/project-file.ts. Only the language and the country are set; every other setting is an
 * example in a comment, so that the file changes nothing until the team edits it.
 */
import type { Lang } from '../../i18n.js';
import type { InitTemplate } from '../init.js';

/**
 * The sample settings, the same in both languages (keys, and headers and stage names as a French
 * team's exports write them); each language's template puts its own comments around them.
 */
const COLUMNS_SAMPLE = `# columns:
#   clientId: N° client`;

const KINDS_SAMPLE = `# clients:
#   columns:
#     revenue: CA 2025
#     company: Raison sociale
#   sheet: Clients
# orders:
#   columns:
#     amount: Montant HT
#     orderDate: Date de facture
# deals:
#   columns:
#     stage: Étape`;

const STAGES_SAMPLE = `# stages:
#   Signé: won
#   Sans suite: lost
#   Devis envoyé: proposal`;

const PLAN_SAMPLE = `# plan:
#   avgDeal: 20000
#   winRate: 0.3
#   accessibility: 0.07
#   reps: 2
#   hoursPerWeek: 10`;

const TEXT: Record<Lang, string> = {
  en: `# Project settings for prospect: what the team sets once. prospect reads this file when it
# runs in this folder or below (or with --config FILE; --no-config ignores it). Flags always win.
# \`prospect inspect FILE\` says which settings file was used.

language: en # en or fr: messages and tables
country: FR # public holidays of plans: FR, BE, CH, DE, LU or none

# How your CSV files are written (else prospect detects it file by file).
# conventions:
#   delimiter: ";" # ; , tab or |
#   decimal: "," # , or .
#   dateFormat: dmy # dmy (22/11/2026), mdy (11/22/2026) or ymd (2026-11-22)
#   encoding: windows-1252 # utf-8, windows-1252, utf-16le, utf-16be

# crm: hubspot # the CRM your exports come from

# Column headers, field: Header, for every file (used where the file has that header).
${COLUMNS_SAMPLE}

# ...and per kind of file: clients, orders, deals, activities, actuals (and the .xlsx sheet).
${KINDS_SAMPLE}

# Your CRM's stage names: contacted, active (or qualified), proposal, won or lost.
${STAGES_SAMPLE}

# Plan parameters (the plan's flags, in camelCase): flags, --file and --params win over them.
${PLAN_SAMPLE}
`,
  fr: `# Réglages du projet pour prospect : ce que l'équipe règle une fois. prospect lit ce fichier
# quand il tourne dans ce dossier ou en dessous (ou avec --config FICHIER ; --no-config l'ignore).
# Les options de la ligne de commande l'emportent toujours. \`prospect inspect FICHIER\` dit quel
# fichier de réglages a servi.

language: fr # en ou fr : messages et tableaux
country: FR # jours fériés des plans : FR, BE, CH, DE, LU ou none

# Comment vos fichiers CSV sont écrits (sinon prospect le détecte fichier par fichier).
# conventions:
#   delimiter: ";" # ; , tab ou |
#   decimal: "," # , ou .
#   dateFormat: dmy # dmy (22/11/2026), mdy (11/22/2026) ou ymd (2026-11-22)
#   encoding: windows-1252 # utf-8, windows-1252, utf-16le, utf-16be

# crm: hubspot # le CRM d'où viennent vos exports

# En-têtes de colonnes, champ: En-tête, pour tous les fichiers (là où le fichier a cet en-tête).
${COLUMNS_SAMPLE}

# ...et par type de fichier : clients, orders, deals, activities, actuals (et la feuille .xlsx).
${KINDS_SAMPLE}

# Les étapes de votre CRM : contacted, active (ou qualified), proposal, won ou lost.
${STAGES_SAMPLE}

# Paramètres des plans (les options de plan, en camelCase) : les options, --file et --params
# l'emportent sur eux.
${PLAN_SAMPLE}
`,
};

export const PROJECT_INIT_TEMPLATE: InitTemplate = {
  fileName: 'prospect.yaml',
  description: {
    en: 'project settings: columns, conventions, stages, language, plan parameters',
    fr: 'réglages du projet : colonnes, conventions, étapes, langue, paramètres de plan',
  },
  render: (lang) => TEXT[lang],
  next: (file) => `prospect inspect clients.csv${file === 'prospect.yaml' ? '' : ` --config ${file}`}`,
};
