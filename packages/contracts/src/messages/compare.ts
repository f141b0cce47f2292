/** Compare: the orchestrator study's ranking, sensitivity analysis and reports. */
export const compareMessages = {
  'compare.flag.weights': {
    en: 'YAML file of weights by criterion id (criteria left out keep the default weight)',
    fr: 'fichier YAML de poids par identifiant de critère (les critères absents gardent leur poids par défaut)',
  },
  'compare.flag.data': {
    en: "comparison data file (criteria, options, scores, sources) instead of the study's own",
    fr: "fichier de données de comparaison (critères, options, notes, sources) à la place de celles de l'étude",
  },
  'compare.flag.format': {
    en: 'text table, Markdown or a standalone HTML page',
    fr: 'tableau texte, Markdown ou page HTML autonome',
  },
  'compare.flag.details': {
    en: 'Markdown only: add every score with its reason and sources, and the list of sources',
    fr: 'Markdown seulement : ajouter chaque note avec sa justification et ses sources, et la liste des sources',
  },
  'compare.flag.printData': {
    en: "print the study's data as YAML (to copy, change and pass back with --data)",
    fr: "afficher les données de l'étude en YAML (à copier, modifier et redonner avec --data)",
  },
  'compare.help': {
    en: 'Criteria: {criteria}. Scores run from 0 to 5; the total is their weighted mean.',
    fr: 'Critères : {criteria}. Les notes vont de 0 à 5 ; le total est leur moyenne pondérée.',
  },
  'compare.weightsFileHelp': { en: 'A weights file:', fr: 'Un fichier de poids :' },
  'compare.rank': { en: 'rank', fr: 'rang' },
  'compare.option': { en: 'option', fr: 'option' },
  'compare.total': { en: 'score /5', fr: 'note /5' },
  'compare.weights': { en: 'Weights: {weights}', fr: 'Poids : {weights}' },
  'compare.winner': {
    en: 'Winner: {name} ({total} / 5), ahead of {next} by {margin}.',
    fr: 'Solution retenue : {name} ({total} / 5), devant {next} de {margin}.',
  },
  'compare.winnerAlone': {
    en: 'Winner: {name} ({total} / 5).',
    fr: 'Solution retenue : {name} ({total} / 5).',
  },
  'compare.tie': { en: 'Tie at the top: {names}.', fr: 'Égalité en tête : {names}.' },
  'compare.sensitivity': {
    en: 'Sensitivity (one weight moved, the others unchanged):',
    fr: 'Sensibilité (un poids modifié, les autres inchangés) :',
  },
  'compare.criterionLine': {
    en: '{criterion} ({weight}): {changes}',
    fr: '{criterion} ({weight}) : {changes}',
  },
  'compare.below': { en: 'below {weight}, {rival} wins', fr: "en dessous de {weight}, {rival} l'emporte" },
  'compare.above': { en: 'above {weight}, {rival} wins', fr: "au-dessus de {weight}, {rival} l'emporte" },
  'compare.both': { en: '{below}; {above}', fr: '{below} ; {above}' },
  'compare.stable': {
    en: 'no weight from 0 to {max} changes the winner',
    fr: 'aucun poids de 0 à {max} ne change la solution retenue',
  },
  'compare.closest': {
    en: 'Smallest single change that changes the winner: {criterion} from {from} to {to} ({rival} wins).',
    fr: "Plus petit changement d'un seul poids qui change la solution retenue : {criterion} de {from} à {to} ({rival} l'emporte).",
  },
  'compare.robust': {
    en: 'No single weight change (0 to {max}) changes the winner.',
    fr: "Aucun changement d'un seul poids (de 0 à {max}) ne change la solution retenue.",
  },
  'compare.criterion': { en: 'criterion', fr: 'critère' },
  'compare.score': { en: 'score', fr: 'note' },
  'compare.basis': { en: 'basis', fr: 'fondement' },
  'compare.why': { en: 'why', fr: 'justification' },
  'compare.sources': { en: 'sources', fr: 'sources' },
  'compare.basis.source': { en: 'source', fr: 'source' },
  'compare.basis.judgement': { en: 'judgement', fr: 'appréciation' },
  'compare.scoresTitle': { en: 'Scores, reasons and sources', fr: 'Notes, justifications et sources' },
  'compare.sourcesTitle': { en: 'Sources', fr: 'Sources' },
  'compare.read': { en: 'read {date}', fr: 'lu le {date}' },
  'compare.published': { en: 'published {date}', fr: 'publié {date}' },
  'compare.title': { en: 'Comparison of orchestrators', fr: 'Comparaison des orchestrateurs' },
  'compare.reviewed': { en: 'Scores reviewed {date}.', fr: 'Notes revues le {date}.' },
  'compare.weightsFile': { en: 'weights file', fr: 'fichier de poids' },
  'compare.dataFile': { en: 'comparison data file', fr: 'fichier de données de comparaison' },
  'compare.unknownCriterion': { en: 'unknown criterion "{id}"', fr: 'critère inconnu « {id} »' },
  'compare.unknownCriterionHint': { en: 'Use one of: {known}.', fr: 'Utilisez l’un de : {known}.' },
  'compare.allZero': {
    en: 'every criterion ends up with weight 0: nothing to compare on',
    fr: 'tous les critères finissent avec un poids de 0 : rien sur quoi comparer',
  },
  'compare.allZeroHint': {
    en: 'Give at least one criterion a weight above 0.',
    fr: 'Donnez à au moins un critère un poids supérieur à 0.',
  },
  'compare.noOption': { en: 'There is no option to rank.', fr: "Il n'y a aucune option à classer." },
  'compare.data.duplicate': {
    en: '{what} "{id}" is defined twice',
    fr: '{what} « {id} » est défini deux fois',
  },
  'compare.data.noScore': {
    en: 'option "{option}" has no score for "{criterion}"',
    fr: 'l’option « {option} » n’a pas de note pour « {criterion} »',
  },
  'compare.data.unknownCriterion': {
    en: 'option "{option}" scores unknown criterion "{criterion}"',
    fr: 'l’option « {option} » note un critère inconnu « {criterion} »',
  },
  'compare.data.unknownSource': {
    en: 'option "{option}", "{criterion}": unknown source "{source}"',
    fr: 'option « {option} », « {criterion} » : source inconnue « {source} »',
  },
  'compare.data.sourceless': {
    en: 'option "{option}", "{criterion}": basis "source" but no source cited',
    fr: 'option « {option} », « {criterion} » : fondement « source » mais aucune source citée',
  },
  'compare.data.badConclusion': {
    en: 'conclusion "{id}" is not an option',
    fr: 'la conclusion « {id} » n’est pas une option',
  },
  'compare.data.hint': {
    en: 'Fix the data file; `quai compare --print-data` shows a valid one.',
    fr: 'Corrigez le fichier de données ; `quai compare --print-data` en montre un valide.',
  },
  'compare.schema.id': {
    en: 'must be an id: lower-case letters, digits and "-", starting with a letter',
    fr: 'doit être un identifiant : minuscules, chiffres et « - », commençant par une lettre',
  },
  'compare.schema.date': {
    en: 'must be a date such as 2026-12-05, or a month such as 2023-08',
    fr: 'doit être une date comme 2026-12-05, ou un mois comme 2023-08',
  },
  'compare.schema.url': { en: 'must be an http(s) address', fr: 'doit être une adresse http(s)' },
} as const;
