/** Deploy: plan, apply, rollback, status, history (texts of the use cases and their CLI). */
export const deployMessages = {
  'deploy.flag.platform': {
    en: 'platform file (default: built-in defaults)',
    fr: 'fichier de plateforme (par défaut : réglages intégrés)',
  },
  'deploy.flag.env': { en: 'environment', fr: 'environnement' },
  'deploy.flag.secrets': {
    en: 'folder of <secret>.env files rendered as Secrets',
    fr: 'dossier de fichiers <secret>.env rendus en Secrets',
  },
  'deploy.flag.forceConflicts': {
    en: 'take over fields other managers own',
    fr: "prendre possession des champs qu'un autre gestionnaire possède",
  },
  'deploy.flag.forceConflictsPlan': {
    en: 'plan as if taking over fields other managers own',
    fr: "planifier comme si l'on prenait possession des champs d'autres gestionnaires",
  },
  'deploy.flag.noPrune': {
    en: 'keep objects the new render no longer contains',
    fr: 'garder les objets que le nouveau rendu ne contient plus',
  },
  'deploy.flag.noWait': { en: 'do not wait for readiness', fr: 'ne pas attendre que tout soit prêt' },
  'deploy.flag.timeout': {
    en: 'how long to wait for readiness',
    fr: 'combien de temps attendre que tout soit prêt',
  },
  'deploy.flag.rollbackOnFailure': {
    en: 'roll back to the last deployed revision if the rollout fails (default for prod)',
    fr: 'revenir à la dernière révision déployée si le déploiement échoue (par défaut en prod)',
  },
  'deploy.flag.noRollbackOnFailure': {
    en: 'never roll back automatically',
    fr: 'ne jamais revenir en arrière automatiquement',
  },
  'deploy.flag.message': {
    en: 'a note recorded with the revision',
    fr: 'une note enregistrée avec la révision',
  },
  'deploy.flag.reason': {
    en: 'why (recorded in the audit trail)',
    fr: "pourquoi (enregistré dans le journal d'audit)",
  },
  'deploy.flag.to': { en: 'revision number to restore', fr: 'numéro de la révision à restaurer' },
  'deploy.arg.appSpecs': { en: 'app spec files', fr: "fichiers de spécification d'application" },
  'deploy.arg.app': { en: 'app name or app spec file', fr: "nom d'application ou fichier de spécification" },
  'deploy.arg.apps': {
    en: 'app names or app spec files',
    fr: "noms d'applications ou fichiers de spécification",
  },
  'deploy.badRevision': {
    en: '--to takes a revision number, got "{value}".',
    fr: '--to attend un numéro de révision, reçu « {value} ».',
  },
  'deploy.help.plan': {
    en: 'Exit codes: 0 no changes, 1 changes (for CI), 2 and more on errors. Secret values are masked.',
    fr: 'Codes de sortie : 0 aucun changement, 1 changements (pour la CI), 2 et plus en cas d’erreur. Les valeurs des Secrets sont masquées.',
  },
  'deploy.help.apply': {
    en: 'Each apply is a revision recorded in the cluster: see quai history, quai rollback, quai status.',
    fr: 'Chaque application est une révision enregistrée dans le cluster : voir quai history, quai rollback, quai status.',
  },
  'deploy.help.rollback': {
    en: 'A rollback is a new revision. Revert the change in Git too: the next apply from Git would re-apply it.',
    fr: 'Un retour arrière est une nouvelle révision. Annulez aussi le changement dans Git : la prochaine application depuis Git le réappliquerait.',
  },
  'deploy.help.status': {
    en: 'Exit codes: 0 all healthy, 1 something is not.',
    fr: "Codes de sortie : 0 tout est en bonne santé, 1 quelque chose ne l'est pas.",
  },
  'deploy.planHead': {
    en: 'Plan for {app} ({environment}) in namespace {namespace}: {create} to create, {update} to update, {delete} to delete, {unchanged} unchanged',
    fr: 'Plan pour {app} ({environment}) dans le namespace {namespace} : {create} à créer, {update} à modifier, {delete} à supprimer, {unchanged} inchangés',
  },
  'deploy.planConflicts': { en: ', {count} in conflict', fr: ', {count} en conflit' },
  'deploy.conflictLine': {
    en: '{object}: fields owned by another manager (re-run with --force-conflicts to take them over)',
    fr: '{object} : champs possédés par un autre gestionnaire (relancez avec --force-conflicts pour en prendre possession)',
  },
  'deploy.applyHead': {
    en: '{app} ({environment}): revision {revision} {status} in {seconds} s, {applied} objects applied',
    fr: '{app} ({environment}) : révision {revision} {status} en {seconds} s, {applied} objets appliqués',
  },
  'deploy.pruned': { en: ', {count} pruned', fr: ', {count} supprimés' },
  'deploy.failedLine': { en: 'failed: {reason}', fr: 'échec : {reason}' },
  'deploy.eventLine': { en: 'event: {event}', fr: 'événement : {event}' },
  'deploy.rollbackHead': {
    en: '{app}: revision {revision} {status} ({seconds} s)',
    fr: '{app} : révision {revision} {status} ({seconds} s)',
  },
  'deploy.status.deployed': { en: 'deployed', fr: 'déployée' },
  'deploy.status.failed': { en: 'failed', fr: 'en échec' },
  'deploy.status.rolled-back': { en: 'rolled back', fr: 'annulée' },
  'deploy.status.pending': { en: 'pending', fr: 'en cours' },
  'deploy.status.superseded': { en: 'superseded', fr: 'remplacée' },
  'deploy.status.interrupted': { en: 'interrupted', fr: 'interrompue' },
  'deploy.healthy': { en: 'healthy', fr: 'en bonne santé' },
  'deploy.notHealthy': { en: 'not healthy', fr: 'pas en bonne santé' },
  'deploy.statusHead': {
    en: '{app} ({environment}, namespace {namespace}): {health}, revision {revision} {status} at {at} by {by}',
    fr: '{app} ({environment}, namespace {namespace}) : {health}, révision {revision} {status} le {at} par {by}',
  },
  'deploy.images': { en: 'images: {images}', fr: 'images : {images}' },
  'deploy.notDeployed': {
    en: '{app}: not deployed in namespace {namespace}',
    fr: '{app} : non déployée dans le namespace {namespace}',
  },
  'deploy.noRevision': {
    en: '"{app}" has no revision in namespace {namespace}.',
    fr: '« {app} » n’a aucune révision dans le namespace {namespace}.',
  },
  'deploy.noRevisionHint': {
    en: 'Check --env and -n, or deploy it with quai apply.',
    fr: 'Vérifiez --env et -n, ou déployez-la avec quai apply.',
  },
  'deploy.col.object': { en: 'OBJECT', fr: 'OBJET' },
  'deploy.col.state': { en: 'STATE', fr: 'ÉTAT' },
  'deploy.col.detail': { en: 'DETAIL', fr: 'DÉTAIL' },
  'deploy.col.revision': { en: 'REVISION', fr: 'RÉVISION' },
  'deploy.col.status': { en: 'STATUS', fr: 'STATUT' },
  'deploy.col.deployedAt': { en: 'DEPLOYED AT', fr: 'DÉPLOYÉE LE' },
  'deploy.col.by': { en: 'BY', fr: 'PAR' },
  'deploy.col.digest': { en: 'DIGEST', fr: 'EMPREINTE' },
  'deploy.col.message': { en: 'MESSAGE', fr: 'MESSAGE' },
  'deploy.state.ready': { en: 'ready', fr: 'prêt' },
  'deploy.state.progressing': { en: 'progressing', fr: 'en cours' },
  'deploy.state.failed': { en: 'failed', fr: 'en échec' },
  'deploy.progress.ready': { en: '{ready}/{total} ready', fr: '{ready}/{total} prêts' },
  'deploy.progress.waiting': { en: '{object}: {detail}', fr: '{object} : {detail}' },
  'deploy.progress.applied': { en: '{object} {action}', fr: '{object} {action}' },
  'deploy.action.created': { en: 'created', fr: 'créé' },
  'deploy.action.configured': { en: 'configured', fr: 'configuré' },
  'deploy.action.pruned': { en: 'pruned', fr: 'supprimé' },
  'deploy.rolloutFailed': {
    en: '{apps}: the rollout failed.',
    fr: '{apps} : le déploiement a échoué.',
  },
  'deploy.rolloutFailedRolledBack': {
    en: '{apps}: the rollout failed and was rolled back.',
    fr: '{apps} : le déploiement a échoué et a été annulé.',
  },
  // ---- the engine: steps, refusals, failures -------------------------------------------------
  'deploy.step.applying': {
    en: 'Applying {app} ({environment}) to namespace {namespace}',
    fr: 'Déploiement de {app} ({environment}) dans le namespace {namespace}',
  },
  'deploy.step.sharedNamespace': {
    en: 'Namespace {namespace} belongs to {owner}: shared, its labels left as they are',
    fr: 'Le namespace {namespace} appartient à {owner} : partagé, ses labels laissés tels quels',
  },
  'deploy.step.waitingJobs': {
    en: 'Waiting for {count|# setup Job|# setup Jobs} to complete',
    fr: "Attente de la fin {count|du Job|des # Jobs} d'initialisation",
  },
  'deploy.step.waiting': { en: 'Waiting for readiness', fr: 'Attente que tout soit prêt' },
  'deploy.step.rollingBack': {
    en: 'Rollout failed ({reason}); rolling back to revision {to}',
    fr: 'Le déploiement a échoué ({reason}) ; retour à la révision {to}',
  },
  'deploy.outsideNamespace': {
    en: "{object} is outside the app's namespace {namespace}.",
    fr: "{object} est hors du namespace {namespace} de l'application.",
  },
  'deploy.outsideNamespaceHint': {
    en: 'An app is deployed into one namespace.',
    fr: 'Une application est déployée dans un seul namespace.',
  },
  'deploy.foreignApplySet': {
    en: 'The ApplySet {namespace}/{name} is managed by {tooling}, not Quai.',
    fr: "L'ApplySet {namespace}/{name} est géré par {tooling}, pas par Quai.",
  },
  'deploy.foreignApplySetHint': {
    en: 'Another tool owns this set: remove its parent object or deploy under another app name.',
    fr: "Un autre outil possède cet ensemble : supprimez son objet parent ou déployez sous un autre nom d'application.",
  },
  'deploy.owned': {
    en: 'App "{app}" would take over what it does not own: {items}.',
    fr: "L'application « {app} » prendrait possession de ce qui ne lui appartient pas : {items}.",
  },
  'deploy.ownedItem': { en: '{object} ({reason})', fr: '{object} ({reason})' },
  'deploy.ownedHint': {
    en: 'Nothing was changed. Rename the components, deploy the app into its own namespace, or, if the takeover is intended, run again with --take-ownership.',
    fr: "Rien n'a été modifié. Renommez les composants, déployez l'application dans son propre namespace ou, si la prise de possession est voulue, relancez avec --take-ownership.",
  },
  'deploy.owner.app': { en: 'app "{app}"', fr: "l'application « {app} »" },
  'deploy.owner.team': { en: 'team "{team}"', fr: "l'équipe « {team} »" },
  'deploy.owner.applySet': {
    en: 'another ApplySet ({id})',
    fr: 'un autre ApplySet ({id})',
  },
  'deploy.owner.managedApp': { en: '{manager} app "{app}"', fr: "l'application {manager} « {app} »" },
  'deploy.owner.manager': { en: '{manager}', fr: '{manager}' },
  'deploy.owner.controller': { en: '{kind} {name}', fr: '{kind} {name}' },
  'deploy.owner.nobody': {
    en: 'nobody (made by hand or by another tool)',
    fr: 'personne (créé à la main ou par un autre outil)',
  },
  'deploy.reason.namespaceOfTeam': {
    en: 'namespace {namespace} belongs to {owner}; app "{app}" ({team}) may not re-label it or deploy into it',
    fr: "le namespace {namespace} appartient à {owner} ; l'application « {app} » ({team}) ne peut ni changer ses labels ni s'y déployer",
  },
  'deploy.reason.noTeam': { en: 'no team', fr: 'sans équipe' },
  'deploy.reason.belongsTo': {
    en: 'exists and belongs to {owner}, not to app "{app}"',
    fr: "existe et appartient à {owner}, pas à l'application « {app} »",
  },
  'deploy.note.namespaceLater': {
    en: 'namespace not created yet: validated on apply',
    fr: "namespace pas encore créé : validé à l'application",
  },
  'deploy.note.pruned': { en: 'no longer rendered: pruned', fr: 'plus rendu : supprimé' },
  'deploy.note.takenOver': { en: 'taken over from {owner}', fr: 'repris de {owner}' },
  'deploy.refusedRollbackDone': {
    en: 'Revision {revision} restored revision {to}.',
    fr: 'La révision {revision} a rétabli la révision {to}.',
  },
  'deploy.refusedRollbackFailed': {
    en: 'The automatic rollback to revision {to} failed: {reason}',
    fr: 'Le retour automatique à la révision {to} a échoué : {reason}',
  },
  'deploy.refusedRollbackNotAttempted': {
    en: 'The automatic rollback to revision {to} was not attempted: {reason}',
    fr: "Le retour automatique à la révision {to} n'a pas été tenté : {reason}",
  },
  'deploy.noGoodRevision': {
    en: '"{app}" has no earlier good revision to roll back to.',
    fr: '« {app} » n’a aucune révision antérieure qui fonctionnait où revenir.',
  },
  'deploy.noGoodRevisionHint': {
    en: 'See `quai history {app}`.',
    fr: 'Voir `quai history {app}`.',
  },
  'deploy.deployFirstHint': {
    en: 'Deploy it first with `quai apply`.',
    fr: "Déployez-la d'abord avec `quai apply`.",
  },
  'deploy.rolloutFailedError': { en: '{object}: {reason}', fr: '{object} : {reason}' },
  'deploy.rolloutFailedHint': {
    en: 'Read the events below and the pod logs; fix the app spec, then apply again (or roll back).',
    fr: "Lisez les événements ci-dessous et les journaux des pods ; corrigez la spécification de l'application, puis appliquez à nouveau (ou revenez en arrière).",
  },
  'deploy.notReadyAfter': {
    en: 'not ready after {seconds} s: {pending}',
    fr: 'pas prêt après {seconds} s : {pending}',
  },
  'deploy.lostConnection': {
    en: 'Lost the connection to the API server while waiting for readiness.',
    fr: "Connexion au serveur d'API perdue pendant l'attente.",
  },
  'deploy.lostConnectionHint': {
    en: 'Check that the cluster is up; `quai status` then tells where the rollout is.',
    fr: 'Vérifiez que le cluster tourne ; `quai status` dira ensuite où en est le déploiement.',
  },
  'deploy.fatalPod': {
    en: 'pod {pod}: container {container} is in {reason}{detail}',
    fr: 'pod {pod} : le conteneur {container} est en {reason}{detail}',
  },
  'deploy.fatalPodDetail': { en: ' ({message})', fr: ' ({message})' },
  'deploy.join': { en: '{first}; {rest}', fr: '{first} ; {rest}' },
  'deploy.twoSentences': { en: '{first} {second}', fr: '{first} {second}' },
  // ---- the lock ------------------------------------------------------------------------------
  'deploy.locked': {
    en: 'Another apply of "{app}" is running: {holder}.',
    fr: 'Un autre déploiement de « {app} » est en cours : {holder}.',
  },
  'deploy.lockedHint': {
    en: 'Wait for it to finish and try again. If that process is gone, its lock expires at {until} ({seconds} s after its last renewal): `kubectl get lease {lease} -n {namespace} -o yaml` shows it.',
    fr: "Attendez qu'il finisse et réessayez. Si ce processus a disparu, son verrou expire à {until} ({seconds} s après son dernier renouvellement) : `kubectl get lease {lease} -n {namespace} -o yaml` le montre.",
  },
  'deploy.holder': {
    en: '{user} on {host} (process {pid}) since {since}',
    fr: '{user} sur {host} (processus {pid}) depuis {since}',
  },
  'deploy.lockRaced': {
    en: 'Another apply of "{app}" started meanwhile: {holder}.',
    fr: 'Un autre déploiement de « {app} » a commencé entre-temps : {holder}.',
  },
  'deploy.lockRacedHint': {
    en: 'Wait for it to finish and try again.',
    fr: "Attendez qu'il finisse et réessayez.",
  },
  'deploy.lockTaken': {
    en: 'The lock of "{app}" was taken over{by}.',
    fr: 'Le verrou de « {app} » a été repris{by}.',
  },
  'deploy.lockTakenBy': { en: ' by {holder}', fr: ' par {holder}' },
  'deploy.lockTakenHint': {
    en: 'Another apply took over after this one stopped renewing its lock; check `quai history` and apply again.',
    fr: 'Un autre déploiement a pris la main après que celui-ci a cessé de renouveler son verrou ; vérifiez `quai history` et déployez à nouveau.',
  },
  // ---- revisions -----------------------------------------------------------------------------
  'deploy.noSuchRevision': {
    en: 'Revision {revision} of "{app}" does not exist in namespace {namespace}.',
    fr: "La révision {revision} de « {app} » n'existe pas dans le namespace {namespace}.",
  },
  'deploy.noSuchRevisionHint': {
    en: 'List the revisions with `quai history {app}`.',
    fr: 'Listez les révisions avec `quai history {app}`.',
  },
  'deploy.noManifests': {
    en: 'Revision {revision} of "{app}" keeps no manifests (its apply was interrupted).',
    fr: 'La révision {revision} de « {app} » ne garde pas de manifestes (son application a été interrompue).',
  },
  'deploy.noManifestsHint': {
    en: 'Roll back to another revision: `quai history {app}` lists them.',
    fr: 'Revenez à une autre révision : `quai history {app}` les liste.',
  },
  'deploy.wrongSecretValues': {
    en: 'The values given for Secret {secret} are not those of revision {revision} of "{app}" ({count|key|keys} {keys}).',
    fr: 'Les valeurs données pour le Secret {secret} ne sont pas celles de la révision {revision} de « {app} » ({count|clé|clés} {keys}).',
  },
  'deploy.wrongSecretValuesHint': {
    en: 'Give the values the Secret had at revision {revision}, or roll back to another revision.',
    fr: 'Donnez les valeurs que le Secret avait à la révision {revision}, ou revenez à une autre révision.',
  },
  'deploy.secretsChanged': {
    en: 'Cannot roll "{app}" back to revision {revision}: Secret values changed since, and revisions keep only their digests, never the values: {missing}.',
    fr: 'Impossible de ramener « {app} » à la révision {revision} : des valeurs de Secrets ont changé depuis, et les révisions ne gardent que leurs empreintes, jamais les valeurs : {missing}.',
  },
  'deploy.secretsChangedHint': {
    en: 'Give the values the Secrets had at revision {revision} with --secrets DIR (one <secret>.env file per Secret, as for apply), or roll back to a revision whose Secrets match the current ones.',
    fr: "Donnez les valeurs que les Secrets avaient à la révision {revision} avec --secrets DOSSIER (un fichier <secret>.env par Secret, comme pour apply), ou revenez à une révision dont les Secrets correspondent à ceux d'aujourd'hui.",
  },
  'deploy.tooLarge': {
    en: 'The rendered set of "{app}" is too large to keep as a revision ({size} KiB compressed).',
    fr: "L'ensemble rendu de « {app} » est trop grand pour être gardé comme révision ({size} Kio compressés).",
  },
  'deploy.tooLargeHint': {
    en: 'Split the app in several apps.',
    fr: "Découpez l'application en plusieurs applications.",
  },
  // ---- readiness, per kind -------------------------------------------------------------------
  'deploy.ready.notCreated': { en: 'not created yet', fr: 'pas encore créé' },
  'deploy.ready.notSeen': {
    en: 'waiting for the new spec to be seen',
    fr: 'attente que la nouvelle spécification soit vue',
  },
  'deploy.ready.notObserved': {
    en: 'waiting for the controller to see the new spec',
    fr: 'attente que le contrôleur voie la nouvelle spécification',
  },
  'deploy.ready.applied': { en: 'applied', fr: 'appliqué' },
  'deploy.ready.nodesUpdated': {
    en: '{updated}/{desired} nodes updated',
    fr: '{updated}/{desired} nœuds mis à jour',
  },
  'deploy.ready.nodesAvailable': {
    en: '{available}/{desired} nodes available',
    fr: '{available}/{desired} nœuds disponibles',
  },
  'deploy.ready.podsRefused': {
    en: 'pods cannot be created: {reason}',
    fr: 'les pods ne peuvent pas être créés : {reason}',
  },
  'deploy.ready.deadline': {
    en: 'rollout exceeded its progress deadline: {reason}',
    fr: 'le déploiement a dépassé son délai de progression : {reason}',
  },
  'deploy.ready.replicasUpdated': {
    en: '{updated}/{want} replicas updated',
    fr: '{updated}/{want} réplicas mis à jour',
  },
  'deploy.ready.oldTerminating': {
    en: '{count|# old replica|# old replicas} terminating',
    fr: '{count|# ancien réplica|# anciens réplicas} en cours d’arrêt',
  },
  'deploy.ready.replicasAvailable': {
    en: '{available}/{want} replicas available',
    fr: '{available}/{want} réplicas disponibles',
  },
  'deploy.ready.replicasReady': {
    en: '{ready}/{want} replicas ready',
    fr: '{ready}/{want} réplicas prêts',
  },
  'deploy.ready.rollingTo': {
    en: 'rolling to revision {revision}',
    fr: 'passage à la révision {revision}',
  },
  'deploy.ready.jobCompleted': { en: 'completed', fr: 'terminé' },
  'deploy.ready.jobFailed': { en: 'job failed: {reason}', fr: 'le Job a échoué : {reason}' },
  'deploy.ready.jobRunning': {
    en: '{count|# pod|# pods} running',
    fr: '{count|# pod|# pods} en marche',
  },
  'deploy.ready.bound': { en: 'bound', fr: 'lié' },
  'deploy.ready.volumeLost': { en: 'the bound volume is lost', fr: 'le volume lié est perdu' },
  'deploy.ready.phase': { en: 'phase {phase}', fr: 'phase {phase}' },
  'deploy.ready.noSelector': { en: 'no selector', fr: 'pas de sélecteur' },
  'deploy.ready.noLoadBalancer': {
    en: 'waiting for a load balancer address',
    fr: "attente d'une adresse de répartiteur de charge",
  },
  'deploy.ready.noEndpoint': { en: 'no ready endpoint yet', fr: 'pas encore de point d’accès prêt' },
  'deploy.ready.scaledToZero': {
    en: 'no endpoint wanted: the Deployments and StatefulSets it selects are scaled to zero',
    fr: 'aucun point d’accès attendu : les Deployments et StatefulSets qu’il sélectionne sont à zéro',
  },
  'deploy.ready.endpoints': {
    en: '{count|# ready endpoint|# ready endpoints}',
    fr: '{count|# point d’accès prêt|# points d’accès prêts}',
  },
  'deploy.ready.address': { en: 'address {addresses}', fr: 'adresse {addresses}' },
  'deploy.ready.admitted': {
    en: 'admitted (no controller address published yet)',
    fr: "admis (pas encore d'adresse publiée par un contrôleur)",
  },
  // ---- plan and apply in the CLI -------------------------------------------------------------
  'deploy.flag.takeOwnership': {
    en: 'write objects another app or team owns (refused otherwise)',
    fr: "écrire les objets qu'une autre application ou équipe possède (refusé sinon)",
  },
  'deploy.flag.takeOwnershipPlan': {
    en: 'plan as if taking over objects another app or team owns',
    fr: "planifier comme si l'on prenait possession d'objets d'une autre application ou équipe",
  },
  'deploy.flag.rollbackSecrets': {
    en: "folder of <secret>.env files: the values the revision's Secrets had, when they changed since",
    fr: "dossier de fichiers <secret>.env : les valeurs qu'avaient les Secrets de la révision, quand elles ont changé depuis",
  },
  'deploy.planOwned': {
    en: ', {count} owned by another app or team',
    fr: ', {count} à une autre application ou équipe',
  },
  'deploy.planInvalid': {
    en: ', {count} the server would refuse',
    fr: ', {count} que le serveur refuserait',
  },
  'deploy.ownedLine': {
    en: '{object}: {reason} (apply refuses; --take-ownership to take it over)',
    fr: '{object} : {reason} (apply refuse ; --take-ownership pour en prendre possession)',
  },
  'deploy.invalidLine': {
    en: '{object}: the API server would refuse it: {reason}',
    fr: "{object} : le serveur d'API le refuserait : {reason}",
  },
  'deploy.rollbackNotDoneLine': {
    en: 'rollback to revision {to} {status}: {reason}',
    fr: 'retour à la révision {to} {status} : {reason}',
  },
  'deploy.rollback.failed': { en: 'failed', fr: 'en échec' },
  'deploy.rollback.not-attempted': { en: 'not attempted', fr: 'non tenté' },
  'deploy.rolledBackToLine': {
    en: 'rolled back: revision {revision} restores revision {to}',
    fr: 'retour arrière : la révision {revision} rétablit la révision {to}',
  },
  'deploy.help.rollbackSecrets': {
    en: 'Revisions keep digests of Secret values, never the values: when a Secret changed since, give its old values with --secrets DIR (one <secret>.env file per Secret).',
    fr: 'Les révisions gardent les empreintes des valeurs des Secrets, jamais les valeurs : quand un Secret a changé depuis, donnez ses anciennes valeurs avec --secrets DOSSIER (un fichier <secret>.env par Secret).',
  },
} as const;
