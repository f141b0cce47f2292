/** Words and phrases shared by every domain. */
export const commonMessages = {
  'common.yes': { en: 'yes', fr: 'oui' },
  'common.no': { en: 'no', fr: 'non' },
  'common.none': { en: '(none)', fr: '(aucun)' },
  'common.unknown': { en: 'unknown', fr: 'inconnu' },
  'common.text': { en: '{text}', fr: '{text}' },
  'common.list': { en: '{items}', fr: '{items}' },
  'common.interrupted': { en: 'Interrupted.', fr: 'Interrompu.' },
  'common.unexpected': { en: 'Unexpected error: {message}', fr: 'Erreur inattendue : {message}' },
  'common.reportBug': {
    en: 'This is a bug in Quai; please report it with the command you ran and this output.',
    fr: 'Ceci est un bogue de Quai ; merci de le signaler avec la commande lancée et cette sortie.',
  },
  'common.objects': { en: '{count|# object|# objects}', fr: '{count|# objet|# objets}' },
} as const;
