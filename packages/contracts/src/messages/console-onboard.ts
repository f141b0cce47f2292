/**
 * Console: the onboarding page's files (upload, download), its editable app spec and the plan of
 * the deployment (packages/console/src/pages/Onboard.tsx, OnboardPlan.tsx).
 */
export const consoleOnboardMessages = {
  'console.onboard.file.compose': { en: 'Load a compose file', fr: 'Charger un fichier compose' },
  'console.onboard.file.env': { en: 'Load a .env file', fr: 'Charger un fichier .env' },
  'console.onboard.file.loaded': {
    en: '{file} loaded ({size}).',
    fr: '{file} chargé ({size}).',
  },
  'console.onboard.file.unreadable': {
    en: '{file} could not be read: {reason}. Paste its content instead.',
    fr: "{file} n'a pas pu être lu : {reason}. Collez plutôt son contenu.",
  },
  'console.onboard.specHelp': {
    en: 'You may edit the spec here: the manifests, the plan and the deployment use this text.',
    fr: 'Vous pouvez modifier la spécification ici : les manifestes, le plan et le déploiement utilisent ce texte.',
  },
  'console.onboard.specLabel': { en: 'app.yaml', fr: 'app.yaml' },
  'console.onboard.download.spec': { en: 'Download app.yaml', fr: 'Télécharger app.yaml' },
  'console.onboard.download.manifests': {
    en: 'Download the manifests (manifests.yaml)',
    fr: 'Télécharger les manifestes (manifests.yaml)',
  },
  'console.onboard.download.report': {
    en: 'Download the report (conversion-report.json)',
    fr: 'Télécharger le rapport (conversion-report.json)',
  },
  'console.onboard.plan': {
    en: 'Show what the deployment would change',
    fr: 'Voir ce que le déploiement changerait',
  },
} as const;

export const consolePlanMessages = {
  'console.plan.title': { en: 'What the deployment would change', fr: 'Ce que le déploiement changerait' },
  'console.plan.app': {
    en: '{app} in the namespace {namespace} ({environment})',
    fr: '{app} dans le namespace {namespace} ({environment})',
  },
  'console.plan.summary': {
    en: '{create} to create, {update} to change, {delete} to delete, {unchanged} unchanged',
    fr: '{create} à créer, {update} à modifier, {delete} à supprimer, {unchanged} sans changement',
  },
  'console.plan.blocked': {
    en: '{count|# object|# objects} would be refused: read why below before deploying.',
    fr: '{count|# objet serait refusé|# objets seraient refusés} : lisez pourquoi ci-dessous avant de déployer.',
  },
  'console.plan.kind.create': { en: 'to create', fr: 'à créer' },
  'console.plan.kind.update': { en: 'to change', fr: 'à modifier' },
  'console.plan.kind.delete': {
    en: 'to delete (no longer in the spec)',
    fr: 'à supprimer (plus dans la spécification)',
  },
  'console.plan.kind.unchanged': { en: 'unchanged', fr: 'inchangé' },
  'console.plan.kind.conflict': {
    en: 'in conflict with fields another tool manages',
    fr: 'en conflit avec des champs gérés par un autre outil',
  },
  'console.plan.kind.owned': {
    en: 'belongs to another app or team',
    fr: 'appartient à une autre application ou équipe',
  },
  'console.plan.kind.invalid': { en: 'refused by the API server', fr: "refusé par le serveur d'API" },
  'console.plan.conflicts': {
    en: 'Fields managed elsewhere: {fields}',
    fr: 'Champs gérés ailleurs : {fields}',
  },
  'console.plan.owner': { en: 'Owner: {owner}', fr: 'Propriétaire : {owner}' },
  'console.plan.unchangedList': {
    en: '{count|# object|# objects} unchanged.',
    fr: '{count|# objet inchangé|# objets inchangés}.',
  },
} as const;
