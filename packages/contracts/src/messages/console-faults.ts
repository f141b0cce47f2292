/** Console: faults the pages meet (an oversized upload, a malformed file), said in the reader's language. */
export const consoleFaultMessages = {
  'console.faults.tooLarge': {
    en: 'The compose file is too large: {size}, and at most {limit} can be sent. Nothing was sent, nothing was changed.',
    fr: 'Le fichier compose est trop volumineux : {size}, pour au plus {limit} envoyés. Rien n’a été envoyé, rien n’a été modifié.',
  },
  'console.faults.tooLargeHint': {
    en: 'Remove what the app does not need (unused services, long comments), or onboard it in several parts.',
    fr: 'Retirez ce dont l’application n’a pas besoin (services inutilisés, longs commentaires), ou intégrez-la en plusieurs parties.',
  },
  'console.faults.serverTooLarge': {
    en: 'The server refused the request: it is larger than the {limit} the server accepts. Nothing was changed.',
    fr: 'Le serveur a refusé la requête : elle dépasse les {limit} qu’il accepte. Rien n’a été modifié.',
  },
  'console.faults.at': { en: 'Where: {where}', fr: 'Emplacement : {where}' },
  'console.faults.unchanged': {
    en: 'Nothing was created or changed.',
    fr: 'Rien n’a été créé ni modifié.',
  },
} as const;
