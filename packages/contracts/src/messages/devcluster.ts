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
} as const;
