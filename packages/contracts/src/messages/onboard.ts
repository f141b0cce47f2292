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

  // The conversion report: what became of each compose key (ids are the entries' `code`).
  'onboard.entry.buildPush': {
    en: 'the image is built from source: a CI pipeline must build and push {image} (see docs/onboarding.md, "Images built from source")',
    fr: 'l’image est construite depuis les sources : un pipeline CI doit construire et pousser {image} (voir docs/onboarding.md, « Images built from source »)',
  },
  'onboard.entry.buildPlaceholder': {
    en: 'the image is built from source: a CI pipeline must build and push it; the app spec names a placeholder image to replace',
    fr: 'l’image est construite depuis les sources : un pipeline CI doit la construire et la pousser ; la spécification d’application nomme une image provisoire à remplacer',
  },
  'onboard.entry.imageLatest': {
    en: 'image {image} is tagged latest: pin a version or digest',
    fr: 'l’image {image} a l’étiquette latest : épinglez une version ou une empreinte',
  },
  'onboard.entry.imageUntagged': {
    en: 'image {image} is untagged: pin a version or digest',
    fr: 'l’image {image} n’a pas d’étiquette : épinglez une version ou une empreinte',
  },
  'onboard.entry.image': { en: 'image {image}', fr: 'image {image}' },
  'onboard.entry.entrypoint': {
    en: 'container command (replaces the image ENTRYPOINT)',
    fr: 'commande du conteneur (remplace l’ENTRYPOINT de l’image)',
  },
  'onboard.entry.command': {
    en: 'container args (replace the image CMD)',
    fr: 'arguments du conteneur (remplacent le CMD de l’image)',
  },
  'onboard.entry.workingDir': { en: 'workingDir', fr: 'workingDir' },
  'onboard.entry.envFile': {
    en: 'variables of {path} become env (secret-looking ones go to Secret {secret})',
    fr: 'les variables de {path} deviennent env (celles qui semblent secrètes vont dans le Secret {secret})',
  },
  'onboard.entry.envFileMissing': {
    en: 'optional env file {path} does not exist',
    fr: 'le fichier de variables facultatif {path} n’existe pas',
  },
  'onboard.entry.envUnset': {
    en: '{key} is listed without a value and no .env file, --env-file, --env or shell sets it: the container does not get it (as with docker compose). Set it with --env {key}=VALUE if the app needs it',
    fr: '{key} est listée sans valeur et aucun fichier .env, --env-file, --env ni le shell ne la fixe : le conteneur ne la reçoit pas (comme avec docker compose). Fixez-la avec --env {key}=VALEUR si l’application en a besoin',
  },
  'onboard.entry.environment': {
    en: '{count|# variable|# variables}{fromProject}{secrets}',
    fr: '{count|# variable|# variables}{fromProject}{secrets}',
  },
  'onboard.entry.environmentFromProject': {
    en: " ({count} listed without a value took it from the project's environment)",
    fr: ' ({count|# listée sans valeur l’a prise|# listées sans valeur l’ont prise} dans l’environnement du projet)',
  },
  'onboard.entry.environmentSecrets': {
    en: '; {count|# secret-looking value|# secret-looking values} moved to Secret {secret}',
    fr: ' ; {count|# valeur qui semble secrète déplacée|# valeurs qui semblent secrètes déplacées} dans le Secret {secret}',
  },
  'onboard.entry.portHostIp': {
    en: 'port {port} was published on {ip} only: it stays internal (Service {service}, no Ingress)',
    fr: 'le port {port} n’était publié que sur {ip} : il reste interne (Service {service}, pas d’Ingress)',
  },
  'onboard.entry.portInternal': {
    en: 'container port {port} reachable in the cluster through Service {service}',
    fr: 'port de conteneur {port} joignable dans le cluster par le Service {service}',
  },
  'onboard.entry.portIngress': {
    en: 'published port {published}:{port} becomes Service {service} and an HTTPS Ingress (HTTP assumed; remove the exposure if it is not HTTP)',
    fr: 'le port publié {published}:{port} devient le Service {service} et un Ingress HTTPS (HTTP supposé ; retirez l’exposition si ce n’est pas du HTTP)',
  },
  'onboard.entry.portNotHttp': {
    en: 'published port {published}:{port}/{protocol} is not HTTP{range}: reachable in the cluster through Service {service}; outside access needs a LoadBalancer or NodePort, not created',
    fr: 'le port publié {published}:{port}/{protocol} n’est pas du HTTP{range} : joignable dans le cluster par le Service {service} ; l’accès extérieur demande un LoadBalancer ou un NodePort, non créé',
  },
  'onboard.entry.portRange': {
    en: ' (a port range, such as FTP passive ports)',
    fr: ' (une plage de ports, comme les ports passifs FTP)',
  },
  'onboard.entry.expose': {
    en: 'container port {port} reachable through Service {service}',
    fr: 'port de conteneur {port} joignable par le Service {service}',
  },
  'onboard.entry.imageHealthcheck': {
    en: "the image's HEALTHCHECK ({test}) became the readiness and liveness probes",
    fr: 'le HEALTHCHECK de l’image ({test}) est devenu les sondes de disponibilité et de vie',
  },
  'onboard.entry.healthcheckDisabled': {
    en: 'health check disabled: no probes',
    fr: 'contrôle de santé désactivé : pas de sondes',
  },
  'onboard.entry.healthcheckInImage': {
    en: 'the health check is defined inside the image (no test here): declare probes in the app spec',
    fr: 'le contrôle de santé est défini dans l’image (pas de test ici) : déclarez des sondes dans la spécification d’application',
  },
  'onboard.entry.httpProbes': {
    en: 'HTTP readiness and liveness probes on port {port} path {path}',
    fr: 'sondes HTTP de disponibilité et de vie sur le port {port}, chemin {path}',
  },
  'onboard.entry.execProbes': {
    en: 'exec readiness and liveness probes (the command must exist in the image)',
    fr: 'sondes exec de disponibilité et de vie (la commande doit exister dans l’image)',
  },
  'onboard.entry.dependsOnTask': {
    en: '{target} is a one-shot task (restart: {restart}): {service} waits for the job to complete instead of "{condition}"',
    fr: '{target} est une tâche ponctuelle (restart: {restart}) : {service} attend la fin du job au lieu de « {condition} »',
  },
  'onboard.entry.dependsOnImageHealth': {
    en: "{target}'s health check comes from its image ({test}): it became its probes; the init container waits until {target} accepts connections",
    fr: 'le contrôle de santé de {target} vient de son image ({test}) : il est devenu ses sondes ; le conteneur d’initialisation attend que {target} accepte des connexions',
  },
  'onboard.entry.dependsOnNoHealth': {
    en: '{target} has no health check in the compose file (its image may define one, which Quai did not read): the init container only waits until {target} accepts connections, not until it is healthy; declare probes for {target} in the app spec, or import with --inspect-images',
    fr: '{target} n’a pas de contrôle de santé dans le fichier compose (son image peut en définir un, que Quai n’a pas lu) : le conteneur d’initialisation attend seulement que {target} accepte des connexions, pas qu’il soit en bonne santé ; déclarez des sondes pour {target} dans la spécification d’application, ou importez avec --inspect-images',
  },
  'onboard.entry.waitsForJob': {
    en: 'waits for job {target} to complete (quai apply runs it first)',
    fr: 'attend la fin du job {target} (quai apply l’exécute d’abord)',
  },
  'onboard.entry.waitsAnswers': {
    en: 'an init container waits until {target} answers',
    fr: 'un conteneur d’initialisation attend que {target} réponde',
  },
  'onboard.entry.waitsResolves': {
    en: 'an init container waits until {target} resolves',
    fr: 'un conteneur d’initialisation attend que le nom {target} soit résolu',
  },
  'onboard.entry.link': {
    en: 'link to {target}: a dependency; Services resolve by name, link aliases are not carried over',
    fr: 'lien vers {target} : une dépendance ; les Services se résolvent par leur nom, les alias de lien ne sont pas repris',
  },
  'onboard.entry.mountedAgain': {
    en: '{target} is mounted again by a later entry of volumes (docker and Kubernetes refuse two mounts on one path): the later one is kept',
    fr: '{target} est monté de nouveau par une entrée suivante de volumes (docker et Kubernetes refusent deux montages sur un chemin) : la dernière est gardée',
  },
  'onboard.entry.tmpfs': {
    en: 'tmpfs {target} becomes a memory-backed emptyDir',
    fr: 'le tmpfs {target} devient un emptyDir en mémoire',
  },
  'onboard.entry.anonymousVolume': {
    en: 'anonymous volume {target} becomes a persistent volume (size default; set size)',
    fr: 'le volume anonyme {target} devient un volume persistant (taille par défaut ; renseignez size)',
  },
  'onboard.entry.namedVolume': {
    en: 'named volume {source} becomes PersistentVolumeClaim {claim}{shared}; size: platform default, set it',
    fr: 'le volume nommé {source} devient le PersistentVolumeClaim {claim}{shared} ; taille : celle de la plateforme par défaut, renseignez-la',
  },
  'onboard.entry.externalNamedVolume': {
    en: 'external named volume {source} becomes PersistentVolumeClaim {claim}{shared}; size: platform default, set it',
    fr: 'le volume nommé externe {source} devient le PersistentVolumeClaim {claim}{shared} ; taille : celle de la plateforme par défaut, renseignez-la',
  },
  'onboard.entry.sharedBy': {
    en: ' shared by {users}: ReadWriteMany (needs an RWX storage class such as NFS)',
    fr: ' partagé par {users} : ReadWriteMany (il faut une classe de stockage RWX comme NFS)',
  },
  'onboard.entry.dockerSocket': {
    en: 'the Docker socket ({path}) gives root on the host: refused. Use the Kubernetes API with a ServiceAccount and RBAC instead',
    fr: 'le socket Docker ({path}) donne root sur l’hôte : refusé. Utilisez plutôt l’API Kubernetes avec un ServiceAccount et du RBAC',
  },
  'onboard.entry.hostPath': {
    en: 'host path {path}{full} breaks isolation between the pod and the node: refused. Ship the data in the image, a ConfigMap or a volume',
    fr: 'le chemin de l’hôte {path}{full} casse l’isolation entre le pod et le nœud : refusé. Livrez les données dans l’image, un ConfigMap ou un volume',
  },
  'onboard.entry.fileOutside': {
    en: 'host file {path} is outside the project folder {dir}: not read (a compose file must not copy host files into the app)',
    fr: 'le fichier de l’hôte {path} est hors du dossier du projet {dir} : non lu (un fichier compose ne doit pas copier des fichiers de l’hôte dans l’application)',
  },
  'onboard.entry.fileTooLarge': {
    en: 'file {path} is not a regular file of at most 1 MiB (too large for a ConfigMap): put it in the image or a volume',
    fr: 'le fichier {path} n’est pas un fichier ordinaire d’au plus 1 Mio (trop grand pour un ConfigMap) : mettez-le dans l’image ou un volume',
  },
  'onboard.entry.fileResolvesOutside': {
    en: '{path} resolves outside the project folder{real}: not read',
    fr: '{path} mène hors du dossier du projet{real} : non lu',
  },
  'onboard.entry.placeholderRefused': {
    en: '; an empty entry is mounted in its place: fill it, copy the file into the project, or import with --allow-read',
    fr: ' ; une entrée vide est montée à sa place : remplissez-la, copiez le fichier dans le projet, ou importez avec --allow-read',
  },
  'onboard.entry.placeholderMissing': {
    en: ' ({path} does not exist here; its name says it is a file): an empty entry is mounted, fill it before deploying',
    fr: ' ({path} n’existe pas ici ; son nom dit que c’est un fichier) : une entrée vide est montée, remplissez-la avant de déployer',
  },
  'onboard.entry.fileLooksSecret': { en: 'file {path} looks secret', fr: 'le fichier {path} semble secret' },
  'onboard.entry.fileSecret': {
    en: '{what}: mounted from Secret {secret} (key {key}){placeholder}',
    fr: '{what} : monté depuis le Secret {secret} (clé {key}){placeholder}',
  },
  'onboard.entry.fileBecomesConfig': {
    en: 'file {path} becomes a ConfigMap entry',
    fr: 'le fichier {path} devient une entrée de ConfigMap',
  },
  'onboard.entry.fileConfig': {
    en: '{what} mounted read-only at {target}{writable}{placeholder}',
    fr: '{what} montée en lecture seule sur {target}{writable}{placeholder}',
  },
  'onboard.entry.wasWritable': {
    en: ' (it was writable in compose)',
    fr: ' (il était modifiable dans compose)',
  },
  'onboard.entry.notFileOrFolder': {
    en: '{path} is neither a file nor a folder (a socket, FIFO or device): refused',
    fr: '{path} n’est ni un fichier ni un dossier (un socket, une FIFO ou un périphérique) : refusé',
  },
  'onboard.entry.hostFolder': {
    en: 'folder {path}{outside} becomes persistent volume {volume}{shared}{missing}: copy its initial content into it (quai restore or a setup job)',
    fr: 'le dossier {path}{outside} devient le volume persistant {volume}{shared}{missing} : copiez-y son contenu initial (quai restore ou un job de préparation)',
  },
  'onboard.entry.outsideProject': {
    en: ' (outside the project folder: nothing is read from it)',
    fr: ' (hors du dossier du projet : rien n’y est lu)',
  },
  'onboard.entry.sharedWith': { en: ' shared with {users}', fr: ' partagé avec {users}' },
  'onboard.entry.assumedFolder': {
    en: ' (it does not exist here: assumed to be a folder)',
    fr: ' (il n’existe pas ici : supposé être un dossier)',
  },
  'onboard.entry.tmpfsAlreadyMounted': {
    en: '{target} is already mounted by volumes: the tmpfs is not added (two mounts on one path are refused)',
    fr: '{target} est déjà monté par volumes : le tmpfs n’est pas ajouté (deux montages sur un chemin sont refusés)',
  },
  'onboard.entry.shm': {
    en: 'shared memory becomes a memory-backed emptyDir at /dev/shm',
    fr: 'la mémoire partagée devient un emptyDir en mémoire sur /dev/shm',
  },
  'onboard.entry.shmSize': {
    en: 'shared memory becomes a memory-backed emptyDir at /dev/shm of {size}',
    fr: 'la mémoire partagée devient un emptyDir en mémoire sur /dev/shm de {size}',
  },
  'onboard.entry.kind.secret': { en: 'secret', fr: 'secret' },
  'onboard.entry.kind.config': { en: 'config', fr: 'config' },
  'onboard.entry.fromUnsetVariable': {
    en: '{kind} {name} comes from variable {variable}, which is not set: fill the Secret by hand',
    fr: '{kind} {name} vient de la variable {variable}, qui n’est pas définie : remplissez le Secret à la main',
  },
  'onboard.entry.externalSource': {
    en: 'external {kind} {name}: create Secret {secret} in the namespace',
    fr: '{kind} externe {name} : créez le Secret {secret} dans le namespace',
  },
  'onboard.entry.secret': {
    en: 'secret {name} becomes Secret {secret}, mounted at {path}',
    fr: 'le secret {name} devient le Secret {secret}, monté sur {path}',
  },
  'onboard.entry.config': {
    en: 'config {name} becomes a ConfigMap entry mounted at {path}',
    fr: 'la config {name} devient une entrée de ConfigMap montée sur {path}',
  },
  'onboard.entry.runsAsRoot': {
    en: 'runs as root: kept as a runAsRoot security exception (namespace drops to baseline); prefer an image that runs as a user',
    fr: 'tourne en root : gardé comme exception de sécurité runAsRoot (le namespace passe en baseline) ; préférez une image qui tourne sous un utilisateur',
  },
  'onboard.entry.runAsUser': { en: 'runAsUser {uid}', fr: 'runAsUser {uid}' },
  'onboard.entry.runAsUserGroup': {
    en: 'runAsUser {uid}, runAsGroup {gid}',
    fr: 'runAsUser {uid}, runAsGroup {gid}',
  },
  'onboard.entry.userName': {
    en: 'user "{user}" is a name: Kubernetes needs a numeric id; Quai runs as 10001 until you set user.uid',
    fr: 'l’utilisateur « {user} » est un nom : Kubernetes veut un identifiant numérique ; Quai tourne en 10001 tant que user.uid n’est pas renseigné',
  },
  'onboard.entry.capPrivileged': {
    en: '{cap} is as strong as privileged: kept as a privileged exception (namespace becomes privileged); review',
    fr: '{cap} vaut le mode privilégié : gardé comme exception privileged (le namespace devient privileged) ; à revoir',
  },
  'onboard.entry.capKept': {
    en: 'capability {cap} kept as a security exception',
    fr: 'capacité {cap} gardée comme exception de sécurité',
  },
  'onboard.entry.capDrop': {
    en: 'every capability is dropped by default',
    fr: 'toutes les capacités sont retirées par défaut',
  },
  'onboard.entry.readOnly': {
    en: 'read-only root filesystem (the default)',
    fr: 'système de fichiers racine en lecture seule (le défaut)',
  },
  'onboard.entry.readOnlyAnyway': {
    en: 'the root filesystem is read-only anyway (hardened default); writable: declared volumes and /tmp',
    fr: 'le système de fichiers racine est de toute façon en lecture seule (défaut durci) ; modifiables : les volumes déclarés et /tmp',
  },
  'onboard.entry.privileged': {
    en: 'privileged container kept as an exception: the namespace becomes privileged; this gives root on the node, review',
    fr: 'conteneur privilégié gardé comme exception : le namespace devient privileged ; cela donne root sur le nœud, à revoir',
  },
  'onboard.entry.hostNetwork': {
    en: 'host network kept as an exception: the namespace becomes privileged; prefer a Service',
    fr: 'réseau de l’hôte gardé comme exception : le namespace devient privileged ; préférez un Service',
  },
  'onboard.entry.sharesNetwork': {
    en: "shares the network of service {other} in compose: the pod joins {target}'s networks and reaches it through Service {target}, but they no longer share localhost (what listened on {other}:PORT for this service is now {service}:PORT)",
    fr: 'partage le réseau du service {other} dans compose : le pod rejoint les réseaux de {target} et le joint par le Service {target}, mais ils ne partagent plus localhost (ce qui écoutait sur {other}:PORT pour ce service est maintenant {service}:PORT)',
  },
  'onboard.entry.networkNone': {
    en: 'no network: the pod is on no network (the default-deny NetworkPolicy isolates it)',
    fr: 'pas de réseau : le pod n’est sur aucun réseau (la NetworkPolicy de refus par défaut l’isole)',
  },
  'onboard.entry.networkContainer': {
    en: 'sharing the network of {mode}, a container outside the project: refused; talk through a Service',
    fr: 'partager le réseau de {mode}, un conteneur hors du projet : refusé ; passez par un Service',
  },
  'onboard.entry.podNetwork': { en: 'pod network', fr: 'réseau des pods' },
  'onboard.entry.hostNamespace': {
    en: 'host {key} namespace kept as an exception: the namespace becomes privileged',
    fr: 'namespace {key} de l’hôte gardé comme exception : le namespace devient privileged',
  },
  'onboard.entry.modeDropped': {
    en: '{key} mode {mode} is not carried over',
    fr: 'le mode {key} {mode} n’est pas repris',
  },
  'onboard.entry.seccompUnconfined': {
    en: 'seccomp unconfined kept as an exception (namespace becomes privileged)',
    fr: 'seccomp unconfined gardé comme exception (le namespace devient privileged)',
  },
  'onboard.entry.securityDefault': {
    en: '{opt}: the default (no privilege escalation, RuntimeDefault seccomp)',
    fr: '{opt} : le défaut (pas d’élévation de privilèges, seccomp RuntimeDefault)',
  },
  'onboard.entry.securityDropped': {
    en: '{opt} is not carried over (AppArmor and SELinux profiles are node settings)',
    fr: '{opt} n’est pas repris (les profils AppArmor et SELinux sont des réglages du nœud)',
  },
  'onboard.entry.sysctls': {
    en: 'sysctls are not carried over: most are unsafe and need a kubelet allow list; tune the node instead',
    fr: 'les sysctls ne sont pas repris : la plupart sont dangereux et demandent une liste d’autorisation du kubelet ; réglez plutôt le nœud',
  },
  'onboard.entry.badAmount': {
    en: 'cannot read {kind} amount "{value}"',
    fr: 'quantité de {kind} illisible : « {value} »',
  },
  'onboard.entry.resource': { en: '{bucket}.{kind} {quantity}', fr: '{bucket}.{kind} {quantity}' },
  'onboard.entry.replicas': { en: '{count|# replica|# replicas}', fr: '{count|# réplique|# répliques}' },
  'onboard.entry.restartPolicy': {
    en: 'Kubernetes restarts failed containers itself',
    fr: 'Kubernetes redémarre lui-même les conteneurs en échec',
  },
  'onboard.entry.updateConfig': {
    en: 'rolling updates with maxUnavailable 0 (Recreate with a single-writer volume)',
    fr: 'mises à jour progressives avec maxUnavailable 0 (Recreate avec un volume à écrivain unique)',
  },
  'onboard.entry.placement': {
    en: 'placement constraints are not carried over; the scheduler spreads pods',
    fr: 'les contraintes de placement ne sont pas reprises ; l’ordonnanceur répartit les pods',
  },
  'onboard.entry.swarm': {
    en: 'deploy.{key} is a Swarm setting, not carried over',
    fr: 'deploy.{key} est un réglage Swarm, non repris',
  },
  'onboard.entry.grace': {
    en: 'terminationGracePeriodSeconds {seconds}',
    fr: 'terminationGracePeriodSeconds {seconds}',
  },
  'onboard.entry.stopSignal': {
    en: 'pods are stopped with SIGTERM; set STOPSIGNAL in the image if it needs another',
    fr: 'les pods sont arrêtés par SIGTERM ; fixez STOPSIGNAL dans l’image s’il en faut un autre',
  },
  'onboard.entry.oneShotJob': {
    en: 'one-shot service becomes a Job',
    fr: 'le service ponctuel devient un Job',
  },
  'onboard.entry.deploymentRestarts': {
    en: 'a Deployment restarts its pods',
    fr: 'un Deployment redémarre ses pods',
  },
  'onboard.entry.restartApproximated': {
    en: 'restart: {restart}: a Deployment always restarts its pods (a one-shot task should be a job)',
    fr: 'restart: {restart} : un Deployment redémarre toujours ses pods (une tâche ponctuelle devrait être un job)',
  },
  'onboard.entry.containerNameService': {
    en: 'container name {name} stays reachable through Service {service}',
    fr: 'le nom de conteneur {name} reste joignable par le Service {service}',
  },
  'onboard.entry.componentName': { en: 'the component name', fr: 'le nom du composant' },
  'onboard.entry.badAlias': {
    en: 'alias "{alias}" is not a valid Service name: {answer} answers instead; references in values were rewritten',
    fr: 'l’alias « {alias} » n’est pas un nom de Service valide : {answer} répond à sa place ; les références dans les valeurs ont été réécrites',
  },
  'onboard.entry.ownName': {
    en: "the component's own name {name}",
    fr: 'le nom propre du composant, {name},',
  },
  'onboard.entry.serviceName': { en: 'Service {service}', fr: 'le Service {service}' },
  'onboard.entry.fixedAddress': {
    en: 'fixed container addresses do not exist in a cluster: reach the component by its Service name',
    fr: 'les adresses fixes de conteneur n’existent pas dans un cluster : joignez le composant par le nom de son Service',
  },
  'onboard.entry.strictPolicy': {
    en: 'strict network policy: only declared dependencies and inferred references may reach each other',
    fr: 'politique réseau stricte : seules les dépendances déclarées et les références déduites peuvent se joindre',
  },
  'onboard.entry.onNetworks': {
    en: 'on {count|network|networks} {networks}: services sharing a network may reach each other on any port, as in compose (NetworkPolicy allow-network-<name>)',
    fr: 'sur {count|le réseau|les réseaux} {networks} : les services qui partagent un réseau peuvent se joindre sur tout port, comme dans compose (NetworkPolicy allow-network-<nom>)',
  },
  'onboard.entry.hostname': {
    en: 'the pod host name is the pod name; others reach the component by its Service name',
    fr: 'le nom d’hôte du pod est le nom du pod ; les autres joignent le composant par le nom de son Service',
  },
  'onboard.entry.labels': {
    en: 'labels configure Docker tools (Traefik, watchtower, ...); routing and metadata come from the app spec',
    fr: 'les labels configurent des outils Docker (Traefik, watchtower, ...) ; le routage et les métadonnées viennent de la spécification d’application',
  },
  'onboard.entry.logging': {
    en: "containers log to stdout; the cluster's log collector takes it from there",
    fr: 'les conteneurs journalisent sur stdout ; le collecteur de journaux du cluster les prend de là',
  },
  'onboard.entry.profile': {
    en: 'enabled profile ({profiles}): imported',
    fr: 'profil activé ({profiles}) : importé',
  },
  'onboard.entry.extends': {
    en: "the extended service's settings were merged in",
    fr: 'les réglages du service étendu ont été fusionnés',
  },
  'onboard.entry.init': {
    en: 'no init process is injected: use an image with tini or dumb-init if the app spawns children',
    fr: 'aucun processus init n’est injecté : utilisez une image avec tini ou dumb-init si l’application lance des processus enfants',
  },
  'onboard.entry.extraHosts': {
    en: 'static host entries are not carried over: reach other services by Service name, or add hostAliases by hand',
    fr: 'les entrées d’hôte statiques ne sont pas reprises : joignez les autres services par le nom de leur Service, ou ajoutez hostAliases à la main',
  },
  'onboard.entry.unknownKey': {
    en: 'unknown compose key "{key}": not carried over (check its spelling)',
    fr: 'clé compose inconnue « {key} » : non reprise (vérifiez son orthographe)',
  },
  'onboard.entry.rewritten': {
    en: '{key} rewritten to the renamed service: {value}',
    fr: '{key} réécrite vers le service renommé : {value}',
  },
  'onboard.entry.rewrittenSecret': {
    en: '{key} (in Secret {secret}) rewritten to the renamed service',
    fr: '{key} (dans le Secret {secret}) réécrite vers le service renommé',
  },
  'onboard.entry.refersTo': {
    en: '{key} refers to {target}: {service} may reach {target} (connectsTo, a NetworkPolicy), without waiting for it at start',
    fr: '{key} désigne {target} : {service} peut joindre {target} (connectsTo, une NetworkPolicy), sans l’attendre au démarrage',
  },
  'onboard.entry.secretInterpolated': {
    en: 'a secret value was interpolated into the command or health check: it now comes from its Secret at run time ($(VAR)), never in clear in the manifests',
    fr: 'une valeur secrète était interpolée dans la commande ou le contrôle de santé : elle vient maintenant de son Secret à l’exécution ($(VAR)), jamais en clair dans les manifestes',
  },
  'onboard.entry.extensionField': {
    en: 'extension field (YAML anchors were applied)',
    fr: 'champ d’extension (les ancres YAML ont été appliquées)',
  },
  'onboard.entry.unknownTopKey': {
    en: 'unknown top-level key "{key}": not carried over',
    fr: 'clé de premier niveau inconnue « {key} » : non reprise',
  },
  'onboard.entry.profileNotEnabled': {
    en: 'service {service} belongs to {count|profile|profiles} {profiles}, not enabled: not imported, as docker compose would not start it (import with --profile {first} to include it)',
    fr: 'le service {service} appartient {count|au profil|aux profils} {profiles}, non activé(s) : non importé, comme docker compose ne le démarrerait pas (importez avec --profile {first} pour l’inclure)',
  },
  'onboard.entry.volumeDriver': {
    en: 'volume drivers become storage classes: set storageClass on the volume',
    fr: 'les pilotes de volume deviennent des classes de stockage : renseignez storageClass sur le volume',
  },
  'onboard.entry.volumeKeyDropped': {
    en: 'volume {key} is not carried over',
    fr: '{key} du volume n’est pas repris',
  },
  'onboard.entry.renamed': {
    en: 'service "{from}" is renamed "{to}" (Kubernetes names are DNS labels); host references to it (URLs, host:port, *_HOST values) were rewritten',
    fr: 'le service « {from} » est renommé « {to} » (les noms Kubernetes sont des labels DNS) ; les références d’hôte vers lui (URL, hôte:port, valeurs *_HOST) ont été réécrites',
  },
  'onboard.assume.healthMissing': {
    en: "{service} waits for {target} to be healthy, but {target}'s health check is not in the compose file: the wait only checks that it accepts connections",
    fr: '{service} attend que {target} soit en bonne santé, mais le contrôle de santé de {target} n’est pas dans le fichier compose : l’attente vérifie seulement qu’il accepte des connexions',
  },
  'onboard.assume.healthFromImage': {
    en: "{service} waits for {target} to be healthy, but {target}'s health check is not in the compose file (it was read from the image): the wait only checks that it accepts connections",
    fr: '{service} attend que {target} soit en bonne santé, mais le contrôle de santé de {target} n’est pas dans le fichier compose (il a été lu dans l’image) : l’attente vérifie seulement qu’il accepte des connexions',
  },
  'onboard.assume.fileNotReadSecret': {
    en: '{path} (mounted at {target} in {service}) was not read: fill the Secret entry before deploying',
    fr: '{path} (monté sur {target} dans {service}) n’a pas été lu : remplissez l’entrée du Secret avant de déployer',
  },
  'onboard.assume.fileNotReadConfig': {
    en: '{path} (mounted at {target} in {service}) was not read: fill the ConfigMap entry before deploying',
    fr: '{path} (monté sur {target} dans {service}) n’a pas été lu : remplissez l’entrée du ConfigMap avant de déployer',
  },
  'onboard.assume.fileMissingSecret': {
    en: '{path} (mounted at {target} in {service}) does not exist here: fill the Secret entry before deploying',
    fr: '{path} (monté sur {target} dans {service}) n’existe pas ici : remplissez l’entrée du Secret avant de déployer',
  },
  'onboard.assume.fileMissingConfig': {
    en: '{path} (mounted at {target} in {service}) does not exist here: fill the ConfigMap entry before deploying',
    fr: '{path} (monté sur {target} dans {service}) n’existe pas ici : remplissez l’entrée du ConfigMap avant de déployer',
  },
  'onboard.assume.sharedFolder': {
    en: 'host folder {path} is mounted by {users}: one shared volume {volume} (ReadWriteMany: needs an RWX storage class such as NFS)',
    fr: 'le dossier de l’hôte {path} est monté par {users} : un seul volume partagé {volume} (ReadWriteMany : il faut une classe de stockage RWX comme NFS)',
  },

  // The conversion report as text.
  'onboard.report.head': {
    en: 'Conversion of {files} (project {project}): {mapped} mapped, {approximated} approximated, {dropped} not carried over, {refused} refused',
    fr: 'Conversion de {files} (projet {project}) : {mapped} repris, {approximated|# approché|# approchés}, {dropped} non repris, {refused|# refusé|# refusés}',
  },
  'onboard.report.project': { en: '(project)', fr: '(projet)' },
  'onboard.report.status.mapped': { en: 'mapped', fr: 'repris' },
  'onboard.report.status.approximated': { en: 'approximated', fr: 'approché' },
  'onboard.report.status.dropped': { en: 'dropped', fr: 'non repris' },
  'onboard.report.status.refused': { en: 'refused', fr: 'refusé' },
  'onboard.report.renamed': {
    en: 'Renamed (Kubernetes names are DNS labels):',
    fr: 'Renommés (les noms Kubernetes sont des labels DNS) :',
  },
  'onboard.report.secrets': {
    en: 'Secrets (values written apart with mode 0600; never commit them):',
    fr: 'Secrets (valeurs écrites à part en mode 0600 ; ne les versionnez jamais) :',
  },
  'onboard.report.unset': {
    en: 'Required inputs: variables listed without a value that nothing sets (the containers do not get them; set them with --env NAME=VALUE or in .env):',
    fr: 'Entrées requises : variables listées sans valeur que rien ne fixe (les conteneurs ne les reçoivent pas ; fixez-les avec --env NOM=VALEUR ou dans .env) :',
  },
  'onboard.report.assumed': {
    en: 'Assumed (check before deploying):',
    fr: 'Supposé (à vérifier avant de déployer) :',
  },
  'onboard.report.undefined': {
    en: 'Variables not set (replaced by empty strings, as docker compose does):',
    fr: 'Variables non définies (remplacées par des chaînes vides, comme le fait docker compose) :',
  },
  'onboard.cli.group': {
    en: 'Bring applications into Quai from other formats',
    fr: 'Faire entrer des applications dans Quai depuis d’autres formats',
  },

  // Compose keys Quai does not carry over, and top-level keys: why (conversion report).
  'onboard.key.annotations': {
    en: 'container annotations are a Docker engine feature; use labels in the app spec',
    fr: 'les annotations de conteneur sont une fonction du moteur Docker ; utilisez des labels dans la spécification d’application',
  },
  'onboard.key.attach': {
    en: 'log attachment is a docker compose CLI setting',
    fr: 'le rattachement des journaux est un réglage de la CLI docker compose',
  },
  'onboard.key.blkio_config': {
    en: 'block IO weights are not configurable per container in Kubernetes',
    fr: 'les poids d’E/S bloc ne se règlent pas par conteneur dans Kubernetes',
  },
  'onboard.key.cgroup': {
    en: 'cgroup namespace mode is set by the node runtime',
    fr: 'le mode de namespace cgroup est fixé par le moteur du nœud',
  },
  'onboard.key.cgroup_parent': {
    en: 'the kubelet owns the cgroup hierarchy',
    fr: 'le kubelet possède la hiérarchie des cgroups',
  },
  'onboard.key.cpu_count': {
    en: 'Windows-only setting; use deploy.resources',
    fr: 'réglage propre à Windows ; utilisez deploy.resources',
  },
  'onboard.key.cpu_percent': {
    en: 'Windows-only setting; use deploy.resources',
    fr: 'réglage propre à Windows ; utilisez deploy.resources',
  },
  'onboard.key.cpu_period': {
    en: 'CFS tuning is not exposed by Kubernetes; use CPU limits',
    fr: 'le réglage CFS n’est pas exposé par Kubernetes ; utilisez des limites de CPU',
  },
  'onboard.key.cpu_quota': {
    en: 'CFS tuning is not exposed by Kubernetes; use CPU limits',
    fr: 'le réglage CFS n’est pas exposé par Kubernetes ; utilisez des limites de CPU',
  },
  'onboard.key.cpu_rt_period': {
    en: 'real-time scheduling is not available to pods',
    fr: 'l’ordonnancement temps réel n’est pas disponible pour les pods',
  },
  'onboard.key.cpu_rt_runtime': {
    en: 'real-time scheduling is not available to pods',
    fr: 'l’ordonnancement temps réel n’est pas disponible pour les pods',
  },
  'onboard.key.cpu_shares': {
    en: 'relative shares become CPU requests; set resources.requests.cpu',
    fr: 'les parts relatives deviennent des demandes de CPU ; renseignez resources.requests.cpu',
  },
  'onboard.key.cpuset': {
    en: 'CPU pinning needs the kubelet static CPU manager policy, a node setting',
    fr: 'épingler des CPU demande la politique statique du gestionnaire de CPU du kubelet, un réglage du nœud',
  },
  'onboard.key.credential_spec': {
    en: 'Windows gMSA credentials are not handled',
    fr: 'les identifiants gMSA de Windows ne sont pas gérés',
  },
  'onboard.key.develop': {
    en: 'compose watch (development sync) has no meaning in a cluster',
    fr: 'compose watch (synchronisation de développement) n’a pas de sens dans un cluster',
  },
  'onboard.key.device_cgroup_rules': {
    en: 'device access is refused: it breaks container isolation',
    fr: 'l’accès aux périphériques est refusé : il casse l’isolation des conteneurs',
  },
  'onboard.key.devices': {
    en: 'host devices are refused: they need privileged access to the node',
    fr: 'les périphériques de l’hôte sont refusés : ils demandent un accès privilégié au nœud',
  },
  'onboard.key.dns': {
    en: 'pods use the cluster DNS; per-pod DNS servers are a dnsConfig exception not carried over',
    fr: 'les pods utilisent le DNS du cluster ; des serveurs DNS par pod sont une exception dnsConfig non reprise',
  },
  'onboard.key.dns_opt': { en: 'pods use the cluster DNS', fr: 'les pods utilisent le DNS du cluster' },
  'onboard.key.dns_search': {
    en: 'pods use the cluster DNS search path',
    fr: 'les pods utilisent le chemin de recherche DNS du cluster',
  },
  'onboard.key.domainname': {
    en: 'the pod domain comes from the cluster DNS',
    fr: 'le domaine du pod vient du DNS du cluster',
  },
  'onboard.key.external_links': {
    en: 'links to containers outside the project do not exist in a cluster; declare a Service',
    fr: 'les liens vers des conteneurs hors du projet n’existent pas dans un cluster ; déclarez un Service',
  },
  'onboard.key.gpus': {
    en: 'GPU scheduling needs a device plugin on the nodes; not handled',
    fr: 'l’ordonnancement des GPU demande un greffon de périphérique sur les nœuds ; non géré',
  },
  'onboard.key.group_add': {
    en: 'supplementary groups: set user.gid / fsGroup in the app spec',
    fr: 'groupes supplémentaires : renseignez user.gid / fsGroup dans la spécification d’application',
  },
  'onboard.key.isolation': { en: 'Windows isolation mode', fr: 'mode d’isolation Windows' },
  'onboard.key.label_file': {
    en: 'labels configure Docker tools; routing and metadata come from the app spec',
    fr: 'les labels configurent des outils Docker ; le routage et les métadonnées viennent de la spécification d’application',
  },
  'onboard.key.mac_address': {
    en: 'pods get their address from the cluster network',
    fr: 'les pods reçoivent leur adresse du réseau du cluster',
  },
  'onboard.key.mem_swappiness': {
    en: 'swap is disabled on Kubernetes nodes by default',
    fr: 'le swap est désactivé par défaut sur les nœuds Kubernetes',
  },
  'onboard.key.memswap_limit': {
    en: 'swap is disabled on Kubernetes nodes by default',
    fr: 'le swap est désactivé par défaut sur les nœuds Kubernetes',
  },
  'onboard.key.models': {
    en: 'AI model runners are a Docker Desktop feature',
    fr: 'les exécuteurs de modèles d’IA sont une fonction de Docker Desktop',
  },
  'onboard.key.oom_kill_disable': {
    en: 'the kubelet decides OOM kills; set a memory limit',
    fr: 'le kubelet décide des arrêts pour manque de mémoire ; fixez une limite de mémoire',
  },
  'onboard.key.oom_score_adj': {
    en: 'OOM scores derive from the pod QoS class (requests and limits)',
    fr: 'les scores OOM découlent de la classe QoS du pod (demandes et limites)',
  },
  'onboard.key.pids_limit': {
    en: 'PID limits are a kubelet setting (podPidsLimit)',
    fr: 'les limites de PID sont un réglage du kubelet (podPidsLimit)',
  },
  'onboard.key.platform': {
    en: 'the node architecture is chosen by the scheduler; check the image supports amd64',
    fr: 'l’architecture du nœud est choisie par l’ordonnanceur ; vérifiez que l’image gère amd64',
  },
  'onboard.key.post_start': {
    en: 'lifecycle hooks are not carried over; run them in the image entrypoint',
    fr: 'les crochets de cycle de vie ne sont pas repris ; exécutez-les dans le point d’entrée de l’image',
  },
  'onboard.key.pre_start': {
    en: 'lifecycle hooks are not carried over; use a setup job in the app spec',
    fr: 'les crochets de cycle de vie ne sont pas repris ; utilisez un job de préparation dans la spécification d’application',
  },
  'onboard.key.pre_stop': {
    en: 'lifecycle hooks are not carried over; handle SIGTERM in the application',
    fr: 'les crochets de cycle de vie ne sont pas repris ; gérez SIGTERM dans l’application',
  },
  'onboard.key.provider': {
    en: 'compose providers are a Docker extension',
    fr: 'les fournisseurs compose sont une extension de Docker',
  },
  'onboard.key.pull_policy': {
    en: 'images are pulled by the kubelet (IfNotPresent for pinned tags)',
    fr: 'les images sont tirées par le kubelet (IfNotPresent pour les étiquettes épinglées)',
  },
  'onboard.key.pull_refresh_after': {
    en: 'image refresh is a docker compose setting',
    fr: 'le rafraîchissement des images est un réglage de docker compose',
  },
  'onboard.key.runtime': {
    en: 'the container runtime is a node setting (RuntimeClass)',
    fr: 'le moteur de conteneurs est un réglage du nœud (RuntimeClass)',
  },
  'onboard.key.stdin_open': {
    en: 'pods do not keep an interactive stdin',
    fr: 'les pods ne gardent pas d’entrée standard interactive',
  },
  'onboard.key.storage_opt': {
    en: 'storage driver options are a node setting',
    fr: 'les options du pilote de stockage sont un réglage du nœud',
  },
  'onboard.key.tty': { en: 'pods do not get a terminal', fr: 'les pods n’ont pas de terminal' },
  'onboard.key.ulimits': {
    en: 'ulimits are set by the node runtime, not per pod',
    fr: 'les ulimits sont fixées par le moteur du nœud, pas par pod',
  },
  'onboard.key.umask': {
    en: 'set the umask in the image entrypoint',
    fr: 'fixez l’umask dans le point d’entrée de l’image',
  },
  'onboard.key.use_api_socket': {
    en: 'access to the Docker API socket is refused: it is root on the host',
    fr: 'l’accès au socket de l’API Docker est refusé : c’est root sur l’hôte',
  },
  'onboard.key.userns_mode': {
    en: 'user namespaces (hostUsers: false) are not carried over',
    fr: 'les namespaces utilisateur (hostUsers: false) ne sont pas repris',
  },
  'onboard.key.uts': { en: 'the host UTS namespace is refused', fr: 'le namespace UTS de l’hôte est refusé' },
  'onboard.key.volumes_from': {
    en: 'sharing all volumes of another container: declare the shared volumes explicitly',
    fr: 'partager tous les volumes d’un autre conteneur : déclarez explicitement les volumes partagés',
  },
  'onboard.top.version': {
    en: 'obsolete in the compose specification; ignored',
    fr: 'obsolète dans la spécification compose ; ignoré',
  },
  'onboard.top.name': { en: 'becomes the app name', fr: 'devient le nom de l’application' },
  'onboard.top.services': { en: 'components and jobs', fr: 'composants et jobs' },
  'onboard.top.volumes': {
    en: 'named volumes become persistent volumes',
    fr: 'les volumes nommés deviennent des volumes persistants',
  },
  'onboard.top.networks': {
    en: 'network reachability becomes NetworkPolicies from dependencies',
    fr: 'l’accessibilité réseau devient des NetworkPolicies tirées des dépendances',
  },
  'onboard.top.secrets': { en: 'become Secrets', fr: 'deviennent des Secrets' },
  'onboard.top.configs': { en: 'become ConfigMaps', fr: 'deviennent des ConfigMaps' },
  'onboard.top.include': {
    en: 'not supported: merge the included files with -f instead',
    fr: 'non géré : fusionnez plutôt les fichiers inclus avec -f',
  },
  'onboard.top.models': {
    en: 'AI model runners are a Docker Desktop feature',
    fr: 'les exécuteurs de modèles d’IA sont une fonction de Docker Desktop',
  },
  'onboard.top.jobs': { en: 'not carried over', fr: 'non repris' },
} as const;
