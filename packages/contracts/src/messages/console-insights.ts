/**
 * Console: the texts of the pages that show charts (packages/console): capacity, security, the
 * overview's glances at them, and the charts of backups.
 */
export const consoleChartMessages = {
  'console.chart.image': {
    en: 'Chart: {title}. Its values are in the table below.',
    fr: 'Graphique : {title}. Ses valeurs sont dans le tableau ci-dessous.',
  },
  'console.chart.fallback': {
    en: 'The values of this chart are in the table below.',
    fr: 'Les valeurs de ce graphique sont dans le tableau ci-dessous.',
  },
  'console.chart.table': { en: 'The data of the chart (table)', fr: 'Les données du graphique (tableau)' },
} as const;

export const consoleCapacityMessages = {
  'console.capacity.nav': { en: 'Capacity', fr: 'Capacité' },
  'console.capacity.title': { en: 'Capacity', fr: 'Capacité' },
  'console.capacity.cluster': { en: 'The cluster', fr: 'Le cluster' },
  'console.capacity.generated': { en: 'Report of {at}', fr: 'Rapport du {at}' },
  'console.capacity.source.metrics-server': {
    en: 'usage measured by metrics-server',
    fr: 'consommation mesurée par metrics-server',
  },
  'console.capacity.source.prometheus': {
    en: 'usage measured by Prometheus',
    fr: 'consommation mesurée par Prometheus',
  },
  'console.capacity.source.none': {
    en: 'no usage measured (no metrics-server)',
    fr: 'pas de mesure de consommation (pas de metrics-server)',
  },
  'console.capacity.nodesCount': { en: 'Schedulable nodes', fr: 'Nœuds ordonnançables' },
  'console.capacity.schedulableOf': { en: '{schedulable} of {nodes}', fr: '{schedulable} sur {nodes}' },
  'console.capacity.podsCount': { en: 'Pods', fr: 'Pods' },
  'console.capacity.pendingCount': { en: 'Pending pods', fr: 'Pods en attente' },
  'console.capacity.cpuRequested': { en: 'CPU requested', fr: 'CPU demandé' },
  'console.capacity.memoryRequested': { en: 'Memory requested', fr: 'Mémoire demandée' },
  'console.capacity.cpuUsed': { en: 'CPU used', fr: 'CPU consommé' },
  'console.capacity.memoryUsed': { en: 'Memory used', fr: 'Mémoire consommée' },
  'console.capacity.resource': { en: 'Resource', fr: 'Ressource' },
  'console.capacity.allocatable': { en: 'Allocatable', fr: 'Allouable' },
  'console.capacity.requests': { en: 'Requests', fr: 'Demandes' },
  'console.capacity.limits': { en: 'Limits', fr: 'Limites' },
  'console.capacity.usage': { en: 'Usage', fr: 'Consommation' },
  'console.capacity.free': { en: 'Free (schedulable nodes)', fr: 'Libre (nœuds ordonnançables)' },
  'console.capacity.nodes': { en: 'Per node', fr: 'Par nœud' },
  'console.capacity.noNodes': { en: 'No node.', fr: 'Aucun nœud.' },
  'console.capacity.chart.nodesCpu': { en: 'CPU per node', fr: 'CPU par nœud' },
  'console.capacity.chart.nodesMemory': { en: 'Memory per node', fr: 'Mémoire par nœud' },
  'console.capacity.chart.namespacesCpu': { en: 'CPU per namespace', fr: 'CPU par namespace' },
  'console.capacity.chart.namespacesMemory': { en: 'Memory per namespace', fr: 'Mémoire par namespace' },
  'console.capacity.chartTop': {
    en: 'The {shown} most requested of {total}; the table lists them all.',
    fr: 'Les {shown} plus demandés sur {total} ; le tableau les liste tous.',
  },
  'console.capacity.state': { en: 'State', fr: 'État' },
  'console.capacity.schedulable': { en: 'Schedulable', fr: 'Ordonnançable' },
  'console.capacity.cordoned': { en: 'Cordoned', fr: 'Isolé (cordon)' },
  'console.capacity.notReady': { en: 'Not ready', fr: 'Pas prêt' },
  'console.capacity.cpuColumn': { en: 'CPU', fr: 'CPU' },
  'console.capacity.memoryColumn': { en: 'Memory', fr: 'Mémoire' },
  'console.capacity.cell': {
    en: '{requests} requested of {allocatable} ({share})',
    fr: '{requests} demandés sur {allocatable} ({share})',
  },
  'console.capacity.cellMore': {
    en: 'limits {limits}, usage {usage}',
    fr: 'limites {limits}, consommation {usage}',
  },
  'console.capacity.nsCell': {
    en: 'requests {requests}, limits {limits}, usage {usage}',
    fr: 'demandes {requests}, limites {limits}, consommation {usage}',
  },
  'console.capacity.namespaces': { en: 'Per namespace', fr: 'Par namespace' },
  'console.capacity.noNamespaces': { en: 'No namespace with pods.', fr: 'Aucun namespace avec des pods.' },
  'console.capacity.quotas': { en: 'Quotas', fr: 'Quotas' },
  'console.capacity.quota': {
    en: '{resource}: {used} of {hard} ({share})',
    fr: '{resource} : {used} sur {hard} ({share})',
  },
  'console.capacity.fragmentation': { en: 'Fragmentation', fr: 'Fragmentation' },
  'console.capacity.fragmentationHelp': {
    en: 'Free capacity spread over many nodes: a pod that needs more than the largest free piece does not fit anywhere, even when the total would suffice. 0 % means all the free capacity is on one node.',
    fr: 'Capacité libre éparpillée sur de nombreux nœuds : un pod qui demande plus que le plus grand morceau libre ne tient nulle part, même si le total suffirait. 0 % veut dire que toute la capacité libre est sur un seul nœud.',
  },
  'console.capacity.index.cpu': { en: 'CPU fragmentation', fr: 'Fragmentation du CPU' },
  'console.capacity.index.memory': { en: 'Memory fragmentation', fr: 'Fragmentation de la mémoire' },
  'console.capacity.largestFree': {
    en: 'largest free on one node: {largest} of {total} free',
    fr: 'plus grand libre sur un nœud : {largest} sur {total} libres',
  },
  'console.capacity.allShapesFit': {
    en: 'One more pod of each workload fits somewhere.',
    fr: 'Un pod de plus de chaque charge de travail tient quelque part.',
  },
  'console.capacity.workload': { en: 'Workload', fr: 'Charge de travail' },
  'console.capacity.fitsOn': { en: 'Nodes where one more fits', fr: 'Nœuds où un de plus tient' },
  'console.capacity.shape.fits': { en: 'Fits', fr: 'Tient' },
  'console.capacity.shape.fragmented': {
    en: 'Fragmented: fits nowhere, though the total free would do',
    fr: 'Fragmenté : ne tient nulle part, alors que le total libre suffirait',
  },
  'console.capacity.shape.too-big': {
    en: 'Too big for the free capacity',
    fr: 'Trop grand pour la capacité libre',
  },
  'console.capacity.shape.constrained': {
    en: 'Constrained (selectors, affinity, taints)',
    fr: 'Contraint (sélecteurs, affinité, taints)',
  },
  'console.capacity.top': { en: 'Top consumers', fr: 'Plus gros consommateurs' },
  'console.capacity.noPods': { en: 'No pod.', fr: 'Aucun pod.' },
  'console.capacity.pod': { en: 'Pod', fr: 'Pod' },
  'console.capacity.node': { en: 'Node', fr: 'Nœud' },
  'console.capacity.overRequested': {
    en: 'Workloads using much less than they request',
    fr: 'Charges de travail qui consomment bien moins que leurs demandes',
  },
  'console.capacity.underRequested': {
    en: 'Workloads using more than they request',
    fr: 'Charges de travail qui consomment plus que leurs demandes',
  },
  'console.capacity.usageOfRequests': {
    en: '{resource} used / requested',
    fr: '{resource} consommé / demandé',
  },
  'console.capacity.usageOfRequestsMemory': {
    en: 'Memory used / requested',
    fr: 'Mémoire consommée / demandée',
  },
  'console.capacity.pending': { en: 'Pending pods', fr: 'Pods en attente' },
  'console.capacity.noPending': { en: 'No pending pod.', fr: 'Aucun pod en attente.' },
} as const;

export const consoleSecurityMessages = {
  'console.security.nav': { en: 'Security', fr: 'Sécurité' },
  'console.security.title': { en: 'Security', fr: 'Sécurité' },
  'console.security.auditNow': { en: 'Audit the cluster now', fr: 'Auditer le cluster maintenant' },
  'console.security.auditing': { en: 'Auditing the cluster…', fr: 'Audit du cluster en cours…' },
  'console.security.none': {
    en: 'No audit of the cluster is kept yet: audit it now, or run quai audit cluster through the server.',
    fr: "Aucun audit du cluster n'est encore conservé : auditez-le maintenant, ou lancez quai audit cluster via le serveur.",
  },
  'console.security.summary': { en: 'Findings by severity', fr: 'Constats par gravité' },
  'console.security.latest': {
    en: 'Last audit: {at}, by {actor}, {objects|# object|# objects} read.',
    fr: 'Dernier audit : {at}, par {actor}, {objects|# objet lu|# objets lus}.',
  },
  'console.security.severity': { en: 'Severity', fr: 'Gravité' },
  'console.security.severity.critical': { en: 'Critical', fr: 'Critique' },
  'console.security.severity.high': { en: 'High', fr: 'Élevée' },
  'console.security.severity.medium': { en: 'Medium', fr: 'Moyenne' },
  'console.security.severity.low': { en: 'Low', fr: 'Faible' },
  'console.security.severity.info': { en: 'Information', fr: 'Information' },
  'console.security.accepted': { en: 'Accepted (exceptions)', fr: 'Acceptés (exceptions)' },
  'console.security.findings': { en: 'Findings', fr: 'Constats' },
  'console.security.chart.bySeverity': { en: 'Findings by severity', fr: 'Constats par gravité' },
  'console.security.chart.overTime': { en: 'Findings over time', fr: 'Constats dans le temps' },
  'console.security.chart.overTimeSummary': {
    en: 'The open findings of the last {runs|# audit|# audits} of the cluster, oldest first.',
    fr: 'Les constats ouverts des {runs|# dernier audit|# derniers audits} du cluster, du plus ancien au plus récent.',
  },
  'console.security.byApp': {
    en: 'Findings by application (namespace)',
    fr: 'Constats par application (namespace)',
  },
  'console.security.clusterScope': { en: '(cluster-wide objects)', fr: '(objets du cluster entier)' },
  'console.security.noFindings': { en: 'No open finding.', fr: 'Aucun constat ouvert.' },
  'console.security.findingsList': { en: 'Open findings', fr: 'Constats ouverts' },
  'console.security.allSeverities': { en: 'All', fr: 'Toutes' },
  'console.security.listedOf': {
    en: 'The first {shown} of {total} findings, the most severe first; quai audit cluster writes the full report.',
    fr: 'Les {shown} premiers des {total} constats, les plus graves d’abord ; quai audit cluster écrit le rapport complet.',
  },
  'console.security.check': { en: 'Check', fr: 'Contrôle' },
  'console.security.fix': { en: 'How to fix', fr: 'Comment corriger' },
  'console.security.rbac': { en: 'RBAC risks', fr: 'Risques RBAC' },
  'console.security.noRbac': { en: 'No RBAC risk found.', fr: 'Aucun risque RBAC constaté.' },
  'console.security.risk': { en: 'Risk', fr: 'Risque' },
  'console.security.exceptions': { en: 'Exceptions', fr: 'Exceptions' },
  'console.security.noExceptions': { en: 'No exception.', fr: 'Aucune exception.' },
  'console.security.why': { en: 'Justification', fr: 'Justification' },
  'console.security.expires': { en: 'Expires', fr: 'Échéance' },
  'console.security.expiresOn': { en: '{day} ({left})', fr: '{day} ({left})' },
  'console.security.daysLeft': {
    en: '{days|# day left|# days left}',
    fr: '{days|encore # jour|encore # jours}',
  },
  'console.security.expired': { en: 'expired', fr: 'expirée' },
  'console.security.never': { en: 'Never', fr: 'Jamais' },
} as const;

export const consoleGlanceMessages = {
  'console.glance.capacity': { en: 'Capacity at a glance', fr: "La capacité d'un coup d'œil" },
  'console.glance.nodes': { en: 'Nodes', fr: 'Nœuds' },
  'console.glance.kind.real': { en: 'Real', fr: 'Réels' },
  'console.glance.kind.simulated': { en: 'Simulated (KWOK)', fr: 'Simulés (KWOK)' },
  'console.glance.res.cpu': { en: 'CPU', fr: 'CPU' },
  'console.glance.res.memory': { en: 'Memory', fr: 'Mémoire' },
  'console.glance.res.pods': { en: 'Pods', fr: 'Pods' },
  'console.glance.share': { en: 'Share requested', fr: 'Part demandée' },
  'console.glance.toCapacity': { en: 'The capacity in detail', fr: 'La capacité en détail' },
  'console.glance.backups': { en: 'Last backups', fr: 'Dernières sauvegardes' },
  'console.glance.drills': { en: 'Last restore drills', fr: 'Derniers exercices de restauration' },
  'console.glance.entry': { en: '{at}, by {actor}: {outcome}', fr: '{at}, par {actor} : {outcome}' },
  'console.glance.outcome.ok': { en: 'succeeded', fr: 'réussi' },
  'console.glance.outcome.partial': { en: 'partly failed', fr: 'en partie échoué' },
  'console.glance.outcome.failed': { en: 'failed', fr: 'échoué' },
  'console.glance.toBackups': { en: 'All the backups', fr: 'Toutes les sauvegardes' },
  'console.glance.findings': { en: 'Open critical findings', fr: 'Constats critiques ouverts' },
  'console.glance.critical': {
    en: '{critical} critical, {high} high',
    fr: '{critical} critiques, {high} élevés',
  },
  'console.glance.auditOf': { en: 'at the audit of {at}.', fr: "à l'audit du {at}." },
  'console.glance.toSecurity': { en: 'Security in detail', fr: 'La sécurité en détail' },
} as const;

export const consoleBackupChartMessages = {
  'console.backupCharts.title': { en: 'Over time', fr: 'Dans le temps' },
  'console.backupCharts.sizes': { en: 'Backup sizes', fr: 'Taille des sauvegardes' },
  'console.backupCharts.durations': {
    en: 'Backup durations and drill recovery times',
    fr: 'Durée des sauvegardes et temps de restauration des exercices',
  },
  'console.backupCharts.backupDuration': { en: 'Backup duration', fr: 'Durée de la sauvegarde' },
  'console.backupCharts.recovery': { en: 'Drill recovery time', fr: "Temps de restauration de l'exercice" },
} as const;
