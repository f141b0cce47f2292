/** Capacity: report, simulation, sizing, right-sizing, scaling (texts of the use cases and their CLI). */
export const capacityMessages = {
  'capacity.metrics.notServed': {
    en: 'metrics.k8s.io is not served by this cluster: {detail}',
    fr: "metrics.k8s.io n'est pas servi par ce cluster : {detail}",
  },
  'capacity.metrics.notServedHint': {
    en: 'Install metrics-server, or give a Prometheus server with --prometheus URL, or leave usage out with --usage none.',
    fr: 'Installez metrics-server, ou donnez un serveur Prometheus avec --prometheus URL, ou laissez la consommation de côté avec --usage none.',
  },
  'capacity.prometheus.unreachable': {
    en: 'Cannot query Prometheus at {url}: {detail}',
    fr: 'Impossible d’interroger Prometheus à {url} : {detail}',
  },
  'capacity.prometheus.unreachableHint': {
    en: 'Check the URL (it is the server root, such as http://prometheus:9090) and, behind authentication, the token.',
    fr: 'Vérifiez l’URL (la racine du serveur, comme http://prometheus:9090) et, derrière une authentification, le jeton.',
  },
  'capacity.prometheus.failed': {
    en: 'Prometheus at {url} refused the query {query}: {detail}',
    fr: 'Prometheus à {url} a refusé la requête {query} : {detail}',
  },
  'capacity.prometheus.needed': {
    en: 'Usage from Prometheus needs a server: give --prometheus URL.',
    fr: 'La consommation depuis Prometheus demande un serveur : donnez --prometheus URL.',
  },
  'capacity.reason.unschedulable': { en: 'node(s) were unschedulable', fr: 'nœud(s) non ordonnançable(s)' },
  'capacity.reason.taint': {
    en: 'node(s) had untolerated taint(s)',
    fr: 'nœud(s) avec des teintes non tolérées',
  },
  'capacity.reason.nodeAffinity': {
    en: "node(s) didn't match Pod's node affinity/selector",
    fr: "nœud(s) ne correspondant pas à l'affinité ou au sélecteur de nœud du pod",
  },
  'capacity.reason.ports': {
    en: "node(s) didn't have free ports for the requested pod ports",
    fr: 'nœud(s) sans les ports libres demandés par le pod',
  },
  'capacity.reason.cpu': { en: 'Insufficient cpu', fr: 'CPU insuffisant' },
  'capacity.reason.memory': { en: 'Insufficient memory', fr: 'mémoire insuffisante' },
  'capacity.reason.ephemeralStorage': {
    en: 'Insufficient ephemeral-storage',
    fr: 'stockage éphémère insuffisant',
  },
  'capacity.reason.pods': { en: 'Too many pods', fr: 'trop de pods' },
  'capacity.reason.extendedResource': {
    en: 'Insufficient extended resources',
    fr: 'ressources étendues insuffisantes',
  },
  'capacity.reason.spread': {
    en: "node(s) didn't match pod topology spread constraints",
    fr: 'nœud(s) ne respectant pas les contraintes de répartition topologique du pod',
  },
  'capacity.reason.spreadLabel': {
    en: "node(s) didn't match pod topology spread constraints (missing required label)",
    fr: 'nœud(s) ne respectant pas les contraintes de répartition topologique (étiquette requise absente)',
  },
  'capacity.reason.affinity': {
    en: "node(s) didn't match pod affinity rules",
    fr: "nœud(s) ne respectant pas les règles d'affinité entre pods",
  },
  'capacity.reason.antiAffinity': {
    en: "node(s) didn't match pod anti-affinity rules",
    fr: "nœud(s) ne respectant pas les règles d'anti-affinité du pod",
  },
  'capacity.reason.existingAntiAffinity': {
    en: "node(s) didn't satisfy existing pods anti-affinity rules",
    fr: "nœud(s) ne respectant pas l'anti-affinité des pods déjà en place",
  },
  'capacity.reasonCount': { en: '{count} {reason}', fr: '{count} {reason}' },
  'capacity.join': { en: '{first}, {next}', fr: '{first}, {next}' },
  'capacity.noNode': {
    en: '0/{nodes} nodes are available: {reasons}.',
    fr: '0/{nodes} nœuds disponibles : {reasons}.',
  },
  'capacity.noNodes': { en: 'no nodes', fr: 'aucun nœud' },
  'capacity.pendingFitsNow': {
    en: 'fits on {nodes|# node|# nodes} now: the scheduler should place it soon',
    fr: "tient maintenant sur {nodes|# nœud|# nœuds} : l'ordonnanceur devrait le placer bientôt",
  },
  'capacity.warn.fragmented': {
    en: 'Some pod shapes fit on no node although the free capacity adds up: the cluster is fragmented (see "fragmentation").',
    fr: 'Certaines formes de pod ne tiennent sur aucun nœud alors que la capacité libre suffirait au total : le cluster est fragmenté (voir « fragmentation »).',
  },
  'capacity.warn.notReady': {
    en: '{count|# node is|# nodes are} not Ready: the scheduler puts nothing there.',
    fr: "{count|# nœud n'est pas|# nœuds ne sont pas} Ready : l'ordonnanceur n'y place rien.",
  },
  'capacity.simulate.unknownNode': {
    en: 'No node "{node}" in the cluster.',
    fr: 'Aucun nœud « {node} » dans le cluster.',
  },
  'capacity.simulate.knownNodes': { en: 'Nodes: {nodes}.', fr: 'Nœuds : {nodes}.' },
  'capacity.simulate.unknownWorkload': {
    en: '--replicas names "{workload}", which none of the added apps or manifests defines.',
    fr: '--replicas nomme « {workload} », qu’aucune des applications ou manifestes ajoutés ne définit.',
  },
  'capacity.simulate.knownWorkloads': {
    en: 'Workloads added: {workloads} (from {sources}). Name one as Kind/name or name.',
    fr: 'Charges ajoutées : {workloads} (depuis {sources}). Nommez-en une sous la forme Kind/nom ou nom.',
  },
  'capacity.simulate.drainBlocked': {
    en: 'Draining {node} stops at {count|# pod|# pods}: their PodDisruptionBudget allows no more disruption.',
    fr: 'Le drainage de {node} bute sur {count|# pod|# pods} : leur PodDisruptionBudget ne permet plus d’interruption.',
  },
  'capacity.simulate.lostPods': {
    en: '{count|# pod has|# pods have} no controller and would be gone, not recreated.',
    fr: '{count|# pod n’a pas de contrôleur : il disparaîtrait sans être recréé|# pods n’ont pas de contrôleur : ils disparaîtraient sans être recréés}.',
  },
  'capacity.size.empty': {
    en: 'The inventory {file} is empty.',
    fr: 'L’inventaire {file} est vide.',
  },
  'capacity.size.columnsHint': {
    en: 'The first row names the columns: name, vcpu, memory, cpu_used, memory_used, containerisable (cpu_used and memory_used may be empty). See docs/capacity.md.',
    fr: 'La première ligne nomme les colonnes : name, vcpu, memory, cpu_used, memory_used, containerisable (cpu_used et memory_used peuvent être vides). Voir docs/fr/capacite.md.',
  },
  'capacity.size.missingColumns': {
    en: 'The inventory {file} lacks the column(s) {columns} (columns found: {found}).',
    fr: 'Il manque à l’inventaire {file} la ou les colonnes {columns} (colonnes trouvées : {found}).',
  },
  'capacity.size.emptyName': { en: 'the VM has no name', fr: 'la VM n’a pas de nom' },
  'capacity.size.duplicate': {
    en: 'the VM "{name}" is already on line {line}',
    fr: 'la VM « {name} » est déjà à la ligne {line}',
  },
  'capacity.size.notNumber': { en: '"{value}" is not a number', fr: '« {value} » n’est pas un nombre' },
  'capacity.size.notMemory': {
    en: '"{value}" is not an amount of memory (16Gi, 16 GB, 16384 MB, or a number of GiB)',
    fr: '« {value} » n’est pas une quantité de mémoire (16Gi, 16 GB, 16384 MB, ou un nombre de Gio)',
  },
  'capacity.size.notBoolean': {
    en: '"{value}" is not yes or no',
    fr: '« {value} » n’est ni oui ni non',
  },
  'capacity.size.absurd': {
    en: '"{value}" is not what a VM can have (more than 0, at most {max})',
    fr: '« {value} » n’est pas ce qu’une VM peut avoir (plus de 0, au plus {max})',
  },
  'capacity.size.badPercent': {
    en: '"{value}" is not a share between 0% and 100%',
    fr: '« {value} » n’est pas une part entre 0 % et 100 %',
  },
  'capacity.size.negative': { en: '"{value}" is negative', fr: '« {value} » est négatif' },
  'capacity.size.moreThanAllocated': {
    en: '{used} used is more than the {allocated} allocated',
    fr: '{used} utilisés, c’est plus que les {allocated} alloués',
  },
  'capacity.size.problem': {
    en: 'line {line}, column {column}: {problem}',
    fr: 'ligne {line}, colonne {column} : {problem}',
  },
  'capacity.size.problemList': { en: '{first}\n  {next}', fr: '{first}\n  {next}' },
  'capacity.size.invalid': {
    en: 'The inventory {file} has {count|# problem|# problems}:{problems}',
    fr: 'L’inventaire {file} a {count|# problème|# problèmes} :{problems}',
  },
  'capacity.size.fixHint': {
    en: 'Fix the values on the lines named (the header is line 1), then run the command again.',
    fr: 'Corrigez les valeurs aux lignes nommées (l’en-tête est la ligne 1), puis relancez la commande.',
  },
  'capacity.size.noVms': {
    en: 'The inventory {file} has a header but no VM.',
    fr: 'L’inventaire {file} a un en-tête mais aucune VM.',
  },
  'capacity.size.unmeasured': {
    en: '{count|# containerisable VM has|# containerisable VMs have} no measured {resource}: the allocated amount counts instead.',
    fr: '{count|# VM conteneurisable n’a|# VM conteneurisables n’ont} pas de {resource} mesuré : la quantité allouée compte à la place.',
  },
  'capacity.size.nothingHoldsAll': {
    en: 'No node size holds the largest VMs: give a larger shape with --shape, or split those workloads.',
    fr: 'Aucune taille de nœud ne contient les plus grosses VM : donnez une taille plus grande avec --shape, ou découpez ces charges.',
  },
  'capacity.progress.reading': {
    en: 'Reading nodes, pods and budgets from the cluster',
    fr: 'Lecture des nœuds, des pods et des budgets du cluster',
  },
  'capacity.progress.metrics': {
    en: 'Reading usage from metrics.k8s.io',
    fr: 'Lecture de la consommation depuis metrics.k8s.io',
  },
  'capacity.progress.prometheus': {
    en: 'Reading usage from Prometheus at {url}',
    fr: 'Lecture de la consommation depuis Prometheus à {url}',
  },
  'capacity.progress.snapshot': {
    en: 'Reading the cluster snapshot {file}',
    fr: 'Lecture de l’instantané du cluster {file}',
  },
  'capacity.progress.simulating': {
    en: 'Simulating the scheduling of {pods|# pod|# pods} on {nodes|# node|# nodes}',
    fr: 'Simulation de l’ordonnancement de {pods|# pod|# pods} sur {nodes|# nœud|# nœuds}',
  },
  'capacity.progress.history': {
    en: 'Reading {window} of usage history of namespace {namespace} from Prometheus at {url}',
    fr: 'Lecture de {window} d’historique de consommation du namespace {namespace} depuis Prometheus à {url}',
  },
  'capacity.usage.prometheus': { en: 'Prometheus at {url}', fr: 'Prometheus à {url}' },
  'capacity.usage.metricsServer': {
    en: 'metrics.k8s.io (metrics-server)',
    fr: 'metrics.k8s.io (metrics-server)',
  },
  'capacity.usage.noMetricsServer': {
    en: 'metrics.k8s.io is not served (no metrics-server): usage is left out; give --prometheus URL to read it from Prometheus.',
    fr: 'metrics.k8s.io n’est pas servi (pas de metrics-server) : la consommation est laissée de côté ; donnez --prometheus URL pour la lire dans Prometheus.',
  },
  'capacity.simulate.noNodes': {
    en: 'The cluster snapshot {file} has no Node.',
    fr: 'L’instantané du cluster {file} n’a aucun Node.',
  },
  'capacity.simulate.snapshotHint': {
    en: 'Make one with: kubectl get nodes,pods,pdb,namespaces,services,replicasets,statefulsets,daemonsets,jobs,priorityclasses,limitranges,resourcequotas -A -o yaml > cluster.yaml',
    fr: 'Faites-en un avec : kubectl get nodes,pods,pdb,namespaces,services,replicasets,statefulsets,daemonsets,jobs,priorityclasses,limitranges,resourcequotas -A -o yaml > cluster.yaml',
  },
  'capacity.simulate.notObject': {
    en: 'Document {index} of {file} is not a Kubernetes object (it needs kind and metadata).',
    fr: 'Le document {index} de {file} n’est pas un objet Kubernetes (il lui faut kind et metadata).',
  },
  'capacity.simulate.manifestHint': {
    en: 'Give rendered manifests (quai render, kubectl get -o yaml, helm template): Deployments, StatefulSets, Jobs, Pods, DaemonSets.',
    fr: 'Donnez des manifestes rendus (quai render, kubectl get -o yaml, helm template) : Deployments, StatefulSets, Jobs, pods, DaemonSets.',
  },
  'capacity.simulate.noWorkload': {
    en: '{file} has no workload (Deployment, StatefulSet, Job, Pod, DaemonSet): it adds nothing to schedule.',
    fr: '{file} n’a aucune charge (Deployment, StatefulSet, Job, pod, DaemonSet) : il n’ajoute rien à ordonnancer.',
  },
  'capacity.rightsize.rule.vpa': {
    en: 'VPA: requests = 90th percentile of usage + 15%, limits keep their ratio to requests',
    fr: 'VPA : demandes = 90e centile de la consommation + 15 %, les limites gardent leur rapport aux demandes',
  },
  'capacity.rightsize.rule.krr': {
    en: 'KRR: CPU request = 95th percentile, no CPU limit; memory request and limit = maximum + 15%',
    fr: 'KRR : demande de CPU = 95e centile, pas de limite de CPU ; demande et limite de mémoire = maximum + 15 %',
  },
  'capacity.rightsize.noData': {
    en: 'no usage sample for this component in the window',
    fr: 'aucun échantillon de consommation pour ce composant sur la période',
  },
  'capacity.rightsize.badHistory': {
    en: 'Cannot read the usage history {file}: {detail}',
    fr: 'Impossible de lire l’historique de consommation {file} : {detail}',
  },
  'capacity.rightsize.historyHint': {
    en: 'The file holds a JSON object with "cpu" and "memory", each the answer of Prometheus /api/v1/query_range (see docs/capacity.md).',
    fr: 'Le fichier contient un objet JSON avec « cpu » et « memory », chacun la réponse de Prometheus /api/v1/query_range (voir docs/fr/capacite.md).',
  },
  'capacity.rightsize.noSource': {
    en: 'Right-sizing needs usage history: a Prometheus server or a saved history.',
    fr: 'Le redimensionnement demande un historique de consommation : un serveur Prometheus ou un historique enregistré.',
  },
  'capacity.rightsize.noSourceHint': {
    en: 'Give --prometheus URL, or --history FILE.',
    fr: 'Donnez --prometheus URL, ou --history FICHIER.',
  },
  'capacity.scale.noWorkload': {
    en: 'No Deployment or StatefulSet of app {app} in namespace {namespace}.',
    fr: 'Aucun Deployment ni StatefulSet de l’application {app} dans le namespace {namespace}.',
  },
  'capacity.scale.noWorkloadHint': {
    en: 'Check the app name and --env (or -n); deploy the app first with quai apply.',
    fr: 'Vérifiez le nom de l’application et --env (ou -n) ; déployez d’abord l’application avec quai apply.',
  },
  'capacity.scale.whichComponent': {
    en: 'App {app} has several components ({components}): say which one.',
    fr: 'L’application {app} a plusieurs composants ({components}) : dites lequel.',
  },
  'capacity.scale.unknownComponent': {
    en: 'App {app} has no component {component} (components: {components}).',
    fr: 'L’application {app} n’a pas de composant {component} (composants : {components}).',
  },
  'capacity.scale.componentHint': {
    en: 'Name it with --component NAME.',
    fr: 'Nommez-le avec --component NOM.',
  },
  'capacity.scale.autoscaled': {
    en: '{workload} is driven by HorizontalPodAutoscaler {hpa}: it would undo a replica count set by hand.',
    fr: '{workload} est piloté par le HorizontalPodAutoscaler {hpa} : il déferait un nombre de réplicas fixé à la main.',
  },
  'capacity.scale.autoscaledHint': {
    en: 'Change minReplicas/maxReplicas under autoscaling in the app spec and apply it; or scale to 0 to pause the component (the autoscaler stands aside at zero).',
    fr: 'Changez minReplicas/maxReplicas sous autoscaling dans la spécification et appliquez-la ; ou réduisez à 0 pour mettre le composant en pause (l’autoscaler s’efface à zéro).',
  },
  'capacity.cli.badTemplate': {
    en: '"{value}" is not a node template: CPU/MEMORY[/PODS] such as 8/32Gi, or like=NODE, then ,label=value as needed',
    fr: '« {value} » n’est pas un modèle de nœud : CPU/MÉMOIRE[/PODS] comme 8/32Gi, ou like=NŒUD, puis ,étiquette=valeur au besoin',
  },
  'capacity.cli.badAddNodes': {
    en: '"{value}" is not COUNT:TEMPLATE, such as 3:8/32Gi or 2:like=worker-1',
    fr: '« {value} » n’est pas NOMBRE:MODÈLE, comme 3:8/32Gi ou 2:like=worker-1',
  },
  'capacity.cli.badReplicas': {
    en: '"{value}" is not WORKLOAD=N, such as Deployment/web=6 or web=6',
    fr: '« {value} » n’est pas CHARGE=N, comme Deployment/web=6 ou web=6',
  },
  'capacity.cli.clusterHead': {
    en: 'Cluster: {nodes|# node|# nodes} ({schedulable} schedulable), {pods|# pod|# pods} running, {pending} pending',
    fr: 'Cluster : {nodes|# nœud|# nœuds} ({schedulable} ordonnançables), {pods|# pod|# pods} en marche, {pending} en attente',
  },
  'capacity.cli.cpuLine': {
    en: 'CPU: {requests} requested of {allocatable} allocatable ({share}), {used} used ({usedShare})',
    fr: 'CPU : {requests} demandés sur {allocatable} allouables ({share}), {used} consommés ({usedShare})',
  },
  'capacity.cli.memoryLine': {
    en: 'memory: {requests} requested of {allocatable} allocatable ({share}), {used} used ({usedShare})',
    fr: 'mémoire : {requests} demandés sur {allocatable} allouables ({share}), {used} consommés ({usedShare})',
  },
  'capacity.cli.usageFrom': { en: 'usage from {source}', fr: 'consommation depuis {source}' },
  'capacity.cli.notReady': { en: 'not ready', fr: 'pas prêt' },
  'capacity.cli.cordoned': { en: 'cordoned', fr: 'isolé' },
  'capacity.cli.taints': { en: '{count|# taint|# taints}', fr: '{count|# teinte|# teintes}' },
  'capacity.cli.fragmentation': {
    en: 'Largest free on one node: {cpu} CPU, {memory} (free in total: {totalCpu} CPU, {totalMemory})',
    fr: 'Le plus grand espace libre sur un nœud : {cpu} CPU, {memory} (libre au total : {totalCpu} CPU, {totalMemory})',
  },
  'capacity.cli.allShapesFit': {
    en: 'one more pod of each of the {count|# workload|# workloads} fits somewhere',
    fr: 'un pod de plus de chacune des {count|# charge|# charges} tient quelque part',
  },
  'capacity.cli.pendingHead': {
    en: '{count|# pod stays|# pods stay} pending:',
    fr: '{count|# pod reste|# pods restent} en attente :',
  },
  'capacity.cli.topUsage': {
    en: 'Top {count} by usage:',
    fr: 'Les {count} plus gros consommateurs :',
  },
  'capacity.cli.topRequests': {
    en: 'Top {count} by requests:',
    fr: 'Les {count} plus grosses demandes :',
  },
  'capacity.cli.overRequested': {
    en: 'Using far less than they request (usage / requests):',
    fr: 'Consomment bien moins qu’ils ne demandent (consommation / demandes) :',
  },
  'capacity.cli.underRequested': {
    en: 'Using more than they request (usage / requests):',
    fr: 'Consomment plus qu’ils ne demandent (consommation / demandes) :',
  },
  'capacity.cli.memory': { en: 'memory', fr: 'mémoire' },
  'capacity.cli.warning': { en: 'warning', fr: 'avertissement' },
  'capacity.cli.fits': {
    en: 'Everything fits on {nodes|# node|# nodes} (simulated in {seconds} s).',
    fr: 'Tout tient sur {nodes|# nœud|# nœuds} (simulé en {seconds} s).',
  },
  'capacity.cli.pending': {
    en: '{pending|# pod stays|# pods stay} pending on {nodes|# node|# nodes} (simulated in {seconds} s).',
    fr: '{pending|# pod reste|# pods restent} en attente sur {nodes|# nœud|# nœuds} (simulé en {seconds} s).',
  },
  'capacity.cli.beforeAfter': {
    en: 'requests / allocatable before: {before}; after: {after}',
    fr: 'demandes / allouable avant : {before} ; après : {after}',
  },
  'capacity.cli.drain': {
    en: 'Drain {node}: {evicted|# pod evicted|# pods evicted}, {daemonSets} DaemonSet pods left in place',
    fr: 'Drainage de {node} : {evicted|# pod évincé|# pods évincés}, {daemonSets} pods de DaemonSet laissés en place',
  },
  'capacity.cli.blocked': {
    en: '{pod} stays: PodDisruptionBudget {budget} allows no more disruption',
    fr: '{pod} reste : le PodDisruptionBudget {budget} ne permet plus d’interruption',
  },
  'capacity.cli.unmanaged': {
    en: '{pod} has no controller: it is deleted, not recreated',
    fr: '{pod} n’a pas de contrôleur : il est supprimé, pas recréé',
  },
  'capacity.cli.moved': {
    en: '{count|# pod moves|# pods move} to other nodes; {placed} placed',
    fr: '{count|# pod change|# pods changent} de nœud ; {placed} placés',
  },
  'capacity.cli.more': { en: '... and {count} more', fr: '... et {count} de plus' },
  'capacity.cli.preempted': {
    en: '{count|# pod is|# pods are} preempted by higher priorities: {pods}',
    fr: '{count|# pod est évincé|# pods sont évincés} par des priorités plus hautes : {pods}',
  },
  'capacity.cli.recommendation': {
    en: 'Add {nodes|# node|# nodes} of {template} and every pending pod fits.',
    fr: 'Ajoutez {nodes|# nœud|# nœuds} de {template} et chaque pod en attente tient.',
  },
  'capacity.cli.noRecommendation': {
    en: 'No number of nodes of {template} makes the pending pods fit.',
    fr: 'Aucun nombre de nœuds de {template} ne fait tenir les pods en attente.',
  },
  'capacity.cli.cannotFit': {
    en: '{pod} would not fit on such a node: {reasons}',
    fr: '{pod} ne tiendrait pas sur un tel nœud : {reasons}',
  },
  'capacity.cli.inventory': {
    en: 'Inventory: {vms} VMs, {containerisable} containerisable ({vcpu} vCPU, {memory} allocated; {usedCpu} CPU, {usedMemory} measured)',
    fr: 'Inventaire : {vms} VM, {containerisable} conteneurisables ({vcpu} vCPU, {memory} alloués ; {usedCpu} CPU, {usedMemory} mesurés)',
  },
  'capacity.cli.demand': {
    en: 'Requests to place: {cpu} CPU, {memory}, {pods} pods',
    fr: 'Demandes à placer : {cpu} CPU, {memory}, {pods} pods',
  },
  'capacity.cli.assumptions': {
    en: 'Assumptions: N+{failures} nodes, {surge} surge node(s) during upgrades, target use {target}, CPU peak ×{peak}, memory ×{memoryFactor}, {reservedCpu} CPU and {reservedMemory} reserved per node',
    fr: 'Hypothèses : N+{failures} nœuds, {surge} nœud(s) en plus pendant les mises à jour, usage visé {target}, pic de CPU ×{peak}, mémoire ×{memoryFactor}, {reservedCpu} CPU et {reservedMemory} réservés par nœud',
  },
  'capacity.cli.recommendedShape': {
    en: 'Recommended: {nodes} nodes of {cpu} CPU and {memory}.',
    fr: 'Recommandé : {nodes} nœuds de {cpu} CPU et {memory}.',
  },
  'capacity.cli.tooBig': {
    en: '{vm} is larger than one such node: split it or give it a bigger node',
    fr: '{vm} est plus grosse qu’un tel nœud : découpez-la ou donnez-lui un nœud plus gros',
  },
  'capacity.cli.rightsizeHead': {
    en: 'Right-sizing {app} ({environment}, namespace {namespace}) from {window} of usage',
    fr: 'Redimensionnement de {app} ({environment}, namespace {namespace}) d’après {window} de consommation',
  },
  'capacity.cli.noOverwrite': {
    en: 'Refusing to write the proposal over the app spec {file}.',
    fr: 'Refus d’écrire la proposition par-dessus la spécification {file}.',
  },
  'capacity.cli.noOverwriteHint': {
    en: 'Write it to another file (or a patch), review it, then replace the spec yourself: right-sizing is never applied silently.',
    fr: 'Écrivez-la dans un autre fichier (ou un correctif), relisez-la, puis remplacez vous-même la spécification : le redimensionnement n’est jamais appliqué en silence.',
  },
  'capacity.cli.wroteSpec': {
    en: 'Wrote the proposed app spec to {file}: review it before replacing yours.',
    fr: 'Spécification proposée écrite dans {file} : relisez-la avant de remplacer la vôtre.',
  },
  'capacity.cli.wrotePatch': {
    en: 'Wrote the patch to {file} (apply it with: patch -p1 < {file}).',
    fr: 'Correctif écrit dans {file} (appliquez-le avec : patch -p1 < {file}).',
  },
  'capacity.cli.scaled': {
    en: '{workload} in {namespace}: {from} -> {to} replicas (owner of spec.replicas: {manager})',
    fr: '{workload} dans {namespace} : {from} -> {to} réplicas (propriétaire de spec.replicas : {manager})',
  },
  'capacity.col.node': { en: 'NODE', fr: 'NŒUD' },
  'capacity.col.zone': { en: 'ZONE', fr: 'ZONE' },
  'capacity.col.cpuReq': { en: 'CPU REQ/ALLOC', fr: 'CPU DEM./ALLOU.' },
  'capacity.col.cpuUsed': { en: 'CPU USED', fr: 'CPU CONSO.' },
  'capacity.col.cpuLim': { en: 'CPU LIM', fr: 'CPU LIM.' },
  'capacity.col.memReq': { en: 'MEM REQ/ALLOC', fr: 'MÉM. DEM./ALLOU.' },
  'capacity.col.memUsed': { en: 'MEM USED', fr: 'MÉM. CONSO.' },
  'capacity.col.memLim': { en: 'MEM LIM', fr: 'MÉM. LIM.' },
  'capacity.col.pods': { en: 'PODS', fr: 'PODS' },
  'capacity.col.state': { en: 'STATE', fr: 'ÉTAT' },
  'capacity.col.namespace': { en: 'NAMESPACE', fr: 'NAMESPACE' },
  'capacity.col.quota': { en: 'QUOTA (FULLEST)', fr: 'QUOTA (LE PLUS PLEIN)' },
  'capacity.col.pod': { en: 'POD', fr: 'POD' },
  'capacity.col.workload': { en: 'WORKLOAD', fr: 'CHARGE' },
  'capacity.col.replicas': { en: 'REPLICAS', fr: 'RÉPLICAS' },
  'capacity.col.placed': { en: 'PLACED', fr: 'PLACÉS' },
  'capacity.col.pendingCol': { en: 'PENDING', fr: 'EN ATTENTE' },
  'capacity.col.nodes': { en: 'NODES', fr: 'NŒUDS' },
  'capacity.col.shape': { en: 'NODE SHAPE', fr: 'TAILLE DE NŒUD' },
  'capacity.col.forLoad': { en: 'FOR LOAD', fr: 'POUR LA CHARGE' },
  'capacity.col.forFailures': { en: 'WITH FAILURES', fr: 'AVEC PANNES' },
  'capacity.col.nodesCol': { en: 'NODES', fr: 'NŒUDS' },
  'capacity.col.upgrade': { en: 'DURING UPGRADE', fr: 'PENDANT LA MISE À JOUR' },
  'capacity.col.bottleneck': { en: 'LIMITED BY', fr: 'LIMITÉ PAR' },
  'capacity.col.normal': { en: 'USE', fr: 'USAGE' },
  'capacity.col.degraded': { en: 'USE WITH FAILURES', fr: 'USAGE AVEC PANNES' },
  'capacity.col.component': { en: 'COMPONENT', fr: 'COMPOSANT' },
  'capacity.col.samples': { en: 'SAMPLES', fr: 'ÉCHANTILLONS' },
  'capacity.col.current': { en: 'REQUESTS / LIMITS NOW', fr: 'DEMANDES / LIMITES ACTUELLES' },
  'capacity.col.recommended': { en: 'RECOMMENDED', fr: 'RECOMMANDÉES' },
  'capacity.col.change': { en: 'CHANGE', fr: 'CHANGEMENT' },
  'capacity.status.fits': { en: 'fits', fr: 'tient' },
  'capacity.status.fragmented': { en: 'fragmented', fr: 'fragmenté' },
  'capacity.status.too-big': { en: 'too big', fr: 'trop gros' },
  'capacity.status.constrained': { en: 'constrained', fr: 'contraint' },
  'capacity.change.increase': { en: 'increase', fr: 'hausse' },
  'capacity.change.decrease': { en: 'decrease', fr: 'baisse' },
  'capacity.change.mixed': { en: 'mixed', fr: 'mixte' },
  'capacity.change.keep': { en: 'keep', fr: 'inchangé' },
  'capacity.change.no-data': { en: 'no data', fr: 'pas de données' },
  'capacity.flag.namespaces': {
    en: 'only these namespaces (comma-separated)',
    fr: 'seulement ces namespaces (séparés par des virgules)',
  },
  'capacity.flag.usage': { en: 'where usage comes from', fr: 'd’où vient la consommation' },
  'capacity.flag.prometheus': {
    en: 'Prometheus server URL (a token can be given in QUAI_PROMETHEUS_TOKEN)',
    fr: 'URL du serveur Prometheus (un jeton peut être donné dans QUAI_PROMETHEUS_TOKEN)',
  },
  'capacity.flag.top': { en: 'how many top consumers to list', fr: 'combien de gros consommateurs lister' },
  'capacity.flag.app': {
    en: 'app spec to add (repeatable)',
    fr: 'spécification d’application à ajouter (répétable)',
  },
  'capacity.flag.manifests': {
    en: 'rendered manifests to add (repeatable)',
    fr: 'manifestes rendus à ajouter (répétable)',
  },
  'capacity.flag.replicas': {
    en: 'replicas of an added workload, WORKLOAD=N (repeatable)',
    fr: 'réplicas d’une charge ajoutée, CHARGE=N (répétable)',
  },
  'capacity.flag.atMax': {
    en: 'workloads an HPA drives run at its maxReplicas (default: minReplicas)',
    fr: 'les charges pilotées par un HPA tournent à son maxReplicas (par défaut : minReplicas)',
  },
  'capacity.flag.removeNode': {
    en: 'a node that disappears (repeatable)',
    fr: 'un nœud qui disparaît (répétable)',
  },
  'capacity.flag.drain': {
    en: 'a node to drain within the PodDisruptionBudgets (repeatable)',
    fr: 'un nœud à drainer dans le respect des PodDisruptionBudgets (répétable)',
  },
  'capacity.flag.addNodes': {
    en: 'add COUNT nodes of a template: 3:8/32Gi, 2:like=worker-1, 1:16/64Gi,zone=b (repeatable)',
    fr: 'ajouter NOMBRE nœuds d’un modèle : 3:8/32Gi, 2:like=worker-1, 1:16/64Gi,zone=b (répétable)',
  },
  'capacity.flag.nodeTemplate': {
    en: 'when pods stay pending, say how many nodes of this template make them fit',
    fr: 'quand des pods restent en attente, dire combien de nœuds de ce modèle les font tenir',
  },
  'capacity.flag.snapshot': {
    en: 'cluster state from a file (kubectl get ... -o yaml) instead of the live cluster',
    fr: 'état du cluster depuis un fichier (kubectl get ... -o yaml) au lieu du cluster en marche',
  },
  'capacity.flag.vms': { en: 'VM inventory (CSV)', fr: 'inventaire des VM (CSV)' },
  'capacity.flag.shape': {
    en: 'node size to compare, CPU/MEMORY such as 8/32Gi (repeatable; default 4/16Gi, 8/32Gi, 16/64Gi)',
    fr: 'taille de nœud à comparer, CPU/MÉMOIRE comme 8/32Gi (répétable ; par défaut 4/16Gi, 8/32Gi, 16/64Gi)',
  },
  'capacity.flag.failures': {
    en: 'nodes that may fail at once (N+k)',
    fr: 'nœuds qui peuvent tomber en même temps (N+k)',
  },
  'capacity.flag.surge': {
    en: 'extra nodes added during a rolling upgrade (0: drain in place)',
    fr: 'nœuds ajoutés pendant une mise à jour progressive (0 : drainage sur place)',
  },
  'capacity.flag.target': {
    en: 'target use of each node, 0.1 to 1',
    fr: 'usage visé de chaque nœud, de 0,1 à 1',
  },
  'capacity.flag.peak': {
    en: 'CPU requests = measured use × this factor',
    fr: 'demandes de CPU = consommation mesurée × ce facteur',
  },
  'capacity.flag.memoryFactor': {
    en: 'memory requests = measured use × this factor',
    fr: 'demandes de mémoire = consommation mesurée × ce facteur',
  },
  'capacity.flag.reserved': {
    en: 'reserved per node for the system and the kubelet, CPU/MEMORY (default 500m/1Gi)',
    fr: 'réservé par nœud pour le système et le kubelet, CPU/MÉMOIRE (par défaut 500m/1Gi)',
  },
  'capacity.flag.maxPods': { en: 'pods per node at most', fr: 'pods par nœud au plus' },
  'capacity.flag.podsPerVm': { en: 'pods each VM becomes', fr: 'pods que devient chaque VM' },
  'capacity.flag.history': {
    en: 'usage history saved from Prometheus (JSON with "cpu" and "memory" query_range answers)',
    fr: 'historique de consommation enregistré depuis Prometheus (JSON avec les réponses query_range « cpu » et « memory »)',
  },
  'capacity.flag.window': { en: 'history window: 14d, 7d, 24h', fr: 'période d’historique : 14d, 7d, 24h' },
  'capacity.flag.method': {
    en: 'recommendation rule: krr (CPU p95, memory max +15%) or vpa (p90 +15%)',
    fr: 'règle de recommandation : krr (CPU p95, mémoire max +15 %) ou vpa (p90 +15 %)',
  },
  'capacity.flag.minChange': {
    en: 'leave out changes smaller than this share (0.1: 10%)',
    fr: 'laisser de côté les changements inférieurs à cette part (0,1 : 10 %)',
  },
  'capacity.flag.write': {
    en: 'write the proposed app spec to this file (never over the app spec)',
    fr: 'écrire la spécification proposée dans ce fichier (jamais par-dessus la spécification)',
  },
  'capacity.flag.patch': {
    en: 'write a unified diff to this file',
    fr: 'écrire un diff unifié dans ce fichier',
  },
  'capacity.flag.scaleReplicas': { en: 'number of replicas', fr: 'nombre de réplicas' },
  'capacity.flag.component': { en: 'component to scale', fr: 'composant à dimensionner' },
  'capacity.help.report': {
    en: 'Exit codes: 0 all fine, 1 pending pods or fragmented shapes. Usage needs metrics-server or --prometheus.',
    fr: 'Codes de sortie : 0 tout va bien, 1 pods en attente ou formes fragmentées. La consommation demande metrics-server ou --prometheus.',
  },
  'capacity.help.simulate': {
    en: 'Nothing is changed in the cluster. Exit codes: 0 everything fits, 1 pods stay pending or a drain is blocked.',
    fr: 'Rien n’est changé dans le cluster. Codes de sortie : 0 tout tient, 1 des pods restent en attente ou un drainage est bloqué.',
  },
  'capacity.help.size': {
    en: 'Inventory columns: name, vcpu, memory, cpu_used, memory_used, containerisable (see docs/capacity.md).',
    fr: 'Colonnes de l’inventaire : name, vcpu, memory, cpu_used, memory_used, containerisable (voir docs/fr/capacite.md).',
  },
  'capacity.help.rightsize': {
    en: 'The proposal is printed (and written with --write/--patch) for review; the app spec itself is never changed. Exit code 1 when changes are proposed.',
    fr: 'La proposition est affichée (et écrite avec --write/--patch) pour relecture ; la spécification elle-même n’est jamais modifiée. Code de sortie 1 quand des changements sont proposés.',
  },
  'capacity.help.scale': {
    en: 'Recorded: the workload is annotated with who, when and why (the HTTP API also records it in the audit trail). quai-scale then owns spec.replicas: quai apply reports a conflict on it until the app spec says the same count (or --force-conflicts takes it back).',
    fr: 'Enregistré : la charge est annotée avec qui, quand et pourquoi (l’API HTTP l’inscrit aussi au journal d’audit). quai-scale possède alors spec.replicas : quai apply signale un conflit sur ce champ tant que la spécification ne dit pas le même nombre (ou que --force-conflicts le reprend).',
  },
} as const;
