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
  'model.what.appSpec': { en: 'app spec', fr: 'spécification d’application' },
  'model.what.platformFile': { en: 'platform file', fr: 'fichier de plateforme' },
  'model.what.configFile': { en: 'config file', fr: 'fichier de configuration' },
  'model.what.theConfigFile': { en: 'the config file', fr: 'le fichier de configuration' },
  'model.what.secretsFolder': { en: 'secrets folder', fr: 'dossier des Secrets' },
  'model.what.certificate': { en: 'certificate', fr: 'certificat' },
  'model.what.comparisonData': { en: 'comparison data file', fr: 'fichier de données de comparaison' },
  'model.what.weightsFile': { en: 'weights file', fr: 'fichier de pondérations' },
  'model.what.gitlabSyncFile': { en: 'GitLab sync file', fr: 'fichier de synchronisation GitLab' },
  'model.what.variableFile': { en: 'variable file', fr: 'fichier de variable' },
  'model.what.pipelineFile': { en: 'pipeline file', fr: 'fichier de pipeline' },
  'model.what.outputFolder': { en: 'output folder', fr: 'dossier de sortie' },
  'model.what.manifests': { en: 'manifests', fr: 'fichier de manifestes' },
  'model.what.clusterSnapshot': { en: 'cluster snapshot', fr: 'relevé du cluster' },
  'model.what.vmInventory': { en: 'VM inventory', fr: 'inventaire des VM' },
  'model.what.usageHistory': { en: 'usage history', fr: 'historique de consommation' },
  'model.what.clusterInventory': { en: 'cluster inventory', fr: 'inventaire du cluster' },
  'model.what.exceptionsFile': { en: 'exceptions file', fr: 'fichier d’exceptions' },
  'model.input.tooLarge': {
    en: 'The {what} "{file}" is {size}, over the {limit} limit.',
    fr: 'Le fichier « {file} » ({what}) fait {size}, au-delà de la limite de {limit}.',
  },
  'model.input.moreThan': {
    en: 'more than {limit} (stopped reading there)',
    fr: 'plus de {limit} (lecture arrêtée là)',
  },
  'model.input.tooLargeHint': {
    en: 'Is this the right file? Split it if it really is this large.',
    fr: 'Est-ce le bon fichier ? Découpez-le s’il est vraiment aussi gros.',
  },
  'model.input.isFolder': {
    en: '"{file}" is a folder, not a {what}.',
    fr: '« {file} » est un dossier, pas un fichier ({what}).',
  },
  'model.input.isFolderHint': {
    en: 'Name the file itself, not its folder.',
    fr: 'Nommez le fichier lui-même, pas son dossier.',
  },
  'model.input.unreadable': {
    en: 'Cannot read {what} "{file}": {reason}',
    fr: 'Impossible de lire le fichier « {file} » ({what}) : {reason}',
  },
  'model.input.checkPathHint': { en: 'Check the path.', fr: 'Vérifiez le chemin.' },
  'model.input.interruptedBefore': {
    en: 'Interrupted before reading {what} "{file}"; nothing was written.',
    fr: 'Interrompu avant de lire le fichier « {file} » ({what}) ; rien n’a été écrit.',
  },
  'model.input.interruptedWhile': {
    en: 'Interrupted while reading {what} "{file}"; nothing was written.',
    fr: 'Interrompu pendant la lecture du fichier « {file} » ({what}) ; rien n’a été écrit.',
  },
  'model.fromFileInline': {
    en: 'fromFile "{path}" cannot be read: this app spec was given inline, not as a file.',
    fr: 'fromFile « {path} » ne peut pas être lu : cette spécification a été donnée en ligne, pas comme un fichier.',
  },
  'model.fromFileInlineHint': {
    en: 'Put the file content in configFiles[].content, or give the app spec as a file.',
    fr: 'Mettez le contenu du fichier dans configFiles[].content, ou donnez la spécification comme un fichier.',
  },
  'model.configFileHint': {
    en: "fromFile is relative to the app spec's folder; a ConfigMap key holds at most 1 MiB.",
    fr: 'fromFile est relatif au dossier de la spécification ; une clé de ConfigMap contient au plus 1 Mio.',
  },
  'model.allowReadMissing': {
    en: '--allow-read "{dir}" does not exist.',
    fr: '--allow-read « {dir} » n’existe pas.',
  },
  'model.allowReadMissingHint': {
    en: 'Name an existing folder whose files the app may read.',
    fr: 'Nommez un dossier existant dont l’application peut lire les fichiers.',
  },
  'model.readRefused': {
    en: 'Refused to read "{path}" ({what}): it is outside the project folder {project}, and a compose file must not copy host files into the app.',
    fr: 'Lecture de « {path} » refusée ({what}) : il est hors du dossier du projet {project}, et un fichier compose ne doit pas copier des fichiers de l’hôte dans l’application.',
  },
  'model.readRefusedLink': {
    en: 'Refused to read "{path}" ({what}, it resolves to {real}): it is outside the project folder {project}, and a compose file must not copy host files into the app.',
    fr: 'Lecture de « {path} » refusée ({what}, il mène à {real}) : il est hors du dossier du projet {project}, et un fichier compose ne doit pas copier des fichiers de l’hôte dans l’application.',
  },
  'model.readRefusedHint': {
    en: 'Copy the file into the project folder, or allow its folder explicitly with --allow-read {dir}.',
    fr: 'Copiez le fichier dans le dossier du projet, ou autorisez explicitement son dossier avec --allow-read {dir}.',
  },
  'model.unknownKeys': {
    en: '{count|unknown key|unknown keys} {keys}',
    fr: '{count|clé inconnue|clés inconnues} {keys}',
  },
  'model.unknownKeysHint': {
    en: 'Check the spelling against the schema (docs/onboarding.md); editors complete keys from schemas/*.json.',
    fr: 'Vérifiez l’orthographe avec le schéma (docs/fr/onboarding.md) ; les éditeurs complètent les clés à partir de schemas/*.json.',
  },
  'model.severity.error': { en: 'error', fr: 'erreur' },
  'model.severity.warning': { en: 'warning', fr: 'avertissement' },
  'model.diagnostic': { en: '{location}: {severity}: {message}', fr: '{location} : {severity} : {message}' },
  'model.listItem': { en: '  {item}', fr: '  {item}' },
  'model.lines': { en: '{all}\n{next}', fr: '{all}\n{next}' },
  'model.andMore': { en: '  ... and {count} more', fr: '  ... et {count} de plus' },
  'model.invalidFile': {
    en: 'Invalid {what} "{file}": {count|# error|# errors}\n{errors}',
    fr: 'Fichier invalide « {file} » ({what}) : {count|# erreur|# erreurs}\n{errors}',
  },
  'model.invalidFileHint': {
    en: 'Fix each error listed above; nothing was written.',
    fr: 'Corrigez chaque erreur listée ci-dessus ; rien n’a été écrit.',
  },
  'model.rule.exposeUnknownPort': {
    en: 'component "{name}" exposes port "{port}", which it does not declare',
    fr: 'le composant « {name} » expose le port « {port} », qu’il ne déclare pas',
  },
  'model.rule.exposeUnknownPortHint': {
    en: 'Declare it under spec.components.{name}.ports, or use one of: {ports}.',
    fr: 'Déclarez-le sous spec.components.{name}.ports, ou utilisez l’un de : {ports}.',
  },
  'model.rule.probeUnknownPort': {
    en: 'the {kind} probe of "{name}" uses port "{port}", which the component does not declare',
    fr: 'la sonde {kind} de « {name} » utilise le port « {port} », que le composant ne déclare pas',
  },
  'model.rule.probeUnknownPortHint': {
    en: 'Declare the port under spec.components.{name}.ports, or name a declared one in the probe.',
    fr: 'Déclarez le port sous spec.components.{name}.ports, ou nommez un port déclaré dans la sonde.',
  },
  'model.rule.dependsOnItself': { en: '"{name}" depends on itself', fr: '« {name} » dépend de lui-même' },
  'model.rule.dependsOnItselfHint': {
    en: 'Remove this entry from dependsOn.',
    fr: 'Retirez cette entrée de dependsOn.',
  },
  'model.rule.dependsOnUnknown': {
    en: '"{name}" depends on "{target}", which is neither a component nor a job',
    fr: '« {name} » dépend de « {target} », qui n’est ni un composant ni un Job',
  },
  'model.rule.known': { en: 'Known: {names}.', fr: 'Connus : {names}.' },
  'model.rule.completedNotJob': {
    en: '"{name}" waits for "{target}" to complete, but only a one-shot job completes',
    fr: '« {name} » attend que « {target} » se termine, mais seul un Job ponctuel se termine',
  },
  'model.rule.completedNotJobHint': {
    en: 'Use condition "healthy" or "started" for a component.',
    fr: 'Utilisez la condition « healthy » ou « started » pour un composant.',
  },
  'model.rule.jobCondition': {
    en: '"{name}" depends on job "{target}" with condition "{condition}"',
    fr: '« {name} » dépend du Job « {target} » avec la condition « {condition} »',
  },
  'model.rule.jobConditionHint': {
    en: 'A job can only be waited for with condition "completed".',
    fr: 'Un Job ne peut être attendu qu’avec la condition « completed ».',
  },
  'model.rule.cycle': { en: 'dependency cycle: {cycle}', fr: 'cycle de dépendances : {cycle}' },
  'model.rule.cycleHint': {
    en: 'Remove one of the dependencies: Kubernetes would wait forever.',
    fr: 'Retirez l’une des dépendances : Kubernetes attendrait indéfiniment.',
  },
  'model.rule.secretInEnv': {
    en: '"{key}" of "{name}" looks like a secret and must not be written in clear',
    fr: '« {key} » de « {name} » ressemble à un secret et ne doit pas être écrit en clair',
  },
  'model.rule.secretInEnvHint': {
    en: 'Move it to {example} and store the value in that Secret.',
    fr: 'Déplacez-le dans {example} et rangez la valeur dans ce Secret.',
  },
  'model.rule.imageUntagged': {
    en: 'image "{image}" of "{name}" is untagged: each pull may bring another version',
    fr: 'l’image « {image} » de « {name} » n’a pas de tag : chaque tirage peut apporter une autre version',
  },
  'model.rule.imageLatest': {
    en: 'image "{image}" of "{name}" is tagged latest: each pull may bring another version',
    fr: 'l’image « {image} » de « {name} » a le tag latest : chaque tirage peut apporter une autre version',
  },
  'model.rule.mutableImageHint': {
    en: 'Pin a version tag or, better, a digest (image@sha256:...).',
    fr: 'Fixez un tag de version ou, mieux, un condensé (image@sha256:...).',
  },
  'model.rule.volumeSizes': {
    en: 'volume "{volume}" is {size} here but {other} in "{by}"',
    fr: 'le volume « {volume} » fait {size} ici mais {other} dans « {by} »',
  },
  'model.rule.volumeSizesHint': {
    en: 'Give the shared volume one size.',
    fr: 'Donnez une seule taille au volume partagé.',
  },
  'model.rule.volumeShared': {
    en: 'volume "{volume}" is shared by "{by}" and "{name}" but is not ReadWriteMany: pods on different nodes cannot mount it together',
    fr: 'le volume « {volume} » est partagé par « {by} » et « {name} » mais n’est pas ReadWriteMany : des pods sur des nœuds différents ne peuvent pas le monter ensemble',
  },
  'model.rule.volumeSharedHint': {
    en: 'Set accessMode: ReadWriteMany (needs a storage class that supports it, such as NFS), or keep one writer.',
    fr: 'Mettez accessMode: ReadWriteMany (il faut une classe de stockage qui le permet, comme NFS), ou gardez un seul écrivain.',
  },
  'model.rule.overrideUnknownComponent': {
    en: 'environment "{env}" overrides component "{name}", which does not exist',
    fr: 'l’environnement « {env} » surcharge le composant « {name} », qui n’existe pas',
  },
  'model.rule.overrideUnknownJob': {
    en: 'environment "{env}" overrides job "{name}", which does not exist',
    fr: 'l’environnement « {env} » surcharge le Job « {name} », qui n’existe pas',
  },
  'model.rule.overrideUnknownHint': {
    en: 'Correct the name under spec.environments.{env}, or remove the override.',
    fr: 'Corrigez le nom sous spec.environments.{env}, ou retirez la surcharge.',
  },
  'model.rule.exceptionExpired': {
    en: 'the exception "{allow}" of "{name}" expired on {expires}',
    fr: 'l’exception « {allow} » de « {name} » a expiré le {expires}',
  },
  'model.rule.exceptionExpiredHint': {
    en: 'Review it: remove it if the application no longer needs it, or set a new expiry with a fresh justification.',
    fr: 'Réexaminez-la : retirez-la si l’application n’en a plus besoin, ou fixez une nouvelle échéance avec une justification à jour.',
  },
  'model.rule.replicasOnRwo': {
    en: '"{name}" runs several replicas on a ReadWriteOnce volume: they would share one single-writer disk',
    fr: '« {name} » lance plusieurs réplicas sur un volume ReadWriteOnce : ils partageraient un disque à écrivain unique',
  },
  'model.rule.replicasOnRwoHint': {
    en: 'Keep one replica, make the volume ReadWriteMany if the application supports concurrent writers, or use a replicated database operator.',
    fr: 'Gardez un seul réplica, passez le volume en ReadWriteMany si l’application supporte des écritures concurrentes, ou utilisez un opérateur de base de données répliquée.',
  },
  'model.rule.replicasIgnored': {
    en: '"{name}" sets both replicas and autoscaling: the autoscaler decides, replicas is ignored',
    fr: '« {name} » fixe à la fois replicas et autoscaling : l’autoscaler décide, replicas est ignoré',
  },
  'model.rule.replicasIgnoredHint': {
    en: 'Remove spec.components.{name}.replicas, or drop autoscaling.',
    fr: 'Retirez spec.components.{name}.replicas, ou renoncez à autoscaling.',
  },
  'model.rule.connectsToUnknown': {
    en: '"{name}" connects to "{target}", which is not a component',
    fr: '« {name} » se connecte à « {target} », qui n’est pas un composant',
  },
  'model.rule.duplicateMount': {
    en: '"{name}" mounts two things on {path} (the first at {first})',
    fr: '« {name} » monte deux choses sur {path} (la première à {first})',
  },
  'model.rule.duplicateMountHint': {
    en: 'Keep one: Kubernetes refuses two mounts on one path.',
    fr: 'Gardez-en une : Kubernetes refuse deux montages sur un même chemin.',
  },

  // zod's own wording of validation errors, in both languages (core/util/zod-issue.ts).
  'model.zod.invalidType': {
    en: 'Invalid input: expected {expected}, received {received}',
    fr: 'Entrée invalide : {expected} attendu, {received} reçu',
  },
  'model.zod.type.string': { en: 'string', fr: 'chaîne de caractères' },
  'model.zod.type.number': { en: 'number', fr: 'nombre' },
  'model.zod.type.int': { en: 'int', fr: 'entier' },
  'model.zod.type.boolean': { en: 'boolean', fr: 'booléen' },
  'model.zod.type.bigint': { en: 'bigint', fr: 'grand entier' },
  'model.zod.type.symbol': { en: 'symbol', fr: 'symbole' },
  'model.zod.type.undefined': { en: 'undefined', fr: 'rien (undefined)' },
  'model.zod.type.null': { en: 'null', fr: 'null' },
  'model.zod.type.date': { en: 'date', fr: 'date' },
  'model.zod.type.array': { en: 'array', fr: 'liste' },
  'model.zod.type.object': { en: 'object', fr: 'objet' },
  'model.zod.type.record': { en: 'record', fr: 'dictionnaire' },
  'model.zod.type.map': { en: 'map', fr: 'map' },
  'model.zod.type.set': { en: 'set', fr: 'ensemble' },
  'model.zod.type.tuple': { en: 'tuple', fr: 'tuple' },
  'model.zod.type.file': { en: 'file', fr: 'fichier' },
  'model.zod.type.function': { en: 'function', fr: 'fonction' },
  'model.zod.type.nan': { en: 'NaN', fr: 'NaN' },
  'model.zod.tooBigSized': {
    en: 'Too big: expected {origin} to have {comparison}{limit} {unit}',
    fr: 'Trop grand : {origin} doit avoir {comparison}{limit} {unit}',
  },
  'model.zod.tooSmallSized': {
    en: 'Too small: expected {origin} to have {comparison}{limit} {unit}',
    fr: 'Trop petit : {origin} doit avoir {comparison}{limit} {unit}',
  },
  'model.zod.tooBig': {
    en: 'Too big: expected {origin} to be {comparison}{limit}',
    fr: 'Trop grand : {origin} doit être {comparison}{limit}',
  },
  'model.zod.tooSmall': {
    en: 'Too small: expected {origin} to be {comparison}{limit}',
    fr: 'Trop petit : {origin} doit être {comparison}{limit}',
  },
  'model.zod.unit.characters': { en: 'characters', fr: 'caractères' },
  'model.zod.unit.items': { en: 'items', fr: 'éléments' },
  'model.zod.unit.bytes': { en: 'bytes', fr: 'octets' },
  'model.zod.pattern': {
    en: 'Invalid string: must match pattern {pattern}',
    fr: 'Chaîne de caractères invalide : doit correspondre au motif {pattern}',
  },
  'model.zod.startsWith': {
    en: 'Invalid string: must start with "{prefix}"',
    fr: 'Chaîne de caractères invalide : doit commencer par « {prefix} »',
  },
  'model.zod.endsWith': {
    en: 'Invalid string: must end with "{suffix}"',
    fr: 'Chaîne de caractères invalide : doit se terminer par « {suffix} »',
  },
  'model.zod.includes': {
    en: 'Invalid string: must include "{text}"',
    fr: 'Chaîne de caractères invalide : doit contenir « {text} »',
  },
  'model.zod.multipleOf': {
    en: 'Invalid number: must be a multiple of {divisor}',
    fr: 'Nombre invalide : doit être un multiple de {divisor}',
  },
  'model.zod.invalidKey': { en: 'Invalid key in {origin}', fr: 'Clé invalide dans {origin}' },
  'model.zod.invalidElement': { en: 'Invalid value in {origin}', fr: 'Valeur invalide dans {origin}' },
  'model.zod.invalid': { en: 'Invalid input', fr: 'Entrée invalide' },
} as const;
