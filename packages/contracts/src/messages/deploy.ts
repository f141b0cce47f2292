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
  'deploy.rolledBackLine': {
    en: 'rolled back: revision {revision} restores the last deployed state',
    fr: 'retour arrière : la révision {revision} rétablit le dernier état déployé',
  },
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
} as const;
