/** The local cluster (`quai dev cluster`, `quai dev image`) and the demo: help, flags, output. */
export const devclusterMessages = {
  'devcluster.dev': {
    en: 'Tools for developing and testing with Quai',
    fr: 'Outils pour développer et tester avec Quai',
  },
  'devcluster.cluster': {
    en: 'A real local Kubernetes control plane (etcd, apiserver, controllers, scheduler), fake KWOK nodes and real nodes',
    fr: 'Un vrai plan de contrôle Kubernetes local (etcd, apiserver, contrôleurs, ordonnanceur), des nœuds simulés par KWOK et des nœuds réels',
  },
  'devcluster.image': {
    en: 'Container images from Debian packages, for the real nodes',
    fr: 'Images de conteneurs construites avec des paquets Debian, pour les nœuds réels',
  },
  'devcluster.flag.name': { en: 'name of the local cluster', fr: 'nom du cluster local' },
  'devcluster.up': {
    en: 'Build (first time only) and start the local control plane, or reuse a running one',
    fr: 'Compiler (la première fois) et démarrer le plan de contrôle local, ou réutiliser celui qui tourne',
  },
  'devcluster.flag.nodes': { en: 'fake nodes to run', fr: 'nombre de nœuds simulés' },
  'devcluster.flag.nodeCpu': {
    en: 'CPU capacity of each fake node',
    fr: 'capacité en CPU de chaque nœud simulé',
  },
  'devcluster.flag.nodeMemory': {
    en: 'memory capacity of each fake node',
    fr: 'capacité en mémoire de chaque nœud simulé',
  },
  'devcluster.flag.nodePods': {
    en: 'pod capacity of each fake node',
    fr: 'nombre de pods que peut recevoir chaque nœud simulé',
  },
  'devcluster.flag.timeout': {
    en: 'how long each component may take to become ready',
    fr: 'combien de temps chaque composant peut prendre pour être prêt',
  },
  'devcluster.flag.realNodes': {
    en: 'real nodes (containerd and a kubelet, needs root) next to the fake ones; unset keeps what runs',
    fr: 'nœuds réels (containerd et un kubelet, droits root nécessaires) à côté des nœuds simulés ; absent, garde ce qui tourne',
  },
  'devcluster.flag.noRealNodeTaint': {
    en: 'let any pod land on real nodes (by default only pods that tolerate quai.dev/real-node)',
    fr: 'laisser n’importe quel pod aller sur les nœuds réels (par défaut, seulement ceux qui tolèrent quai.dev/real-node)',
  },
  'devcluster.flag.registryDir': {
    en: "where the real nodes' image registry stores images (default: the cluster's data folder)",
    fr: 'où le registre d’images des nœuds réels range les images (par défaut : le dossier de données du cluster)',
  },
  'devcluster.upHelp': {
    en: "Examples:\n  {program} dev cluster up                 # 3 fake nodes\n  {program} dev cluster up --nodes 500     # a larger simulated cluster\n  sudo {program} dev cluster up --real-nodes 1   # plus a real node that runs containers\n  export KUBECONFIG=$({program} dev cluster kubeconfig)\n\nThe first run builds etcd, kube-apiserver, kube-controller-manager, kube-scheduler and KWOK\nfrom Go modules (Go 1.26+ needed; about 10 minutes on 2 cores) into ~/.cache/quai; with\n--real-nodes, the kubelet, kube-proxy and CoreDNS too (about 5 more minutes). Real nodes need\nroot and Debian's containerd, runc, containernetworking-plugins, iptables, socat,\ndocker-registry, gcc and libc6-dev; pods land there when they tolerate the quai.dev/real-node\ntaint and select quai.dev/node=real (or run in a namespace annotated for it: docs/control-plane.md).\nRun again on a degraded cluster, it restarts only what is down, on the same data and ports.",
    fr: "Exemples :\n  {program} dev cluster up                 # 3 nœuds simulés\n  {program} dev cluster up --nodes 500     # un cluster simulé plus grand\n  sudo {program} dev cluster up --real-nodes 1   # plus un nœud réel qui fait tourner des conteneurs\n  export KUBECONFIG=$({program} dev cluster kubeconfig)\n\nLa première fois, etcd, kube-apiserver, kube-controller-manager, kube-scheduler et KWOK sont\ncompilés à partir des modules Go (Go 1.26+ requis ; une dizaine de minutes sur 2 cœurs) dans\n~/.cache/quai ; avec --real-nodes, le kubelet, kube-proxy et CoreDNS aussi (environ 5 minutes\nde plus). Les nœuds réels demandent root et les paquets Debian containerd, runc,\ncontainernetworking-plugins, iptables, socat, docker-registry, gcc et libc6-dev ; un pod y va\ns'il tolère la teinte quai.dev/real-node et choisit quai.dev/node=real (ou tourne dans un\nnamespace annoté pour cela : docs/fr/plan-de-controle-local.md). Relancée sur un cluster\ndégradé, la commande ne redémarre que ce qui est arrêté, sur les mêmes données et ports.",
  },
  'devcluster.upDone': {
    en: 'Kubeconfig: {kubeconfig}\nUse it:     export KUBECONFIG={kubeconfig}\nStop it:    {stop}',
    fr: 'Kubeconfig :   {kubeconfig}\nUtilisation :  export KUBECONFIG={kubeconfig}\nArrêt :        {stop}',
  },
  'devcluster.down': {
    en: 'Stop every component of the local control plane and delete its data',
    fr: 'Arrêter tous les composants du plan de contrôle local et supprimer ses données',
  },
  'devcluster.downHelp': {
    en: "Example:\n  {program} dev cluster down\n\nLogs stay in the cluster's logs folder for a post-mortem.",
    fr: 'Exemple :\n  {program} dev cluster down\n\nLes journaux restent dans le dossier logs du cluster pour un diagnostic.',
  },
  'devcluster.nothingRunning': { en: 'Nothing was running.', fr: 'Rien ne tournait.' },
  'devcluster.stopped': {
    en: 'Stopped {components}. Logs kept in {logs}.',
    fr: 'Arrêtés : {components}. Journaux conservés dans {logs}.',
  },
  'devcluster.status': {
    en: 'Show whether the local control plane runs, with each component and its log',
    fr: 'Dire si le plan de contrôle local tourne, avec chaque composant et son journal',
  },
  'devcluster.statusHelp': {
    en: 'Examples:\n  {program} dev cluster status\n  {program} dev cluster status -o json\n\nExits 0 when running, 7 when stopped or degraded.',
    fr: 'Exemples :\n  {program} dev cluster status\n  {program} dev cluster status -o json\n\nCode de sortie 0 s’il tourne, 7 s’il est arrêté ou dégradé.',
  },
  'devcluster.notRunning': {
    en: 'The local cluster "{name}" is not running. Start it with: {program} dev cluster up',
    fr: 'Le cluster local « {name} » ne tourne pas. Démarrez-le avec : {program} dev cluster up',
  },
  'devcluster.state.running': { en: 'running', fr: 'démarré' },
  'devcluster.state.degraded': { en: 'degraded', fr: 'dégradé' },
  'devcluster.state.stopped': { en: 'stopped', fr: 'arrêté' },
  'devcluster.statusHead': {
    en: 'Cluster "{name}": {state}\nServer:     {server}\nKubeconfig: {kubeconfig}',
    fr: 'Cluster « {name} » : {state}\nServeur :    {server}\nKubeconfig : {kubeconfig}',
  },
  'devcluster.versions': {
    en: 'Versions:   Kubernetes {kubernetes}, etcd {etcd}, KWOK {kwok}',
    fr: 'Versions :   Kubernetes {kubernetes}, etcd {etcd}, KWOK {kwok}',
  },
  'devcluster.fakeNodes': {
    en: 'Fake nodes: {ready}/{total} Ready (KWOK: no container runs)',
    fr: 'Nœuds simulés : {ready}/{total} Ready (KWOK : aucun conteneur ne tourne)',
  },
  'devcluster.realNodes': {
    en: 'Real nodes: {ready}/{total} Ready (containerd and kubelet; network {network}, address {address}, registry {registry})',
    fr: 'Nœuds réels : {ready}/{total} Ready (containerd et kubelet ; réseau {network}, adresse {address}, registre {registry})',
  },
  'devcluster.column.component': { en: 'COMPONENT', fr: 'COMPOSANT' },
  'devcluster.column.state': { en: 'STATE', fr: 'ÉTAT' },
  'devcluster.column.log': { en: 'LOG', fr: 'JOURNAL' },
  'devcluster.notRunningError': {
    en: 'The local cluster "{name}" is {state}.',
    fr: 'Le cluster local « {name} » est {state}.',
  },
  'devcluster.notRunningHint': {
    en: 'Run `{program} dev cluster up` to start or repair it.',
    fr: 'Lancez `{program} dev cluster up` pour le démarrer ou le réparer.',
  },
  'devcluster.kubeconfig': {
    en: "Print the path of the local cluster's admin kubeconfig",
    fr: 'Afficher le chemin du kubeconfig administrateur du cluster local',
  },
  'devcluster.flag.raw': {
    en: 'print the kubeconfig itself instead of its path',
    fr: 'afficher le kubeconfig lui-même plutôt que son chemin',
  },
  'devcluster.env': {
    en: 'Print the shell commands that point kubectl at the local cluster: KUBECONFIG, and PATH with the kubectl built with the control plane',
    fr: 'Afficher les commandes shell qui dirigent kubectl vers le cluster local : KUBECONFIG, et PATH avec le kubectl construit avec le plan de contrôle',
  },
  'devcluster.envHelp': {
    en: 'Examples:\n  eval "$({program} dev cluster env)"\n  kubectl get nodes',
    fr: 'Exemples :\n  eval "$({program} dev cluster env)"\n  kubectl get nodes',
  },
  'devcluster.envNoKubectl': {
    en: 'kubectl is not built yet ({path}): `{program} dev cluster up` builds it with the control plane.',
    fr: "kubectl n'est pas encore construit ({path}) : `{program} dev cluster up` le construit avec le plan de contrôle.",
  },
  'devcluster.kubeconfigHelp': {
    en: 'Examples:\n  export KUBECONFIG=$({program} dev cluster kubeconfig)\n  {program} dev cluster kubeconfig --raw > ~/.kube/quai-dev',
    fr: 'Exemples :\n  export KUBECONFIG=$({program} dev cluster kubeconfig)\n  {program} dev cluster kubeconfig --raw > ~/.kube/quai-dev',
  },
  'devcluster.clusterHelp': {
    en: 'Example:\n  {program} dev cluster up && kubectl --kubeconfig "$({program} dev cluster kubeconfig)" get nodes',
    fr: 'Exemple :\n  {program} dev cluster up && kubectl --kubeconfig "$({program} dev cluster kubeconfig)" get nodes',
  },
  'devcluster.imageBuild': {
    en: "Build images from Debian packages (cached) and push them to the real nodes' registry",
    fr: 'Construire des images avec des paquets Debian (mises en cache) et les pousser dans le registre des nœuds réels',
  },
  'devcluster.arg.images': {
    en: 'images to build: {names} (default: all)',
    fr: 'images à construire : {names} (par défaut : toutes)',
  },
  'devcluster.flag.noPush': {
    en: 'build into the cache only; no cluster needed',
    fr: 'construire dans le cache seulement ; aucun cluster nécessaire',
  },
  'devcluster.imageHelp': {
    en: "Examples:\n  {program} dev image build postgres nginx\n  {program} dev image build quai --no-push     # Quai's own image (run npm run build first)\n\nImages are made by mmdebstrap (Debian package mmdebstrap) from the host's Debian suite, packed\nas OCI images by Quai and kept in ~/.cache/quai/images, keyed by what makes them.",
    fr: "Exemples :\n  {program} dev image build postgres nginx\n  {program} dev image build quai --no-push     # l'image de Quai (lancer npm run build avant)\n\nLes images sont fabriquées par mmdebstrap (paquet Debian mmdebstrap) à partir de la version de\nDebian de l'hôte, mises au format OCI par Quai et gardées dans ~/.cache/quai/images, selon\nl'empreinte de ce qui les compose.",
  },
  'devcluster.column.image': { en: 'IMAGE', fr: 'IMAGE' },
  'devcluster.column.reference': { en: 'REFERENCE', fr: 'RÉFÉRENCE' },
  'devcluster.column.cached': { en: 'CACHED', fr: 'EN CACHE' },
  'devcluster.column.seconds': { en: 'SECONDS', fr: 'SECONDES' },
  'devcluster.imageBuilt': { en: '{image}: {reference}', fr: '{image} : {reference}' },
  'devcluster.demo': {
    en: 'Show Quai at work: on your cluster if one is configured, else on the local control plane',
    fr: "Montrer Quai à l'œuvre : sur votre cluster s'il est configuré, sinon sur le plan de contrôle local",
  },
  'devcluster.demo.flag.nodes': {
    en: 'fake nodes for the local control plane',
    fr: 'nœuds simulés du plan de contrôle local',
  },
  'devcluster.demo.flag.realNodes': {
    en: 'real nodes that run containers (needs root and Debian packages; default 1 when the machine allows, else 0)',
    fr: 'nœuds réels qui font tourner des conteneurs (root et paquets Debian nécessaires ; 1 par défaut si la machine le permet, sinon 0)',
  },
  'devcluster.demo.flag.example': {
    en: 'vendor compose file deployed on the local control plane',
    fr: 'fichier compose d’éditeur déployé sur le plan de contrôle local',
  },
  'devcluster.demo.help': {
    en: 'Examples:\n  {program} demo                          # local control plane (built on first use),\n                                                  # then Grist imported from compose and deployed on\n                                                  # fake nodes, and a real web app with its PostgreSQL\n                                                  # on a real node (as root)\n  {program} demo --real-nodes 0             # fake nodes only\n  {program} demo --kubeconfig ~/.kube/config --context staging',
    fr: 'Exemples :\n  {program} demo                          # plan de contrôle local (compilé à la première utilisation),\n                                                  # puis Grist importé depuis compose et déployé sur des\n                                                  # nœuds simulés, et une vraie application web avec son\n                                                  # PostgreSQL sur un nœud réel (en root)\n  {program} demo --real-nodes 0             # nœuds simulés seulement\n  {program} demo --kubeconfig ~/.kube/config --context recette',
  },
  'devcluster.demo.local': {
    en: 'No cluster configured (no --kubeconfig, --context or KUBECONFIG): using the local control plane',
    fr: 'Aucun cluster configuré (ni --kubeconfig, ni --context, ni KUBECONFIG) : utilisation du plan de contrôle local',
  },
  'devcluster.demo.noRealNode': { en: 'No real node: {reason}', fr: 'Pas de nœud réel : {reason}' },
  'devcluster.demo.importing': {
    en: 'Importing {file} (a vendor compose file)',
    fr: 'Import de {file} (un fichier compose d’éditeur)',
  },
  'devcluster.demo.conversion': {
    en: 'Conversion: {mapped} keys mapped, {approximated} approximated, {dropped} not carried over, {refused} refused',
    fr: 'Conversion : {mapped} clés reprises, {approximated} approchées, {dropped} non reprises, {refused} refusées',
  },
  'devcluster.demo.rendered': {
    en: 'Rendered {count} hardened objects (Pod Security: {level}); deploying',
    fr: '{count} objets durcis produits (Pod Security : {level}) ; déploiement',
  },
  'devcluster.demo.renderedReal': {
    en: 'Rendered {count} hardened objects (Pod Security: {level}); deploying on the real node',
    fr: '{count} objets durcis produits (Pod Security : {level}) ; déploiement sur le nœud réel',
  },
  'devcluster.demo.objectsReady': { en: '{ready}/{total} objects ready', fr: '{ready}/{total} objets prêts' },
  'devcluster.demo.revision': {
    en: '{app} revision {revision} {status} in {seconds}s',
    fr: '{app} révision {revision} {status} en {seconds} s',
  },
  'devcluster.demo.buildingImages': {
    en: 'Real node: building the web app and PostgreSQL images from Debian packages (cached after the first time)',
    fr: 'Nœud réel : construction des images de l’application web et de PostgreSQL avec des paquets Debian (en cache après la première fois)',
  },
  'devcluster.demo.notReady': {
    en: 'The real app did not become ready: {reason}.',
    fr: 'La vraie application n’est pas devenue prête : {reason}.',
  },
  'devcluster.demo.notReadyHint': {
    en: "Read the pods' events: kubectl -n visits describe pods",
    fr: 'Lisez les événements des pods : kubectl -n visits describe pods',
  },
  'devcluster.demo.cluster': {
    en: 'Cluster {server} (context "{context}"), Kubernetes {kubernetes}',
    fr: 'Cluster {server} (contexte « {context} »), Kubernetes {kubernetes}',
  },
  'devcluster.demo.column.node': { en: 'NODE', fr: 'NŒUD' },
  'devcluster.demo.column.kind': { en: 'KIND', fr: 'SORTE' },
  'devcluster.demo.column.status': { en: 'STATUS', fr: 'ÉTAT' },
  'devcluster.demo.column.zone': { en: 'ZONE', fr: 'ZONE' },
  'devcluster.demo.column.memory': { en: 'MEMORY', fr: 'MÉMOIRE' },
  'devcluster.demo.real': { en: 'real (kubelet, containerd)', fr: 'réel (kubelet, containerd)' },
  'devcluster.demo.fake': { en: 'fake (KWOK)', fr: 'simulé (KWOK)' },
  'devcluster.demo.deployedFake': {
    en: 'Deployed {app}: revision {revision} {status} in namespace {namespace} (simulated: fake nodes run no container).',
    fr: 'Déployé {app} : révision {revision} {status} dans le namespace {namespace} (simulé : les nœuds simulés ne font tourner aucun conteneur).',
  },
  'devcluster.demo.deployedReal': {
    en: 'Deployed visits (web + PostgreSQL): revision {revision} {status} in namespace {namespace}, on the real node: real containers.',
    fr: 'Déployé visits (web + PostgreSQL) : révision {revision} {status} dans le namespace {namespace}, sur le nœud réel : de vrais conteneurs.',
  },
  'devcluster.demo.answers': { en: 'It answers at {url}: {answer}', fr: 'Elle répond à {url} : {answer}' },
  'devcluster.demo.tryStatus': {
    en: 'Try: {program} status {app} --kubeconfig {kubeconfig}',
    fr: 'Essayez : {program} status {app} --kubeconfig {kubeconfig}',
  },
  'devcluster.demo.tryKubectl': {
    en: 'Try: kubectl --kubeconfig {kubeconfig} get pods -A',
    fr: 'Essayez : kubectl --kubeconfig {kubeconfig} get pods -A',
  },
  // ---- errors of the local cluster ----
  'devcluster.badName': { en: 'Invalid cluster name "{name}".', fr: 'Nom de cluster invalide : « {name} ».' },
  'devcluster.badNameHint': {
    en: 'Use 1 to 32 lower-case letters, digits and dashes.',
    fr: 'Utilisez de 1 à 32 lettres minuscules, chiffres et tirets.',
  },
  'devcluster.stateUnreadable': {
    en: 'The state file {file} is unreadable.',
    fr: "Le fichier d'état {file} est illisible.",
  },
  'devcluster.stateUnreadableHint': {
    en: 'Stop any leftover processes listed in {logs}, then delete {folder}.',
    fr: 'Arrêtez les processus restants listés dans {logs}, puis supprimez {folder}.',
  },
  'devcluster.locked': {
    en: 'Another quai command (pid {pid}) holds {lock}.',
    fr: 'Une autre commande quai (pid {pid}) tient {lock}.',
  },
  'devcluster.lockedHint': {
    en: 'Wait for it to finish, or delete the lock folder if that process is gone.',
    fr: "Attendez qu'elle finisse, ou supprimez le dossier du verrou si ce processus n'existe plus.",
  },
  'devcluster.badNodeCount': { en: 'Invalid node count {count}.', fr: 'Nombre de nœuds invalide : {count}.' },
  'devcluster.badRealNodeCount': {
    en: 'Invalid real node count {count}.',
    fr: 'Nombre de nœuds réels invalide : {count}.',
  },
  'devcluster.countHint': {
    en: 'Give a whole number from 0 to {max}.',
    fr: 'Donnez un nombre entier de 0 à {max}.',
  },
  'devcluster.realNodesChange': {
    en: 'The running cluster "{name}" has {count|# real node|# real nodes}; changing that needs a restart.',
    fr: 'Le cluster « {name} » qui tourne a {count|# nœud réel|# nœuds réels} ; changer ce nombre demande un redémarrage.',
  },
  'devcluster.restartHint': {
    en: 'Run `quai dev cluster down`, then `quai dev cluster up --real-nodes {count}`.',
    fr: 'Lancez `quai dev cluster down`, puis `quai dev cluster up --real-nodes {count}`.',
  },
  'devcluster.olderCluster': {
    en: 'The running cluster "{name}" was started by an older Quai whose API server cannot talk to kubelets.',
    fr: "Le cluster « {name} » qui tourne a été démarré par une version plus ancienne de Quai, dont le serveur d'API ne peut pas parler aux kubelets.",
  },
  'devcluster.interrupted': {
    en: 'Interrupted: every component started so far was stopped.',
    fr: 'Interrompu : chaque composant démarré jusque-là a été arrêté.',
  },
  'devcluster.fakeNodesNotReady': {
    en: 'Only {ready} of {count} fake nodes became Ready in time.',
    fr: 'Seuls {ready} des {count} nœuds simulés sont devenus Ready à temps.',
  },
  'devcluster.fakeNodesNotReadyHint': {
    en: 'Read the kwok log in the logs folder (`quai dev cluster status` names it).',
    fr: 'Lisez le journal de kwok dans le dossier des journaux (`quai dev cluster status` le nomme).',
  },
  'devcluster.clusterNotRunning': {
    en: 'The local cluster "{name}" is not running.',
    fr: 'Le cluster local « {name} » ne tourne pas.',
  },
  'devcluster.startHint': {
    en: 'Start it with `quai dev cluster up`.',
    fr: 'Démarrez-le avec `quai dev cluster up`.',
  },
  'devcluster.componentNotRunning': {
    en: '{component} of the local cluster "{name}" is not running.',
    fr: '{component} du cluster local « {name} » ne tourne pas.',
  },
  'devcluster.noComponent': {
    en: 'The local cluster "{name}" has no {component} to start.',
    fr: "Le cluster local « {name} » n'a pas de {component} à démarrer.",
  },
  'devcluster.noRealNodes': {
    en: 'The local cluster "{name}" has no real nodes.',
    fr: "Le cluster local « {name} » n'a pas de nœuds réels.",
  },
  'devcluster.noRealNodesForImages': {
    en: 'The local cluster "{name}" has no real nodes to run images.',
    fr: "Le cluster local « {name} » n'a pas de nœuds réels pour faire tourner des images.",
  },
  'devcluster.startRealNodesHint': {
    en: 'Start it with `quai dev cluster up --real-nodes 1`.',
    fr: 'Démarrez-le avec `quai dev cluster up --real-nodes 1`.',
  },
  // ---- components ----
  'devcluster.componentFailed': {
    en: '{component} {what}. Log: {log}',
    fr: '{component} {what}. Journal : {log}',
  },
  'devcluster.componentPortTaken': {
    en: '{component} {what}: its port was taken by another process. Log: {log}',
    fr: '{component} {what} : son port a été pris par un autre processus. Journal : {log}',
  },
  'devcluster.componentPortTakenHint': {
    en: 'Run the command again: Quai picks new free ports each time.',
    fr: 'Relancez la commande : Quai choisit de nouveaux ports libres à chaque fois.',
  },
  'devcluster.componentFailedHint': {
    en: 'Read {log}; everything started was stopped again.',
    fr: 'Lisez {log} ; tout ce qui avait démarré a été arrêté.',
  },
  'devcluster.component.exitedStarting': {
    en: 'exited ({exit}) while starting',
    fr: "s'est arrêté ({exit}) pendant son démarrage",
  },
  'devcluster.component.exitedRestart': {
    en: 'exited ({exit}) on restart',
    fr: "s'est arrêté ({exit}) au redémarrage",
  },
  'devcluster.component.notState': {
    en: 'was not {state} after {seconds}s',
    fr: "n'était pas {state} au bout de {seconds} s",
  },
  'devcluster.component.serving': { en: 'serving', fr: 'en service' },
  'devcluster.component.healthy': { en: 'healthy', fr: 'en bonne santé' },
  'devcluster.component.ready': { en: 'ready', fr: 'prêt' },
  'devcluster.component.listening': { en: 'listening', fr: "à l'écoute" },
  'devcluster.component.creatingServiceAccounts': {
    en: 'creating service accounts',
    fr: 'en train de créer les comptes de service',
  },
  // ---- real nodes ----
  'devcluster.realNode.componentExited': {
    en: '{component} exited ({exit}) while its node was starting.',
    fr: "{component} s'est arrêté ({exit}) pendant le démarrage de son nœud.",
  },
  'devcluster.realNode.componentExitedHint': {
    en: "Read its log: logs/{component}.log in the cluster's folder.",
    fr: 'Lisez son journal : logs/{component}.log dans le dossier du cluster.',
  },
  'devcluster.realNode.notReady': {
    en: 'Only {ready} of {count} real nodes became Ready in time.',
    fr: 'Seuls {ready} des {count} nœuds réels sont devenus Ready à temps.',
  },
  'devcluster.realNode.notReadyHint': {
    en: 'Read the kubelet and containerd logs in the logs folder (`quai dev cluster status` names it).',
    fr: 'Lisez les journaux du kubelet et de containerd dans le dossier des journaux (`quai dev cluster status` le nomme).',
  },
  'devcluster.realNode.addressesTaken': {
    en: "The real nodes' addresses {block} are taken by something else on this machine now.",
    fr: 'Les adresses des nœuds réels {block} sont maintenant prises par autre chose sur cette machine.',
  },
  'devcluster.realNode.addressesTakenHint': {
    en: 'Run `quai dev cluster down`, then `quai dev cluster up --real-nodes N` to take new ones.',
    fr: 'Lancez `quai dev cluster down`, puis `quai dev cluster up --real-nodes N` pour en prendre de nouvelles.',
  },
  'devcluster.realNode.linuxOnly': {
    en: 'Real nodes run on Linux only.',
    fr: 'Les nœuds réels ne tournent que sous Linux.',
  },
  'devcluster.realNode.linuxOnlyHint': {
    en: 'Use fake nodes (--real-nodes 0) on this system.',
    fr: 'Utilisez des nœuds simulés (--real-nodes 0) sur ce système.',
  },
  'devcluster.realNode.needsRoot': {
    en: 'Real nodes need root: the kubelet and containerd make network namespaces, cgroups and mounts.',
    fr: 'Les nœuds réels exigent root : le kubelet et containerd créent des namespaces réseau, des cgroups et des montages.',
  },
  'devcluster.realNode.needsRootHint': {
    en: 'Run `quai dev cluster up --real-nodes N` as root (sudo), or use fake nodes only.',
    fr: 'Lancez `quai dev cluster up --real-nodes N` en root (sudo), ou utilisez seulement des nœuds simulés.',
  },
  'devcluster.realNode.missing': {
    en: 'Real nodes need {tools}, which {count|is|are} not installed.',
    fr: "Les nœuds réels exigent {tools}, {count|qui n'est pas installé|qui ne sont pas installés}.",
  },
  'devcluster.realNode.missingHint': {
    en: 'Install {count|the Debian package|the Debian packages}: apt-get install {packages}',
    fr: 'Installez {count|le paquet Debian|les paquets Debian} : apt-get install {packages}',
  },
  'devcluster.realNode.toolMissing': {
    en: '{tool} is not installed; real nodes need it.',
    fr: "{tool} n'est pas installé ; les nœuds réels en ont besoin.",
  },
  'devcluster.installHint': {
    en: 'Install it (Debian: apt-get install {package}).',
    fr: 'Installez-le (Debian : apt-get install {package}).',
  },
  'devcluster.realNode.commandFailed': {
    en: '`{command}` failed: {output}',
    fr: '`{command}` a échoué : {output}',
  },
  'devcluster.realNode.commandFailedHint': {
    en: 'Real nodes need root (network namespaces, cgroups, mounts).',
    fr: 'Les nœuds réels exigent root (namespaces réseau, cgroups, montages).',
  },
  'devcluster.realNode.noFreeBlock': {
    en: 'No free /24 block is left in {range} for real nodes.',
    fr: 'Il ne reste aucun bloc /24 libre dans {range} pour les nœuds réels.',
  },
  'devcluster.realNode.noFreeBlockHint': {
    en: 'Stop other local clusters with real nodes (`quai dev cluster down`).',
    fr: 'Arrêtez les autres clusters locaux qui ont des nœuds réels (`quai dev cluster down`).',
  },
  // ---- certificates and builds ----
  'devcluster.pki.noOpenssl': {
    en: "openssl is not installed; it makes the local control plane's certificates.",
    fr: "openssl n'est pas installé ; il fabrique les certificats du plan de contrôle local.",
  },
  'devcluster.pki.noOpensslHint': {
    en: 'Install it (Debian/Ubuntu: apt-get install openssl).',
    fr: 'Installez-le (Debian/Ubuntu : apt-get install openssl).',
  },
  'devcluster.pki.failed': {
    en: 'openssl {command} failed: {output}',
    fr: 'openssl {command} a échoué : {output}',
  },
  'devcluster.build.versionsLack': { en: '{file} lacks {key}.', fr: 'Il manque {key} dans {file}.' },
  'devcluster.build.interrupted': {
    en: 'Interrupted while building the local control plane; nothing was installed.',
    fr: "Interrompu pendant la compilation du plan de contrôle local ; rien n'a été installé.",
  },
  'devcluster.build.failed': {
    en: 'The build of the local cluster stopped: {error}',
    fr: "La compilation du cluster local s'est arrêtée : {error}",
  },
  'devcluster.build.prerequisiteHint': {
    en: 'Install what is named above, or set QUAI_TEST_KUBECONFIG / --kubeconfig to use an existing cluster.',
    fr: 'Installez ce qui est nommé ci-dessus, ou définissez QUAI_TEST_KUBECONFIG / --kubeconfig pour utiliser un cluster existant.',
  },
  'devcluster.build.failedHint': {
    en: 'See the build log named above; to try neighbouring versions set QUAI_K8S_VERSION, QUAI_ETCD_VERSION or QUAI_KWOK_VERSION.',
    fr: 'Voyez le journal de compilation nommé ci-dessus ; pour essayer des versions voisines, définissez QUAI_K8S_VERSION, QUAI_ETCD_VERSION ou QUAI_KWOK_VERSION.',
  },
  'devcluster.build.incomplete': {
    en: 'The build finished but left out {missing}.',
    fr: "La compilation s'est terminée sans produire {missing}.",
  },
  // ---- images ----
  'devcluster.image.unknown': {
    en: 'There is no image named "{image}".',
    fr: "Aucune image ne s'appelle « {image} ».",
  },
  'devcluster.image.unknownHint': { en: 'Choose one of: {images}.', fr: 'Choisissez parmi : {images}.' },
  'devcluster.image.toolMissing': {
    en: '{tool} is not installed; Quai builds images from Debian packages with it.',
    fr: "{tool} n'est pas installé ; Quai s'en sert pour construire les images à partir de paquets Debian.",
  },
  'devcluster.image.noUser': {
    en: 'The image {image} has no user "{user}".',
    fr: "L'image {image} n'a pas d'utilisateur « {user} ».",
  },
  'devcluster.image.noSpace': {
    en: 'No space left under {folder} while building {image}.',
    fr: 'Plus de place sous {folder} pendant la construction de {image}.',
  },
  'devcluster.image.noSpaceHint': {
    en: 'Free space on that disk or point QUAI_CACHE_DIR elsewhere, then build again.',
    fr: 'Libérez de la place sur ce disque ou faites pointer QUAI_CACHE_DIR ailleurs, puis relancez la construction.',
  },
  'devcluster.image.interrupted': {
    en: 'Interrupted while building the image {image}; nothing was kept.',
    fr: "Interrompu pendant la construction de l'image {image} ; rien n'a été gardé.",
  },
  'devcluster.image.mmdebstrapNoSpace': {
    en: 'No space left on device while mmdebstrap built {image}.',
    fr: 'Plus de place sur le périphérique pendant que mmdebstrap construisait {image}.',
  },
  'devcluster.image.mmdebstrapNoSpaceHint': {
    en: 'Free space under the cache folder (QUAI_CACHE_DIR) and /tmp, then build again.',
    fr: 'Libérez de la place dans le dossier de cache (QUAI_CACHE_DIR) et dans /tmp, puis relancez la construction.',
  },
  'devcluster.image.mmdebstrapFailed': {
    en: 'mmdebstrap could not build {image}: {reason}',
    fr: "mmdebstrap n'a pas pu construire {image} : {reason}",
  },
  'devcluster.image.mmdebstrapFailedHint': {
    en: 'Check that the Debian mirror named in /etc/apt/sources.list(.d) answers (`apt-get update`), then build again.',
    fr: 'Vérifiez que le miroir Debian nommé dans /etc/apt/sources.list(.d) répond (`apt-get update`), puis relancez la construction.',
  },
  'devcluster.exitCode': { en: 'exit {code}', fr: 'code de sortie {code}' },
  'devcluster.image.notBuilt': {
    en: 'packages/{workspace} is not built ({dist} is missing).',
    fr: "packages/{workspace} n'est pas compilé ({dist} manque).",
  },
  'devcluster.image.notBuiltHint': {
    en: 'Run `npm run build` first: the image holds the built CLI.',
    fr: "Lancez d'abord `npm run build` : l'image contient la CLI compilée.",
  },
  'devcluster.image.npmFailed': { en: 'npm {args} failed: {output}', fr: 'npm {args} a échoué : {output}' },
  'devcluster.image.npmFailedHint': {
    en: 'Check that the npm registry answers (`npm ping`).',
    fr: 'Vérifiez que le registre npm répond (`npm ping`).',
  },
  'devcluster.image.noGcc': {
    en: 'gcc is not installed; it compiles the pause program of real nodes.',
    fr: "gcc n'est pas installé ; il compile le programme pause des nœuds réels.",
  },
  'devcluster.image.gccFailed': {
    en: 'gcc could not compile the pause program statically: {output}',
    fr: "gcc n'a pas pu compiler le programme pause en statique : {output}",
  },
  'devcluster.image.gccHint': {
    en: 'Install the Debian packages gcc and libc6-dev.',
    fr: 'Installez les paquets Debian gcc et libc6-dev.',
  },
  'devcluster.registry.full': {
    en: "The registry's folder {folder} is full ({free} MiB free): it could not store {what} of {image}.",
    fr: "Le dossier du registre {folder} est plein ({free} Mio libres) : il n'a pas pu ranger {what} de {image}.",
  },
  'devcluster.registry.fullHint': {
    en: 'Free space on that disk (or `quai dev cluster down` to drop the cluster and its registry), then build the image again.',
    fr: "Libérez de la place sur ce disque (ou `quai dev cluster down` pour supprimer le cluster et son registre), puis reconstruisez l'image.",
  },
  'devcluster.registry.refused': {
    en: 'The registry {registry} refused {what} of {image}: {reason}.',
    fr: 'Le registre {registry} a refusé {what} de {image} : {reason}.',
  },
  'devcluster.registry.refusedHint': {
    en: 'Read the registry log in the cluster logs folder (`quai dev cluster status` names it).',
    fr: 'Lisez le journal du registre dans le dossier des journaux du cluster (`quai dev cluster status` le nomme).',
  },
  'devcluster.registry.blobUpload': { en: 'a blob upload', fr: "l'envoi d'un blob" },
  'devcluster.registry.layer': { en: 'layer {digest}', fr: 'la couche {digest}' },
  'devcluster.registry.manifest': { en: 'the manifest', fr: 'le manifeste' },

  // Progress lines of `quai dev cluster up` (shown as they come).
  'devcluster.progress.stages': {
    en: 'Updating KWOK stages (restarting KWOK only)',
    fr: 'Mise à jour des étapes KWOK (seul KWOK redémarre)',
  },
  'devcluster.progress.addingNodes': {
    en: 'Adding nodes: {from} -> {to}',
    fr: 'Ajout de nœuds : {from} -> {to}',
  },
  'devcluster.progress.reusing': {
    en: 'Reusing the running cluster "{name}" ({server})',
    fr: 'Réutilisation du cluster en marche « {name} » ({server})',
  },
  'devcluster.progress.cleaningBroken': {
    en: 'Cleaning up a broken cluster "{name}" (its data or certificates are gone)',
    fr: 'Nettoyage d’un cluster cassé « {name} » (ses données ou ses certificats ont disparu)',
  },
  'devcluster.progress.versions': {
    en: 'Control plane: Kubernetes {kubernetes}, etcd {etcd}, KWOK {kwok}',
    fr: 'Plan de contrôle : Kubernetes {kubernetes}, etcd {etcd}, KWOK {kwok}',
  },
  'devcluster.progress.certificates': {
    en: 'Making certificates and keys',
    fr: 'Création des certificats et des clés',
  },
  'devcluster.progress.etcd': {
    en: 'Starting etcd on 127.0.0.1:{port}',
    fr: 'Démarrage d’etcd sur 127.0.0.1:{port}',
  },
  'devcluster.progress.apiserver': {
    en: 'Starting kube-apiserver on {server}',
    fr: 'Démarrage de kube-apiserver sur {server}',
  },
  'devcluster.progress.controllers': {
    en: 'Starting kube-controller-manager, kube-scheduler and KWOK',
    fr: 'Démarrage de kube-controller-manager, kube-scheduler et KWOK',
  },
  'devcluster.progress.creatingNodes': {
    en: 'Creating {count|# fake node|# fake nodes}',
    fr: 'Création de {count|# faux nœud|# faux nœuds}',
  },
  'devcluster.progress.up': {
    en: 'Cluster "{name}" is up at {server}',
    fr: 'Le cluster « {name} » est en marche sur {server}',
  },
  'devcluster.progress.fakeReady': {
    en: 'Fake nodes Ready: {ready}/{want}',
    fr: 'Faux nœuds prêts : {ready}/{want}',
  },
  'devcluster.progress.restarting': {
    en: 'Restarting what is down: {components} (same data and ports)',
    fr: 'Redémarrage de ce qui est arrêté : {components} (mêmes données et mêmes ports)',
  },
  'devcluster.progress.realNetwork': {
    en: 'Real nodes: network namespace, cgroups and registry',
    fr: 'Vrais nœuds : namespace réseau, cgroups et registre',
  },
  'devcluster.progress.realPause': { en: 'Real nodes: pause image', fr: 'Vrais nœuds : image pause' },
  'devcluster.progress.realKubelet': {
    en: 'Real nodes: containerd and kubelet of {name} ({address})',
    fr: 'Vrais nœuds : containerd et kubelet de {name} ({address})',
  },
  'devcluster.progress.realAddons': {
    en: 'Real nodes: kube-proxy, CoreDNS and the local-path provisioner',
    fr: 'Vrais nœuds : kube-proxy, CoreDNS et le provisionneur local-path',
  },
  'devcluster.progress.realReady': {
    en: 'Real nodes Ready: {ready}/{count}',
    fr: 'Vrais nœuds prêts : {ready}/{count}',
  },
  'devcluster.progress.done': { en: '{message} ({seconds})', fr: '{message} ({seconds})' },
} as const;
