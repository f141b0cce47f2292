/** Model: app specs and platform files, loading and checking. */
export const modelMessages = {
  'model.noEnvironment': {
    en: 'The platform defines no environment "{environment}".',
    fr: "La plateforme ne définit pas d'environnement « {environment} ».",
  },
  'model.knownEnvironments': {
    en: 'Known environments: {names}.',
    fr: 'Environnements connus : {names}.',
  },
  'model.namespaceTooLong': {
    en: 'Namespace "{namespace}" is longer than 63 characters.',
    fr: 'Le namespace « {namespace} » dépasse 63 caractères.',
  },
  'model.namespaceTooLongHint': {
    en: 'Shorten the app name or set spec.namespace.',
    fr: "Raccourcissez le nom de l'application ou renseignez spec.namespace.",
  },
} as const;
