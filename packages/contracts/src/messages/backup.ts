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
} as const;
