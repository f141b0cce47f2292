/** The platform settings (the ConfigMap quai-settings): errors, checks and the console's page. */
export const settingsMessages = {
  'settings.what': { en: 'settings document', fr: 'document de paramètres' },
  'settings.reasonRequired': {
    en: 'Changing the platform settings needs a reason (recorded in the audit trail).',
    fr: 'Modifier les paramètres de la plateforme demande une raison (enregistrée dans le journal d’audit).',
  },
  'settings.conflict': {
    en: 'The settings {file} changed since you read them: nothing was written.',
    fr: 'Les paramètres {file} ont changé depuis votre lecture : rien n’a été écrit.',
  },
  'settings.conflictHint': {
    en: 'Read them again (reload the Settings page), redo your change on the new version, and save.',
    fr: 'Relisez-les (rechargez la page Paramètres), refaites votre modification sur la nouvelle version et enregistrez.',
  },
  'settings.noNamespace': {
    en: 'The namespace {namespace} does not exist: the settings cannot be created.',
    fr: 'Le namespace {namespace} n’existe pas : les paramètres ne peuvent pas être créés.',
  },
  'settings.noNamespaceHint': {
    en: 'Create it first (kubectl create namespace {namespace}), or install Quai in the cluster (quai serve manifests).',
    fr: 'Créez-le d’abord (kubectl create namespace {namespace}), ou installez Quai dans le cluster (quai serve manifests).',
  },
  'settings.invalidHint': {
    en: 'Fix the document on the Settings page of the console (or with kubectl edit configmap quai-settings -n quai-system); see docs/settings.md.',
    fr: 'Corrigez le document depuis la page Paramètres de la console (ou avec kubectl edit configmap quai-settings -n quai-system) ; voir docs/fr/parametres.md.',
  },
  'settings.readForbidden': {
    en: 'You may not read the platform settings {file}.',
    fr: 'Vous n’avez pas le droit de lire les paramètres de la plateforme {file}.',
  },
  'settings.readForbiddenHint': {
    en: 'Ask an administrator for the Role quai-settings-reader (get on that ConfigMap); see docs/settings.md.',
    fr: 'Demandez à un administrateur le Role quai-settings-reader (get sur cette ConfigMap) ; voir docs/fr/parametres.md.',
  },
  'settings.target.noneDeclared': {
    en: 'The target "{target}" is not a storage target of the platform settings, which name none yet.',
    fr: 'La cible « {target} » n’est pas une cible de stockage des paramètres de la plateforme, qui n’en déclarent encore aucune.',
  },
  'settings.target.unknown': {
    en: 'The target "{target}" is not a storage target of the platform settings (declared: {names}).',
    fr: 'La cible « {target} » n’est pas une cible de stockage des paramètres de la plateforme (déclarées : {names}).',
  },
  'settings.target.unknownHint': {
    en: 'Through the API and the console, backups go only to the targets an administrator declared on the Settings page; name one of them (its name or its exact location).',
    fr: 'Par l’API et la console, les sauvegardes ne vont qu’aux cibles qu’un administrateur a déclarées dans la page Paramètres ; nommez l’une d’elles (son nom ou son emplacement exact).',
  },
  'settings.secretMissing': {
    en: 'The Secret {namespace}/{name} named by the settings does not exist.',
    fr: 'Le Secret {namespace}/{name} nommé par les paramètres n’existe pas.',
  },
  'settings.secretMissingHint': {
    en: 'Create it (kubectl create secret generic {name} -n {namespace} --from-literal=...), or name another one on the Settings page.',
    fr: 'Créez-le (kubectl create secret generic {name} -n {namespace} --from-literal=...), ou nommez-en un autre dans la page Paramètres.',
  },
  'settings.credentialsIncomplete': {
    en: 'The Secret {namespace}/{name} of the target "{target}" lacks AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY.',
    fr: 'Le Secret {namespace}/{name} de la cible « {target} » n’a pas AWS_ACCESS_KEY_ID ou AWS_SECRET_ACCESS_KEY.',
  },
  'settings.credentialsIncompleteHint': {
    en: 'Put both keys in the Secret (AWS_SESSION_TOKEN and AWS_REGION are optional).',
    fr: 'Mettez les deux clés dans le Secret (AWS_SESSION_TOKEN et AWS_REGION sont facultatives).',
  },
  'settings.credentialsEnvMissing': {
    en: 'The server has no {prefix}_ACCESS_KEY_ID or {prefix}_SECRET_ACCESS_KEY for the target "{target}".',
    fr: 'Le serveur n’a pas {prefix}_ACCESS_KEY_ID ou {prefix}_SECRET_ACCESS_KEY pour la cible « {target} ».',
  },
  'settings.credentialsEnvMissingHint': {
    en: 'Set {prefix}_ACCESS_KEY_ID and {prefix}_SECRET_ACCESS_KEY in the environment of quai serve, and restart it.',
    fr: 'Définissez {prefix}_ACCESS_KEY_ID et {prefix}_SECRET_ACCESS_KEY dans l’environnement de quai serve, puis redémarrez-le.',
  },
  'settings.check.missing': {
    en: 'The folder {path} does not exist on the server.',
    fr: 'Le dossier {path} n’existe pas sur le serveur.',
  },
  'settings.check.notDirectory': {
    en: '{path} is not a folder.',
    fr: '{path} n’est pas un dossier.',
  },
  'settings.check.unreadable': {
    en: 'The server may not read the folder {path}.',
    fr: 'Le serveur ne peut pas lire le dossier {path}.',
  },
  'settings.check.readOnly': {
    en: 'The server may read {path} but not write in it: backups would fail.',
    fr: 'Le serveur peut lire {path} mais pas y écrire : les sauvegardes échoueraient.',
  },
  'settings.gitlab.noToken': {
    en: 'GitLab answers, but the token the settings name was not found.',
    fr: 'GitLab répond, mais le jeton que nomment les paramètres est introuvable.',
  },
  'settings.gitlab.tokenRefused': {
    en: 'GitLab answers, but refuses the token (expired or revoked?).',
    fr: 'GitLab répond, mais refuse le jeton (expiré ou révoqué ?).',
  },
  'settings.gitlab.status': {
    en: 'GitLab at {url} answered HTTP {status}.',
    fr: 'GitLab à l’adresse {url} a répondu HTTP {status}.',
  },
  'settings.gitlab.unreachable': {
    en: 'GitLab at {url} cannot be reached: {reason}',
    fr: 'GitLab à l’adresse {url} est injoignable : {reason}',
  },
  'settings.cli.description': {
    en: 'Show or change the platform settings (storage targets, GitLab, the cluster) kept in the cluster',
    fr: 'Afficher ou modifier les paramètres de la plateforme (cibles de stockage, GitLab, le cluster) conservés dans le cluster',
  },
  'settings.cli.flag.document': {
    en: 'print the settings document as stored (to edit it, then quai settings set)',
    fr: 'afficher le document de paramètres tel qu’il est stocké (pour le modifier, puis quai settings set)',
  },
  'settings.cli.flag.noChecks': {
    en: 'do not check the targets and GitLab',
    fr: 'ne pas vérifier les cibles et GitLab',
  },
  'settings.cli.flag.resourceVersion': {
    en: 'the resourceVersion your file was made from (default: the current one)',
    fr: 'le resourceVersion dont votre fichier est parti (par défaut : l’actuel)',
  },
  'settings.cli.arg.file': {
    en: 'the settings document (YAML; see docs/settings.md)',
    fr: 'le document de paramètres (YAML ; voir docs/fr/parametres.md)',
  },
  'settings.cli.help.show': {
    en: 'The settings are the ConfigMap quai-settings of quai-system; each target and GitLab are checked from this machine.',
    fr: 'Les paramètres sont la ConfigMap quai-settings de quai-system ; chaque cible et GitLab sont vérifiés depuis cette machine.',
  },
  'settings.cli.help.set': {
    en: 'The document is checked (line:column) before it is written, as you: Kubernetes RBAC decides. A change made meanwhile is refused (CONFLICT), never overwritten.',
    fr: 'Le document est vérifié (ligne:colonne) avant d’être écrit, en votre nom : RBAC de Kubernetes décide. Une modification faite entre-temps est refusée (CONFLICT), jamais écrasée.',
  },
  'settings.cli.cluster': {
    en: 'Cluster: {name} ({environment}), {server}, Kubernetes {version}',
    fr: 'Cluster : {name} ({environment}), {server}, Kubernetes {version}',
  },
  'settings.cli.targets': {
    en: '{count|# storage target|# storage targets}:',
    fr: '{count|# cible de stockage|# cibles de stockage} :',
  },
  'settings.cli.reachable': { en: 'reachable', fr: 'joignable' },
  'settings.cli.unreachable': { en: 'unreachable', fr: 'injoignable' },
  'settings.cli.writable': { en: 'writable', fr: 'accessible en écriture' },
  'settings.cli.free': { en: '{size} free', fr: '{size} libres' },
  'settings.cli.gitlab': { en: 'GitLab: {url} ({state})', fr: 'GitLab : {url} ({state})' },
  'settings.cli.mayUpdate': {
    en: 'You may change them (quai settings set).',
    fr: 'Vous pouvez les modifier (quai settings set).',
  },
  'settings.cli.readOnly': {
    en: 'Read only: Kubernetes does not let you change the ConfigMap quai-settings.',
    fr: 'Lecture seule : Kubernetes ne vous permet pas de modifier la ConfigMap quai-settings.',
  },
  'settings.cli.created': {
    en: 'Settings created (resourceVersion {version}).',
    fr: 'Paramètres créés (resourceVersion {version}).',
  },
  'settings.cli.updated': {
    en: 'Settings changed (resourceVersion {version}):',
    fr: 'Paramètres modifiés (resourceVersion {version}) :',
  },
} as const;

/** The console's Settings page. */
export const consoleSettingsMessages = {
  'console.settings.title': { en: 'Settings', fr: 'Paramètres' },
  'console.settings.intro': {
    en: 'Kept in the cluster (ConfigMap quai-settings in quai-system): Kubernetes RBAC decides who may change them. No secret is stored here, only the names of the Secrets or variables holding them.',
    fr: 'Conservés dans le cluster (ConfigMap quai-settings dans quai-system) : RBAC de Kubernetes décide qui peut les modifier. Aucun secret n’est stocké ici, seulement le nom des Secrets ou des variables qui les contiennent.',
  },
  'console.settings.readOnly': {
    en: 'Read only: Kubernetes does not let you change the ConfigMap quai-settings. Ask an administrator if you need a change.',
    fr: 'Lecture seule : Kubernetes ne vous permet pas de modifier la ConfigMap quai-settings. Demandez à un administrateur si une modification est nécessaire.',
  },
  'console.settings.invalid': {
    en: 'The stored settings are invalid; the defaults are shown. Saving replaces them.',
    fr: 'Les paramètres enregistrés sont invalides ; les valeurs par défaut sont affichées. Enregistrer les remplace.',
  },
  'console.settings.cluster': { en: 'Cluster', fr: 'Cluster' },
  'console.settings.displayName': { en: 'Display name', fr: 'Nom affiché' },
  'console.settings.environment': { en: 'Environment', fr: 'Environnement' },
  'console.settings.description': { en: 'Description', fr: 'Description' },
  'console.settings.apiServer': { en: 'API server', fr: 'Serveur d’API' },
  'console.settings.version': { en: 'Kubernetes version', fr: 'Version de Kubernetes' },
  'console.settings.nodes': {
    en: '{real|# real node|# real nodes}, {simulated|# simulated|# simulated}',
    fr: '{real|# nœud réel|# nœuds réels}, {simulated|# simulé|# simulés}',
  },
  'console.settings.nodesHidden': { en: 'not visible to you', fr: 'non visibles pour vous' },
  'console.settings.targets': { en: 'Storage targets', fr: 'Cibles de stockage' },
  'console.settings.noTargets': {
    en: 'No storage target yet: backups from the console need one.',
    fr: 'Aucune cible de stockage pour l’instant : les sauvegardes depuis la console en ont besoin.',
  },
  'console.settings.name': { en: 'Name', fr: 'Nom' },
  'console.settings.location': { en: 'Location', fr: 'Emplacement' },
  'console.settings.locationHelp': {
    en: 'An absolute folder of the server (/srv/backups) or s3://BUCKET/PREFIX.',
    fr: 'Un dossier absolu du serveur (/srv/backups) ou s3://BUCKET/PREFIXE.',
  },
  'console.settings.check': { en: 'Check', fr: 'Vérification' },
  'console.settings.reachable': { en: 'reachable', fr: 'joignable' },
  'console.settings.unreachable': { en: 'unreachable', fr: 'injoignable' },
  'console.settings.writable': { en: 'writable', fr: 'accessible en écriture' },
  'console.settings.free': { en: '{size} free', fr: '{size} libres' },
  'console.settings.backups': { en: '{count|# backup|# backups}', fr: '{count|# sauvegarde|# sauvegardes}' },
  'console.settings.credentials': { en: 'Credentials', fr: 'Identifiants' },
  'console.settings.credentials.secret': { en: 'Secret {name}', fr: 'Secret {name}' },
  'console.settings.credentials.env': { en: 'variables {prefix}_*', fr: 'variables {prefix}_*' },
  'console.settings.credentials.default': {
    en: 'the server’s AWS_* variables',
    fr: 'les variables AWS_* du serveur',
  },
  'console.settings.endpoint': { en: 'S3 endpoint', fr: 'Point d’accès S3' },
  'console.settings.region': { en: 'Region', fr: 'Région' },
  'console.settings.pathStyle': { en: 'Path-style addresses', fr: 'Adresses de type chemin' },
  'console.settings.credentialsSecret': {
    en: 'Secret in quai-system (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)',
    fr: 'Secret dans quai-system (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)',
  },
  'console.settings.addTarget': { en: 'Add a target', fr: 'Ajouter une cible' },
  'console.settings.removeTarget': { en: 'Remove {name}', fr: 'Retirer {name}' },
  'console.settings.gitlab': { en: 'GitLab', fr: 'GitLab' },
  'console.settings.noGitlab': { en: 'No GitLab connection.', fr: 'Aucune connexion GitLab.' },
  'console.settings.gitlabUrl': { en: 'GitLab address', fr: 'Adresse de GitLab' },
  'console.settings.tokenSecret': {
    en: 'Secret in quai-system holding the token (key token)',
    fr: 'Secret dans quai-system contenant le jeton (clé token)',
  },
  'console.settings.tokenEnv': {
    en: 'Or the server’s environment variable',
    fr: 'Ou la variable d’environnement du serveur',
  },
  'console.settings.project': {
    en: 'Platform repository (group/project)',
    fr: 'Dépôt de la plateforme (groupe/projet)',
  },
  'console.settings.token': { en: 'Token', fr: 'Jeton' },
  'console.settings.tokenState': { en: '{where}: {state}', fr: '{where} : {state}' },
  'console.settings.token.found': { en: 'found', fr: 'trouvé' },
  'console.settings.token.missing': { en: 'not found', fr: 'introuvable' },
  'console.settings.token.none': { en: 'none named', fr: 'aucun nommé' },
  'console.settings.gitlabVersion': { en: 'GitLab {version}', fr: 'GitLab {version}' },
  'console.settings.server': { en: 'This server', fr: 'Ce serveur' },
  'console.settings.impersonate': { en: 'Acts as each user', fr: 'Agit au nom de chaque utilisateur' },
  'console.settings.impersonate.on': {
    en: 'yes (Kubernetes impersonation: RBAC applies to everyone)',
    fr: 'oui (emprunt d’identité Kubernetes : RBAC s’applique à chacun)',
  },
  'console.settings.impersonate.off': {
    en: 'no: everyone acts with the server’s rights',
    fr: 'non : chacun agit avec les droits du serveur',
  },
  'console.settings.signIn': { en: 'Sign-in', fr: 'Connexion' },
  'console.settings.signIn.oidc': { en: 'OpenID Connect', fr: 'OpenID Connect' },
  'console.settings.signIn.tokens': { en: '{count|# token|# tokens}', fr: '{count|# jeton|# jetons}' },
  'console.settings.session': { en: 'Sessions', fr: 'Sessions' },
  'console.settings.sessionLengths': {
    en: '{ttl}, ended after {idle} without use',
    fr: '{ttl}, terminées après {idle} sans activité',
  },
  'console.settings.language': { en: 'Default language', fr: 'Langue par défaut' },
  'console.settings.edit': { en: 'Edit', fr: 'Modifier' },
  'console.settings.save': { en: 'Save the settings', fr: 'Enregistrer les paramètres' },
  'console.settings.cancel': { en: 'Cancel', fr: 'Annuler' },
  'console.settings.saved': {
    en: 'Settings saved ({count|# change|# changes}).',
    fr: 'Paramètres enregistrés ({count|# modification|# modifications}).',
  },
  'console.settings.targetSelect': { en: 'Storage target', fr: 'Cible de stockage' },
  'console.settings.targetSelectHelp': {
    en: 'The targets declared on the Settings page.',
    fr: 'Les cibles déclarées dans la page Paramètres.',
  },
  'console.settings.noTargetsForBackup': {
    en: 'No storage target is declared: an administrator adds one on the Settings page.',
    fr: 'Aucune cible de stockage n’est déclarée : un administrateur en ajoute une dans la page Paramètres.',
  },
} as const;
