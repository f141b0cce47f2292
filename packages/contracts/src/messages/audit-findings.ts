/**
 * What the audit says of one object (ids `audit.finding.`): the sentence of a finding, naming the
 * object, the field and the value, with its parameters. The check's title, rationale and fix are
 * in ./audit-checks.ts. Names, values and field paths are parameters, never translated.
 */
export const auditFindingMessages = {
  // ---- Pieces several findings share ----
  'audit.finding.unset': { en: '(unset)', fr: '(non défini)' },
  'audit.finding.inNamespace': { en: ' in namespace {namespace}', fr: ' dans le namespace {namespace}' },
  'audit.finding.list.comma': { en: '{first}, {next}', fr: '{first}, {next}' },
  'audit.finding.list.and': { en: '{first} and {next}', fr: '{first} et {next}' },
  'audit.finding.list.semicolon': { en: '{first}; {next}', fr: '{first} ; {next}' },

  // ---- Pod Security Standards (the reason and detail are the API server's own words) ----
  'audit.finding.pss': {
    en: '{reason} ({detail}) violates PodSecurity "{policy}".',
    fr: 'Refusé par PodSecurity « {policy} » ; l’API server dirait : {reason} ({detail}).',
  },

  // ---- Exceptions ----
  'audit.finding.exceptionExpired': {
    en: 'The exception for {check} ({source}) expired on {date}: "{justification}".',
    fr: 'L’exception pour {check} ({source}) a expiré le {date} : « {justification} ».',
  },
  'audit.finding.exceptionIgnored': {
    en: 'The exception annotation "{key}" is ignored: {problem}.',
    fr: 'L’annotation d’exception « {key} » est ignorée : {problem}.',
  },
  'audit.finding.exception.badDate': {
    en: 'its expiry "{expires}" is not a date YYYY-MM-DD',
    fr: 'son échéance « {expires} » n’est pas une date AAAA-MM-JJ',
  },
  'audit.finding.exception.noJustificationAfterDate': {
    en: 'it has no justification after the date',
    fr: 'elle n’a pas de justification après la date',
  },
  'audit.finding.exception.noJustification': {
    en: 'it has no justification',
    fr: 'elle n’a pas de justification',
  },
  'audit.finding.exception.unknownAllowance': {
    en: '"{allowance}" is not an allowance render knows',
    fr: '« {allowance} » n’est pas une dérogation que le rendu connaît',
  },

  // ---- Images ----
  'audit.finding.imageNoTag': {
    en: 'Container "{container}" uses image "{image}" without a tag.',
    fr: 'Le conteneur « {container} » utilise l’image « {image} » sans tag.',
  },
  'audit.finding.imageLatest': {
    en: 'Container "{container}" uses image "{image}" with the mutable tag "latest".',
    fr: 'Le conteneur « {container} » utilise l’image « {image} » avec le tag mutable « latest ».',
  },
  'audit.finding.imagePullPolicy': {
    en: 'Container "{container}" pulls the mutable image "{image}" with imagePullPolicy {policy}.',
    fr: 'Le conteneur « {container} » tire l’image mutable « {image} » avec imagePullPolicy {policy}.',
  },
  'audit.finding.imageNoDigest': {
    en: 'Container "{container}" image "{image}" is not pinned by digest.',
    fr: 'L’image « {image} » du conteneur « {container} » n’est pas épinglée par digest.',
  },
  'audit.finding.imageNoRegistry': {
    en: 'Container "{container}" image "{image}" names no registry (Docker Hub is implied).',
    fr: 'L’image « {image} » du conteneur « {container} » ne nomme aucun registre (Docker Hub est sous-entendu).',
  },

  // ---- Resources and probes ----
  'audit.finding.noCpuRequest': {
    en: 'Container "{container}" has no CPU request.',
    fr: 'Le conteneur « {container} » n’a pas de réservation de CPU.',
  },
  'audit.finding.noMemoryRequest': {
    en: 'Container "{container}" has no memory request.',
    fr: 'Le conteneur « {container} » n’a pas de réservation de mémoire.',
  },
  'audit.finding.noMemoryLimit': {
    en: 'Container "{container}" has no memory limit.',
    fr: 'Le conteneur « {container} » n’a pas de limite de mémoire.',
  },
  'audit.finding.noCpuLimit': {
    en: 'Container "{container}" has no CPU limit.',
    fr: 'Le conteneur « {container} » n’a pas de limite de CPU.',
  },
  'audit.finding.noEphemeralStorageLimit': {
    en: 'Container "{container}" has no ephemeral-storage limit.',
    fr: 'Le conteneur « {container} » n’a pas de limite ephemeral-storage.',
  },
  'audit.finding.noLivenessProbe': {
    en: 'Container "{container}" has no liveness probe.',
    fr: 'Le conteneur « {container} » n’a pas de sonde de vivacité (livenessProbe).',
  },
  'audit.finding.noReadinessProbe': {
    en: 'Container "{container}" has no readiness probe.',
    fr: 'Le conteneur « {container} » n’a pas de sonde de disponibilité (readinessProbe).',
  },
  'audit.finding.identicalProbes': {
    en: 'Container "{container}" has identical liveness and readiness probes.',
    fr: 'Le conteneur « {container} » a des sondes de vivacité et de disponibilité identiques.',
  },
  'audit.finding.hostPort': {
    en: 'Container "{container}" binds host port {port}.',
    fr: 'Le conteneur « {container} » ouvre le port {port} de l’hôte.',
  },
  'audit.finding.containerSsh': {
    en: 'Container "{container}" exposes port 22 (SSH).',
    fr: 'Le conteneur « {container} » expose le port 22 (SSH).',
  },

  // ---- Security context ----
  'audit.finding.privileged': {
    en: 'Container "{container}" is privileged.',
    fr: 'Le conteneur « {container} » est privilégié.',
  },
  'audit.finding.privilegeEscalation': {
    en: 'Container "{container}" does not set allowPrivilegeEscalation: false.',
    fr: 'Le conteneur « {container} » ne définit pas allowPrivilegeEscalation: false.',
  },
  'audit.finding.writableRoot': {
    en: 'Container "{container}" has a writable root file system.',
    fr: 'Le système de fichiers racine du conteneur « {container} » est accessible en écriture.',
  },
  'audit.finding.mayRunAsRoot': {
    en: 'Container "{container}" may run as root (runAsNonRoot is not true).',
    fr: 'Le conteneur « {container} » peut s’exécuter en root (runAsNonRoot n’est pas à true).',
  },
  'audit.finding.lowId': {
    en: 'Container "{container}" runs with {field} {value} (below 10000).',
    fr: 'Le conteneur « {container} » s’exécute avec {field} {value} (inférieur à 10000).',
  },
  'audit.finding.rootGroup': {
    en: 'Container "{container}" runs with runAsGroup 0.',
    fr: 'Le conteneur « {container} » s’exécute avec runAsGroup 0.',
  },
  'audit.finding.podRootGroup': { en: 'The pod sets fsGroup 0.', fr: 'Le pod définit fsGroup 0.' },
  'audit.finding.capabilitiesNotDropped': {
    en: 'Container "{container}" does not drop ALL capabilities.',
    fr: 'Le conteneur « {container} » ne retire pas toutes les capabilities (ALL).',
  },
  'audit.finding.dangerousCapability': {
    en: 'Container "{container}" adds the capability {capability}.',
    fr: 'Le conteneur « {container} » ajoute la capability {capability}.',
  },
  'audit.finding.noSeccomp': {
    en: 'Container "{container}" has no seccomp profile.',
    fr: 'Le conteneur « {container} » n’a pas de profil seccomp.',
  },
  'audit.finding.seccompUnconfined': {
    en: 'Container "{container}" runs with seccomp Unconfined.',
    fr: 'Le conteneur « {container} » s’exécute avec seccomp Unconfined.',
  },
  'audit.finding.secretEnv': {
    en: 'Container "{container}" environment variable "{variable}": {reason}.',
    fr: 'Variable d’environnement « {variable} » du conteneur « {container} » : {reason}.',
  },

  // ---- Why a value looks like a secret ----
  'audit.finding.secret.privateKey': {
    en: 'its value looks like a private key',
    fr: 'sa valeur ressemble à une clé privée',
  },
  'audit.finding.secret.awsKey': {
    en: 'its value looks like an AWS access key',
    fr: 'sa valeur ressemble à une clé d’accès AWS',
  },
  'audit.finding.secret.gitlabToken': {
    en: 'its value looks like a GitLab token',
    fr: 'sa valeur ressemble à un jeton GitLab',
  },
  'audit.finding.secret.githubToken': {
    en: 'its value looks like a GitHub token',
    fr: 'sa valeur ressemble à un jeton GitHub',
  },
  'audit.finding.secret.jwt': {
    en: 'its value looks like a JSON Web Token',
    fr: 'sa valeur ressemble à un jeton JSON Web Token',
  },
  'audit.finding.secret.urlPassword': {
    en: 'its value looks like a URL with a password',
    fr: 'sa valeur ressemble à une URL contenant un mot de passe',
  },
  'audit.finding.secret.knownFormat': {
    en: 'its value looks like a known secret format',
    fr: 'sa valeur ressemble à un format de secret connu',
  },
  'audit.finding.secret.name': {
    en: 'its name "{name}" suggests a secret and it holds a literal value',
    fr: 'son nom « {name} » évoque un secret et elle contient une valeur en clair',
  },

  // ---- The pod ----
  'audit.finding.runtimeSocket': {
    en: 'Volume "{volume}" mounts the container runtime socket or its folder ({path}).',
    fr: 'Le volume « {volume} » monte le socket du runtime de conteneurs ou son dossier ({path}).',
  },
  'audit.finding.hostPath': {
    en: 'Volume "{volume}" mounts the host path {path}.',
    fr: 'Le volume « {volume} » monte le chemin {path} de l’hôte.',
  },
  'audit.finding.wrongType': {
    en: '{field} is {actual}, not {expected}: the API server refuses this object, and its risk cannot be judged.',
    fr: '{field} est {actual} et non {expected} : l’API server refuse cet objet, et son risque ne peut pas être jugé.',
  },
  'audit.finding.type.string': { en: 'the string {value}', fr: 'la chaîne {value}' },
  'audit.finding.type.list': { en: 'a list', fr: 'une liste' },
  'audit.finding.type.mapping': { en: 'a mapping', fr: 'un mapping' },
  'audit.finding.type.integer': { en: 'the number {value}', fr: 'le nombre {value}' },
  'audit.finding.type.decimal': { en: 'the decimal {value}', fr: 'le nombre décimal {value}' },
  'audit.finding.type.boolean': { en: 'the boolean {value}', fr: 'le booléen {value}' },
  'audit.finding.type.other': { en: 'the {type} {value}', fr: 'la valeur {type} {value}' },
  'audit.finding.expected.integer': { en: 'an integer', fr: 'un entier' },
  'audit.finding.expected.string': { en: 'a string', fr: 'une chaîne' },
  'audit.finding.expected.boolean': { en: 'a boolean', fr: 'un booléen' },
  'audit.finding.expected.mapping': { en: 'a mapping', fr: 'un mapping' },
  'audit.finding.expected.list': { en: 'a list', fr: 'une liste' },
  'audit.finding.hostNetwork': {
    en: 'The pod uses the host network.',
    fr: 'Le pod utilise le réseau de l’hôte.',
  },
  'audit.finding.hostPid': {
    en: 'The pod shares the host PID namespace.',
    fr: 'Le pod partage le namespace PID de l’hôte.',
  },
  'audit.finding.hostIpc': {
    en: 'The pod shares the host IPC namespace.',
    fr: 'Le pod partage le namespace IPC de l’hôte.',
  },
  'audit.finding.shareProcessNamespace': {
    en: 'Containers share one process namespace.',
    fr: 'Les conteneurs partagent un même namespace de processus.',
  },
  'audit.finding.defaultServiceAccount': {
    en: 'The pod runs as the default service account.',
    fr: 'Le pod s’exécute avec le compte de service default.',
  },
  'audit.finding.noPriorityClass': {
    en: 'No priorityClassName is set.',
    fr: 'Aucun priorityClassName n’est défini.',
  },
  'audit.finding.barePod': {
    en: 'This Pod has no controller; it will not be recreated if its node fails.',
    fr: 'Ce pod n’a pas de contrôleur ; il ne sera pas recréé si son nœud tombe en panne.',
  },
  'audit.finding.automountToken': {
    en: 'The service account token is mounted into the pod (automountServiceAccountToken is not false).',
    fr: 'Le jeton du compte de service est monté dans le pod (automountServiceAccountToken n’est pas à false).',
  },

  // ---- Replicas and disruptions ----
  'audit.finding.singleReplica': {
    en: '{kind} runs a single replica.',
    fr: '{kind} n’exécute qu’une seule réplique.',
  },
  'audit.finding.notSpread': {
    en: '{kind} has {replicas} replicas and no topology spread or pod anti-affinity.',
    fr: '{kind} a {replicas} répliques et aucune contrainte de répartition ni anti-affinité de pods.',
  },
  'audit.finding.noPdb': {
    en: '{kind} has {replicas} replicas and no PodDisruptionBudget selects them.',
    fr: '{kind} a {replicas} répliques et aucun PodDisruptionBudget ne les sélectionne.',
  },
  'audit.finding.noNetworkPolicy': {
    en: 'No NetworkPolicy in namespace "{namespace}" selects these pods.',
    fr: 'Aucune NetworkPolicy du namespace « {namespace} » ne sélectionne ces pods.',
  },
  'audit.finding.pdbMaxUnavailable': {
    en: 'maxUnavailable is 0: no voluntary disruption (node drain) can ever proceed.',
    fr: 'maxUnavailable vaut 0 : aucune interruption volontaire (vidange de nœud) ne peut jamais avoir lieu.',
  },
  'audit.finding.pdbMinAvailable': {
    en: 'minAvailable {minAvailable} leaves no disruption allowed for {kind} "{name}" ({replicas} replicas).',
    fr: 'minAvailable {minAvailable} ne laisse aucune interruption possible pour {kind} « {name} » ({replicas} répliques).',
  },
  'audit.finding.selectsNothing': {
    en: 'The selector matches no pod template in namespace "{namespace}".',
    fr: 'Le sélecteur ne correspond à aucun modèle de pod du namespace « {namespace} ».',
  },
  'audit.finding.serviceSelectsNothing': {
    en: 'The selector {selector} matches no pod template in namespace "{namespace}".',
    fr: 'Le sélecteur {selector} ne correspond à aucun modèle de pod du namespace « {namespace} ».',
  },
  'audit.finding.selectorOverlap': {
    en: 'The selector of {kind} "{name}" overlaps with {otherKind} "{otherName}".',
    fr: 'Le sélecteur de {kind} « {name} » chevauche celui de {otherKind} « {otherName} ».',
  },

  // ---- Objects, Services, Ingresses, configuration ----
  'audit.finding.defaultNamespace': {
    en: '{kind} "{name}" is in the default namespace.',
    fr: '{kind} « {name} » est dans le namespace default.',
  },
  'audit.finding.apiRemoved': {
    en: '{apiVersion} {kind} was removed in Kubernetes 1.{removed} (target 1.{target}); use {replacement}.',
    fr: '{apiVersion} {kind} a été retiré dans Kubernetes 1.{removed} (version visée : 1.{target}) ; utilisez {replacement}.',
  },
  'audit.finding.apiDeprecated': {
    en: '{apiVersion} {kind} is deprecated since Kubernetes 1.{deprecated}; use {replacement}.',
    fr: '{apiVersion} {kind} est déprécié depuis Kubernetes 1.{deprecated} ; utilisez {replacement}.',
  },
  'audit.finding.apiDeprecatedRemoved': {
    en: '{apiVersion} {kind} is deprecated since Kubernetes 1.{deprecated} and removed in 1.{removed}; use {replacement}.',
    fr: '{apiVersion} {kind} est déprécié depuis Kubernetes 1.{deprecated} et retiré dans la 1.{removed} ; utilisez {replacement}.',
  },
  'audit.finding.noReplacementPsa': {
    en: 'none (Pod Security Admission)',
    fr: 'aucune (Pod Security Admission)',
  },
  'audit.finding.noNameLabel': {
    en: '{kind} has no app.kubernetes.io/name label.',
    fr: '{kind} n’a pas de label app.kubernetes.io/name.',
  },
  'audit.finding.nodePort': {
    en: 'The Service is of type NodePort.',
    fr: 'Le Service est de type NodePort.',
  },
  'audit.finding.loadBalancer': {
    en: 'The Service is of type LoadBalancer.',
    fr: 'Le Service est de type LoadBalancer.',
  },
  'audit.finding.externalIps': { en: 'The Service sets externalIPs.', fr: 'Le Service définit externalIPs.' },
  'audit.finding.serviceSsh': {
    en: 'The Service exposes port 22 (SSH).',
    fr: 'Le Service expose le port 22 (SSH).',
  },
  'audit.finding.ingressNoTls': {
    en: 'The Ingress has no TLS section: traffic is served in clear text.',
    fr: 'L’Ingress n’a pas de section TLS : le trafic est servi en clair.',
  },
  'audit.finding.ingressBackend': {
    en: 'The backend Service "{service}" is not defined in namespace "{namespace}".',
    fr: 'Le Service de backend « {service} » n’est pas défini dans le namespace « {namespace} ».',
  },
  'audit.finding.secretConfigMap': { en: 'Key "{key}": {reason}.', fr: 'Clé « {key} » : {reason}.' },
  'audit.finding.tokenSecret': {
    en: 'This Secret holds a long-lived service account token.',
    fr: 'Ce Secret contient un jeton de compte de service à longue durée de vie.',
  },
  'audit.finding.secretData': {
    en: 'This Secret manifest carries its data.',
    fr: 'Ce manifeste de Secret contient ses données.',
  },
  'audit.finding.namespaceNoEnforce': {
    en: 'Namespace "{name}" has no pod-security.kubernetes.io/enforce label.',
    fr: 'Le namespace « {name} » n’a pas de label pod-security.kubernetes.io/enforce.',
  },
  'audit.finding.namespacePrivileged': {
    en: 'Namespace "{name}" enforces the privileged level.',
    fr: 'Le namespace « {name} » applique le niveau privileged.',
  },

  // ---- RBAC ----
  'audit.finding.rbac.wildcardVerb': {
    en: '{kind} "{name}" grants every verb (*) on {resources}{where}.',
    fr: '{kind} « {name} » accorde tous les verbes (*) sur {resources}{where}.',
  },
  'audit.finding.rbac.wildcardResource': {
    en: '{kind} "{name}" grants {verbs} on {what}{where}.',
    fr: '{kind} « {name} » accorde {verbs} sur {what}{where}.',
  },
  'audit.finding.rbac.everyResource': { en: 'every resource', fr: 'toutes les ressources' },
  'audit.finding.rbac.everyNamespacedResource': {
    en: 'every namespaced resource',
    fr: 'toutes les ressources d’un namespace',
  },
  'audit.finding.rbac.everyResourceEveryGroup': {
    en: 'every resource of every API group',
    fr: 'toutes les ressources de tous les groupes d’API',
  },
  'audit.finding.rbac.everyNamespacedResourceEveryGroup': {
    en: 'every namespaced resource of every API group',
    fr: 'toutes les ressources d’un namespace de tous les groupes d’API',
  },
  'audit.finding.rbac.can': {
    en: '{kind} "{name}" can {right}{where}.',
    fr: '{kind} « {name} » peut {right}{where}.',
  },
  'audit.finding.rbac.everyBoundNamespace': {
    en: ' in every namespace it is bound for',
    fr: ' dans chaque namespace où il est lié',
  },
  'audit.finding.rbac.right.readSecrets': { en: '{verbs} Secrets', fr: 'faire {verbs} sur les Secrets' },
  'audit.finding.rbac.right.execPods': { en: '{verbs} into pods', fr: 'faire {verbs} dans les pods' },
  'audit.finding.rbac.right.escalate': { en: '{rights}', fr: 'faire {rights}' },
  'audit.finding.rbac.right.impersonate': {
    en: 'impersonate {targets}',
    fr: 'usurper l’identité de {targets} (impersonate)',
  },
  'audit.finding.rbac.right.nodesProxy': {
    en: 'reach nodes/proxy (the kubelet API)',
    fr: 'atteindre nodes/proxy (l’API du kubelet)',
  },
  'audit.finding.rbac.right.tokens': {
    en: 'create service account tokens',
    fr: 'créer des jetons de compte de service',
  },
  'audit.finding.rbac.right.approveCsr': {
    en: 'approve certificate signing requests',
    fr: 'approuver des demandes de signature de certificat',
  },
  'audit.finding.rbac.right.writeRbac': { en: 'write {resources}', fr: 'écrire {resources}' },
  'audit.finding.rbac.right.webhooks': { en: 'modify {resources}', fr: 'modifier {resources}' },
  'audit.finding.rbac.right.persistentVolumes': {
    en: 'create PersistentVolumes',
    fr: 'créer des PersistentVolumes',
  },
  'audit.finding.rbac.right.portForward': {
    en: 'port-forward into pods',
    fr: 'faire port-forward vers les pods',
  },
  'audit.finding.rbac.right.kubeSystemConfigMaps': {
    en: 'write ConfigMaps in kube-system',
    fr: 'écrire les ConfigMaps de kube-system',
  },
  'audit.finding.rbac.right.delete': { en: 'delete {resources}', fr: 'supprimer {resources}' },
  'audit.finding.rbac.right.everything': { en: 'do everything', fr: 'tout faire' },
  'audit.finding.rbac.createWorkloadsCluster': {
    en: '{kind} "{name}" can create {resources} cluster-wide when bound by a ClusterRoleBinding.',
    fr: '{kind} « {name} » peut créer des {resources} dans tout le cluster quand un ClusterRoleBinding le lie.',
  },
  'audit.finding.rbac.createWorkloadsIn': {
    en: '{kind} "{name}" can create {resources} in {namespace}.',
    fr: '{kind} « {name} » peut créer des {resources} dans {namespace}.',
  },
  'audit.finding.rbac.systemMasters': {
    en: '{kind} "{name}" binds the group system:masters.',
    fr: '{kind} « {name} » lie le groupe system:masters.',
  },
  'audit.finding.rbac.broadGrant': {
    en: '{kind} "{name}" grants {roleKind} "{roleName}" to {subject} ({crowd}){where}.',
    fr: '{kind} « {name} » accorde {roleKind} « {roleName} » à {subject} ({crowd}){where}.',
  },
  'audit.finding.rbac.clusterAdmin': {
    en: 'cluster-admin is bound to {subject}{crowd}{where}.',
    fr: 'cluster-admin est lié à {subject}{crowd}{where}.',
  },
  'audit.finding.rbac.crowd': { en: ' ({crowd})', fr: ' ({crowd})' },
  'audit.finding.rbac.crowd.authenticated': {
    en: 'every authenticated user and service account',
    fr: 'tous les utilisateurs et comptes de service authentifiés',
  },
  'audit.finding.rbac.crowd.anonymous': {
    en: 'every anonymous request',
    fr: 'toutes les requêtes anonymes',
  },
  'audit.finding.rbac.crowd.serviceAccounts': {
    en: 'every service account of the cluster',
    fr: 'tous les comptes de service du cluster',
  },
  'audit.finding.rbac.crowd.namespaceServiceAccounts': {
    en: 'every service account of namespace {namespace}',
    fr: 'tous les comptes de service du namespace {namespace}',
  },
  'audit.finding.rbac.subject': { en: '{kind} "{name}"', fr: '{kind} « {name} »' },
  'audit.finding.rbac.serviceAccount': {
    en: 'ServiceAccount {namespace}/{name}',
    fr: 'ServiceAccount {namespace}/{name}',
  },
  'audit.finding.rbac.defaultAccountBound': {
    en: 'The default service account of namespace "{namespace}" is bound to {roleKind} "{roleName}".',
    fr: 'Le compte de service default du namespace « {namespace} » est lié à {roleKind} « {roleName} ».',
  },
  'audit.finding.rbac.missingAccount': {
    en: 'The pods run as ServiceAccount {namespace}/{account}, which is not among the ServiceAccounts of namespace "{namespace}".',
    fr: 'Les pods s’exécutent avec le ServiceAccount {namespace}/{account}, qui ne figure pas parmi les ServiceAccounts du namespace « {namespace} ».',
  },
  'audit.finding.rbac.accountRights': {
    en: 'The pods run as ServiceAccount {namespace}/{account}, which can {rights}.',
    fr: 'Les pods s’exécutent avec le ServiceAccount {namespace}/{account}, qui peut {rights}.',
  },
  'audit.finding.rbac.heldRight': {
    en: '{right} {where} ({binding})',
    fr: '{right} {where} ({binding})',
  },
  'audit.finding.rbac.clusterWide': { en: 'cluster-wide', fr: 'dans tout le cluster' },
  'audit.finding.rbac.inScope': { en: 'in {namespace}', fr: 'dans {namespace}' },
  'audit.finding.rbac.bindingCreatesWorkloads': {
    en: 'RoleBinding "{name}" lets {subjects} create workloads in {namespace} through {roleKind} "{roleName}".',
    fr: 'Le RoleBinding « {name} » permet à {subjects} de créer des charges de travail dans {namespace} par {roleKind} « {roleName} ».',
  },
  'audit.finding.rbac.bindingKubeSystemConfigMaps': {
    en: '{kind} "{name}" lets {subjects} write ConfigMaps in kube-system{also} through {roleKind} "{roleName}".',
    fr: '{kind} « {name} » permet à {subjects} d’écrire les ConfigMaps de kube-system{also} par {roleKind} « {roleName} ».',
  },
  'audit.finding.rbac.everyOtherNamespace': {
    en: ' (and every other namespace)',
    fr: ' (et de tous les autres namespaces)',
  },
} as const;
