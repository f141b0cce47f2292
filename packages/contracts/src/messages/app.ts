/** The application layer: reading requests' inputs, shared by every use case. */
export const appMessages = {
  'app.noFileAccess': {
    en: 'This front end takes the {what} as content, not as a path ("{path}").',
    fr: 'Ce point d’entrée prend le contenu du {what}, pas un chemin (« {path} »).',
  },
  'app.noFileAccessHint': {
    en: 'Send the document itself (the "yaml" field) instead of a file path: the server never reads paths a client names.',
    fr: 'Envoyez le document lui-même (le champ « yaml ») au lieu d’un chemin : le serveur ne lit jamais un chemin donné par un client.',
  },
  'app.badRequest': {
    en: 'The request for {useCase} is not valid: {problems}',
    fr: 'La requête pour {useCase} n’est pas valide : {problems}',
  },
  'app.specWarning': { en: 'warning: {file}: {warning}', fr: 'avertissement : {file} : {warning}' },
  'app.reasonRequired': {
    en: '{action} in {environment} needs a reason (recorded in the audit trail).',
    fr: '{action} en {environment} demande une raison (enregistrée dans le journal d’audit).',
  },
  'app.reasonRequiredHint': {
    en: 'Give one with --reason "..." (the API: the "reason" field).',
    fr: 'Donnez-en une avec --reason "..." (l’API : le champ « reason »).',
  },
} as const;
