/** Docs: the per-application operations sheet (`quai docs app`). */
export const docsMessages = {
  // ---- command, flags, help ----
  'docs.command': {
    en: "Generate documentation from the platform: an app's operations sheet",
    fr: "Produire la documentation depuis la plateforme : la fiche d'exploitation d'une application",
  },
  'docs.arg.app': {
    en: 'the app: its name (read from the cluster) or, with --app-spec, the name the spec gives (optional)',
    fr: "l'application : son nom (lu dans le cluster) ou, avec --app-spec, le nom que donne la spécification (facultatif)",
  },
  'docs.flag.appSpec': {
    en: 'app spec file (YAML): the sheet reads it, and the cluster for the live state',
    fr: "fichier de spécification de l'application (YAML) : la fiche le lit, et lit le cluster pour l'état en service",
  },
  'docs.flag.env': { en: 'environment of the app', fr: "environnement de l'application" },
  'docs.flag.platform': {
    en: 'platform file (domain, storage classes, environments)',
    fr: 'fichier de plateforme (domaine, classes de stockage, environnements)',
  },
  'docs.flag.format': {
    en: 'Markdown, a self-contained HTML page, or the sheet as JSON',
    fr: 'Markdown, une page HTML autonome, ou la fiche en JSON',
  },
  'docs.flag.outputFile': {
    en: 'write the sheet to this file (atomically: a reader never sees half of it) instead of the standard output',
    fr: "écrire la fiche dans ce fichier (de façon atomique : un lecteur n'en voit jamais la moitié) au lieu de la sortie standard",
  },
  'docs.flag.backupTarget': {
    en: "backup place to look for the app's backups and drills, beside its schedules' (folder or s3://BUCKET/PREFIX; repeatable)",
    fr: "emplacement de sauvegarde où chercher les sauvegardes et exercices de restauration de l'application, en plus de ceux de ses planifications (dossier ou s3://BUCKET/PREFIXE ; répétable)",
  },
  'docs.flag.s3Endpoint': {
    en: 'S3 endpoint of an s3:// backup place',
    fr: "point d'accès S3 d'un emplacement s3://",
  },
  'docs.flag.offline': {
    en: 'do not read the cluster: the sheet shows what the app spec alone gives',
    fr: "ne pas lire le cluster : la fiche montre ce que donne la seule spécification de l'application",
  },
  'docs.flag.revisions': {
    en: 'how many revisions the sheet lists',
    fr: 'nombre de révisions que la fiche liste',
  },
  'docs.help.more': {
    en: 'The sheet never shows a Secret value: only the names of the Secrets and the keys the app reads. With the cluster unreachable, or the app not deployed, it says so and shows what the spec gives. -o json prints the structured sheet (the console shows the same data).',
    fr: "La fiche ne montre jamais la valeur d'un Secret : seulement les noms des Secrets et les clés que l'application lit. Si le cluster est injoignable, ou l'application pas déployée, elle le dit et montre ce que donne la spécification. -o json affiche la fiche structurée (la console montre les mêmes données).",
  },
  'docs.written': { en: 'Sheet written to {file}.', fr: 'Fiche écrite dans {file}.' },

  // ---- errors ----
  'docs.needApp': {
    en: 'Name the app, or give its spec with --app-spec FILE.',
    fr: "Nommez l'application, ou donnez sa spécification avec --app-spec FICHIER.",
  },
  'docs.needAppHint': {
    en: 'Example: quai docs app grist, or quai docs app --app-spec grist/quai.yaml --env prod.',
    fr: 'Exemple : quai docs app grist, ou quai docs app --app-spec grist/quai.yaml --env prod.',
  },
  'docs.appMismatch': {
    en: 'The app named "{app}" is not the one the spec {file} describes ("{spec}").',
    fr: "L'application nommée « {app} » n'est pas celle que décrit la spécification {file} (« {spec} »).",
  },
  'docs.appMismatchHint': {
    en: 'Leave the name out, or give the spec of "{app}".',
    fr: 'Omettez le nom, ou donnez la spécification de « {app} ».',
  },
  'docs.unknownApp': {
    en: 'No app "{app}" is deployed in the cluster (environment {environment}). Known apps: {known}.',
    fr: "Aucune application « {app} » n'est déployée dans le cluster (environnement {environment}). Applications connues : {known}.",
  },
  'docs.unknownAppNone': {
    en: 'No app "{app}" is deployed in the cluster: no app deployed by quai apply is readable there.',
    fr: "Aucune application « {app} » n'est déployée dans le cluster : aucune application déployée par quai apply n'y est lisible.",
  },
  'docs.unknownAppHint': {
    en: 'Give one of the names listed (and its --env), or the spec of an app not yet deployed with --app-spec FILE.',
    fr: "Donnez un des noms listés (et son --env), ou la spécification d'une application pas encore déployée avec --app-spec FICHIER.",
  },
  'docs.clusterNeeded': {
    en: 'The cluster could not be read ({reason}) and no app spec was given: there is nothing to build the sheet of "{app}" from.',
    fr: "Le cluster n'a pas pu être lu ({reason}) et aucune spécification n'a été donnée : rien ne permet d'établir la fiche de « {app} ».",
  },
  'docs.clusterNeededHint': {
    en: 'Give the app spec with --app-spec FILE (the sheet then shows what the spec gives), or check the cluster access (quai status).',
    fr: "Donnez la spécification avec --app-spec FICHIER (la fiche montre alors ce qu'elle donne), ou vérifiez l'accès au cluster (quai status).",
  },
  'docs.offlineNeedsSpec': {
    en: '--offline needs the app spec (--app-spec FILE): without the cluster, it is the only source.',
    fr: "--offline demande la spécification de l'application (--app-spec FICHIER) : sans le cluster, c'est la seule source.",
  },
  'docs.targetsNeedFileAccess': {
    en: 'Backup places named in a request are read only by the command line.',
    fr: 'Les emplacements de sauvegarde nommés dans une requête ne sont lus que par la ligne de commande.',
  },
  'docs.targetsNeedFileAccessHint': {
    en: "The server reads the places of the cluster's backup schedules: create a schedule for the app, or run quai docs app --backup-target on your machine.",
    fr: "Le serveur lit les emplacements des planifications de sauvegarde du cluster : créez une planification pour l'application, ou lancez quai docs app --backup-target sur votre poste.",
  },
  'docs.unreadableTarget': {
    en: 'Backup place {target} could not be read: {reason}',
    fr: "L'emplacement de sauvegarde {target} n'a pas pu être lu : {reason}",
  },

  // ---- progress ----
  'docs.progress.cluster': {
    en: 'Reading the app in the cluster ({context})',
    fr: "Lecture de l'application dans le cluster ({context})",
  },
  'docs.progress.backups': {
    en: 'Reading the backups in {count|# place|# places}',
    fr: 'Lecture des sauvegardes dans {count|# emplacement|# emplacements}',
  },

  // ---- notes on how the sheet was made ----
  'docs.note.unreachable': {
    en: 'The cluster could not be read ({reason}): this sheet shows what the app spec gives. Live state, revisions, backups and stored scans are missing.',
    fr: "Le cluster n'a pas pu être lu ({reason}) : cette fiche montre ce que donne la spécification. L'état en service, les révisions, les sauvegardes et les analyses enregistrées manquent.",
  },
  'docs.note.offline': {
    en: 'The cluster was not read (--offline): this sheet shows what the app spec gives.',
    fr: "Le cluster n'a pas été lu (--offline) : cette fiche montre ce que donne la spécification.",
  },
  'docs.note.notDeployed': {
    en: 'The app is not deployed in namespace {namespace} (no revision there): endpoints, images and volumes are those the spec would deploy.',
    fr: "L'application n'est pas déployée dans le namespace {namespace} (aucune révision) : points d'accès, images et volumes sont ceux que la spécification déploierait.",
  },
  'docs.note.fromRevision': {
    en: 'No app spec was given: the sheet reads the objects of revision {revision} the cluster keeps, and the live state.',
    fr: "Aucune spécification n'a été donnée : la fiche lit les objets de la révision {revision} que garde le cluster, et l'état en service.",
  },
  'docs.note.noDescription': {
    en: 'Without the app spec, the description and the declared dependencies are not known.',
    fr: 'Sans la spécification, la description et les dépendances déclarées ne sont pas connues.',
  },

  // ---- the sheet ----
  'docs.title': { en: 'Operations sheet: {app}', fr: "Fiche d'exploitation : {app}" },
  'docs.lead': {
    en: 'Environment {environment}, namespace {namespace}. Generated on {date} from {sources}.',
    fr: 'Environnement {environment}, namespace {namespace}. Établie le {date} à partir {sources}.',
  },
  'docs.and': { en: ' and ', fr: ' et ' },
  'docs.contents': { en: 'Contents', fr: 'Sommaire' },
  'docs.source.spec': { en: 'the app spec', fr: "de la spécification de l'application" },
  'docs.source.cluster': { en: 'the cluster', fr: 'du cluster' },
  'docs.source.nothing': { en: 'nothing', fr: 'de rien' },
  'docs.none': { en: 'None.', fr: 'Aucun.' },
  'docs.notGiven': { en: 'not given', fr: 'non renseigné' },
  'docs.notChecked': { en: 'not checked', fr: 'non vérifié' },
  'docs.yes': { en: 'yes', fr: 'oui' },

  'docs.heading.purpose': { en: 'Purpose and owners', fr: 'Objet et responsables' },
  'docs.heading.endpoints': { en: 'Endpoints', fr: "Points d'accès" },
  'docs.heading.components': { en: 'Components and images', fr: 'Composants et images' },
  'docs.heading.volumes': { en: 'Volumes and backup policy', fr: 'Volumes et politique de sauvegarde' },
  'docs.heading.secrets': { en: 'Secrets', fr: 'Secrets' },
  'docs.heading.dependencies': { en: 'Dependencies', fr: 'Dépendances' },
  'docs.heading.operations': {
    en: 'Deploy, roll back, restore',
    fr: 'Déployer, revenir en arrière, restaurer',
  },
  'docs.heading.deploy': { en: 'Deploy', fr: 'Déployer' },
  'docs.heading.rollback': { en: 'Roll back', fr: 'Revenir en arrière' },
  'docs.heading.restore': { en: 'Back up and restore', fr: 'Sauvegarder et restaurer' },
  'docs.heading.rollout': { en: 'Rollout and revisions', fr: 'Déploiement et révisions' },
  'docs.heading.history': { en: 'Last revisions', fr: 'Dernières révisions' },
  'docs.heading.backups': {
    en: 'Backups and restore drills',
    fr: 'Sauvegardes et exercices de restauration',
  },
  'docs.heading.schedules': { en: 'Backup schedules', fr: 'Planifications de sauvegarde' },
  'docs.heading.security': { en: 'Findings and vulnerabilities', fr: 'Constats et vulnérabilités' },
  'docs.heading.findings': { en: 'Open findings', fr: 'Constats ouverts' },
  'docs.heading.vulnerabilities': { en: 'Most severe vulnerabilities', fr: 'Vulnérabilités les plus graves' },

  'docs.col.item': { en: 'Item', fr: 'Élément' },
  'docs.col.value': { en: 'Value', fr: 'Valeur' },
  'docs.col.address': { en: 'Address', fr: 'Adresse' },
  'docs.col.kind': { en: 'Kind', fr: 'Type' },
  'docs.col.component': { en: 'Component', fr: 'Composant' },
  'docs.col.port': { en: 'Port', fr: 'Port' },
  'docs.col.object': { en: 'Object', fr: 'Objet' },
  'docs.col.container': { en: 'Container', fr: 'Conteneur' },
  'docs.col.image': { en: 'Image', fr: 'Image' },
  'docs.col.version': { en: 'Version', fr: 'Version' },
  'docs.col.digest': { en: 'Running digest', fr: 'Empreinte en service' },
  'docs.col.replicas': { en: 'Replicas or schedule', fr: 'Réplicas ou planification' },
  'docs.col.state': { en: 'State', fr: 'État' },
  'docs.col.claim': { en: 'Volume claim', fr: 'Demande de volume' },
  'docs.col.mounts': { en: 'Mounted at', fr: 'Monté sur' },
  'docs.col.size': { en: 'Size', fr: 'Taille' },
  'docs.col.storageClass': { en: 'Storage class', fr: 'Classe de stockage' },
  'docs.col.backupPolicy': { en: 'Backup', fr: 'Sauvegarde' },
  'docs.col.phase': { en: 'Phase', fr: 'Phase' },
  'docs.col.secret': { en: 'Secret', fr: 'Secret' },
  'docs.col.keys': { en: 'Keys read', fr: 'Clés lues' },
  'docs.col.usedBy': { en: 'Used by', fr: 'Utilisé par' },
  'docs.col.present': { en: 'In the cluster', fr: 'Dans le cluster' },
  'docs.col.from': { en: 'Component', fr: 'Composant' },
  'docs.col.dependsOn': { en: 'Depends on', fr: 'Dépend de' },
  'docs.col.how': { en: 'How', fr: 'Comment' },
  'docs.col.revision': { en: 'Revision', fr: 'Révision' },
  'docs.col.status': { en: 'Status', fr: 'Statut' },
  'docs.col.date': { en: 'Date', fr: 'Date' },
  'docs.col.by': { en: 'By', fr: 'Par' },
  'docs.col.images': { en: 'Images', fr: 'Images' },
  'docs.col.message': { en: 'Message', fr: 'Message' },
  'docs.col.schedule': { en: 'Schedule', fr: 'Planification' },
  'docs.col.cron': { en: 'When', fr: 'Quand' },
  'docs.col.target': { en: 'Place', fr: 'Emplacement' },
  'docs.col.severity': { en: 'Severity', fr: 'Gravité' },
  'docs.col.check': { en: 'Check', fr: 'Contrôle' },
  'docs.col.title': { en: 'Finding', fr: 'Constat' },
  'docs.col.vulnerability': { en: 'Vulnerability', fr: 'Vulnérabilité' },
  'docs.col.package': { en: 'Package', fr: 'Paquet' },
  'docs.col.installed': { en: 'Installed', fr: 'Installé' },
  'docs.col.fixed': { en: 'Fixed in', fr: 'Corrigé en' },

  'docs.purpose.description': { en: 'Description', fr: 'Description' },
  'docs.purpose.team': { en: 'Team', fr: 'Équipe' },
  'docs.purpose.owner': { en: 'Owner', fr: 'Responsable' },
  'docs.purpose.environment': { en: 'Environment', fr: 'Environnement' },
  'docs.purpose.namespace': { en: 'Namespace', fr: 'Namespace' },

  'docs.endpoints.none': {
    en: 'No endpoint: the app has no Service and no Ingress.',
    fr: "Aucun point d'accès : l'application n'a ni Service ni Ingress.",
  },
  'docs.endpoint.ingress': { en: 'URL (Ingress)', fr: 'URL (Ingress)' },
  'docs.endpoint.service': { en: 'in the cluster (Service)', fr: 'dans le cluster (Service)' },
  'docs.component.autoscaled': {
    en: '{count} (autoscaled, {min} to {max})',
    fr: "{count} (mise à l'échelle automatique, de {min} à {max})",
  },
  'docs.component.init': { en: '{name} (init)', fr: '{name} (init)' },
  'docs.state.ready': { en: 'ready', fr: 'prêt' },
  'docs.state.progressing': { en: 'in progress', fr: 'en cours' },
  'docs.state.failed': { en: 'failed', fr: 'en échec' },
  'docs.state.unknown': { en: 'unknown', fr: 'inconnu' },

  'docs.volumes.none': {
    en: 'No persistent volume: the app keeps no data of its own in the cluster.',
    fr: "Aucun volume persistant : l'application ne garde pas de données propres dans le cluster.",
  },
  'docs.volumes.notBackedUp': {
    en: 'not backed up (backup: none)',
    fr: 'non sauvegardé (backup: none)',
  },
  'docs.volumes.backedUp': {
    en: 'backed up ({schedule}; retention {retention})',
    fr: 'sauvegardé ({schedule} ; rétention {retention})',
  },
  'docs.volumes.withApp': { en: 'with the app', fr: "avec l'application" },

  'docs.secrets.namesOnly': {
    en: 'Names and keys only: values are never shown. They are kept in the cluster and by whoever deploys.',
    fr: 'Noms et clés seulement : les valeurs ne sont jamais affichées. Elles sont gardées dans le cluster et par qui déploie.',
  },
  'docs.secrets.none': { en: 'The app reads no Secret.', fr: "L'application ne lit aucun Secret." },
  'docs.secrets.allKeys': { en: 'all keys', fr: 'toutes les clés' },
  'docs.secrets.missing': { en: 'missing', fr: 'absent' },
  'docs.dependencies.none': {
    en: 'No dependency declared or seen.',
    fr: 'Aucune dépendance déclarée ni observée.',
  },

  'docs.cmd.lead': { en: '{purpose}:', fr: '{purpose} :' },
  'docs.dependency.component': { en: 'component', fr: 'composant' },
  'docs.dependency.job': { en: 'Job', fr: 'Job' },
  'docs.dependency.database': { en: 'database', fr: 'base de données' },
  'docs.dependency.external': { en: 'outside server', fr: 'serveur extérieur' },
  'docs.dependency.started': { en: 'waits until it started', fr: "attend qu'il ait démarré" },
  'docs.dependency.healthy': { en: 'waits until it is healthy', fr: "attend qu'il soit en bonne santé" },
  'docs.dependency.completed': { en: 'runs after it completed', fr: "s'exécute une fois celui-ci terminé" },
  'docs.dependency.connects': { en: 'connects to it', fr: "s'y connecte" },
  'docs.dependency.env': { en: 'address in its environment', fr: 'adresse dans son environnement' },
  'docs.dependency.backup': { en: 'dumped with its backups', fr: 'copiée avec ses sauvegardes' },
  'docs.backupStatus.completed': { en: 'completed', fr: 'terminée' },
  'docs.backupStatus.partially-failed': { en: 'partially failed', fr: 'partiellement en échec' },
  'docs.cmd.plan': { en: 'See what a deployment would change', fr: 'Voir ce que changerait un déploiement' },
  'docs.cmd.apply': {
    en: 'Deploy (rolled back automatically in production if the rollout fails)',
    fr: 'Déployer (retour arrière automatique en production si le déploiement échoue)',
  },
  'docs.cmd.status': { en: 'Check its health', fr: 'Vérifier son état' },
  'docs.cmd.history': { en: 'List its revisions', fr: 'Lister ses révisions' },
  'docs.cmd.rollback': {
    en: 'Return to the last revision that worked',
    fr: 'Revenir à la dernière révision qui fonctionnait',
  },
  'docs.cmd.rollbackTo': { en: 'Return to revision {revision}', fr: 'Revenir à la révision {revision}' },
  'docs.cmd.backup': { en: 'Back up the app now', fr: "Sauvegarder l'application maintenant" },
  'docs.cmd.restoreDry': {
    en: 'See what a restore would do (nothing is changed)',
    fr: "Voir ce que ferait une restauration (rien n'est modifié)",
  },
  'docs.cmd.restore': { en: 'Restore the app', fr: "Restaurer l'application" },
  'docs.cmd.drill': {
    en: 'Prove the backup: restore it into scratch namespaces, check it, clean up',
    fr: 'Prouver la sauvegarde : la restaurer dans des namespaces temporaires, la vérifier, nettoyer',
  },
  'docs.cmd.drillList': { en: 'List the drills made', fr: 'Lister les exercices de restauration faits' },

  'docs.rollout.none': {
    en: 'Not deployed: no revision recorded.',
    fr: 'Non déployée : aucune révision enregistrée.',
  },
  'docs.rollout.current': {
    en: 'State: {status}. Current revision {revision} ({revisionStatus}), deployed by {by} on {date}.',
    fr: 'État : {status}. Révision en cours {revision} ({revisionStatus}), déployée par {by} le {date}.',
  },

  'docs.backups.unknown': {
    en: 'Not known: the cluster was not read, and no backup place was given.',
    fr: "Inconnu : le cluster n'a pas été lu, et aucun emplacement de sauvegarde n'a été donné.",
  },
  'docs.backups.noSchedule': {
    en: 'No backup schedule covers the app (quai backup schedule create).',
    fr: "Aucune planification de sauvegarde ne couvre l'application (quai backup schedule create).",
  },
  'docs.backups.noTarget': {
    en: 'No backup place known: give --backup-target, or create a schedule.',
    fr: 'Aucun emplacement de sauvegarde connu : donnez --backup-target, ou créez une planification.',
  },
  'docs.backups.noBackup': {
    en: 'No backup of the app in {targets}.',
    fr: "Aucune sauvegarde de l'application dans {targets}.",
  },
  'docs.backups.last': {
    en: 'Last backup: {name} ({status}), on {date}, in {target}.',
    fr: 'Dernière sauvegarde : {name} ({status}), le {date}, dans {target}.',
  },
  'docs.backups.noPassedDrill': {
    en: 'No successful restore drill of its backups: nobody has proved they restore.',
    fr: "Aucun exercice de restauration réussi de ses sauvegardes : personne n'a prouvé qu'elles se restaurent.",
  },
  'docs.backups.lastPassedDrill': {
    en: 'Last successful restore drill: backup {backup}, on {date}, restored in {duration}.',
    fr: 'Dernier exercice de restauration réussi : sauvegarde {backup}, le {date}, restaurée en {duration}.',
  },
  'docs.backups.lastDrillFailed': {
    en: 'The last drill failed: backup {backup}, on {date}.',
    fr: 'Le dernier exercice de restauration a échoué : sauvegarde {backup}, le {date}.',
  },

  'docs.security.audit': {
    en: 'Manifest audit ({source}): {summary}.',
    fr: 'Audit des manifestes ({source}) : {summary}.',
  },
  'docs.security.fromSpec': { en: 'of the rendered spec', fr: 'de la spécification rendue' },
  'docs.security.fromRevision': { en: 'of the deployed revision', fr: 'de la révision déployée' },
  'docs.security.clean': { en: 'no finding', fr: 'aucun constat' },
  'docs.security.noScan': {
    en: 'No stored vulnerability report (Trivy Operator) in namespace {namespace}: run quai scan cluster, or install Trivy Operator.',
    fr: 'Aucun rapport de vulnérabilités enregistré (Trivy Operator) dans le namespace {namespace} : lancez quai scan cluster, ou installez Trivy Operator.',
  },
  'docs.security.scan': {
    en: 'Vulnerabilities (Trivy Operator, {reports|# report|# reports}): {summary}.',
    fr: 'Vulnérabilités (Trivy Operator, {reports|# rapport|# rapports}) : {summary}.',
  },
} as const;
