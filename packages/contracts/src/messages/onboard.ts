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
} as const;
