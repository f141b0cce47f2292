/** Cluster plan: checking an inventory of VMs, planning RKE2 or K3s, the install checklist. */
export const clusterplanMessages = {
  'clusterplan.command': {
    en: 'Plan a production cluster on virtual machines (RKE2 or K3s)',
    fr: 'Planifier un cluster de production sur des machines virtuelles (RKE2 ou K3s)',
  },
  'clusterplan.arg.inventory': {
    en: 'inventory file (YAML): nodes, networks, load balancer, storage, registry, proxy',
    fr: "fichier d'inventaire (YAML) : nœuds, réseaux, répartiteur de charge, stockage, registre, proxy",
  },
  'clusterplan.flag.out': {
    en: 'write the plan into this folder (one sub-folder per node, checklist.md); replaced atomically',
    fr: 'écrire le plan dans ce dossier (un sous-dossier par nœud, checklist.md) ; remplacé de façon atomique',
  },
  'clusterplan.flag.distribution': {
    en: 'override spec.distribution of the inventory',
    fr: "remplacer spec.distribution de l'inventaire",
  },
  'clusterplan.help': {
    en: 'Checks: unique names and addresses, an odd number of control-plane nodes (three in prod) behind a load balancer, minimum sizes, pod and service networks that overlap no existing network, time servers, an etcd snapshot schedule with a copy off the nodes, the registry mirror (air-gapped installs), storage. Errors name the inventory line and the fix; nothing is written on error. The inventory format is in docs/install.md (docs/examples/cluster-inventory.yaml).',
    fr: "Vérifie : noms et adresses uniques, un nombre impair de nœuds du plan de contrôle (trois en prod) derrière un répartiteur de charge, les tailles minimales, des réseaux de pods et de services qui ne chevauchent aucun réseau existant, les serveurs de temps, une planification des instantanés etcd avec une copie hors des nœuds, le miroir de registre (installations hors ligne), le stockage. Les erreurs indiquent la ligne de l'inventaire et la correction ; rien n'est écrit en cas d'erreur. Le format de l'inventaire est dans docs/fr/installation.md (docs/examples/cluster-inventory.yaml).",
  },
  'clusterplan.wrote': {
    en: 'Wrote the plan of cluster {cluster} ({nodes} nodes, {files} files) to {dir}; start with {dir}/checklist.md',
    fr: 'Plan du cluster {cluster} ({nodes} nœuds, {files} fichiers) écrit dans {dir} ; commencez par {dir}/checklist.md',
  },
  'clusterplan.inventory': { en: 'cluster inventory', fr: 'inventaire de cluster' },
  'clusterplan.invalid': {
    en: 'Invalid {what} "{file}": {count|# error|# errors}\n{problems}',
    fr: '{what} « {file} » invalide : {count|# erreur|# erreurs}\n{problems}',
  },
  'clusterplan.invalidHint': {
    en: 'Fix each error listed above; nothing was written.',
    fr: "Corrigez chaque erreur listée ci-dessus ; rien n'a été écrit.",
  },
  'clusterplan.problem': { en: '  {where}: error: {message}', fr: '  {where} : erreur : {message}' },
  'clusterplan.problemWithFix': {
    en: '  {where}: error: {message}; fix: {fix}',
    fr: '  {where} : erreur : {message} ; correction : {fix}',
  },
  'clusterplan.warningLine': { en: '{where}: warning: {message}', fr: '{where} : avertissement : {message}' },
  'clusterplan.warningWithHint': {
    en: '{where}: warning: {message} ({hint})',
    fr: '{where} : avertissement : {message} ({hint})',
  },
  'clusterplan.lines': { en: '{first}\n{rest}', fr: '{first}\n{rest}' },
  'clusterplan.more': { en: '  ... and {count} more', fr: '  ... et {count} de plus' },
  'clusterplan.unknownKeys': { en: 'unknown key {keys}', fr: 'clé inconnue {keys}' },
  'clusterplan.unknownKeysHint': {
    en: 'Check the spelling against the documented format.',
    fr: "Vérifiez l'orthographe par rapport au format documenté.",
  },
  'clusterplan.schema.ipv4': {
    en: 'must be an IPv4 address such as 10.10.1.11',
    fr: 'doit être une adresse IPv4 comme 10.10.1.11',
  },
  'clusterplan.schema.cidr': {
    en: 'must be an IPv4 network in CIDR notation such as 10.42.0.0/16',
    fr: 'doit être un réseau IPv4 en notation CIDR comme 10.42.0.0/16',
  },
  'clusterplan.schema.hostname': {
    en: 'must be a host name such as k8s-api.example.org (lower case)',
    fr: "doit être un nom d'hôte comme k8s-api.example.org (en minuscules)",
  },
  'clusterplan.schema.nodeName': {
    en: 'must be a DNS-1123 label of at most 63 characters: lower-case letters, digits and "-"',
    fr: 'doit être un label DNS-1123 de 63 caractères au plus : minuscules, chiffres et « - »',
  },
  'clusterplan.schema.url': {
    en: 'must be an address such as https://harbor.example.org',
    fr: 'doit être une adresse comme https://harbor.example.org',
  },
  'clusterplan.schema.version': {
    en: 'must be a release such as v1.34.2+rke2r1 or v1.34.2+k3s1',
    fr: 'doit être une version comme v1.34.2+rke2r1 ou v1.34.2+k3s1',
  },
  'clusterplan.schema.s3Endpoint': {
    en: 'must be host or host:port, without https://',
    fr: 'doit être hôte ou hôte:port, sans https://',
  },
  'clusterplan.schema.absolutePath': { en: 'must be an absolute path', fr: 'doit être un chemin absolu' },
  'clusterplan.duplicateName': {
    en: 'node name "{name}" is already used by spec.nodes[{index}]',
    fr: 'le nom de nœud « {name} » est déjà utilisé par spec.nodes[{index}]',
  },
  'clusterplan.duplicateNameHint': {
    en: 'Every node needs its own name (Kubernetes registers nodes by name): rename one of them.',
    fr: 'Chaque nœud a besoin de son propre nom (Kubernetes enregistre les nœuds par leur nom) : renommez l’un des deux.',
  },
  'clusterplan.duplicateAddress': {
    en: 'address {address} is already used by {other}',
    fr: "l'adresse {address} est déjà utilisée par {other}",
  },
  'clusterplan.duplicateAddressHint': {
    en: 'Give each machine its own address; the load balancer needs an address of its own too.',
    fr: 'Donnez à chaque machine sa propre adresse ; le répartiteur de charge a aussi besoin de la sienne.',
  },
  'clusterplan.noControlPlane': {
    en: 'no node has the role control-plane',
    fr: "aucun nœud n'a le rôle control-plane",
  },
  'clusterplan.noControlPlaneHint': {
    en: 'Give three nodes the role control-plane (they run etcd and the API server).',
    fr: "Donnez le rôle control-plane à trois nœuds (ils font tourner etcd et le serveur d'API).",
  },
  'clusterplan.evenControlPlane': {
    en: '{count} control-plane nodes: etcd needs an odd number (quorum is n/2+1, so {count} nodes survive no more failures than {fewer})',
    fr: '{count} nœuds du plan de contrôle : etcd exige un nombre impair (le quorum est n/2+1, donc {count} nœuds ne survivent pas à plus de pannes que {fewer})',
  },
  'clusterplan.evenControlPlaneHint': {
    en: 'Use {fewer} or {more} control-plane nodes (three is the usual choice); turn the extra one into a worker.',
    fr: 'Utilisez {fewer} ou {more} nœuds du plan de contrôle (trois est le choix habituel) ; faites du nœud en trop un nœud de travail.',
  },
  'clusterplan.singleControlPlane': {
    en: 'one control-plane node: losing it stops the cluster (no high availability)',
    fr: 'un seul nœud du plan de contrôle : le perdre arrête le cluster (pas de haute disponibilité)',
  },
  'clusterplan.singleControlPlaneHint': {
    en: 'Use three control-plane nodes in production, or set spec.environment to test or staging.',
    fr: 'Utilisez trois nœuds du plan de contrôle en production, ou mettez spec.environment à test ou staging.',
  },
  'clusterplan.noLoadBalancer': {
    en: '{count} control-plane nodes but no load balancer: nodes need one fixed address to register and reach the API',
    fr: "{count} nœuds du plan de contrôle mais pas de répartiteur de charge : les nœuds ont besoin d'une adresse fixe pour s'enregistrer et joindre l'API",
  },
  'clusterplan.noLoadBalancerHint': {
    en: 'Add spec.loadBalancer.address (a layer-4 load balancer or virtual IP forwarding TCP {ports} to the control-plane nodes).',
    fr: 'Ajoutez spec.loadBalancer.address (un répartiteur de niveau 4 ou une adresse virtuelle qui transmet TCP {ports} aux nœuds du plan de contrôle).',
  },
  'clusterplan.noWorkers': {
    en: 'no worker nodes: applications will run on the control-plane nodes',
    fr: 'aucun nœud de travail : les applications tourneront sur les nœuds du plan de contrôle',
  },
  'clusterplan.noWorkersHint': {
    en: 'Add worker nodes so that a busy application cannot starve etcd and the API server.',
    fr: "Ajoutez des nœuds de travail pour qu'une application chargée ne prive pas etcd et le serveur d'API de ressources.",
  },
  'clusterplan.cpuBelowMinimum': {
    en: '{node} has {cpus} CPU; {distribution} needs at least {min}',
    fr: '{node} a {cpus} CPU ; {distribution} en exige au moins {min}',
  },
  'clusterplan.cpuHint': { en: 'Give the VM {cpus} vCPUs.', fr: 'Donnez {cpus} vCPU à la VM.' },
  'clusterplan.cpuBelowRecommended': {
    en: '{node} has {cpus} CPU; {recommended} are recommended',
    fr: '{node} a {cpus} CPU ; {recommended} sont recommandés',
  },
  'clusterplan.memoryBelowMinimum': {
    en: '{node} has {memory} GiB of memory; {distribution} needs at least {min} GiB',
    fr: '{node} a {memory} Gio de mémoire ; {distribution} en exige au moins {min} Gio',
  },
  'clusterplan.memoryHint': { en: 'Give the VM {memory} GiB.', fr: 'Donnez {memory} Gio à la VM.' },
  'clusterplan.memoryBelowRecommended': {
    en: '{node} has {memory} GiB of memory; {recommended} GiB are recommended',
    fr: '{node} a {memory} Gio de mémoire ; {recommended} Gio sont recommandés',
  },
  'clusterplan.diskSmall': {
    en: "{node} has a {disk} GiB disk; Quai's guideline is {min} GiB or more for images, logs and etcd",
    fr: '{node} a un disque de {disk} Gio ; la règle de Quai est {min} Gio ou plus pour les images, les journaux et etcd',
  },
  'clusterplan.etcdOnHdd': {
    en: '{node} runs etcd on a spinning disk; etcd is write-intensive and an SSD is recommended',
    fr: '{node} fait tourner etcd sur un disque rotatif ; etcd écrit beaucoup et un SSD est recommandé',
  },
  'clusterplan.etcdOnHddHint': {
    en: 'Put /var/lib/rancher on an SSD-backed datastore.',
    fr: 'Placez /var/lib/rancher sur un datastore sur SSD.',
  },
  'clusterplan.what.pods': { en: 'pod network', fr: 'réseau des pods' },
  'clusterplan.what.services': { en: 'service network', fr: 'réseau des services' },
  'clusterplan.cidrNotAligned': {
    en: '{cidr} is not the first address of its /{prefix} network',
    fr: "{cidr} n'est pas la première adresse de son réseau /{prefix}",
  },
  'clusterplan.cidrNotAlignedHint': {
    en: 'Write the network address, such as 10.42.0.0/16.',
    fr: "Écrivez l'adresse du réseau, comme 10.42.0.0/16.",
  },
  'clusterplan.podServiceOverlap': {
    en: 'the pod network {pods} overlaps the service network {services}',
    fr: 'le réseau des pods {pods} chevauche le réseau des services {services}',
  },
  'clusterplan.podServiceOverlapHint': {
    en: 'Choose two separate ranges, such as 10.42.0.0/16 for pods and 10.43.0.0/16 for services.',
    fr: 'Choisissez deux plages distinctes, comme 10.42.0.0/16 pour les pods et 10.43.0.0/16 pour les services.',
  },
  'clusterplan.overlapExisting': {
    en: 'the {what} {cidr} overlaps the existing network "{name}" ({existing}): traffic to it would stay inside the cluster',
    fr: 'le {what} {cidr} chevauche le réseau existant « {name} » ({existing}) : le trafic vers lui resterait dans le cluster',
  },
  'clusterplan.overlapExistingHint': {
    en: 'Choose a range no network of the organisation uses (check spec.network.existing[{index}]), then set it in the inventory before installing: it cannot change afterwards.',
    fr: "Choisissez une plage qu'aucun réseau de l'organisation n'utilise (voir spec.network.existing[{index}]), et fixez-la dans l'inventaire avant l'installation : elle ne peut plus changer ensuite.",
  },
  'clusterplan.addressInRange': {
    en: 'address {address} lies inside the {what} {cidr}',
    fr: "l'adresse {address} est dans le {what} {cidr}",
  },
  'clusterplan.addressInRangeHint': {
    en: "Move the {what} to a range that does not contain the machines' addresses.",
    fr: 'Déplacez le {what} vers une plage qui ne contient pas les adresses des machines.',
  },
  'clusterplan.unknownNetwork': {
    en: 'address {address} is in none of the networks listed in spec.network.existing',
    fr: "l'adresse {address} n'est dans aucun des réseaux de spec.network.existing",
  },
  'clusterplan.unknownNetworkHint': {
    en: "Add the machines' network to spec.network.existing, so overlaps with it are checked.",
    fr: 'Ajoutez le réseau des machines à spec.network.existing, pour que les chevauchements avec lui soient vérifiés.',
  },
  'clusterplan.podNetworkBelowNode': {
    en: 'the pod network /{prefix} is smaller than the /{perNode} each node takes',
    fr: 'le réseau des pods /{prefix} est plus petit que le /{perNode} que prend chaque nœud',
  },
  'clusterplan.podNetworkTooSmall': {
    en: 'the pod network /{prefix} has room for {room} nodes (a /{perNode} each), the inventory lists {count}',
    fr: "le réseau des pods /{prefix} a de la place pour {room} nœuds (un /{perNode} chacun), l'inventaire en liste {count}",
  },
  'clusterplan.podNetworkHint': {
    en: 'Use a larger pod network (a /16 holds 256 nodes).',
    fr: 'Utilisez un réseau des pods plus grand (un /16 contient 256 nœuds).',
  },
  'clusterplan.serviceNetworkSmall': {
    en: 'the service network {cidr} holds only {size} addresses',
    fr: 'le réseau des services {cidr} ne contient que {size} adresses',
  },
  'clusterplan.serviceNetworkSmallHint': {
    en: 'Use a /16 or at least a /20.',
    fr: 'Utilisez un /16 ou au moins un /20.',
  },
  'clusterplan.dnsOutside': {
    en: 'the cluster DNS address {address} is outside the service network {cidr}',
    fr: "l'adresse DNS du cluster {address} est hors du réseau des services {cidr}",
  },
  'clusterplan.dnsOutsideHint': {
    en: 'Pick an address inside the service network (by convention its tenth address, such as 10.43.0.10).',
    fr: 'Choisissez une adresse dans le réseau des services (par convention sa dixième, comme 10.43.0.10).',
  },
  'clusterplan.cniUnsupported': {
    en: '{distribution} does not ship the {cni} network plugin',
    fr: '{distribution} ne fournit pas le greffon réseau {cni}',
  },
  'clusterplan.cniUnsupportedHint': { en: 'Use one of: {known}.', fr: 'Utilisez l’un de : {known}.' },
  'clusterplan.versionMismatch': {
    en: 'version {version} is not a {distribution} release',
    fr: "la version {version} n'est pas une version de {distribution}",
  },
  'clusterplan.versionMismatchHint': {
    en: 'Write a {distribution} release such as {example}, or change spec.distribution.',
    fr: 'Écrivez une version de {distribution} comme {example}, ou changez spec.distribution.',
  },
  'clusterplan.noTimeSync': {
    en: "no time servers: etcd, certificates and logs need every node's clock in step",
    fr: "pas de serveur de temps : etcd, les certificats et les journaux ont besoin d'horloges synchronisées sur chaque nœud",
  },
  'clusterplan.noTimeSyncHint': {
    en: "Add spec.timeSync.servers with the organisation's NTP servers (chrony on every node).",
    fr: "Ajoutez spec.timeSync.servers avec les serveurs NTP de l'organisation (chrony sur chaque nœud).",
  },
  'clusterplan.snapshotsRare': {
    en: 'etcd snapshots "{schedule}" run less than once a day',
    fr: 'les instantanés etcd « {schedule} » ont lieu moins d’une fois par jour',
  },
  'clusterplan.snapshotsRareHint': {
    en: 'Snapshot at least twice a day (the default is "0 */12 * * *").',
    fr: 'Prenez un instantané au moins deux fois par jour (par défaut « 0 */12 * * * »).',
  },
  'clusterplan.badCron': {
    en: '"{schedule}" is not a cron schedule: {reason}',
    fr: '« {schedule} » n’est pas une planification cron : {reason}',
  },
  'clusterplan.badCronHint': {
    en: 'Write five cron fields, such as "0 */6 * * *" (every six hours).',
    fr: 'Écrivez cinq champs cron, comme « 0 */6 * * * » (toutes les six heures).',
  },
  'clusterplan.noOffNodeCopy': {
    en: 'etcd snapshots stay on the control-plane nodes: losing those VMs loses the backups too',
    fr: 'les instantanés etcd restent sur les nœuds du plan de contrôle : perdre ces VM fait aussi perdre les sauvegardes',
  },
  'clusterplan.noOffNodeCopyHint': {
    en: 'Add spec.etcd.offNodeCopy.s3 (an S3-compatible bucket outside the cluster).',
    fr: 'Ajoutez spec.etcd.offNodeCopy.s3 (un compartiment compatible S3 hors du cluster).',
  },
  'clusterplan.noStorage': {
    en: 'no storage: applications with volumes will wait for a StorageClass',
    fr: 'pas de stockage : les applications avec des volumes attendront une StorageClass',
  },
  'clusterplan.noStorageHint': {
    en: 'Add spec.storage (vsphere-csi on VMware, or nfs).',
    fr: 'Ajoutez spec.storage (vsphere-csi sur VMware, ou nfs).',
  },
  'clusterplan.nfsIncomplete': {
    en: 'storage kind nfs needs the NFS server and export path',
    fr: "le stockage nfs exige le serveur NFS et le chemin de l'export",
  },
  'clusterplan.nfsIncompleteHint': {
    en: 'Add spec.storage.nfs.server and spec.storage.nfs.path (for example nas.example.org and /export/k8s).',
    fr: 'Ajoutez spec.storage.nfs.server et spec.storage.nfs.path (par exemple nas.example.org et /export/k8s).',
  },
  'clusterplan.vsphereIncomplete': {
    en: 'storage kind vsphere-csi needs the vCenter and datacenter',
    fr: 'le stockage vsphere-csi exige le vCenter et le datacenter',
  },
  'clusterplan.vsphereIncompleteHint': {
    en: 'Add spec.storage.vsphere.vcenter and spec.storage.vsphere.datacenter (for example vcenter.example.org and DC1).',
    fr: 'Ajoutez spec.storage.vsphere.vcenter et spec.storage.vsphere.datacenter (par exemple vcenter.example.org et DC1).',
  },
  'clusterplan.registryHttp': {
    en: 'the registry mirror {mirror} is plain HTTP: image pulls can be tampered with on the way',
    fr: 'le miroir de registre {mirror} est en HTTP simple : les téléchargements d’images peuvent être altérés en chemin',
  },
  'clusterplan.registryHttpHint': {
    en: 'Serve the mirror over HTTPS with a certificate from the internal CA, and set spec.registry.caFile.',
    fr: "Servez le miroir en HTTPS avec un certificat de l'AC interne, et renseignez spec.registry.caFile.",
  },
  'clusterplan.airGapNoDockerIo': {
    en: 'air-gapped, but the mirror does not stand in for docker.io, where the {distribution} system images come from',
    fr: "hors ligne, mais le miroir ne remplace pas docker.io, d'où viennent les images système de {distribution}",
  },
  'clusterplan.airGapNoDockerIoHint': {
    en: "Add docker.io to spec.registry.mirrors and push the release's image archive to the mirror.",
    fr: "Ajoutez docker.io à spec.registry.mirrors et poussez l'archive d'images de la version dans le miroir.",
  },
  'clusterplan.checklist.title': {
    en: '# Install checklist: cluster {name} ({distribution})',
    fr: "# Liste de contrôle d'installation : cluster {name} ({distribution})",
  },
  'clusterplan.checklist.intro': {
    en: 'Generated by `quai cluster plan` from `{source}`. Tick each box in order; the guide is docs/install.md.',
    fr: "Généré par `quai cluster plan` à partir de `{source}`. Cochez chaque case dans l'ordre ; le guide est docs/fr/installation.md.",
  },
  'clusterplan.checklist.machines': { en: 'Machines', fr: 'Machines' },
  'clusterplan.checklist.machineHead': {
    en: '| name | role | address | vCPU | memory (GiB) | disk (GiB) |',
    fr: '| nom | rôle | adresse | vCPU | mémoire (Gio) | disque (Gio) |',
  },
  'clusterplan.checklist.before': { en: '1. Before installing', fr: "1. Avant l'installation" },
  'clusterplan.checklist.vms': {
    en: 'Create the VMs above (VMware: one datastore on SSD for the control-plane nodes), each with a unique host name.',
    fr: "Créer les VM ci-dessus (VMware : un datastore sur SSD pour les nœuds du plan de contrôle), chacune avec un nom d'hôte unique.",
  },
  'clusterplan.checklist.loadBalancer': {
    en: 'Create the DNS name and the load balancer: `{address}` forwards TCP {ports} to every control-plane node.',
    fr: 'Créer le nom DNS et le répartiteur de charge : `{address}` transmet TCP {ports} à chaque nœud du plan de contrôle.',
  },
  'clusterplan.checklist.time': {
    en: 'Install chrony on every node, copy `etc/chrony/sources.d/quai.sources`, then check `chronyc tracking` shows a synchronised clock.',
    fr: 'Installer chrony sur chaque nœud, copier `etc/chrony/sources.d/quai.sources`, puis vérifier que `chronyc tracking` montre une horloge synchronisée.',
  },
  'clusterplan.checklist.networkManager': {
    en: 'If NetworkManager runs on the nodes, tell it to ignore the CNI interfaces (RKE2 known issues page).',
    fr: 'Si NetworkManager tourne sur les nœuds, lui faire ignorer les interfaces CNI (page des problèmes connus de RKE2).',
  },
  'clusterplan.checklist.firewall': {
    en: 'Open the flows below (VMware NSX, host firewalls, network firewalls); everything else stays closed.',
    fr: 'Ouvrir les flux ci-dessous (VMware NSX, pare-feu des hôtes, pare-feu réseau) ; tout le reste reste fermé.',
  },
  'clusterplan.checklist.firewallHead': {
    en: '| protocol | ports | from | to | purpose |',
    fr: '| protocole | ports | de | vers | usage |',
  },
  'clusterplan.checklist.token': {
    en: "Create the join token once: `openssl rand -hex 32 > cluster-token`; copy it to `{dir}/cluster-token` (mode 0600) on every node, and keep a copy in the team's secret store: restoring etcd on new machines needs it.",
    fr: "Créer une fois le jeton d'adhésion : `openssl rand -hex 32 > cluster-token` ; le copier dans `{dir}/cluster-token` (mode 0600) sur chaque nœud, et en garder une copie dans le coffre à secrets de l'équipe : restaurer etcd sur de nouvelles machines l'exige.",
  },
  'clusterplan.checklist.copy': {
    en: "Copy each node's folder of this plan to that node and run `sudo sh <node>/install-files.sh` there: it installs the files owned by root with their modes (0600 for configuration).",
    fr: 'Copier le dossier de chaque nœud de ce plan sur ce nœud et y lancer `sudo sh <nœud>/install-files.sh` : il installe les fichiers, propriété de root, avec leurs modes (0600 pour la configuration).',
  },
  'clusterplan.checklist.s3': {
    en: 'On each control-plane node, fill in the S3 credentials in `{file}`.',
    fr: 'Sur chaque nœud du plan de contrôle, renseigner les identifiants S3 dans `{file}`.',
  },
  'clusterplan.checklist.images': {
    en: "Push the release's images (`{archive}`) to the registry mirror under the same names, and check one pull from a node.",
    fr: 'Pousser les images de la version (`{archive}`) dans le miroir de registre sous les mêmes noms, et vérifier un téléchargement depuis un nœud.',
  },
  'clusterplan.checklist.registryCa': {
    en: "Copy the registry's CA certificate to `{file}` on every node.",
    fr: "Copier le certificat de l'AC du registre dans `{file}` sur chaque nœud.",
  },
  'clusterplan.checklist.install': { en: '2. Install', fr: '2. Installation' },
  'clusterplan.checklist.firstServer': {
    en: 'On {node} (first control-plane node): `{command}`, then `sudo systemctl enable --now {service}`; wait until the node is Ready.',
    fr: 'Sur {node} (premier nœud du plan de contrôle) : `{command}`, puis `sudo systemctl enable --now {service}` ; attendre que le nœud soit Ready.',
  },
  'clusterplan.checklist.otherServer': {
    en: 'On {node}: `{command}`, then `sudo systemctl enable --now {service}`; wait until Ready before the next one.',
    fr: 'Sur {node} : `{command}`, puis `sudo systemctl enable --now {service}` ; attendre Ready avant le suivant.',
  },
  'clusterplan.checklist.worker': {
    en: 'On {node} (worker): `{command}`, then `sudo systemctl enable --now {service}`.',
    fr: 'Sur {node} (nœud de travail) : `{command}`, puis `sudo systemctl enable --now {service}`.',
  },
  'clusterplan.checklist.after': { en: '3. After installing', fr: "3. Après l'installation" },
  'clusterplan.checklist.nodesReady': {
    en: '`{kubectl} get nodes -o wide` lists every node Ready with the addresses above.',
    fr: '`{kubectl} get nodes -o wide` liste chaque nœud Ready avec les adresses ci-dessus.',
  },
  'clusterplan.checklist.snapshot': {
    en: 'Take a first etcd snapshot: `sudo {bin} etcd-snapshot save --name after-install`, and check it appears with `sudo {bin} etcd-snapshot ls`.',
    fr: "Prendre un premier instantané etcd : `sudo {bin} etcd-snapshot save --name after-install`, et vérifier qu'il apparaît avec `sudo {bin} etcd-snapshot ls`.",
  },
  'clusterplan.checklist.snapshotS3': {
    en: 'Check the snapshot reached the S3 bucket (the listing shows its S3 location).',
    fr: "Vérifier que l'instantané est arrivé dans le compartiment S3 (la liste montre son emplacement S3).",
  },
  'clusterplan.checklist.kubeconfig': {
    en: "Copy `{file}` to the administrators' workstations, replacing 127.0.0.1 with the load balancer's name.",
    fr: 'Copier `{file}` sur les postes des administrateurs, en remplaçant 127.0.0.1 par le nom du répartiteur de charge.',
  },
  'clusterplan.checklist.addons': {
    en: 'Install the platform add-ons (storage, ingress certificates, metrics-server, Trivy Operator, Velero if chosen, GitLab agent and runner): docs/install.md.',
    fr: 'Installer les composants de la plateforme (stockage, certificats d’ingress, metrics-server, Trivy Operator, Velero si retenu, agent et runner GitLab) : docs/fr/installation.md.',
  },
  'clusterplan.checklist.drill': {
    en: 'Run a restore drill of etcd on a test VM before going live (docs/operations/etcd.md).',
    fr: 'Faire un exercice de restauration d’etcd sur une VM de test avant la mise en production (docs/fr/exploitation/etcd.md).',
  },
  'clusterplan.checklist.warnings': { en: 'Warnings from the plan', fr: 'Avertissements du plan' },
  'clusterplan.party.all-nodes': { en: 'all nodes', fr: 'tous les nœuds' },
  'clusterplan.party.control-plane': { en: 'control-plane nodes', fr: 'nœuds du plan de contrôle' },
  'clusterplan.party.workers': { en: 'workers', fr: 'nœuds de travail' },
  'clusterplan.party.load-balancer': { en: 'load balancer', fr: 'répartiteur de charge' },
  'clusterplan.party.administrators': {
    en: 'administrators and CI runners',
    fr: 'administrateurs et runners CI',
  },
  'clusterplan.party.users': { en: 'users', fr: 'utilisateurs' },
  'clusterplan.party.ingress-nodes': { en: 'ingress entry', fr: "entrée de l'ingress" },
  'clusterplan.party.time-servers': { en: 'time servers', fr: 'serveurs de temps' },
  'clusterplan.party.registry': { en: 'registry mirror', fr: 'miroir de registre' },
  'clusterplan.party.s3': { en: 'S3 endpoint', fr: 'point de terminaison S3' },
  'clusterplan.party.proxy': { en: 'proxy', fr: 'proxy' },
  'clusterplan.partyWithAddresses': { en: '{party} ({addresses})', fr: '{party} ({addresses})' },
  'clusterplan.purpose.api': { en: 'Kubernetes API', fr: 'API Kubernetes' },
  'clusterplan.purpose.supervisor': {
    en: 'RKE2 supervisor API (node registration)',
    fr: 'API du superviseur RKE2 (enregistrement des nœuds)',
  },
  'clusterplan.purpose.k3sApi': {
    en: 'K3s supervisor and Kubernetes API',
    fr: 'superviseur K3s et API Kubernetes',
  },
  'clusterplan.purpose.kubelet': { en: 'kubelet API and metrics', fr: 'API et métriques du kubelet' },
  'clusterplan.purpose.etcd': {
    en: 'etcd client, peer and metrics ports',
    fr: 'ports client, pair et métriques d’etcd',
  },
  'clusterplan.purpose.k3sEtcd': {
    en: 'etcd (high availability with embedded etcd)',
    fr: 'etcd (haute disponibilité avec etcd intégré)',
  },
  'clusterplan.purpose.nodePorts': { en: 'NodePort range', fr: 'plage des NodePort' },
  'clusterplan.purpose.vxlan': {
    en: '{cni} VXLAN (never open it to other networks)',
    fr: '{cni} VXLAN (ne jamais l’ouvrir à d’autres réseaux)',
  },
  'clusterplan.purpose.health': { en: '{cni} health checks', fr: 'contrôles de santé de {cni}' },
  'clusterplan.purpose.bgp': { en: 'Calico BGP', fr: 'BGP de Calico' },
  'clusterplan.purpose.typha': { en: 'Calico Typha', fr: 'Typha de Calico' },
  'clusterplan.purpose.adminApi': {
    en: 'kubectl, quai and CI jobs reach the API',
    fr: "kubectl, quai et les jobs de CI joignent l'API",
  },
  'clusterplan.purpose.register': {
    en: 'nodes register through the fixed address',
    fr: "les nœuds s'enregistrent par l'adresse fixe",
  },
  'clusterplan.purpose.forward': {
    en: 'the load balancer forwards to the control plane',
    fr: 'le répartiteur de charge transmet au plan de contrôle',
  },
  'clusterplan.purpose.ingress': {
    en: 'applications, through the ingress controller',
    fr: "les applications, par le contrôleur d'ingress",
  },
  'clusterplan.purpose.ntp': { en: 'NTP (chrony)', fr: 'NTP (chrony)' },
  'clusterplan.purpose.registry': {
    en: 'image pulls from the registry mirror',
    fr: 'téléchargement des images depuis le miroir de registre',
  },
  'clusterplan.purpose.s3': { en: 'etcd snapshot copies', fr: 'copies des instantanés etcd' },
  'clusterplan.purpose.proxy': {
    en: 'outbound HTTP(S) through the proxy',
    fr: 'HTTP(S) sortant par le proxy',
  },
} as const;
