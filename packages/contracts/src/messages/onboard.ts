/** Onboarding: compose import, rendering. */
export const onboardMessages = {
  'onboard.arg.appSpecs': {
    en: 'app spec files (app.yaml)',
    fr: "fichiers de spécification d'application (app.yaml)",
  },
  'onboard.flag.file': {
    en: 'compose file; repeat to merge like docker compose -f a -f b',
    fr: 'fichier compose ; répéter pour fusionner comme docker compose -f a -f b',
  },
  'onboard.flag.envFile': {
    en: 'variables file (default: .env beside the first compose file)',
    fr: 'fichier de variables (par défaut : .env à côté du premier fichier compose)',
  },
  'onboard.flag.env': {
    en: 'a variable for interpolation; repeatable',
    fr: "une variable pour l'interpolation ; répétable",
  },
  'onboard.flag.useShellEnv': {
    en: 'also take variables from the shell environment, as docker compose does',
    fr: "prendre aussi les variables de l'environnement du shell, comme docker compose",
  },
  'onboard.flag.allowRead': {
    en: 'a folder outside the project whose files may be read into the app; repeatable',
    fr: "un dossier hors du projet dont les fichiers peuvent être lus dans l'application ; répétable",
  },
  'onboard.flag.profile': {
    en: 'enable a compose profile (services with profiles are left out otherwise, as docker compose does); repeatable',
    fr: 'activer un profil compose (sinon les services à profils sont laissés de côté, comme avec docker compose) ; répétable',
  },
  'onboard.flag.inspectImages': {
    en: "read each image's HEALTHCHECK from its registry (probes for services others wait for with service_healthy)",
    fr: 'lire le HEALTHCHECK de chaque image dans son registre (sondes des services attendus avec service_healthy)',
  },
  'onboard.flag.networkPolicy': {
    en: 'compose: services sharing a compose network may talk (default); strict: only declared dependencies and inferred references',
    fr: 'compose : les services qui partagent un réseau compose se joignent (par défaut) ; strict : seulement les dépendances déclarées et les références déduites',
  },
  'onboard.flag.name': {
    en: 'app name (default: the compose project name)',
    fr: "nom de l'application (par défaut : le nom du projet compose)",
  },
  'onboard.flag.team': {
    en: 'owning team, recorded in the app spec',
    fr: 'équipe responsable, notée dans la spécification',
  },
  'onboard.flag.out': {
    en: 'write app.yaml, conversion-report.json and secrets/*.env (mode 0600) into this folder',
    fr: 'écrire app.yaml, conversion-report.json et secrets/*.env (droits 0600) dans ce dossier',
  },
  'onboard.flag.platform': {
    en: 'platform file with the domain, storage classes, environments (default: built-in defaults)',
    fr: 'fichier de plateforme : domaine, classes de stockage, environnements (par défaut : valeurs intégrées)',
  },
  'onboard.flag.envName': { en: 'environment to render', fr: 'environnement à produire' },
  'onboard.flag.secrets': {
    en: 'folder of <secret>.env files (from quai import compose --out) to render as Secrets; a missing folder means none',
    fr: 'dossier de fichiers <secret>.env (de quai import compose --out) à produire en Secrets ; un dossier absent signifie aucun',
  },
  'onboard.flag.renderOut': {
    en: 'write one file per object and a kustomization.yaml into this folder (replaced atomically); Secrets go to <dir>-secrets/ (mode 0600), never beside files meant for Git',
    fr: 'écrire un fichier par objet et un kustomization.yaml dans ce dossier (remplacé de façon atomique) ; les Secrets vont dans <dossier>-secrets/ (droits 0600), jamais à côté des fichiers destinés à Git',
  },
  'onboard.flag.sealCert': {
    en: 'seal Secrets with this Sealed Secrets certificate (kubeseal --fetch-cert): SealedSecrets can be committed',
    fr: 'sceller les Secrets avec ce certificat Sealed Secrets (kubeseal --fetch-cert) : les SealedSecrets peuvent être versionnés',
  },
  'onboard.flag.renderAllowRead': {
    en: "a folder besides the app spec's own whose files configFiles.fromFile may read; repeatable",
    fr: 'un dossier, en plus de celui de la spécification, où configFiles.fromFile peut lire ; répétable',
  },
  'onboard.help.import': {
    en: "Without -f, the files docker compose reads are used (compose.yaml, docker-compose.yml and their override). Only files under the compose file's folder (or an --allow-read folder) are read into the app: a bind mount, env_file or secret file elsewhere (../outside.txt, /etc/passwd, a symbolic link leaving the folder) is refused with its path. Secret values never go into the app spec: with --out they are written to secrets/<name>.env with mode 0600; keep them out of git. Nothing is written if the input is invalid.",
    fr: "Sans -f, les fichiers que lit docker compose sont pris (compose.yaml, docker-compose.yml et leur override). Seuls les fichiers sous le dossier du fichier compose (ou un dossier --allow-read) sont lus dans l'application : un montage, un env_file ou un fichier secret ailleurs (../outside.txt, /etc/passwd, un lien symbolique qui sort du dossier) est refusé avec son chemin. Les valeurs secrètes ne vont jamais dans la spécification : avec --out elles sont écrites dans secrets/<nom>.env en droits 0600 ; gardez-les hors de git. Rien n'est écrit si l'entrée est invalide.",
  },
  'onboard.help.render': {
    en: "Output is deterministic (same input, same bytes): objects in apply order, stable keys. With --out, Secrets are written apart, to <dir>-secrets/ with mode 0600 and kept out of kustomization.yaml, so <dir> can be committed; with --seal-cert they become SealedSecrets in <dir> instead, which only the cluster's controller can decrypt.",
    fr: "La sortie est déterministe (mêmes entrées, mêmes octets) : objets dans l'ordre d'application, clés stables. Avec --out, les Secrets sont écrits à part, dans <dossier>-secrets/ en droits 0600 et hors du kustomization.yaml, pour que <dossier> puisse être versionné ; avec --seal-cert ils deviennent des SealedSecrets dans <dossier>, que seul le contrôleur du cluster sait déchiffrer.",
  },
  'onboard.badEnvFlag': {
    en: '--env takes NAME=VALUE, got "{value}".',
    fr: '--env attend NOM=VALEUR, reçu « {value} ».',
  },
  'onboard.needsFiles': {
    en: 'Compose import reads a project folder; this front end gives no file access.',
    fr: "L'import compose lit un dossier de projet ; cette interface ne donne pas accès aux fichiers.",
  },
  'onboard.needsFilesHint': {
    en: 'Run quai import compose on the machine that holds the project.',
    fr: 'Lancez quai import compose sur la machine qui détient le projet.',
  },
  'onboard.inlineAndFiles': {
    en: 'Compose files given inline cannot be mixed with paths (files, workingDir, envFiles) nor written (out).',
    fr: 'Des fichiers compose donnés en ligne ne se mélangent pas avec des chemins (files, workingDir, envFiles) ni ne s’écrivent (out).',
  },
  'onboard.inlineAndFilesHint': {
    en: 'Send the compose files and the .env file in compose and envFile, each file name once.',
    fr: 'Envoyez les fichiers compose et le fichier .env dans compose et envFile, chaque nom de fichier une seule fois.',
  },
  'onboard.inlineDuplicate': {
    en: 'Two compose files are named {name}.',
    fr: 'Deux fichiers compose s’appellent {name}.',
  },
  'onboard.imageUnreadable': {
    en: 'cannot read the health check of {image}: {reason}',
    fr: 'impossible de lire le contrôle de santé de {image} : {reason}',
  },
  'onboard.written': { en: 'Written to {dir}: {files}', fr: 'Écrit dans {dir} : {files}' },
  'onboard.secretsNotWritten': {
    en: 'Secret values were not written anywhere: use --out to save them (mode 0600).',
    fr: "Les valeurs secrètes n'ont été écrites nulle part : utilisez --out pour les enregistrer (droits 0600).",
  },
  'onboard.wroteObjects': { en: 'Wrote {count} objects to {dir}', fr: '{count} objets écrits dans {dir}' },
  'onboard.wroteSecrets': {
    en: 'Wrote {count|# Secret|# Secrets} to {dir} (mode 0600): keep them out of Git, or render with --seal-cert',
    fr: 'Écrit {count|# Secret|# Secrets} dans {dir} (droits 0600) : gardez-les hors de Git, ou produisez avec --seal-cert',
  },
  'onboard.note': { en: 'note: {app}: {text}', fr: 'note : {app} : {text}' },
  'onboard.what.composeFile': { en: 'compose file', fr: 'fichier compose' },
  'onboard.what.envFile': { en: 'env file', fr: 'fichier de variables' },
  'onboard.what.secretsFile': { en: 'secrets file', fr: 'fichier de secrets' },
  'onboard.what.envFileOf': {
    en: 'the env_file of service "{service}"',
    fr: 'l’env_file du service « {service} »',
  },
  'onboard.what.mountedFile': {
    en: 'the file mounted by service "{service}"',
    fr: 'le fichier monté par le service « {service} »',
  },
  'onboard.what.fileOf': { en: 'the file of {kind} "{name}"', fr: 'le fichier du {kind} « {name} »' },
  'onboard.noComposeFile': { en: 'No compose file in {dir}.', fr: 'Aucun fichier compose dans {dir}.' },
  'onboard.noComposeFileHint': {
    en: 'Pass -f FILE, or run in the folder of {files}.',
    fr: 'Passez -f FICHIER, ou lancez la commande dans le dossier de {files}.',
  },
  'onboard.tooManyFiles': {
    en: 'Too many files: at most {max} compose and env files are merged.',
    fr: 'Trop de fichiers : au plus {max} fichiers compose et de variables sont fusionnés.',
  },
  'onboard.tooManyFilesHint': {
    en: 'Merge fewer files with -f and --env-file.',
    fr: 'Fusionnez moins de fichiers avec -f et --env-file.',
  },
  'onboard.notMapping': {
    en: 'Compose file "{file}" is not a mapping of top-level keys.',
    fr: 'Le fichier compose « {file} » n’est pas une table de clés de premier niveau.',
  },
  'onboard.notMappingHint': {
    en: 'A compose file starts with keys such as services:, volumes:, networks:.',
    fr: 'Un fichier compose commence par des clés comme services:, volumes:, networks:.',
  },
  'onboard.tooManyServices': {
    en: 'Compose file "{file}" defines {count} services, over the limit of {max}.',
    fr: 'Le fichier compose « {file} » définit {count} services, au-delà de la limite de {max}.',
  },
  'onboard.tooManyServicesHint': {
    en: 'Is this the right file? Split the application.',
    fr: 'Est-ce le bon fichier ? Découpez l’application.',
  },
  'onboard.interpolation': {
    en: 'Cannot interpolate the {files|compose file|compose files}: {count|# problem|# problems}\n{problems}',
    fr: 'Impossible d’interpoler {files|le fichier compose|les fichiers compose} : {count|# problème|# problèmes}\n{problems}',
  },
  'onboard.interpolationProblem': {
    en: '  {file}:{line}:{column}: {reason}',
    fr: '  {file}:{line}:{column} : {reason}',
  },
  'onboard.lines': { en: '{all}\n{next}', fr: '{all}\n{next}' },
  'onboard.interpolationSetHint': {
    en: 'Set {names} in the .env file or with --env NAME=VALUE.',
    fr: 'Définissez {names} dans le fichier .env ou avec --env NOM=VALEUR.',
  },
  'onboard.interpolationSyntaxHint': { en: 'Fix the {syntax} syntax.', fr: 'Corrigez la syntaxe {syntax}.' },
  'onboard.envFileMissing': {
    en: 'env_file "{path}" of service "{service}" does not exist ({full}).',
    fr: 'L’env_file « {path} » du service « {service} » n’existe pas ({full}).',
  },
  'onboard.envFileMissingHint': {
    en: 'Create it, or mark it required: false.',
    fr: 'Créez-le, ou marquez-le required: false.',
  },
  'onboard.envFileNotRegular': {
    en: 'env_file "{path}" of service "{service}" is not a regular file of at most {max} MiB.',
    fr: 'L’env_file « {path} » du service « {service} » n’est pas un fichier ordinaire d’au plus {max} Mio.',
  },
  'onboard.envFileNotRegularHint': {
    en: 'Point env_file to a plain text file of NAME=VALUE lines.',
    fr: 'Faites pointer env_file vers un fichier texte de lignes NOM=VALEUR.',
  },
  'onboard.secretsDirUnreadable': {
    en: 'Cannot read the secrets folder "{dir}": {reason}.',
    fr: 'Impossible de lire le dossier de secrets « {dir} » : {reason}.',
  },
  'onboard.isFileNotFolder': { en: 'it is a file, not a folder', fr: 'c’est un fichier, pas un dossier' },
  'onboard.secretsDirUnreadableHint': {
    en: 'Pass the secrets/ folder that quai import compose --out wrote.',
    fr: 'Passez le dossier secrets/ qu’a écrit quai import compose --out.',
  },
  'onboard.badPort': {
    en: 'Cannot read port "{port}" of service "{service}".',
    fr: 'Impossible de lire le port « {port} » du service « {service} ».',
  },
  'onboard.badPortHint': {
    en: 'Use HOST:CONTAINER, IP:HOST:CONTAINER, CONTAINER, optionally /udp, or the long syntax with target.',
    fr: 'Utilisez HÔTE:CONTENEUR, IP:HÔTE:CONTENEUR, CONTENEUR, éventuellement /udp, ou la syntaxe longue avec target.',
  },
  'onboard.undeclared': {
    en: 'Service "{service}" uses {kind} "{name}", which the top-level {section} section does not declare.',
    fr: 'Le service « {service} » utilise le {kind} « {name} », que la section {section} de premier niveau ne déclare pas.',
  },
  'onboard.undeclaredHint': {
    en: 'Declare it under {section}: with file:, environment: or content:.',
    fr: 'Déclarez-le sous {section}: avec file:, environment: ou content:.',
  },
  'onboard.fileOfMissing': {
    en: 'The file "{path}" of {kind} "{name}" does not exist ({full}).',
    fr: 'Le fichier « {path} » du {kind} « {name} » n’existe pas ({full}).',
  },
  'onboard.fileOfMissingHint': {
    en: 'Create the file, or correct its path (relative to the compose file).',
    fr: 'Créez le fichier, ou corrigez son chemin (relatif au fichier compose).',
  },
  'onboard.fileOfNotRegular': {
    en: 'The file "{path}" of {kind} "{name}" is not a regular file of at most 1 MiB.',
    fr: 'Le fichier « {path} » du {kind} « {name} » n’est pas un fichier ordinaire d’au plus 1 Mio.',
  },
  'onboard.fileOfNotRegularHint': {
    en: 'A Secret or ConfigMap holds at most 1 MiB.',
    fr: 'Un Secret ou une ConfigMap contient au plus 1 Mio.',
  },
  'onboard.extendsCycle': {
    en: 'Service "{service}" extends itself through a cycle.',
    fr: 'Le service « {service} » s’étend lui-même par un cycle.',
  },
  'onboard.extendsCycleHint': {
    en: 'Remove one of the extends: in the cycle.',
    fr: 'Retirez l’un des extends: du cycle.',
  },
  'onboard.extendsOtherFile': {
    en: 'Service "{service}" extends a service of another file ({file}): not supported.',
    fr: 'Le service « {service} » étend un service d’un autre fichier ({file}) : non pris en charge.',
  },
  'onboard.extendsOtherFileHint': {
    en: 'Merge that file with -f, or copy the settings.',
    fr: 'Fusionnez ce fichier avec -f, ou copiez les réglages.',
  },
  'onboard.extendsMissing': {
    en: 'Service "{service}" extends "{base}", which does not exist.',
    fr: 'Le service « {service} » étend « {base} », qui n’existe pas.',
  },
  'onboard.extendsMissingHint': {
    en: 'Name an existing service in extends:, or define it.',
    fr: 'Nommez un service existant dans extends:, ou définissez-le.',
  },
  'onboard.noServices': {
    en: 'The compose project defines no services.',
    fr: 'Le projet compose ne définit aucun service.',
  },
  'onboard.noServicesHint': {
    en: 'Add a services: section, or pass the right file with -f.',
    fr: 'Ajoutez une section services:, ou passez le bon fichier avec -f.',
  },
  'onboard.serviceNotMapping': {
    en: 'Service "{service}" is not a mapping.',
    fr: 'Le service « {service} » n’est pas une table.',
  },
  'onboard.serviceNotMappingHint': {
    en: 'Write the service as keys (image:, ports:, ...) under its name.',
    fr: 'Écrivez le service sous forme de clés (image:, ports:, ...) sous son nom.',
  },
  'onboard.onlyJobs': {
    en: 'Every service is a one-shot job: nothing would keep running.',
    fr: 'Chaque service est une tâche ponctuelle : rien ne resterait en marche.',
  },
  'onboard.onlyJobsHint': {
    en: 'Enable the profile of the long-running services with --profile, or check restart: and depends_on: conditions.',
    fr: 'Activez le profil des services qui tournent en continu avec --profile, ou vérifiez les conditions restart: et depends_on:.',
  },
  'onboard.invalidResult': {
    en: 'The compose file maps to an invalid app spec at {path}: {reason}',
    fr: 'Le fichier compose donne une spécification d’application invalide à {path} : {reason}',
  },
  'onboard.invalidResultHint': {
    en: 'Fix the value in the compose file (a port or quantity out of range, an invalid name).',
    fr: 'Corrigez la valeur dans le fichier compose (un port ou une quantité hors limites, un nom invalide).',
  },
  'onboard.badNetworkPolicy': {
    en: '--network-policy takes compose or strict, got "{value}".',
    fr: '--network-policy attend compose ou strict, reçu « {value} ».',
  },
  'onboard.badNetworkPolicyHint': {
    en: 'Use --network-policy compose (the default) or --network-policy strict.',
    fr: 'Utilisez --network-policy compose (par défaut) ou --network-policy strict.',
  },
} as const;
