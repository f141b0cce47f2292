/** Observability: the default alert rules of an app and their check by Prometheus's parser. */
export const observabilityMessages = {
  'observability.checkerFailed': {
    en: 'Cannot run the Prometheus rule checker "{checker}": {reason}',
    fr: 'Impossible de lancer le vérificateur de règles Prometheus « {checker} » : {reason}',
  },
  'observability.checkerFailedHint': {
    en: 'Build it with test/components/promrules/build.sh.',
    fr: 'Construisez-le avec test/components/promrules/build.sh.',
  },
} as const;
