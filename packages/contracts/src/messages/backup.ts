/** Backup, restore and drill: texts of the use cases, their CLI, and the integrity checks. */
export const backupMessages = {
  // ---- flags ----
  'backup.flag.target': {
    en: 'backup location: a folder (local disk or NFS mount) or s3://BUCKET/PREFIX (or $QUAI_BACKUP_TARGET)',
    fr: 'emplacement des sauvegardes : un dossier (disque local ou montage NFS) ou s3://COMPARTIMENT/PREFIXE (ou $QUAI_BACKUP_TARGET)',
  },
  'backup.flag.keyFile': {
    en: 'encryption key (or $QUAI_BACKUP_KEY_FILE); see `quai backup key create`',
    fr: 'clé de chiffrement (ou $QUAI_BACKUP_KEY_FILE) ; voir `quai backup key create`',
  },
  'backup.flag.strictKeyPermissions': {
    en: 'refuse a key file its group or others may read (default: a warning; or $QUAI_STRICT_KEY_PERMISSIONS=1)',
    fr: 'refuser un fichier de clé que son groupe ou les autres peuvent lire (par défaut : un avertissement ; ou $QUAI_STRICT_KEY_PERMISSIONS=1)',
  },
  'backup.flag.s3Endpoint': {
    en: 'S3-compatible endpoint (MinIO, Ceph, ...; or $QUAI_S3_ENDPOINT); AWS when absent',
    fr: "point d'accès S3 compatible (MinIO, Ceph, ... ; ou $QUAI_S3_ENDPOINT) ; AWS s'il est absent",
  },
  'backup.flag.s3Region': {
    en: 'S3 region (or $AWS_REGION; default us-east-1)',
    fr: 'région S3 (ou $AWS_REGION ; par défaut us-east-1)',
  },
  'backup.flag.s3PathStyle': {
    en: 'path-style S3 addresses (ENDPOINT/BUCKET); default with --s3-endpoint',
    fr: 'adresses S3 en chemin (POINT/COMPARTIMENT) ; par défaut avec --s3-endpoint',
  },
  'backup.flag.noS3PathStyle': {
    en: 'virtual-hosted S3 addresses (BUCKET.ENDPOINT)',
    fr: 'adresses S3 en hôte virtuel (COMPARTIMENT.POINT)',
  },
  'backup.flag.s3Profile': {
    en: 'profile of ~/.aws/credentials (or $AWS_PROFILE) when AWS_ACCESS_KEY_ID is not set',
    fr: "profil de ~/.aws/credentials (ou $AWS_PROFILE) quand AWS_ACCESS_KEY_ID n'est pas défini",
  },
  'backup.flag.allowUnauthenticated': {
    en: 'accept a backup whose index cannot be authenticated with the key (format 1 or 2, or stored without a key)',
    fr: "accepter une sauvegarde dont l'index ne peut pas être authentifié avec la clé (format 1 ou 2, ou rangée sans clé)",
  },
  // ---- CLI output ----
  'backup.createdHead': {
    en: 'Backup {name}: {status}, {count|# object|# objects} from {namespaces}, {encryption}',
    fr: 'Sauvegarde {name} : {status}, {count|# objet|# objets} de {namespaces}, {encryption}',
  },
  'backup.notEncrypted': { en: 'not encrypted', fr: 'non chiffrée' },
  'backup.encryptedWith': { en: 'encrypted (key {keyId})', fr: 'chiffrée (clé {keyId})' },
  'backup.status.completed': { en: 'completed', fr: 'terminée' },
  'backup.status.partially-failed': { en: 'partially failed', fr: 'en échec partiel' },
  'backup.restoreHead': {
    en: 'Restore of {backup} (id {id}): {status}, {created} created, {updated} updated, {skipped} skipped, {failed} failed in {seconds}s',
    fr: 'Restauration de {backup} (id {id}) : {status}, {created} créés, {updated} mis à jour, {skipped} ignorés, {failed} en échec en {seconds} s',
  },
  'backup.restoreRetry': {
    en: '; run it again to retry (it resumes)',
    fr: ' ; relancez-la pour réessayer (elle reprend)',
  },
  'backup.restoreDryHead': {
    en: 'Restore of {backup} (dry run): {create} to create, {update} to update, {skip} to skip (they exist)',
    fr: 'Restauration de {backup} (à blanc) : {create} à créer, {update} à mettre à jour, {skip} à ignorer (ils existent)',
  },
  'backup.drillHead': {
    en: 'Drill of {backup}: {status}, recovery time {seconds}s',
    fr: 'Exercice de restauration de {backup} : {status}, temps de reprise {seconds} s',
  },
  'backup.drillPass': { en: 'PASS', fr: 'RÉUSSI' },
  'backup.drillFail': { en: 'FAIL', fr: 'ÉCHEC' },
  'backup.drillCleaned': { en: 'scratch namespaces deleted', fr: 'namespaces temporaires supprimés' },
  'backup.drillKept': { en: 'kept: {namespaces}', fr: 'gardés : {namespaces}' },
  'backup.noKeyNoData': {
    en: 'No key: volume data and database dumps are left out (--volumes none)',
    fr: 'Pas de clé : données des volumes et exports des bases laissés de côté (--volumes none)',
  },
  // ---- requests ----
  'backup.noNamespace': { en: 'No namespace to back up.', fr: 'Aucun namespace à sauvegarder.' },
  'backup.noNamespaceHint': {
    en: 'Pass -n NAMESPACE, --namespaces a,b or --app APP.',
    fr: 'Passez -n NAMESPACE, --namespaces a,b ou --app APP.',
  },
  'backup.noKey': {
    en: 'Backups are encrypted: no key given.',
    fr: 'Les sauvegardes sont chiffrées : aucune clé donnée.',
  },
  'backup.noKeyHint': {
    en: 'Pass --key-file FILE (create one with `quai backup key create FILE`), or --no-encryption to store in clear without Secrets.',
    fr: 'Passez --key-file FICHIER (créez-en un avec `quai backup key create FICHIER`), ou --no-encryption pour ranger en clair sans les Secrets.',
  },
  'backup.dataNeedsKey': {
    en: 'Volume data and database dumps need the backup key (the restic repository password comes from it).',
    fr: 'Les données des volumes et les exports des bases exigent la clé de sauvegarde (le mot de passe du dépôt restic en vient).',
  },
  'backup.dataNeedsKeyHint': {
    en: 'Pass --key-file FILE, or --volumes none --no-databases.',
    fr: 'Passez --key-file FICHIER, ou --volumes none --no-databases.',
  },
  'backup.moverJobNeedsS3': {
    en: 'The in-cluster mover (--mover job) needs an S3 target: a Job cannot write to a folder of this machine.',
    fr: 'Le transfert dans le cluster (--mover job) exige une cible S3 : un Job ne peut pas écrire dans un dossier de ce poste.',
  },
  'backup.moverJobNeedsS3Hint': {
    en: 'Use --mover local (the default), with --volume-path CLAIM=/path where the volume is not found; or an s3:// target.',
    fr: "Utilisez --mover local (le défaut), avec --volume-path VOLUME=/chemin là où le volume n'est pas trouvé ; ou une cible s3://.",
  },
  'backup.noFileAccess': {
    en: 'The key file "{path}" cannot be read here: give the key itself.',
    fr: 'Le fichier de clé « {path} » ne peut pas être lu ici : donnez la clé elle-même.',
  },
  'backup.badKey': {
    en: 'The backup key given does not hold a 256-bit key.',
    fr: 'La clé de sauvegarde donnée ne contient pas une clé de 256 bits.',
  },
  // ---- integrity ----
  'backup.altered': { en: 'Backup "{name}": {problem}', fr: 'Sauvegarde « {name} » : {problem}' },
  'backup.alteredHint': {
    en: 'Nothing was restored. Use another backup, and check the storage and who can write to it.',
    fr: 'Rien n’a été restauré. Utilisez une autre sauvegarde, et vérifiez le stockage et qui peut y écrire.',
  },
  'backup.problem.countWithoutFile': {
    en: 'the index counts {count} {kind} but lists no file for them.',
    fr: "l'index compte {count} {kind} mais ne liste aucun fichier pour eux.",
  },
  'backup.problem.countMismatch': {
    en: 'the index counts {count} {kind} but their file holds {held}.',
    fr: "l'index compte {count} {kind} mais leur fichier en contient {held}.",
  },
  'backup.problem.missing': {
    en: '{path}, listed in the index, is missing.',
    fr: "{path}, listé par l'index, manque.",
  },
  'backup.problem.checksum': {
    en: '{path} does not match its checksum: the file is corrupt or was altered.',
    fr: '{path} ne correspond pas à sa somme de contrôle : le fichier est corrompu ou a été altéré.',
  },
  'backup.problem.notObjects': {
    en: '{path} is not a gzipped list of objects.',
    fr: "{path} n'est pas une liste d'objets compressée par gzip.",
  },
  'backup.problem.wrongContent': {
    en: '{path} does not hold the {count} {kind} objects its index entry names.',
    fr: "{path} ne contient pas les {count} objets {kind} que nomme son entrée d'index.",
  },
  'backup.fileNotAuthentic': {
    en: 'Backup file {path} does not authenticate: it was altered, or it belongs to another backup or another path.',
    fr: "Le fichier de sauvegarde {path} ne s'authentifie pas : il a été altéré, ou il appartient à une autre sauvegarde ou à un autre chemin.",
  },
  'backup.fileNotAuthenticHint': {
    en: 'Nothing was restored. The key is the right one (its id matches the index); use another backup and check who can write to the storage.',
    fr: "Rien n'a été restauré. La clé est la bonne (son identifiant correspond à l'index) ; utilisez une autre sauvegarde et vérifiez qui peut écrire sur le stockage.",
  },
  'backup.fileTruncated': {
    en: 'Backup file {path} is truncated.',
    fr: 'Le fichier de sauvegarde {path} est tronqué.',
  },
  'backup.indexNotAuthentic': {
    en: 'The index of backup "{name}" does not authenticate with key {keyId}: it was edited (a checksum changed, an entry added or removed) or replaced.',
    fr: "L'index de la sauvegarde « {name} » ne s'authentifie pas avec la clé {keyId} : il a été modifié (une somme de contrôle changée, une entrée ajoutée ou retirée) ou remplacé.",
  },
  'backup.indexNotAuthenticHint': {
    en: 'Nothing was restored. Use another backup, and check who can write to the storage.',
    fr: "Rien n'a été restauré. Utilisez une autre sauvegarde, et vérifiez qui peut écrire sur le stockage.",
  },
  'backup.unencryptedWithKey': {
    en: 'Backup "{name}" is not encrypted, so nothing in it can be authenticated with the key given.',
    fr: "La sauvegarde « {name} » n'est pas chiffrée : rien en elle ne peut être authentifié avec la clé donnée.",
  },
  'backup.unencryptedWithKeyHint': {
    en: 'If it was made on purpose without a key (--no-encryption), restore it with --allow-unauthenticated; otherwise it may have been replaced.',
    fr: 'Si elle a été faite exprès sans clé (--no-encryption), restaurez-la avec --allow-unauthenticated ; sinon elle a peut-être été remplacée.',
  },
  'backup.oldFormat': {
    en: 'Backup "{name}" uses format {format}, whose index is not authenticated: an edit of it (a file swapped, an entry removed) could not be detected.',
    fr: "La sauvegarde « {name} » est au format {format}, dont l'index n'est pas authentifié : une modification (un fichier échangé, une entrée retirée) ne pourrait pas être détectée.",
  },
  'backup.oldFormatHint': {
    en: 'It was made before format {authenticated}. Restore it with --allow-unauthenticated if you trust the storage it comes from; backups made now are authenticated.',
    fr: "Elle a été faite avant le format {authenticated}. Restaurez-la avec --allow-unauthenticated si vous avez confiance dans le stockage d'où elle vient ; les sauvegardes faites maintenant sont authentifiées.",
  },
  'backup.keyNeeded': {
    en: 'Backup "{name}" is encrypted (key id {keyId}).',
    fr: 'La sauvegarde « {name} » est chiffrée (identifiant de clé {keyId}).',
  },
  'backup.keyNeededHint': {
    en: 'Pass --key-file with the key it was made with.',
    fr: 'Passez --key-file avec la clé qui a servi à la faire.',
  },
  'backup.wrongKey': {
    en: 'Backup "{name}" was encrypted with key {keyId}, not with the key given ({given}).',
    fr: 'La sauvegarde « {name} » a été chiffrée avec la clé {keyId}, pas avec la clé donnée ({given}).',
  },
  'backup.wrongKeyHint': {
    en: 'Use the key file the backup was made with.',
    fr: 'Utilisez le fichier de clé qui a servi à faire la sauvegarde.',
  },
  // ---- key files, locks, files, storage ----
  'backup.keyTooOpen': {
    en: 'Permissions {mode} for the backup key file "{path}" are too open: others than its owner may read it.',
    fr: 'Les droits {mode} du fichier de clé de sauvegarde « {path} » sont trop ouverts : d’autres que son propriétaire peuvent le lire.',
  },
  'backup.keyTooOpenHint': {
    en: 'Make it private: chmod 600 {path}',
    fr: 'Rendez-le privé : chmod 600 {path}',
  },
  'backup.locked': {
    en: 'A backup named "{name}" is being written to {where} by {who}.',
    fr: "Une sauvegarde nommée « {name} » est en cours d'écriture sur {where} par {who}.",
  },
  'backup.lockedBy': {
    en: 'process {pid} on {host} (backup id {id}, since {since})',
    fr: 'le processus {pid} sur {host} (sauvegarde {id}, depuis {since})',
  },
  'backup.lockedByUnknown': { en: 'another process', fr: 'un autre processus' },
  'backup.lockedHint': {
    en: 'Wait for it to end, or pick another name. A lock whose process died is taken over at once on the same machine, and after {minutes} minutes from another one.',
    fr: "Attendez qu'elle se termine, ou choisissez un autre nom. Un verrou dont le processus est mort est repris aussitôt sur le même poste, et après {minutes} minutes depuis un autre.",
  },
  'backup.targetNotFolder': {
    en: 'The backup target "{path}" is not a folder.',
    fr: "La cible des sauvegardes « {path} » n'est pas un dossier.",
  },
  'backup.targetNotFolderHint': {
    en: 'Give --target a folder (local disk or NFS mount), or s3://BUCKET/PREFIX.',
    fr: 'Donnez à --target un dossier (disque local ou montage NFS), ou s3://COMPARTIMENT/PREFIXE.',
  },
  'backup.s3NoCredentials': {
    en: 'No S3 credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set, and {file} has no "{profile}" profile.',
    fr: "Pas d'identifiants S3 : AWS_ACCESS_KEY_ID et AWS_SECRET_ACCESS_KEY ne sont pas définis, et {file} n'a pas de profil « {profile} ».",
  },
  'backup.s3NoProfile': {
    en: 'No S3 credentials from profile "{profile}" ({file}, {config}): {reason}',
    fr: 'Pas d’identifiants S3 dans le profil « {profile} » ({file}, {config}) : {reason}',
  },
  'backup.s3NoCredentialsHint': {
    en: 'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or name a profile with --s3-profile (or AWS_PROFILE).',
    fr: 'Définissez AWS_ACCESS_KEY_ID et AWS_SECRET_ACCESS_KEY, ou nommez un profil avec --s3-profile (ou AWS_PROFILE).',
  },
  'backup.badEnvFlag': {
    en: '{name} must be true or false, got "{value}".',
    fr: '{name} doit valoir true ou false, reçu « {value} ».',
  },
  'backup.logLine': { en: '{time} {level} {message}', fr: '{time} {level} {message}' },
  'backup.scheduleSkipped': {
    en: 'Schedule {name}: skipped ({reason}).',
    fr: 'Planification {name} : passage sauté ({reason}).',
  },
  'backup.scheduleHead': {
    en: 'Schedule {name}: backup {backup} {status}',
    fr: 'Planification {name} : sauvegarde {backup} {status}',
  },
  'backup.retentionDeleted': { en: 'retention deleted {name}', fr: 'supprimée par la rétention : {name}' },
  'backup.ttlDeleted': { en: 'TTL deleted {name}', fr: 'supprimée par la durée de vie : {name}' },
  'backup.scheduleDrill': {
    en: 'drill {status}, recovery {seconds}s',
    fr: 'exercice de restauration {status}, reprise en {seconds} s',
  },
  'backup.warningWithHint': { en: '{warning} {hint}', fr: '{warning} {hint}' },
  // ---- restore progress ----
  'backup.resumedNamespace': {
    en: 'namespace {namespace}: created by an earlier run of this restore (id {id}), resumed',
    fr: 'namespace {namespace} : créé par une exécution précédente de cette restauration (id {id}), repris',
  },
  // ---- CLI input ----
  'backup.wholeNumberMin1': {
    en: 'Expected a whole number of at least 1, got "{value}".',
    fr: "Nombre entier d'au moins 1 attendu, reçu « {value} ».",
  },
  'backup.wholeNumber': {
    en: 'Expected a whole number, got "{value}".',
    fr: 'Nombre entier attendu, reçu « {value} ».',
  },
  'backup.noTarget': { en: 'No backup target given.', fr: 'Aucun emplacement de sauvegarde donné.' },
  'backup.noTargetHint': {
    en: 'Pass --target DIR (local disk or NFS mount) or --target s3://BUCKET/PREFIX, or set QUAI_BACKUP_TARGET.',
    fr: 'Passez --target DOSSIER (disque local ou montage NFS) ou --target s3://COMPARTIMENT/PREFIXE, ou définissez QUAI_BACKUP_TARGET.',
  },
  'backup.noName': { en: 'No backup name given.', fr: 'Aucun nom de sauvegarde donné.' },
  'backup.noNameHint': {
    en: 'Pass a NAME, or --from-schedule SCHEDULE.',
    fr: 'Passez un NOM, ou --from-schedule PLANIFICATION.',
  },
  'backup.drill.nameOrSchedule': {
    en: 'Name one backup, or --schedule SCHEDULE (not both).',
    fr: 'Nommez une sauvegarde, ou --schedule PLANIFICATION (pas les deux).',
  },
  'backup.drill.running': {
    en: 'A drill of schedule "{schedule}" is running elsewhere.',
    fr: 'Un exercice de restauration de la planification « {schedule} » est en cours ailleurs.',
  },
  'backup.drill.runningHint': {
    en: 'Wait for it, then see `quai backup drill list`.',
    fr: 'Attendez sa fin, puis consultez `quai backup drill list`.',
  },
  'backup.key.exists': {
    en: '{file} exists already: a key is never overwritten.',
    fr: "{file} existe déjà : une clé n'est jamais écrasée.",
  },
  'backup.key.existsHint': { en: 'Choose another file name.', fr: 'Choisissez un autre nom de fichier.' },
  'backup.badNamespaceMapping': {
    en: '--namespace-mapping takes old=new, got "{value}".',
    fr: '--namespace-mapping attend ancien=nouveau, reçu « {value} ».',
  },
  'backup.schedule.noNamespaceHint': {
    en: 'Pass -n NAMESPACE or --namespaces a,b.',
    fr: 'Passez -n NAMESPACE ou --namespaces a,b.',
  },
  'backup.schedule.noKeySecret': {
    en: 'Scheduled backups are encrypted: no key Secret given.',
    fr: 'Les sauvegardes planifiées sont chiffrées : aucun Secret de clé donné.',
  },
  'backup.schedule.noKeySecretHint': {
    en: 'Pass --key-secret NAME (kubectl -n quai-system create secret generic NAME --from-file=key=/etc/quai/backup.key), or --no-encryption.',
    fr: 'Passez --key-secret NOM (kubectl -n quai-system create secret generic NOM --from-file=key=/etc/quai/backup.key), ou --no-encryption.',
  },
  // ---- apps and namespaces ----
  'backup.app.notDeployed': {
    en: 'App "{app}" is not deployed in this cluster.',
    fr: "L'application « {app} » n'est pas déployée dans ce cluster.",
  },
  'backup.app.notDeployedHint': {
    en: 'No namespace holds its ApplySet parent Secret {parent} (written by `quai apply`). Name its namespaces with -n instead.',
    fr: "Aucun namespace ne contient son Secret parent d'ApplySet {parent} (écrit par `quai apply`). Nommez plutôt ses namespaces avec -n.",
  },
  'backup.app.notInBackup': {
    en: 'Backup "{backup}" holds no app "{app}".',
    fr: "La sauvegarde « {backup} » ne contient pas d'application « {app} ».",
  },
  'backup.app.notInBackupHint': {
    en: 'None of its namespaces holds the ApplySet parent {parent}; restore by namespace with --namespaces.',
    fr: "Aucun de ses namespaces ne contient le parent d'ApplySet {parent} ; restaurez par namespace avec --namespaces.",
  },
  'backup.namespaceMissing': {
    en: 'Namespace "{namespace}" does not exist.',
    fr: "Le namespace « {namespace} » n'existe pas.",
  },
  'backup.namespaceMissingHint': {
    en: 'Check the names given with -n / --namespaces.',
    fr: 'Vérifiez les noms donnés avec -n / --namespaces.',
  },
  'backup.namespaceNotInBackup': {
    en: 'Backup "{name}" does not hold namespace "{namespace}".',
    fr: 'La sauvegarde « {name} » ne contient pas le namespace « {namespace} ».',
  },
  'backup.namespaceNotInBackupHint': { en: 'It holds: {namespaces}.', fr: 'Elle contient : {namespaces}.' },
  'backup.crdNotEstablished': {
    en: 'CustomResourceDefinition {name} was not Established within 60s.',
    fr: "La CustomResourceDefinition {name} n'était pas Established au bout de 60 s.",
  },
  // ---- keys and files ----
  'backup.key.notAKey': {
    en: 'The backup key file "{path}" does not hold a 256-bit key.',
    fr: 'Le fichier de clé de sauvegarde « {path} » ne contient pas de clé de 256 bits.',
  },
  'backup.key.notAKeyHint': {
    en: 'A key is 32 random bytes, 64 hex characters, or their base64 form (`quai backup key create FILE`).',
    fr: 'Une clé est faite de 32 octets aléatoires, de 64 caractères hexadécimaux, ou de leur forme base64 (`quai backup key create FICHIER`).',
  },
  'backup.key.createHint': {
    en: 'Create one with `quai backup key create FILE` and keep a copy outside the cluster.',
    fr: 'Créez-en une avec `quai backup key create FICHIER` et gardez-en une copie hors du cluster.',
  },
  'backup.fs.read': { en: 'read', fr: 'Lecture de' },
  'backup.fs.write': { en: 'write', fr: 'Écriture de' },
  'backup.fs.readKeyFile': { en: 'read the backup key file', fr: 'Lecture du fichier de clé de sauvegarde' },
  'backup.fs.writeKeyFile': { en: 'write the key file', fr: 'Écriture du fichier de clé' },
  'backup.fs.useTarget': {
    en: 'use the backup target',
    fr: "Utilisation de l'emplacement des sauvegardes",
  },
  'backup.fs.readLock': { en: 'read the lock', fr: 'Lecture du verrou' },
  'backup.fs.writeBackup': { en: 'write the backup', fr: 'Écriture de la sauvegarde' },
  'backup.fs.noSpace': {
    en: 'Cannot {what} "{path}": no space left on the device.',
    fr: '{what} « {path} » impossible : plus de place sur le périphérique.',
  },
  'backup.fs.noSpaceHint': {
    en: 'Free space there, or choose another place.',
    fr: 'Libérez de la place à cet endroit, ou choisissez-en un autre.',
  },
  'backup.fs.failed': {
    en: 'Cannot {what} "{path}": {reason}.',
    fr: '{what} « {path} » impossible : {reason}.',
  },
  'backup.fs.noEntry': { en: 'no such file or folder', fr: 'fichier ou dossier inexistant' },
  'backup.fs.noEntryHint': {
    en: 'Check the path; create the folder first if it is missing (mkdir -p {folder}).',
    fr: "Vérifiez le chemin ; créez d'abord le dossier s'il manque (mkdir -p {folder}).",
  },
  'backup.fs.notFolder': {
    en: 'a part of the path is a file, not a folder',
    fr: 'une partie du chemin est un fichier, pas un dossier',
  },
  'backup.fs.notFolderHint': {
    en: 'Give a path whose parents are folders.',
    fr: 'Donnez un chemin dont les parents sont des dossiers.',
  },
  'backup.fs.isFolder': { en: 'it is a folder, not a file', fr: "c'est un dossier, pas un fichier" },
  'backup.fs.isFolderHint': { en: 'Give the path of a file.', fr: "Donnez le chemin d'un fichier." },
  'backup.fs.exists': { en: 'it exists already', fr: 'il existe déjà' },
  'backup.fs.existsHint': { en: 'Choose another path.', fr: 'Choisissez un autre chemin.' },
  'backup.fs.denied': { en: 'permission denied', fr: 'permission refusée' },
  'backup.fs.deniedHint': {
    en: 'Check the owner and mode of the path and its folders, or run as a user who may use it.',
    fr: "Vérifiez le propriétaire et les droits du chemin et de ses dossiers, ou lancez la commande sous un utilisateur qui peut s'en servir.",
  },
  'backup.fs.readOnly': {
    en: 'the file system is read-only',
    fr: 'le système de fichiers est en lecture seule',
  },
  'backup.fs.readOnlyHint': {
    en: 'Choose a writable place.',
    fr: 'Choisissez un endroit accessible en écriture.',
  },
  'backup.fs.tooLong': { en: 'the name is too long', fr: 'le nom est trop long' },
  'backup.fs.tooLongHint': { en: 'Choose a shorter path.', fr: 'Choisissez un chemin plus court.' },
  'backup.fs.loop': { en: 'too many symbolic links', fr: 'trop de liens symboliques' },
  'backup.fs.loopHint': {
    en: 'Check the symbolic links on the path.',
    fr: 'Vérifiez les liens symboliques du chemin.',
  },
  'backup.fs.other': { en: '{code}', fr: '{code}' },
  'backup.fs.otherHint': { en: 'Check the path.', fr: 'Vérifiez le chemin.' },
  // ---- targets and indexes ----
  'backup.badName': { en: 'Invalid backup name "{name}".', fr: 'Nom de sauvegarde invalide : « {name} ».' },
  'backup.badNameHint': {
    en: 'Use lower-case letters, digits and "-" (at most 63).',
    fr: 'Utilisez des lettres minuscules, des chiffres et « - » (63 au plus).',
  },
  'backup.exists': {
    en: 'A backup named "{name}" exists already in {where}.',
    fr: 'Une sauvegarde nommée « {name} » existe déjà dans {where}.',
  },
  'backup.existsHint': {
    en: 'Pick another name; backups are never overwritten.',
    fr: "Choisissez un autre nom ; une sauvegarde n'est jamais écrasée.",
  },
  'backup.notFound': {
    en: 'No backup named "{name}" in {where}.',
    fr: 'Aucune sauvegarde nommée « {name} » dans {where}.',
  },
  'backup.notFoundHint': {
    en: 'List them with `quai backup list`.',
    fr: 'Listez-les avec `quai backup list`.',
  },
  'backup.fileMissing': {
    en: '{path} of backup "{name}" is missing in {where}.',
    fr: '{path} de la sauvegarde « {name} » manque dans {where}.',
  },
  'backup.unexpectedPath': {
    en: 'Unexpected backup path {path}.',
    fr: 'Chemin de sauvegarde inattendu : {path}.',
  },
  'backup.pathTraversal': {
    en: 'Backup entry "{path}" points outside the backup (path traversal): refused.',
    fr: "L'entrée « {path} » pointe hors de la sauvegarde (traversée de chemin) : refusée.",
  },
  'backup.pathTraversalHint': {
    en: 'The archive was altered or crafted; do not restore it.',
    fr: "L'archive a été modifiée ou fabriquée ; ne la restaurez pas.",
  },
  'backup.index.notJson': {
    en: 'The index of backup "{name}" is not valid JSON.',
    fr: "L'index de la sauvegarde « {name} » n'est pas du JSON valide.",
  },
  'backup.index.notJsonHint': { en: 'The backup is corrupt.', fr: 'La sauvegarde est corrompue.' },
  'backup.index.newerFormat': {
    en: 'Backup "{name}" uses format {format}; this Quai reads format {supported} and older.',
    fr: 'La sauvegarde « {name} » utilise le format {format} ; ce Quai lit le format {supported} et les plus anciens.',
  },
  'backup.index.newerFormatHint': {
    en: 'Upgrade Quai to restore it.',
    fr: 'Mettez Quai à jour pour la restaurer.',
  },
  'backup.index.invalid': {
    en: 'The index of backup "{name}" is invalid: {path} {reason}.',
    fr: "L'index de la sauvegarde « {name} » est invalide : {path} {reason}.",
  },
  'backup.index.invalidHint': {
    en: 'The backup was altered or is corrupt.',
    fr: 'La sauvegarde a été modifiée ou est corrompue.',
  },
  'backup.index.otherName': {
    en: 'The index of backup "{name}" names another backup ("{other}").',
    fr: "L'index de la sauvegarde « {name} » nomme une autre sauvegarde (« {other} »).",
  },
  'backup.log.notExtra': {
    en: '"{path}" is not a file a backup keeps beside its index.',
    fr: "« {path} » n'est pas un fichier qu'une sauvegarde garde à côté de son index.",
  },
  'backup.log.notExtraHint': {
    en: 'Only log.jsonl and drills/<name>.json are kept there.',
    fr: 'Seuls log.jsonl et drills/<nom>.json y sont gardés.',
  },
  'backup.log.badLine': {
    en: 'Line {line} of {file} is not a log line.',
    fr: "La ligne {line} de {file} n'est pas une ligne de journal.",
  },
  'backup.log.badLineHint': {
    en: 'The log was altered or is corrupt.',
    fr: 'Le journal a été modifié ou est corrompu.',
  },
  'backup.log.none': {
    en: 'No log for backup "{name}" in {where}.',
    fr: 'Aucun journal pour la sauvegarde « {name} » dans {where}.',
  },
  'backup.log.noneHint': {
    en: 'Backups made before Quai kept logs have none; list backups with `quai backup list`.',
    fr: "Les sauvegardes faites avant que Quai ne garde de journal n'en ont pas ; listez les sauvegardes avec `quai backup list`.",
  },
  'backup.retention.keepsNothing': {
    en: 'This retention policy keeps nothing.',
    fr: 'Cette règle de rétention ne garde rien.',
  },
  'backup.retention.keepsNothingHint': {
    en: 'Give at least one of --keep-last, --keep-hourly, --keep-daily, --keep-weekly, --keep-monthly (each at least 1).',
    fr: "Donnez au moins une option parmi --keep-last, --keep-hourly, --keep-daily, --keep-weekly, --keep-monthly (chacune d'au moins 1).",
  },
  // ---- S3 ----
  'backup.s3.badTarget': { en: 'Invalid S3 target "{url}".', fr: 'Emplacement S3 invalide : « {url} ».' },
  'backup.s3.badTargetHint': {
    en: 'Write it s3://BUCKET or s3://BUCKET/PREFIX.',
    fr: 'Écrivez-le s3://COMPARTIMENT ou s3://COMPARTIMENT/PREFIXE.',
  },
  'backup.s3.op.read': { en: 'read', fr: 'la lecture' },
  'backup.s3.op.readLock': { en: 'read a lock', fr: "la lecture d'un verrou" },
  'backup.s3.op.lock': { en: 'lock the backup', fr: 'la pose du verrou de la sauvegarde' },
  'backup.s3.op.prepare': { en: 'prepare the backup', fr: 'la préparation de la sauvegarde' },
  'backup.s3.op.cleanUp': { en: 'clean up', fr: 'la suppression des restes' },
  'backup.s3.op.list': { en: 'list backups', fr: 'la liste des sauvegardes' },
  'backup.s3.op.readFile': { en: 'read {path}', fr: 'la lecture de {path}' },
  'backup.s3.op.writeFile': { en: 'write {path}', fr: "l'écriture de {path}" },
  'backup.s3.op.delete': { en: 'delete {name}', fr: 'la suppression de {name}' },
  'backup.s3.op.listFolder': { en: 'list {path}', fr: 'la liste de {path}' },
  'backup.s3.noCredentialsFor': {
    en: 'No S3 credentials to {what} on {where}.',
    fr: 'Aucun identifiant S3 pour {what} sur {where}.',
  },
  'backup.s3.noCredentialsForTarget': {
    en: 'No S3 credentials for {where}.',
    fr: 'Aucun identifiant S3 pour {where}.',
  },
  'backup.s3.credentialsHint': {
    en: 'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (or --s3-profile) naming a profile of ~/.aws/credentials.',
    fr: "Définissez AWS_ACCESS_KEY_ID et AWS_SECRET_ACCESS_KEY, ou AWS_PROFILE (ou --s3-profile) avec le nom d'un profil de ~/.aws/credentials.",
  },
  'backup.s3.refused': {
    en: 'The S3 store refused to {what} ({name}): {message}',
    fr: 'Le stockage S3 a refusé {what} ({name}) : {message}',
  },
  'backup.s3.refusedHint': {
    en: 'Check the access key and secret (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, or the profile) and the bucket policy.',
    fr: "Vérifiez la clé d'accès et son secret (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, ou le profil) et la politique du compartiment.",
  },
  'backup.s3.noBucket': {
    en: 'The bucket of {where} does not exist.',
    fr: "Le compartiment de {where} n'existe pas.",
  },
  'backup.s3.noBucketHint': {
    en: 'Create it, or fix the target URL.',
    fr: "Créez-le, ou corrigez l'adresse de l'emplacement.",
  },
  'backup.s3.unreachable': {
    en: 'Cannot {what} on {where}: {message}',
    fr: 'Échec de {what} sur {where} : {message}',
  },
  'backup.s3.unreachableHint': {
    en: 'Check that the S3 endpoint is reachable from here (--s3-endpoint or QUAI_S3_ENDPOINT) and its address style (--s3-path-style).',
    fr: "Vérifiez que le point d'accès S3 est joignable d'ici (--s3-endpoint ou QUAI_S3_ENDPOINT) et son style d'adresse (--s3-path-style).",
  },
  // ---- schedules ----
  'backup.schedule.badTimeZone': {
    en: 'Unknown time zone "{timeZone}".',
    fr: 'Fuseau horaire inconnu : « {timeZone} ».',
  },
  'backup.schedule.badTimeZoneHint': {
    en: 'Use an IANA name such as Europe/Paris, America/Cayenne or UTC.',
    fr: 'Utilisez un nom IANA comme Europe/Paris, America/Cayenne ou UTC.',
  },
  'backup.schedule.cronFields': {
    en: 'Invalid cron expression "{expression}": expected five fields.',
    fr: 'Expression cron invalide « {expression} » : cinq champs attendus.',
  },
  'backup.schedule.cronFieldsHint': {
    en: 'minute hour day-of-month month day-of-week, e.g. "30 2 * * *", or @hourly, @daily, @weekly, @monthly.',
    fr: 'minute heure jour-du-mois mois jour-de-la-semaine, par exemple « 30 2 * * * », ou @hourly, @daily, @weekly, @monthly.',
  },
  'backup.schedule.badCron': {
    en: 'Invalid cron expression "{expression}": {reason}',
    fr: 'Expression cron invalide « {expression} » : {reason}',
  },
  'backup.schedule.badCronHint': {
    en: 'minute hour day-of-month month day-of-week, e.g. "30 2 * * *".',
    fr: 'minute heure jour-du-mois mois jour-de-la-semaine, par exemple « 30 2 * * * ».',
  },
  'backup.schedule.badName': {
    en: 'Invalid schedule name "{name}": lower-case letters, digits and "-", at most 40, starting and ending with a letter or digit.',
    fr: 'Nom de planification invalide « {name} » : lettres minuscules, chiffres et « - », 40 au plus, commençant et finissant par une lettre ou un chiffre.',
  },
  'backup.schedule.noNamespaces': {
    en: 'Name at least one namespace to back up.',
    fr: 'Indiquez au moins un namespace à sauvegarder.',
  },
  'backup.schedule.noTarget': {
    en: 'Say where the backups go: a folder (/mnt/nfs/quai) or s3://BUCKET/PREFIX.',
    fr: 'Indiquez où vont les sauvegardes : un dossier (/mnt/nfs/quai) ou s3://COMPARTIMENT/PREFIXE.',
  },
  'backup.schedule.noEncryption': {
    en: 'Name the Secret of the encryption key in quai-system, or choose no encryption.',
    fr: 'Indiquez le Secret de la clé de chiffrement dans quai-system, ou choisissez sans chiffrement.',
  },
  'backup.schedule.fieldInvalid': {
    en: '{field}: {reason}',
    fr: '{field} : {reason}',
  },
  'backup.schedule.invalidNow': {
    en: 'Schedule "{name}" is not valid: {problem}',
    fr: "La planification « {name} » n'est pas valide : {problem}",
  },
  'backup.schedule.badTtl': { en: 'Invalid TTL "{ttl}".', fr: 'Durée de vie invalide : « {ttl} ».' },
  'backup.schedule.badTtlHint': { en: 'Write 90m, 36h, 30d or 8w.', fr: 'Écrivez 90m, 36h, 30d ou 8w.' },
  'backup.schedule.input': { en: 'the schedule', fr: 'La planification' },
  'backup.schedule.configMap': {
    en: 'Schedule ConfigMap {namespace}/{name}',
    fr: 'La ConfigMap de planification {namespace}/{name}',
  },
  'backup.schedule.invalid': {
    en: '{where} is invalid: {path}: {reason}.',
    fr: '{where} est invalide : {path} : {reason}.',
  },
  'backup.schedule.invalidHint': {
    en: 'See `quai backup schedule create --help`.',
    fr: 'Voyez `quai backup schedule create --help`.',
  },
  'backup.schedule.relativeTarget': {
    en: 'Schedule target "{target}" must be an absolute directory or s3://BUCKET/PREFIX.',
    fr: "L'emplacement « {target} » de la planification doit être un dossier absolu ou s3://COMPARTIMENT/PREFIXE.",
  },
  'backup.schedule.relativeTargetHint': {
    en: 'Every machine and the in-cluster CronJob read the same target, so a relative path cannot work.',
    fr: 'Chaque machine et le CronJob du cluster lisent le même emplacement : un chemin relatif ne peut pas convenir.',
  },
  'backup.schedule.dataWithoutKey': {
    en: 'Schedule "{name}" backs up volume data or databases without a key.',
    fr: 'La planification « {name} » sauvegarde des données de volumes ou des bases sans clé.',
  },
  'backup.schedule.dataWithoutKeyHint': {
    en: 'Volume data and dumps go to a restic repository whose password comes from the backup key: give the schedule a key Secret.',
    fr: 'Les données des volumes et les exports vont dans un dépôt restic dont le mot de passe vient de la clé de sauvegarde : donnez un Secret de clé à la planification.',
  },
  'backup.schedule.notFound': {
    en: 'No backup schedule named "{name}".',
    fr: 'Aucune planification de sauvegarde nommée « {name} ».',
  },
  'backup.schedule.notFoundHint': {
    en: 'List them with `quai backup schedule list`.',
    fr: 'Listez-les avec `quai backup schedule list`.',
  },
  'backup.schedule.exists': {
    en: 'A backup schedule named "{name}" exists already.',
    fr: 'Une planification de sauvegarde nommée « {name} » existe déjà.',
  },
  'backup.schedule.existsHint': {
    en: 'Delete it first, or pass --replace.',
    fr: "Supprimez-la d'abord, ou passez --replace.",
  },
  'backup.schedule.noCronJob': {
    en: 'Schedule "{schedule}" has no CronJob in {namespace}.',
    fr: "La planification « {schedule} » n'a pas de CronJob dans {namespace}.",
  },
  'backup.schedule.noCronJobHint': {
    en: 'Install it: quai backup schedule install {schedule} --image REGISTRY/quai:VERSION',
    fr: 'Installez-le : quai backup schedule install {schedule} --image REGISTRE/quai:VERSION',
  },
  'backup.schedule.jobTimeout': {
    en: 'Job {namespace}/{name} did not finish in time.',
    fr: "Le Job {namespace}/{name} n'a pas fini à temps.",
  },
  'backup.schedule.jobTimeoutHint': {
    en: 'See its pod: kubectl -n {namespace} logs job/{name}',
    fr: 'Voyez son pod : kubectl -n {namespace} logs job/{name}',
  },
  'backup.schedule.noBackupYet': {
    en: 'Schedule "{schedule}" has no completed backup on its target yet.',
    fr: "La planification « {schedule} » n'a encore aucune sauvegarde terminée sur son emplacement.",
  },
  'backup.schedule.noBackupYetHint': {
    en: 'Run one with `quai backup schedule run-now {schedule}`.',
    fr: 'Lancez-en une avec `quai backup schedule run-now {schedule}`.',
  },
  'backup.schedule.secretMissing': {
    en: 'Secret {namespace}/{name} named by the schedule does not exist.',
    fr: "Le Secret {namespace}/{name} nommé par la planification n'existe pas.",
  },
  'backup.schedule.secretMissingHint': {
    en: 'Create it: kubectl -n {namespace} create secret generic {name} --from-file=key=/etc/quai/backup.key (keys) or --from-literal=AWS_ACCESS_KEY_ID=... (S3).',
    fr: 'Créez-le : kubectl -n {namespace} create secret generic {name} --from-file=key=/etc/quai/backup.key (clés) ou --from-literal=AWS_ACCESS_KEY_ID=... (S3).',
  },
  'backup.schedule.badKeySecret': {
    en: 'Secret {namespace}/{name} has no valid "key".',
    fr: "Le Secret {namespace}/{name} n'a pas d'entrée « key » valide.",
  },
  'backup.schedule.badKeySecretHint': {
    en: 'Its "key" entry must hold the key file made by `quai backup key create`.',
    fr: 'Son entrée « key » doit contenir le fichier de clé créé par `quai backup key create`.',
  },
  'backup.schedule.credentialsIncomplete': {
    en: 'Secret {namespace}/{name} named by schedule {schedule} lacks AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY.',
    fr: 'Il manque AWS_ACCESS_KEY_ID ou AWS_SECRET_ACCESS_KEY au Secret {namespace}/{name} nommé par la planification {schedule}.',
  },
  'backup.schedule.credentialsIncompleteHint': {
    en: 'Recreate it: kubectl -n {namespace} create secret generic NAME --from-literal=AWS_ACCESS_KEY_ID=... --from-literal=AWS_SECRET_ACCESS_KEY=...',
    fr: 'Recréez-le : kubectl -n {namespace} create secret generic NOM --from-literal=AWS_ACCESS_KEY_ID=... --from-literal=AWS_SECRET_ACCESS_KEY=...',
  },
  'backup.drill.forbidden': {
    en: 'A restore drill restores into new namespaces: it needs the right to create namespaces.',
    fr: 'Un exercice de restauration restaure dans de nouveaux namespaces : il demande le droit de créer des namespaces.',
  },
  'backup.drill.forbiddenHint': {
    en: 'Ask an administrator of the platform for that right, or for someone who has it to run the drill. Nothing was written to the storage target.',
    fr: "Demandez ce droit à un administrateur de la plateforme, ou que quelqu'un qui l'a lance l'exercice. Rien n'a été écrit sur la cible de stockage.",
  },
  'backup.drill.badReport': {
    en: 'Drill report {path} is not valid JSON.',
    fr: "Le rapport d'exercice de restauration {path} n'est pas du JSON valide.",
  },
  'backup.drill.badReportHint': {
    en: 'It was altered or is corrupt; delete it.',
    fr: 'Il a été modifié ou est corrompu ; supprimez-le.',
  },
  // ---- Velero ----
  'backup.velero.notInstalled': {
    en: 'Velero is not installed in this cluster (no velero.io API group).',
    fr: "Velero n'est pas installé dans ce cluster (pas de groupe d'API velero.io).",
  },
  'backup.velero.notInstalledHint': {
    en: 'Install Velero, or leave out --velero to use Quai backups.',
    fr: 'Installez Velero, ou retirez --velero pour utiliser les sauvegardes de Quai.',
  },
  'backup.velero.notFound': {
    en: 'No Velero backup named "{name}" in namespace {namespace}.',
    fr: 'Aucune sauvegarde Velero nommée « {name} » dans le namespace {namespace}.',
  },
  'backup.velero.notFoundHint': {
    en: 'List them with `quai backup list --velero`.',
    fr: 'Listez-les avec `quai backup list --velero`.',
  },
  'backup.velero.equalityOnly': {
    en: 'Velero backups take equality selectors only (key=value), not "{part}".',
    fr: "Les sauvegardes Velero n'acceptent que des sélecteurs d'égalité (clé=valeur), pas « {part} ».",
  },
  'backup.velero.equalityOnlyHint': {
    en: 'Write -l app=grist,tier=web.',
    fr: 'Écrivez -l app=grist,tier=web.',
  },
  'backup.velero.timeout': {
    en: 'Velero {kind} {name} is still {phase}.',
    fr: "L'objet Velero {kind} {name} est toujours en phase {phase}.",
  },
  'backup.velero.timeoutHint': {
    en: 'Is the Velero server running? kubectl -n velero get pods; velero backup logs NAME.',
    fr: 'Le serveur Velero tourne-t-il ? kubectl -n velero get pods ; velero backup logs NOM.',
  },
  // ---- volume data and databases ----
  'backup.data.noRepository': {
    en: 'Volume data and database dumps need the repository location of {where}.',
    fr: "Les données des volumes et les exports des bases exigent l'emplacement du dépôt de {where}.",
  },
  'backup.data.noRepositoryHint': {
    en: 'Pass the S3 endpoint, bucket and prefix (the CLI does it from --target).',
    fr: "Passez le point d'accès S3, le compartiment et le préfixe (la CLI le fait à partir de --target).",
  },
  'backup.job.interrupted': {
    en: 'Interrupted while Job {namespace}/{name} ran; it was deleted.',
    fr: 'Interrompu pendant que le Job {namespace}/{name} tournait ; il a été supprimé.',
  },
  'backup.volumes.badPath': {
    en: '--volume-path takes CLAIM=/absolute/path or NAMESPACE/CLAIM=/path, got "{value}".',
    fr: '--volume-path attend CLAIM=/chemin/absolu ou NAMESPACE/CLAIM=/chemin, reçu « {value} ».',
  },
  'backup.volumes.noSummary': {
    en: 'restic gave no summary for {claim}.',
    fr: "restic n'a donné aucun bilan pour {claim}.",
  },
  'backup.volumes.noSummaryErrors': {
    en: 'restic gave no summary for {claim}: {errors}.',
    fr: "restic n'a donné aucun bilan pour {claim} : {errors}.",
  },
  'backup.noOutput': { en: 'no message', fr: 'aucun message' },
  'backup.restic.wrongKey': {
    en: 'restic cannot open the repository {repo}: wrong key.',
    fr: 'restic ne peut pas ouvrir le dépôt {repo} : mauvaise clé.',
  },
  'backup.restic.wrongKeyHint': {
    en: 'The repository password is derived from the backup key: use the key the volumes were backed up with.',
    fr: 'Le mot de passe du dépôt est dérivé de la clé de sauvegarde : utilisez la clé avec laquelle les volumes ont été sauvegardés.',
  },
  'backup.restic.refused': {
    en: 'The S3 store refused restic ({repo}): {output}',
    fr: 'Le stockage S3 a refusé restic ({repo}) : {output}',
  },
  'backup.restic.refusedHint': {
    en: 'Check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and the bucket policy.',
    fr: 'Vérifiez AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY et la politique du compartiment.',
  },
  'backup.restic.unreachable': {
    en: 'restic cannot reach the repository {repo}: {output}',
    fr: 'restic ne peut pas joindre le dépôt {repo} : {output}',
  },
  'backup.restic.unreachableHint': {
    en: 'Check that the storage endpoint is reachable from here.',
    fr: "Vérifiez que le point d'accès du stockage est joignable d'ici.",
  },
  'backup.restic.noSpace': {
    en: 'No space left while running restic: {output}',
    fr: "Plus de place pendant l'exécution de restic : {output}",
  },
  'backup.restic.noSpaceHint': {
    en: 'Free space on the target (or the restore destination), then run again.',
    fr: "Libérez de la place sur l'emplacement (ou sur la destination de la restauration), puis relancez.",
  },
  'backup.restic.failed': {
    en: 'restic {command} failed (exit {code}): {output}',
    fr: 'restic {command} a échoué (code {code}) : {output}',
  },
  'backup.restic.failedHint': {
    en: 'Run `restic -r {repo} {args}` by hand to see more (docs/backup.md).',
    fr: 'Lancez `restic -r {repo} {args}` à la main pour en savoir plus (docs/backup.md).',
  },
  'backup.restic.missing': {
    en: 'restic is not installed (looked for "{binary}").',
    fr: "restic n'est pas installé (cherché : « {binary} »).",
  },
  'backup.restic.missingHint': {
    en: 'Install it (Debian: apt-get install restic), or set QUAI_RESTIC to its path.',
    fr: 'Installez-le (Debian : apt-get install restic), ou mettez son chemin dans QUAI_RESTIC.',
  },
  'backup.restic.interrupted': {
    en: 'restic {command} interrupted; the repository was unlocked.',
    fr: 'restic {command} interrompu ; le dépôt a été déverrouillé.',
  },
  'backup.restic.interruptedHint': {
    en: 'Nothing was recorded for this run; run the backup again.',
    fr: "Rien n'a été enregistré pour cette exécution ; relancez la sauvegarde.",
  },
  'backup.db.op.query': { en: 'The query', fr: 'La requête' },
  'backup.db.op.dump': { en: 'The dump', fr: "L'export" },
  'backup.db.op.restore': { en: 'The restore', fr: 'La restauration' },
  'backup.db.refused': {
    en: '{what} refused by {where}: {output}',
    fr: '{what} : refus de {where} : {output}',
  },
  'backup.db.refusedHint': {
    en: 'Check the user, the database name and the password (the passwordSecret of the app spec).',
    fr: "Vérifiez l'utilisateur, le nom de la base et le mot de passe (le passwordSecret de la spécification de l'application).",
  },
  'backup.db.unreachable': {
    en: '{what}: cannot reach {where}: {output}',
    fr: '{what} : impossible de joindre {where} : {output}',
  },
  'backup.db.unreachableHint': {
    en: 'Check the host and port; a database inside the cluster is reached through a port-forward, or (S3 targets only) by a dump Job with --mover job.',
    fr: "Vérifiez l'hôte et le port ; une base dans le cluster se joint par un port-forward, ou (emplacements S3 seulement) par un Job d'export avec --mover job.",
  },
  'backup.db.failed': {
    en: '{what} failed on {where} (exit {code}): {output}',
    fr: '{what} a échoué sur {where} (code {code}) : {output}',
  },
  'backup.db.clientMissing': { en: '{binary} is not installed.', fr: "{binary} n'est pas installé." },
  'backup.db.clientMissingHint': {
    en: 'Install the database client (Debian: postgresql-client, or mariadb-client), or (S3 targets only) dump in the cluster with --mover job.',
    fr: 'Installez le client de la base (Debian : postgresql-client, ou mariadb-client), ou (emplacements S3 seulement) exportez dans le cluster avec --mover job.',
  },
  'backup.db.streamInterrupted': {
    en: 'Interrupted while streaming {producer} into {consumer}.',
    fr: 'Interrompu pendant le transfert de {producer} vers {consumer}.',
  },
  'backup.db.storeFailed': {
    en: 'restic could not store the dump of {database}: {output}',
    fr: "restic n'a pas pu ranger l'export de {database} : {output}",
  },
  'backup.db.noDump': {
    en: 'The backup holds no dump of {database} ({reason}).',
    fr: "La sauvegarde ne contient pas d'export de {database} ({reason}).",
  },
  'backup.db.readFailed': {
    en: 'restic could not read the dump of {database}: {output}',
    fr: "restic n'a pas pu lire l'export de {database} : {output}",
  },
  'backup.db.readFailedHint': {
    en: 'Check the backup key and the repository (`restic check`, docs/backup.md).',
    fr: 'Vérifiez la clé de sauvegarde et le dépôt (`restic check`, docs/backup.md).',
  },
  'backup.db.checksum': {
    en: 'The dump of {database} does not match its checksum.',
    fr: "L'export de {database} ne correspond pas à sa somme de contrôle.",
  },
  'backup.db.checksumHint': {
    en: 'The repository was altered or is damaged; restore from another backup.',
    fr: "Le dépôt a été modifié ou est endommagé ; restaurez à partir d'une autre sauvegarde.",
  },
  'backup.db.passwordKeyMissing': {
    en: 'Secret {namespace}/{secret} has no key "{key}" (the password of database {database}).',
    fr: "Le Secret {namespace}/{secret} n'a pas de clé « {key} » (le mot de passe de la base {database}).",
  },
  'backup.db.passwordKeyMissingHint': {
    en: 'Create the Secret, or fix passwordSecret in the app spec.',
    fr: "Créez le Secret, ou corrigez passwordSecret dans la spécification de l'application.",
  },
  // ---- progress steps ----
  'backup.step.kindRead': {
    en: '{kind} read ({done}/{total} kinds)',
    fr: '{kind} lus ({done}/{total} types)',
  },
  'backup.step.namespaceRead': {
    en: 'namespace {namespace} read ({done}/{total})',
    fr: 'namespace {namespace} lu ({done}/{total})',
  },
  'backup.step.openRepository': {
    en: 'Opening the restic repository {url}',
    fr: 'Ouverture du dépôt restic {url}',
  },
  'backup.step.volumeBackup': {
    en: 'Volume {claim}: restic backup of {path}',
    fr: 'Volume {claim} : sauvegarde restic de {path}',
  },
  'backup.step.volumeJob': {
    en: 'Volume {claim}: mover Job in {namespace}',
    fr: 'Volume {claim} : Job de transfert dans {namespace}',
  },
  'backup.step.volumeRestore': {
    en: 'Volume {claim}: restic restore {snapshot} into {path}',
    fr: 'Volume {claim} : restauration restic de {snapshot} dans {path}',
  },
  'backup.step.volumeNote': { en: 'Volume {claim}: {note}', fr: 'Volume {claim} : {note}' },
  'backup.step.volumeRestoreJob': {
    en: 'Volume {claim}: restore Job in {namespace}',
    fr: 'Volume {claim} : Job de restauration dans {namespace}',
  },
  'backup.step.databaseDump': {
    en: 'Database {database}: {engine} dump',
    fr: 'Base {database} : export {engine}',
  },
  'backup.step.databaseRestore': {
    en: 'Database {database}: restoring {engine} dump into {target}',
    fr: "Base {database} : restauration de l'export {engine} dans {target}",
  },
  'backup.step.databaseScratch': {
    en: 'Database {database}: restoring into scratch database {scratch}',
    fr: 'Base {database} : restauration dans la base temporaire {scratch}',
  },
  'backup.step.drillRestoring': {
    en: 'Restoring {name} into {namespaces}',
    fr: 'Restauration de {name} dans {namespaces}',
  },
  'backup.step.drillWaiting': {
    en: 'Waiting for the restored workloads to become ready',
    fr: 'Attente des charges de travail restaurées',
  },
  'backup.step.drillCleaning': {
    en: 'Deleting the scratch namespaces',
    fr: 'Suppression des namespaces temporaires',
  },
  'backup.step.jobState': {
    en: '{name}: {active} active, {succeeded} succeeded, {failed} failed',
    fr: '{name} : {active} actifs, {succeeded} réussis, {failed} en échec',
  },
  'backup.step.jobCreated': {
    en: 'Job {namespace}/{job} created from the CronJob of {schedule}',
    fr: 'Job {namespace}/{job} créé à partir du CronJob de {schedule}',
  },
  'backup.step.veleroCreated': {
    en: 'Velero {kind} {namespace}/{name} created',
    fr: 'Objet Velero {kind} {namespace}/{name} créé',
  },
  'backup.step.veleroItems': {
    en: '{phase} {done}/{total} items',
    fr: '{phase} {done}/{total} éléments',
  },
  // ---- volume and database restores ----
  'backup.restoreUserUnknown': {
    en: 'the backup does not record the user the app writes this claim as (an older backup, or a pod without runAsUser): the restore Job writes the files as uid {uid}; an app running as another user may be refused its data (chown the files, or back up again with this version)',
    fr: "la sauvegarde n'indique pas l'utilisateur sous lequel l'application écrit ce volume (une sauvegarde plus ancienne, ou un pod sans runAsUser) : le Job de restauration écrit les fichiers en tant qu'uid {uid} ; une application qui tourne sous un autre utilisateur peut se voir refuser ses données (changez leur propriétaire, ou sauvegardez de nouveau avec cette version)",
  },
  'backup.restoreUserRoot': {
    en: 'the app writes this claim as root (uid 0), which the restore Job may not do under the restricted Pod Security Standard: the files belong to uid {uid}; give them back to root before the app starts, or run the app as a non-root user',
    fr: "l'application écrit ce volume en tant que root (uid 0), ce que le Job de restauration ne peut pas faire sous le standard restricted de Pod Security : les fichiers appartiennent à l'uid {uid} ; rendez-les à root avant que l'application démarre, ou faites tourner l'application sous un utilisateur non root",
  },
  'backup.streamTimeout': {
    en: '{producer} | {consumer} did not finish within {seconds}s ({bytes} bytes passed; {producer} done: {producerDone}); both were stopped. {producer}: {producerErr}; {consumer}: {consumerErr}',
    fr: "{producer} | {consumer} n'a pas fini en {seconds} s ({bytes} octets passés ; {producer} terminé : {producerDone}) ; les deux ont été arrêtés. {producer} : {producerErr} ; {consumer} : {consumerErr}",
  },
  'backup.streamIdle': {
    en: '{producer} | {consumer} stalled: no byte passed for {seconds}s ({bytes} bytes before; {producer} done: {producerDone}); both were stopped. {producer}: {producerErr}; {consumer}: {consumerErr}',
    fr: "{producer} | {consumer} bloqué : aucun octet n'est passé pendant {seconds} s ({bytes} octets avant ; {producer} terminé : {producerDone}) ; les deux ont été arrêtés. {producer} : {producerErr} ; {consumer} : {consumerErr}",
  },
  'backup.streamStuckHint': {
    en: 'Check that the database answers (a session holding a lock on the restored tables blocks the restore: pg_stat_activity) and that the backup repository is reachable, then run the restore again.',
    fr: 'Vérifiez que la base répond (une session qui verrouille les tables restaurées bloque la restauration : pg_stat_activity) et que le dépôt des sauvegardes est joignable, puis relancez la restauration.',
  },
  'backup.checksNotRun': {
    en: 'dumped without its data checks: their queries could not run from this machine ({error}); a drill will not compare them',
    fr: "sauvegardée sans ses vérifications de données : leurs requêtes n'ont pas pu s'exécuter depuis cette machine ({error}) ; un exercice de restauration ne les comparera pas",
  },

  // The backup and restore commands' help and output lines.
  'backup.cli.group': {
    en: 'Back up namespaces to on-prem storage, and prove backups with drills',
    fr: 'Sauvegarder des namespaces sur un stockage sur site, et prouver les sauvegardes par des exercices de restauration',
  },
  'backup.cli.warning': { en: 'warning: {warning}', fr: 'avertissement : {warning}' },
  'backup.cli.error': { en: 'error: {error}', fr: 'erreur : {error}' },
  'backup.cli.note': { en: 'note: {note}', fr: 'remarque : {note}' },
  'backup.cli.arg.name': {
    en: 'backup name (letters, digits, -); not with --from-schedule',
    fr: 'nom de la sauvegarde (lettres, chiffres, -) ; pas avec --from-schedule',
  },
  'backup.cli.arg.backup': { en: 'backup name', fr: 'nom de la sauvegarde' },
  'backup.cli.arg.drillName': {
    en: 'backup name (or --schedule)',
    fr: 'nom de la sauvegarde (ou --schedule)',
  },
  'backup.cli.flag.namespaces': {
    en: 'namespaces to back up (repeatable; default: -n)',
    fr: 'namespaces à sauvegarder (répétable ; par défaut : -n)',
  },
  'backup.cli.flag.app': {
    en: 'back up an app deployed by `quai apply`: the namespaces holding it (narrowed by its label where shared)',
    fr: 'sauvegarder une application déployée par `quai apply` : les namespaces qui la contiennent (restreints par son label s’ils sont partagés)',
  },
  'backup.cli.flag.selector': {
    en: 'only objects with these labels',
    fr: 'seulement les objets qui ont ces labels',
  },
  'backup.cli.flag.clusterResources': {
    en: 'cluster-scoped dependencies',
    fr: 'dépendances de portée cluster',
  },
  'backup.cli.flag.noEncryption': {
    en: 'store in clear (Secrets are then left out)',
    fr: 'stocker en clair (les Secrets sont alors laissés de côté)',
  },
  'backup.cli.flag.fromSchedule': {
    en: "run the schedule's backup in the cluster now (a Job from its CronJob)",
    fr: 'lancer maintenant la sauvegarde de la planification dans le cluster (un Job tiré de son CronJob)',
  },
  'backup.cli.flag.wait': {
    en: 'with --from-schedule or --velero: follow the backup until it ends, with progress',
    fr: 'avec --from-schedule ou --velero : suivre la sauvegarde jusqu’à sa fin, avec la progression',
  },
  'backup.cli.flag.velero': {
    en: 'create a Velero Backup object instead (Velero does the work)',
    fr: 'créer plutôt un objet Backup de Velero (Velero fait le travail)',
  },
  'backup.cli.help.create': {
    en: "Encrypted with AES-256-GCM by default (a key is required); the backup becomes visible only once\ncomplete. Volume data goes to a restic repository on the same target (password derived from the\nkey); a claim no mover can reach is listed as unreachable and fails the backup, never skipped in\nsilence. Databases declared in an app spec (spec.backup.databases) are dumped first.\n--from-schedule runs in the cluster with the schedule's settings; --wait then follows the Job\nand prints the backup's log.",
    fr: 'Chiffrée en AES-256-GCM par défaut (une clé est exigée) ; la sauvegarde n’est visible qu’une fois\ncomplète. Les données des volumes vont dans un dépôt restic sur la même cible (mot de passe dérivé de\nla clé) ; un volume qu’aucun transfert ne peut atteindre est listé comme injoignable et fait échouer\nla sauvegarde, jamais sauté en silence. Les bases de données déclarées dans une spécification\nd’application (spec.backup.databases) sont exportées d’abord. --from-schedule s’exécute dans le\ncluster avec les réglages de la planification ; --wait suit alors le Job et affiche le journal de la\nsauvegarde.',
  },
  'backup.cli.volumeLine': { en: '  volume {volume}: {status}', fr: '  volume {volume} : {status}' },
  'backup.cli.volumeLineData': {
    en: '  volume {volume}: {status} (snapshot {snapshot}, {size}, {added} new)',
    fr: '  volume {volume} : {status} (instantané {snapshot}, {size}, {added} nouveaux)',
  },
  'backup.cli.databaseLine': { en: '  database {database}: {status}', fr: '  base {database} : {status}' },
  'backup.cli.databaseLineData': {
    en: '  database {database}: {status} ({engine} dump, {size}, snapshot {snapshot})',
    fr: '  base {database} : {status} (export {engine}, {size}, instantané {snapshot})',
  },
  'backup.cli.list.summary': { en: 'List the backups of a target', fr: 'Lister les sauvegardes d’une cible' },
  'backup.cli.flag.listVelero': {
    en: "also list Velero's backups (velero.io/v1), marked VELERO",
    fr: 'lister aussi les sauvegardes de Velero (velero.io/v1), marquées VELERO',
  },
  'backup.cli.help.list': {
    en: 'S3 credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, else the profile of --s3-profile (or\nAWS_PROFILE) in ~/.aws/credentials. Endpoint: --s3-endpoint or QUAI_S3_ENDPOINT.',
    fr: 'Identifiants S3 : AWS_ACCESS_KEY_ID et AWS_SECRET_ACCESS_KEY, sinon le profil de --s3-profile (ou\nAWS_PROFILE) dans ~/.aws/credentials. Point d’accès : --s3-endpoint ou QUAI_S3_ENDPOINT.',
  },
  'backup.cli.col.name': { en: 'NAME', fr: 'NOM' },
  'backup.cli.col.status': { en: 'STATUS', fr: 'STATUT' },
  'backup.cli.col.completed': { en: 'COMPLETED', fr: 'TERMINÉE' },
  'backup.cli.col.namespaces': { en: 'NAMESPACES', fr: 'NAMESPACES' },
  'backup.cli.col.objects': { en: 'OBJECTS', fr: 'OBJETS' },
  'backup.cli.col.encryption': { en: 'ENCRYPTION', fr: 'CHIFFREMENT' },
  'backup.cli.col.kind': { en: 'KIND', fr: 'TYPE' },
  'backup.cli.none': { en: 'none', fr: 'aucun' },
  'backup.cli.describe.summary': {
    en: 'Show what a backup holds',
    fr: 'Montrer ce que contient une sauvegarde',
  },
  'backup.cli.flag.describeVelero': {
    en: 'describe a Velero backup (velero.io/v1) instead',
    fr: 'décrire plutôt une sauvegarde Velero (velero.io/v1)',
  },
  'backup.cli.flag.describeUnauthenticated': {
    en: 'with --key-file: show a backup whose index cannot be authenticated',
    fr: 'avec --key-file : montrer une sauvegarde dont l’index ne peut pas être authentifié',
  },
  'backup.cli.help.describe': {
    en: 'With --key-file the index is authenticated first: an edited index is refused (BACKUP_ALTERED).',
    fr: 'Avec --key-file, l’index est d’abord authentifié : un index modifié est refusé (BACKUP_ALTERED).',
  },
  'backup.cli.integrity.clear': {
    en: 'not authenticated (stored without a key)',
    fr: 'non authentifié (stocké sans clé)',
  },
  'backup.cli.integrity.oldFormat': {
    en: 'not authenticated (format {format})',
    fr: 'non authentifié (format {format})',
  },
  'backup.cli.integrity.authenticated': { en: 'authenticated with the key', fr: 'authentifié avec la clé' },
  'backup.cli.integrity.unchecked': {
    en: 'not checked (pass --key-file to authenticate the index)',
    fr: 'non vérifié (passez --key-file pour authentifier l’index)',
  },
  'backup.cli.describe.head': {
    en: 'Backup {name} ({status}), format {format}{id}, by {by} from {cluster}',
    fr: 'Sauvegarde {name} ({status}), format {format}{id}, par {by} depuis {cluster}',
  },
  'backup.cli.describe.id': { en: ', id {id}', fr: ', id {id}' },
  'backup.cli.describe.integrity': { en: 'Integrity: {integrity}', fr: 'Intégrité : {integrity}' },
  'backup.cli.describe.times': {
    en: 'Started {started}, completed {completed}',
    fr: 'Commencée le {started}, terminée le {completed}',
  },
  'backup.cli.describe.scope': {
    en: 'Namespaces: {namespaces}; cluster resources: {cluster}; encryption: {encryption}',
    fr: 'Namespaces : {namespaces} ; ressources du cluster : {cluster} ; chiffrement : {encryption}',
  },
  'backup.cli.yes': { en: 'yes', fr: 'oui' },
  'backup.cli.no': { en: 'no', fr: 'non' },
  'backup.cli.describe.aes': { en: 'aes-256-gcm, key {keyId}', fr: 'aes-256-gcm, clé {keyId}' },
  'backup.cli.describe.volume': { en: 'volume {volume}: {status}', fr: 'volume {volume} : {status}' },
  'backup.cli.describe.volumeData': {
    en: ', restic snapshot {snapshot} of {path} ({mover} mover)',
    fr: ', instantané restic {snapshot} de {path} (transfert {mover})',
  },
  'backup.cli.describe.database': {
    en: 'database {database}: {status}, {engine} {address}',
    fr: 'base {database} : {status}, {engine} {address}',
  },
  'backup.cli.describe.databaseData': {
    en: ', snapshot {snapshot} file {file} sha256 {sha256}',
    fr: ', instantané {snapshot} fichier {file} sha256 {sha256}',
  },
  'backup.cli.delete.summary': { en: 'Delete a backup', fr: 'Supprimer une sauvegarde' },
  'backup.cli.deleted': { en: 'Deleted backup {name}.', fr: 'Sauvegarde {name} supprimée.' },
  'backup.cli.drill.flag.schedule': {
    en: 'drill the newest backup of a schedule (its target and key)',
    fr: 'exercer la sauvegarde la plus récente d’une planification (sa cible et sa clé)',
  },
  'backup.cli.drill.flag.keep': {
    en: 'keep the scratch namespaces for inspection',
    fr: 'garder les namespaces temporaires pour inspection',
  },
  'backup.cli.drill.flag.timeout': {
    en: 'how long workloads may take to become ready',
    fr: 'temps laissé aux charges de travail pour devenir prêtes',
  },
  'backup.cli.drill.flag.report': {
    en: 'also write the JSON report to this file',
    fr: 'écrire aussi le rapport JSON dans ce fichier',
  },
  'backup.cli.drill.flag.allowUnauthenticated': {
    en: 'drill a backup whose index cannot be authenticated (format 1 or 2, or stored without a key)',
    fr: 'exercer une sauvegarde dont l’index ne peut pas être authentifié (format 1 ou 2, ou stockée sans clé)',
  },
  'backup.cli.help.drill': {
    en: 'The report is also kept beside the backup (drills/*.json); `backup drill list` shows them.\nExit codes: 0 pass, 1 fail.',
    fr: 'Le rapport est aussi gardé à côté de la sauvegarde (drills/*.json) ; `backup drill list` les montre.\nCodes de sortie : 0 réussi, 1 échoué.',
  },
  'backup.cli.check.ok': { en: 'ok  ', fr: 'ok  ' },
  'backup.cli.check.fail': { en: 'FAIL', fr: 'ÉCHEC' },
  'backup.cli.prune.summary': {
    en: 'Delete the backups a retention policy does not keep',
    fr: 'Supprimer les sauvegardes qu’une politique de rétention ne garde pas',
  },
  'backup.cli.prune.flag.keepLast': {
    en: 'keep the newest n backups',
    fr: 'garder les n sauvegardes les plus récentes',
  },
  'backup.cli.prune.flag.keepDaily': {
    en: 'keep the newest backup of each of the last n days',
    fr: 'garder la sauvegarde la plus récente de chacun des n derniers jours',
  },
  'backup.cli.prune.flag.keepWeekly': {
    en: 'keep the newest backup of each of the last n ISO weeks',
    fr: 'garder la sauvegarde la plus récente de chacune des n dernières semaines ISO',
  },
  'backup.cli.prune.flag.keepMonthly': {
    en: 'keep the newest backup of each of the last n months',
    fr: 'garder la sauvegarde la plus récente de chacun des n derniers mois',
  },
  'backup.cli.prune.flag.dryRun': { en: 'show what would be deleted', fr: 'montrer ce qui serait supprimé' },
  'backup.cli.help.prune': {
    en: 'Days, weeks and months are counted in UTC. Partial backups go once a newer complete one exists.\nPrune also removes what killed backups left (partial folders, stale locks) and, with --key-file,\nthe restic snapshots no backup holds; a backup being written is left alone.',
    fr: 'Les jours, semaines et mois sont comptés en UTC. Les sauvegardes partielles partent dès qu’une plus\nrécente est complète. Prune retire aussi ce que des sauvegardes interrompues ont laissé (dossiers\npartiels, verrous périmés) et, avec --key-file, les instantanés restic qu’aucune sauvegarde ne\ncontient ; une sauvegarde en cours d’écriture n’est pas touchée.',
  },
  'backup.cli.prune.keep': { en: 'keep    {name} ({reasons})', fr: 'garder  {name} ({reasons})' },
  'backup.cli.prune.wouldDelete': { en: 'would delete {name}', fr: 'supprimerait {name}' },
  'backup.cli.prune.deleted': { en: 'deleted {name}', fr: 'supprimée {name}' },
  'backup.cli.prune.cleaned': { en: 'cleaned {name}', fr: 'nettoyé {name}' },
  'backup.cli.prune.leftAlone': {
    en: 'left alone {name}: being written now',
    fr: 'laissée {name} : en cours d’écriture',
  },
  'backup.cli.prune.orphans': {
    en: '{count|# restic snapshot|# restic snapshots} of no backup forgotten',
    fr: '{count|# instantané restic|# instantanés restic} d’aucune sauvegarde oublié(s)',
  },
  'backup.cli.key.group': {
    en: 'Manage backup encryption keys',
    fr: 'Gérer les clés de chiffrement des sauvegardes',
  },
  'backup.cli.key.create': {
    en: 'Write a new random 256-bit key to a file (mode 0600)',
    fr: 'Écrire une nouvelle clé aléatoire de 256 bits dans un fichier (mode 0600)',
  },
  'backup.cli.key.arg.file': { en: 'where to write it', fr: 'où l’écrire' },
  'backup.cli.help.keyCreate': {
    en: 'Keep a copy outside the cluster (a vault, a safe): without it, backups cannot be restored.',
    fr: 'Gardez une copie hors du cluster (un coffre, un coffre-fort) : sans elle, les sauvegardes ne peuvent pas être restaurées.',
  },
  'backup.cli.key.written': {
    en: 'Key {id} written to {file} (mode 0600). Keep a copy outside the cluster.',
    fr: 'Clé {id} écrite dans {file} (mode 0600). Gardez une copie hors du cluster.',
  },
  'backup.cli.restore.flag.namespaces': {
    en: 'restore only these namespaces of the backup',
    fr: 'restaurer seulement ces namespaces de la sauvegarde',
  },
  'backup.cli.restore.flag.app': {
    en: "restore only this app's namespaces (narrowed by its label where shared)",
    fr: 'restaurer seulement les namespaces de cette application (restreints par son label s’ils sont partagés)',
  },
  'backup.cli.restore.flag.mapping': {
    en: 'restore a namespace under another name (repeatable)',
    fr: 'restaurer un namespace sous un autre nom (répétable)',
  },
  'backup.cli.restore.flag.existing': { en: 'objects that exist already', fr: 'objets qui existent déjà' },
  'backup.cli.restore.flag.keepNodePorts': {
    en: 'keep Service node ports instead of letting the cluster pick new ones',
    fr: 'garder les ports de nœud des Services au lieu de laisser le cluster en choisir de nouveaux',
  },
  'backup.cli.restore.flag.dryRun': {
    en: 'show what would be created, updated or skipped, and change nothing',
    fr: 'montrer ce qui serait créé, mis à jour ou sauté, sans rien changer',
  },
  'backup.cli.restore.flag.velero': {
    en: 'restore a Velero backup instead: create a Velero Restore and follow it',
    fr: 'restaurer plutôt une sauvegarde Velero : créer un Restore de Velero et le suivre',
  },
  'backup.cli.restore.flag.allowUnauthenticated': {
    en: 'restore a backup whose index cannot be authenticated with the key (format 1 or 2, or stored without a key)',
    fr: 'restaurer une sauvegarde dont l’index ne peut pas être authentifié avec la clé (format 1 ou 2, ou stockée sans clé)',
  },
  'backup.cli.help.restore': {
    en: "Volume data and database dumps go back after claims and Secrets, before any workload is created,\ninto namespaces this restore creates (or with --volume-path, --databases). Safe to run again after\nan interruption: the namespaces an earlier run created are labelled with the restore's id, so the\nrerun resumes there (their data restored, what was already restored not redone); what exists is\nskipped, nothing is duplicated. --allow-unauthenticated restores a backup of format 1 or 2.",
    fr: 'Les données des volumes et les exports de bases reviennent après les volumes et les Secrets, avant\nla création de toute charge de travail, dans les namespaces que cette restauration crée (ou avec\n--volume-path, --databases). Relançable après une interruption : les namespaces créés par un essai\nprécédent portent l’identifiant de la restauration, la relance reprend donc là (leurs données\nrestaurées, ce qui l’était déjà n’est pas refait) ; ce qui existe est sauté, rien n’est dupliqué.\n--allow-unauthenticated restaure une sauvegarde de format 1 ou 2.',
  },
  'backup.cli.restore.failed': { en: '  failed: {object}: {reason}', fr: '  échec : {object} : {reason}' },
  'backup.cli.restore.action.create': { en: 'create', fr: 'créer' },
  'backup.cli.restore.action.update': { en: 'update', fr: 'mettre à jour' },
  'backup.cli.restore.wouldLine': { en: '  {action}: {object}', fr: '  {action} : {object}' },
  'backup.cli.restore.volume': { en: 'volume {claim}', fr: 'volume {claim}' },
  'backup.cli.restore.database': { en: 'database {database}', fr: 'base {database}' },
  'backup.cli.restore.dataLine': { en: '  {what}: {action}', fr: '  {what} : {action}' },
  'backup.cli.restore.dataLineReason': {
    en: '  {what}: {action}: {reason}',
    fr: '  {what} : {action} : {reason}',
  },
  'backup.cli.data.flag.volumesCreate': {
    en: 'volume data: restic (default with a key) or none',
    fr: 'données des volumes : restic (par défaut avec une clé) ou none',
  },
  'backup.cli.data.flag.volumesRestore': {
    en: 'restore volume data with restic (default when the backup has some), or none',
    fr: 'restaurer les données des volumes avec restic (par défaut si la sauvegarde en a), ou none',
  },
  'backup.cli.data.flag.volumePath': {
    en: "where a claim's data is on this machine: CLAIM=/path or NAMESPACE/CLAIM=/path (repeatable)",
    fr: 'où sont les données d’un volume sur cette machine : VOLUME=/chemin ou NAMESPACE/VOLUME=/chemin (répétable)',
  },
  'backup.cli.data.flag.mover': {
    en: 'run restic here (local) or in a Job next to the volume (job)',
    fr: 'exécuter restic ici (local) ou dans un Job à côté du volume (job)',
  },
  'backup.cli.data.flag.moverImage': {
    en: 'image of the mover Job (default {image})',
    fr: 'image du Job de transfert (par défaut {image})',
  },
  'backup.cli.data.flag.appSpec': {
    en: 'app spec whose backup.databases are dumped (repeatable)',
    fr: 'spécification d’application dont les backup.databases sont exportées (répétable)',
  },
  'backup.cli.data.flag.databases': {
    en: 'restore the dumps (and volume data) into namespaces that exist already, overwriting live data',
    fr: 'restaurer les exports (et les données des volumes) dans des namespaces qui existent déjà, en écrasant les données en service',
  },
  'backup.cli.data.flag.noDatabasesCreate': {
    en: 'do not dump the declared databases',
    fr: 'ne pas exporter les bases de données déclarées',
  },
  'backup.cli.data.flag.noDatabases': {
    en: 'leave the databases alone',
    fr: 'ne pas toucher aux bases de données',
  },
  'backup.cli.data.snapshotsRemain': {
    en: 'note: the restic snapshots of {backups} remain; forget them with the key (docs/backup.md, "restic by hand")',
    fr: 'remarque : les instantanés restic de {backups} restent ; oubliez-les avec la clé (docs/fr/sauvegarde.md, « restic à la main »)',
  },
  'backup.cli.data.forgotten': {
    en: '{count|# restic snapshot|# restic snapshots} forgotten; `restic -r {url} prune` reclaims their space',
    fr: '{count|# instantané restic oublié|# instantanés restic oubliés} ; `restic -r {url} prune` récupère leur place',
  },
  'backup.cli.state.completed': { en: 'completed', fr: 'terminé' },
  'backup.cli.state.failed': { en: 'failed', fr: 'en échec' },
  'backup.cli.state.unreachable': { en: 'unreachable', fr: 'injoignable' },
  'backup.cli.state.excluded': { en: 'excluded', fr: 'exclu' },
  'backup.cli.state.restored': { en: 'restored', fr: 'restauré' },
  'backup.cli.state.skipped': { en: 'skipped', fr: 'sauté' },
  'backup.cli.state.would-restore': { en: 'would restore', fr: 'serait restauré' },
  'backup.cli.schedule.group': {
    en: 'Cron schedules of backups: in the cluster (CronJob) or from any machine (daemon)',
    fr: 'Planifications cron des sauvegardes : dans le cluster (CronJob) ou depuis toute machine (daemon)',
  },
  'backup.cli.schedule.create': {
    en: 'Create (or replace) a backup schedule, stored in the cluster (quai-system)',
    fr: 'Créer (ou remplacer) une planification de sauvegarde, stockée dans le cluster (quai-system)',
  },
  'backup.cli.schedule.arg.name': {
    en: 'schedule name (letters, digits, -; at most 40)',
    fr: 'nom de la planification (lettres, chiffres, - ; 40 au plus)',
  },
  'backup.cli.schedule.arg.nameShort': { en: 'schedule name', fr: 'nom de la planification' },
  'backup.cli.schedule.flag.cron': {
    en: 'five cron fields or @hourly/@daily/@weekly/@monthly',
    fr: 'cinq champs cron ou @hourly/@daily/@weekly/@monthly',
  },
  'backup.cli.schedule.flag.timeZone': {
    en: 'IANA time zone the cron is read in',
    fr: 'fuseau horaire IANA dans lequel le cron est lu',
  },
  'backup.cli.schedule.flag.namespaces': {
    en: 'namespaces to back up (default: -n)',
    fr: 'namespaces à sauvegarder (par défaut : -n)',
  },
  'backup.cli.schedule.flag.app': {
    en: 'only objects of this app (label app.kubernetes.io/part-of)',
    fr: 'seulement les objets de cette application (label app.kubernetes.io/part-of)',
  },
  'backup.cli.schedule.flag.target': {
    en: 'absolute directory (NFS mount) or s3://BUCKET/PREFIX',
    fr: 'dossier absolu (montage NFS) ou s3://BUCKET/PREFIXE',
  },
  'backup.cli.schedule.flag.s3Endpoint': {
    en: 'S3-compatible endpoint (MinIO, Ceph, ...); AWS when absent',
    fr: 'point d’accès compatible S3 (MinIO, Ceph, ...) ; AWS s’il est absent',
  },
  'backup.cli.schedule.flag.s3Region': {
    en: "S3 region (default: the Secret's AWS_REGION, else us-east-1)",
    fr: 'région S3 (par défaut : AWS_REGION du Secret, sinon us-east-1)',
  },
  'backup.cli.schedule.flag.s3PathStyle': {
    en: 'path-style S3 addresses (ENDPOINT/BUCKET); default with --s3-endpoint',
    fr: 'adresses S3 en chemin (POINT/BUCKET) ; par défaut avec --s3-endpoint',
  },
  'backup.cli.schedule.flag.noS3PathStyle': {
    en: 'virtual-hosted S3 addresses (BUCKET.ENDPOINT)',
    fr: 'adresses S3 en hôte virtuel (BUCKET.POINT)',
  },
  'backup.cli.schedule.flag.credentialsSecret': {
    en: 'Secret in quai-system with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    fr: 'Secret de quai-system avec AWS_ACCESS_KEY_ID et AWS_SECRET_ACCESS_KEY',
  },
  'backup.cli.schedule.flag.targetVolumeClaim': {
    en: 'PVC in quai-system the CronJob mounts at a directory target',
    fr: 'PVC de quai-system que le CronJob monte sur une cible dossier',
  },
  'backup.cli.schedule.flag.keySecret': {
    en: 'Secret in quai-system whose "key" holds the encryption key file',
    fr: 'Secret de quai-system dont la clé « key » contient le fichier de clé de chiffrement',
  },
  'backup.cli.schedule.flag.keepHourly': {
    en: 'keep the newest backup of each of the last n hours',
    fr: 'garder la sauvegarde la plus récente de chacune des n dernières heures',
  },
  'backup.cli.schedule.flag.ttl': {
    en: "delete this schedule's backups older than this (90m, 36h, 30d, 8w)",
    fr: 'supprimer les sauvegardes de cette planification plus anciennes que cela (90m, 36h, 30d, 8w)',
  },
  'backup.cli.schedule.flag.volumes': {
    en: 'volume data in each run: restic, or none',
    fr: 'données des volumes à chaque exécution : restic, ou none',
  },
  'backup.cli.schedule.flag.mover': {
    en: 'restic in a Job next to each volume (job; S3 targets), or here (local)',
    fr: 'restic dans un Job à côté de chaque volume (job ; cibles S3), ou ici (local)',
  },
  'backup.cli.schedule.flag.moverImage': {
    en: 'image of the mover and dump Jobs',
    fr: 'image des Jobs de transfert et d’export',
  },
  'backup.cli.schedule.flag.volumePath': {
    en: 'with --mover local: the folder holding a claim on the machine running the schedule (repeatable)',
    fr: 'avec --mover local : le dossier qui contient un volume sur la machine qui exécute la planification (répétable)',
  },
  'backup.cli.schedule.flag.appSpec': {
    en: 'dump the databases this app spec declares (spec.backup.databases) in each run (repeatable)',
    fr: 'exporter à chaque exécution les bases que déclare cette spécification d’application (spec.backup.databases) (répétable)',
  },
  'backup.cli.schedule.flag.drillAfterBackup': {
    en: 'drill each backup right after it is made',
    fr: 'exercer chaque sauvegarde juste après sa création',
  },
  'backup.cli.schedule.flag.drillCron': {
    en: 'drill the newest backup on this cron too',
    fr: 'exercer aussi la sauvegarde la plus récente selon ce cron',
  },
  'backup.cli.schedule.flag.suspend': {
    en: 'keep the schedule but do not run it',
    fr: 'garder la planification sans l’exécuter',
  },
  'backup.cli.schedule.flag.replace': {
    en: 'replace a schedule of that name',
    fr: 'remplacer une planification de ce nom',
  },
  'backup.cli.schedule.flag.install': {
    en: 'also install its CronJob in the cluster (see `schedule install`)',
    fr: 'installer aussi son CronJob dans le cluster (voir `schedule install`)',
  },
  'backup.cli.schedule.flag.image': {
    en: 'image of the CronJob (default {image})',
    fr: 'image du CronJob (par défaut {image})',
  },
  'backup.cli.help.scheduleCreate': {
    en: 'Schedules live in ConfigMaps of the quai-system namespace: every machine, the daemon and the\nin-cluster CronJob see the same ones. They name Secrets (keys, S3 credentials); they hold none.',
    fr: 'Les planifications vivent dans des ConfigMaps du namespace quai-system : chaque machine, le daemon et\nle CronJob du cluster voient les mêmes. Elles nomment des Secrets (clés, identifiants S3) ; elles n’en\ncontiennent aucun.',
  },
  'backup.cli.schedule.saved': {
    en: 'Schedule {name} saved ({cron}, {timeZone}).',
    fr: 'Planification {name} enregistrée ({cron}, {timeZone}).',
  },
  'backup.cli.schedule.savedInstalled': {
    en: 'Schedule {name} saved ({cron}, {timeZone}), CronJob installed.',
    fr: 'Planification {name} enregistrée ({cron}, {timeZone}), CronJob installé.',
  },
  'backup.cli.schedule.nextRuns': { en: 'Next runs: {runs}', fr: 'Prochaines exécutions : {runs}' },
  'backup.cli.schedule.list': {
    en: 'List the backup schedules of the cluster',
    fr: 'Lister les planifications de sauvegarde du cluster',
  },
  'backup.cli.col.cron': { en: 'CRON', fr: 'CRON' },
  'backup.cli.col.timeZone': { en: 'TIME ZONE', fr: 'FUSEAU' },
  'backup.cli.col.target': { en: 'TARGET', fr: 'CIBLE' },
  'backup.cli.col.lastRun': { en: 'LAST RUN', fr: 'DERNIÈRE EXÉCUTION' },
  'backup.cli.col.nextRun': { en: 'NEXT RUN', fr: 'PROCHAINE EXÉCUTION' },
  'backup.cli.schedule.suspended': { en: 'suspended', fr: 'suspendue' },
  'backup.cli.schedule.describe': {
    en: 'Show a schedule, its next runs, its lock and its CronJob',
    fr: 'Montrer une planification, ses prochaines exécutions, son verrou et son CronJob',
  },
  'backup.cli.schedule.head': {
    en: 'Schedule {name}: {cron} in {timeZone}',
    fr: 'Planification {name} : {cron} dans le fuseau {timeZone}',
  },
  'backup.cli.schedule.headSuspended': {
    en: 'Schedule {name} (suspended): {cron} in {timeZone}',
    fr: 'Planification {name} (suspendue) : {cron} dans le fuseau {timeZone}',
  },
  'backup.cli.schedule.scope': {
    en: 'Backs up: {namespaces}{app}{selector}; cluster resources {clusterResources}',
    fr: 'Sauvegarde : {namespaces}{app}{selector} ; ressources du cluster {clusterResources}',
  },
  'backup.cli.schedule.scopeApp': { en: ', app {app}', fr: ', application {app}' },
  'backup.cli.schedule.scopeSelector': { en: ', selector {selector}', fr: ', sélecteur {selector}' },
  'backup.cli.schedule.target': {
    en: 'Target: {target}{endpoint}; encryption: {encryption}',
    fr: 'Cible : {target}{endpoint} ; chiffrement : {encryption}',
  },
  'backup.cli.schedule.endpoint': { en: ' (endpoint {endpoint})', fr: ' (point d’accès {endpoint})' },
  'backup.cli.schedule.keyFrom': { en: 'key from Secret {secret}', fr: 'clé du Secret {secret}' },
  'backup.cli.schedule.retention': {
    en: 'Retention: {retention}; TTL: {ttl}',
    fr: 'Rétention : {retention} ; durée de vie : {ttl}',
  },
  'backup.cli.schedule.drill': { en: 'Drill: {drill}', fr: 'Exercice de restauration : {drill}' },
  'backup.cli.schedule.drillAfter': { en: 'after each backup', fr: 'après chaque sauvegarde' },
  'backup.cli.schedule.drillOn': { en: 'on {cron}', fr: 'selon {cron}' },
  'backup.cli.schedule.runs': {
    en: 'Last run: {last}; running now on: {running}',
    fr: 'Dernière exécution : {last} ; en cours sur : {running}',
  },
  'backup.cli.schedule.never': { en: 'never', fr: 'jamais' },
  'backup.cli.schedule.nothing': { en: 'nothing', fr: 'rien' },
  'backup.cli.schedule.cronJob': {
    en: 'In-cluster CronJob: {cronJob}',
    fr: 'CronJob du cluster : {cronJob}',
  },
  'backup.cli.schedule.notInstalled': { en: 'not installed', fr: 'non installé' },
  'backup.cli.schedule.delete': {
    en: 'Delete a schedule and its CronJobs (its backups stay on the target)',
    fr: 'Supprimer une planification et ses CronJobs (ses sauvegardes restent sur la cible)',
  },
  'backup.cli.schedule.suspendVerb': {
    en: 'Suspend a schedule: no scheduled run (daemon or CronJob) until it is resumed',
    fr: "Suspendre une planification : plus d'exécution planifiée (démon ou CronJob) jusqu'à sa reprise",
  },
  'backup.cli.schedule.resumeVerb': {
    en: 'Resume a suspended schedule: its next run is on its cron again',
    fr: 'Reprendre une planification suspendue : sa prochaine exécution suit de nouveau son cron',
  },
  'backup.cli.schedule.flag.reason': {
    en: 'why (recorded in the audit trail of `quai serve`)',
    fr: "pourquoi (gardé dans le journal d'audit de `quai serve`)",
  },
  'backup.cli.help.suspend': {
    en: 'The schedule stays, with its backups; its CronJobs, when installed, are suspended too. `quai backup schedule resume` starts it again.',
    fr: "La planification reste, avec ses sauvegardes ; ses CronJobs, s'ils sont installés, sont suspendus aussi. `quai backup schedule resume` la relance.",
  },
  'backup.cli.schedule.suspendedNow': {
    en: 'Suspended schedule {name}{cronJobs}.',
    fr: 'Planification {name} suspendue{cronJobs}.',
  },
  'backup.cli.schedule.resumedNow': {
    en: 'Resumed schedule {name}{cronJobs}: next run {next}.',
    fr: 'Planification {name} reprise{cronJobs} : prochaine exécution {next}.',
  },
  'backup.cli.schedule.alreadySuspended': {
    en: 'Schedule {name} was already suspended.',
    fr: 'La planification {name} était déjà suspendue.',
  },
  'backup.cli.schedule.alreadyActive': {
    en: 'Schedule {name} was not suspended.',
    fr: "La planification {name} n'était pas suspendue.",
  },
  'backup.cli.schedule.withCronJobs': {
    en: ' (and {cronJobs})',
    fr: ' (ainsi que {cronJobs})',
  },
  'backup.cli.schedule.deleted': {
    en: 'Deleted schedule {name} (its backups are kept).',
    fr: 'Planification {name} supprimée (ses sauvegardes sont gardées).',
  },
  'backup.cli.schedule.flag.scheduled': {
    en: 'stand for the current scheduled time: skip if another runner made it (the CronJob uses this)',
    fr: 'tenir lieu de l’heure planifiée en cours : sauter si un autre exécutant l’a faite (le CronJob s’en sert)',
  },
  'backup.cli.schedule.flag.drillTimeout': {
    en: 'how long drilled workloads may take to become ready',
    fr: 'temps laissé aux charges de travail exercées pour devenir prêtes',
  },
  'backup.cli.help.runNow': {
    en: 'Exit codes: 0 completed or skipped, 7 partially failed, 1 drill failed.',
    fr: 'Codes de sortie : 0 terminée ou sautée, 7 en échec partiel, 1 exercice de restauration échoué.',
  },
  'backup.cli.schedule.install': {
    en: 'Install the in-cluster runner: CronJobs, ServiceAccount and least-privilege RBAC',
    fr: 'Installer l’exécutant du cluster : CronJobs, ServiceAccount et RBAC au moindre privilège',
  },
  'backup.cli.schedule.arg.names': {
    en: 'schedules (default: all)',
    fr: 'planifications (par défaut : toutes)',
  },
  'backup.cli.schedule.flag.installImage': {
    en: 'Quai image the CronJobs run (default {image})',
    fr: 'image Quai qu’exécutent les CronJobs (par défaut {image})',
  },
  'backup.cli.schedule.flag.dryRun': {
    en: 'send the objects for validation only (server-side dry run)',
    fr: 'envoyer les objets pour validation seulement (essai à blanc côté serveur)',
  },
  'backup.cli.help.install': {
    en: 'Build the image from packaging/Dockerfile (docs/backup.md shows a GitLab CI job with kaniko).',
    fr: 'Construisez l’image depuis packaging/Dockerfile (docs/fr/sauvegarde.md montre un job GitLab CI avec kaniko).',
  },
  'backup.cli.schedule.valid': { en: 'valid  ', fr: 'valide ' },
  'backup.cli.schedule.applied': { en: 'applied', fr: 'appliqué' },
  'backup.cli.schedule.daemon': {
    en: "Run the cluster's backup schedules from this machine, in the foreground",
    fr: 'Exécuter les planifications de sauvegarde du cluster depuis cette machine, au premier plan',
  },
  'backup.cli.schedule.flag.poll': {
    en: 'how often schedules are read and due runs looked for',
    fr: 'à quelle fréquence les planifications sont lues et les exécutions dues cherchées',
  },
  'backup.cli.schedule.flag.identity': {
    en: 'name of this runner in the schedule Leases (default host-pid)',
    fr: 'nom de cet exécutant dans les Leases des planifications (par défaut hôte-pid)',
  },
  'backup.cli.help.daemon': {
    en: 'Runs beside the in-cluster CronJob or other daemons safely: a Lease per schedule makes each\nscheduled time run once. Missed times after downtime run once, not once each. Ctrl-C aborts a\nbackup in progress cleanly (nothing half-visible) and stops.',
    fr: 'Tourne sans risque à côté du CronJob du cluster ou d’autres daemons : un Lease par planification\nfait exécuter chaque heure planifiée une fois. Les heures manquées pendant un arrêt s’exécutent une\nfois, pas une fois chacune. Ctrl-C interrompt proprement une sauvegarde en cours (rien d’à moitié\nvisible) et s’arrête.',
  },
  'backup.cli.level.info': { en: 'info ', fr: 'info ' },
  'backup.cli.level.warning': { en: 'warn ', fr: 'avert' },
  'backup.cli.level.error': { en: 'error', fr: 'erreur' },
  'backup.cli.logs': {
    en: 'Print the log of a backup (kept beside it on the target)',
    fr: 'Afficher le journal d’une sauvegarde (gardé à côté d’elle sur la cible)',
  },
  'backup.cli.drillList': {
    en: 'Drill history: the reports kept beside the backups, newest first',
    fr: 'Historique des exercices de restauration : les rapports gardés à côté des sauvegardes, le plus récent d’abord',
  },
  'backup.cli.drillList.flag.schedule': {
    en: "only the drills of this schedule's backups",
    fr: 'seulement les exercices des sauvegardes de cette planification',
  },
  'backup.cli.drillList.flag.backup': {
    en: 'only the drills of this backup',
    fr: 'seulement les exercices de cette sauvegarde',
  },
  'backup.cli.col.started': { en: 'STARTED', fr: 'COMMENCÉ' },
  'backup.cli.col.backup': { en: 'BACKUP', fr: 'SAUVEGARDE' },
  'backup.cli.col.result': { en: 'RESULT', fr: 'RÉSULTAT' },
  'backup.cli.col.recovery': { en: 'RECOVERY', fr: 'REPRISE' },
  'backup.cli.col.failedChecks': { en: 'FAILED CHECKS', fr: 'CONTRÔLES EN ÉCHEC' },
  'backup.cli.drillList.pass': { en: 'pass', fr: 'réussi' },
  'backup.cli.drillList.fail': { en: 'FAIL', fr: 'ÉCHEC' },
  'backup.cli.job.started': {
    en: 'Job {job} started; follow it with `kubectl -n {namespace} logs -f job/{job}`.',
    fr: 'Job {job} lancé ; suivez-le avec `kubectl -n {namespace} logs -f job/{job}`.',
  },
  'backup.cli.job.status': { en: 'Job {job}: {status}', fr: 'Job {job} : {status}' },
  'backup.cli.velero.backup': {
    en: 'Velero backup {name}: {phase}{reason}, {errors|# error|# errors}, {warnings|# warning|# warnings}',
    fr: 'Sauvegarde Velero {name} : {phase}{reason}, {errors|# erreur|# erreurs}, {warnings|# avertissement|# avertissements}',
  },
  'backup.cli.velero.restore': {
    en: 'Velero restore {restore} of {name}: {phase}{reason}, {errors|# error|# errors}, {warnings|# warning|# warnings}',
    fr: 'Restauration Velero {restore} de {name} : {phase}{reason}, {errors|# erreur|# erreurs}, {warnings|# avertissement|# avertissements}',
  },
  'backup.cli.velero.describeHead': {
    en: 'Velero backup {name}: {phase}{schedule}',
    fr: 'Sauvegarde Velero {name} : {phase}{schedule}',
  },
  'backup.cli.velero.schedule': { en: ' (schedule {schedule})', fr: ' (planification {schedule})' },
  'backup.cli.velero.namespaces': {
    en: 'Namespaces: {namespaces}; storage location: {location}',
    fr: 'Namespaces : {namespaces} ; emplacement de stockage : {location}',
  },
  'backup.cli.velero.times': {
    en: 'Started {started}, completed {completed}, expires {expires}',
    fr: 'Commencée le {started}, terminée le {completed}, expire le {expires}',
  },
  'backup.cli.velero.items': {
    en: 'Items: {items}; errors: {errors}; warnings: {warnings}',
    fr: 'Éléments : {items} ; erreurs : {errors} ; avertissements : {warnings}',
  },
  'backup.cli.job.state.started': { en: 'started', fr: 'lancé' },
  'backup.cli.job.state.succeeded': { en: 'succeeded', fr: 'réussi' },
  'backup.cli.job.state.failed': { en: 'failed', fr: 'en échec' },
  'backup.warning.secretLeftOut': {
    en: 'Secret {secret} left out: no encryption key, and Secrets are never stored in clear',
    fr: 'Secret {secret} laissé de côté : pas de clé de chiffrement, et les Secrets ne sont jamais stockés en clair',
  },
  // Notes of a restore: what it left alone or could not do, with the object or namespace named.
  'backup.restoreNote.notEncrypted': {
    en: 'backup {name} is not encrypted: its index and files are not authenticated (checksums only)',
    fr: 'la sauvegarde {name} n’est pas chiffrée : son index et ses fichiers ne sont pas authentifiés (sommes de contrôle seulement)',
  },
  'backup.restoreNote.oldFormat': {
    en: 'backup {name} uses format {format}: its index is not authenticated (read with --allow-unauthenticated)',
    fr: 'la sauvegarde {name} utilise le format {format} : son index n’est pas authentifié (lu avec --allow-unauthenticated)',
  },
  'backup.restoreNote.finished': {
    en: '{object}: finished, not restored',
    fr: '{object} : terminé, non restauré',
  },
  'backup.restoreNote.resumed': {
    en: 'namespace {namespace}: created by an earlier run of this restore (id {id}), resumed',
    fr: 'namespace {namespace} : créé par une exécution précédente de cette restauration (id {id}), repris',
  },
  'backup.restoreNote.freshVolume': {
    en: '{object}: its volume was not restored by this run, so it got a fresh, empty one',
    fr: '{object} : son volume n’a pas été restauré par cette exécution, il a donc reçu un volume neuf et vide',
  },
  'backup.restoreNote.labelNotRemoved': {
    en: "namespace {namespace}: the restore's label {label} could not be removed ({reason}); remove it by hand once the restore is complete",
    fr: 'namespace {namespace} : le label de restauration {label} n’a pas pu être retiré ({reason}) ; retirez-le à la main une fois la restauration terminée',
  },
  // What prune cleaned of killed backups (one line each).
  'backup.leftover.staleLock': {
    en: 'stale lock of {name} ({holder})',
    fr: 'verrou périmé de {name} ({holder})',
  },
  'backup.leftover.lockHolder': { en: 'process {pid} on {host}', fr: 'processus {pid} sur {host}' },
  'backup.leftover.lockUnreadable': { en: 'unreadable', fr: 'illisible' },
  'backup.leftover.partialFolder': { en: 'partial folder {folder}', fr: 'dossier partiel {folder}' },
  'backup.leftover.unfinishedObjects': {
    en: '{count} object(s) of unfinished backup {name}',
    fr: '{count|# objet|# objets} de la sauvegarde inachevée {name}',
  },
} as const;
