/** View: what the web console reads (overview, apps, app detail, logs, diff). */
export const viewMessages = {
  'view.logLine': { en: '{pod}/{container}: {line}', fr: '{pod}/{container} : {line}' },
  'view.appNotFound': {
    en: 'No app "{app}" deployed by quai apply in namespace {namespace}.',
    fr: 'Aucune application « {app} » déployée par quai apply dans le namespace {namespace}.',
  },
  'view.appNotFoundHint': {
    en: 'List the apps with the console or `quai status`; check the namespace.',
    fr: 'Listez les applications dans la console ou avec `quai status` ; vérifiez le namespace.',
  },
  'view.revisionNotFound': {
    en: 'Revision {revision} of "{app}" does not exist in namespace {namespace}.',
    fr: "La révision {revision} de « {app} » n'existe pas dans le namespace {namespace}.",
  },
  'view.revisionNotFoundHint': {
    en: 'Quai keeps the last 10 revisions; list them with `quai history {app}`.',
    fr: 'Quai garde les 10 dernières révisions ; listez-les avec `quai history {app}`.',
  },
  'view.namespacesHidden': {
    en: 'You may not list namespaces, nor read {what} across the cluster.',
    fr: 'Vous ne pouvez ni lister les namespaces, ni lire {what} dans tout le cluster.',
  },
  'view.namespacesHiddenHint': {
    en: 'Ask for a namespace (the console asks which one), or for the right to list namespaces.',
    fr: 'Demandez un namespace précis (la console le propose), ou le droit de lister les namespaces.',
  },
  'view.podNotFound': {
    en: 'The pod {pod} is not part of the app "{app}".',
    fr: "Le pod {pod} ne fait pas partie de l'application « {app} ».",
  },
  'view.podNotFoundHint': {
    en: 'Pick a pod in the app page; pods are replaced when the app changes.',
    fr: "Choisissez un pod dans la page de l'application ; les pods sont remplacés quand l'application change.",
  },
  'view.secretHidden': { en: '(secret value, hidden)', fr: '(valeur secrète, masquée)' },
  'view.targetForbidden': {
    en: 'Reading the backups of a storage target needs the right to back up or to restore.',
    fr: "Lire les sauvegardes d'une cible demande le droit de sauvegarder ou de restaurer.",
  },
  'view.targetForbiddenHint': {
    en: 'Ask an administrator of the platform for the right to list Secrets or to create namespaces.',
    fr: 'Demandez à un administrateur de la plateforme le droit de lister les Secrets ou de créer des namespaces.',
  },
} as const;
