/**
 * The texts of the audit's checks (ids `audit.check.<CHECK-ID>.title|rationale|remediation`), in
 * English and French: what SARIF, the reports, the API's result and docs/audit.md say of each rule.
 * The checks themselves (category, severity, references, logic) are in packages/core/src/audit;
 * a test checks that every check has its three texts here, and that each French text is its own.
 */
export const auditCheckMessages = {
  // ---- pod-security ----
  'audit.check.PSS-hostNamespaces.title': {
    en: 'Pod shares host namespaces (PSS baseline)',
    fr: 'Le pod partage les namespaces de l’hôte (PSS, niveau baseline)',
  },
  'audit.check.PSS-hostNamespaces.rationale': {
    en: 'Sharing the host network, PID or IPC namespace lets a container see and reach host processes and traffic.',
    fr: 'Partager le namespace réseau, PID ou IPC de l’hôte permet à un conteneur de voir et d’atteindre les processus et le trafic de l’hôte.',
  },
  'audit.check.PSS-hostNamespaces.remediation': {
    en: 'Remove hostNetwork, hostPID and hostIPC, or set them to false.',
    fr: 'Retirez hostNetwork, hostPID et hostIPC, ou mettez-les à false.',
  },
  'audit.check.PSS-privileged.title': {
    en: 'Privileged container (PSS baseline)',
    fr: 'Conteneur privilégié (PSS, niveau baseline)',
  },
  'audit.check.PSS-privileged.rationale': {
    en: 'A privileged container has every capability and access to all host devices: it is root on the node.',
    fr: 'Un conteneur privilégié dispose de toutes les capabilities et accède à tous les périphériques de l’hôte : il est root sur le nœud.',
  },
  'audit.check.PSS-privileged.remediation': {
    en: 'Remove securityContext.privileged or set it to false.',
    fr: 'Retirez securityContext.privileged ou mettez-le à false.',
  },
  'audit.check.PSS-capabilities_baseline.title': {
    en: 'Non-default capabilities added (PSS baseline)',
    fr: 'Capabilities hors de l’ensemble par défaut ajoutées (PSS, niveau baseline)',
  },
  'audit.check.PSS-capabilities_baseline.rationale': {
    en: 'Capabilities beyond the container runtime default set (for example NET_RAW, SYS_ADMIN) widen the kernel attack surface.',
    fr: 'Les capabilities au-delà de l’ensemble par défaut du runtime de conteneurs (par exemple NET_RAW, SYS_ADMIN) élargissent la surface d’attaque du noyau.',
  },
  'audit.check.PSS-capabilities_baseline.remediation': {
    en: 'Only add capabilities from the default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT).',
    fr: 'N’ajoutez que des capabilities de l’ensemble par défaut (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT).',
  },
  'audit.check.PSS-hostPathVolumes.title': {
    en: 'hostPath volume (PSS baseline)',
    fr: 'Volume hostPath (PSS, niveau baseline)',
  },
  'audit.check.PSS-hostPathVolumes.rationale': {
    en: 'A hostPath volume exposes the node file system to the container, a common path to node takeover.',
    fr: 'Un volume hostPath expose le système de fichiers du nœud au conteneur : c’est un chemin courant vers la prise de contrôle du nœud.',
  },
  'audit.check.PSS-hostPathVolumes.remediation': {
    en: 'Use an emptyDir, a PersistentVolumeClaim, a ConfigMap or a Secret instead of hostPath.',
    fr: 'Utilisez un emptyDir, un PersistentVolumeClaim, une ConfigMap ou un Secret au lieu de hostPath.',
  },
  'audit.check.PSS-hostPorts.title': {
    en: 'Host port (PSS baseline)',
    fr: 'Port de l’hôte (PSS, niveau baseline)',
  },
  'audit.check.PSS-hostPorts.rationale': {
    en: "A hostPort binds the node's network interface, bypassing Services and NetworkPolicies and limiting scheduling.",
    fr: 'Un hostPort ouvre un port sur l’interface réseau du nœud, en contournant les Services et les NetworkPolicies, et limite le placement des pods.',
  },
  'audit.check.PSS-hostPorts.remediation': {
    en: 'Remove hostPort and expose the container with a Service.',
    fr: 'Retirez hostPort et exposez le conteneur par un Service.',
  },
  'audit.check.PSS-appArmorProfile.title': {
    en: 'AppArmor profile overridden (PSS baseline)',
    fr: 'Profil AppArmor remplacé (PSS, niveau baseline)',
  },
  'audit.check.PSS-appArmorProfile.rationale': {
    en: "Setting AppArmor to Unconfined removes the runtime's default mandatory access control.",
    fr: 'Mettre AppArmor à Unconfined retire le contrôle d’accès obligatoire que le runtime applique par défaut.',
  },
  'audit.check.PSS-appArmorProfile.remediation': {
    en: 'Use appArmorProfile.type RuntimeDefault or Localhost (or remove the field and the annotation).',
    fr: 'Utilisez appArmorProfile.type RuntimeDefault ou Localhost (ou retirez le champ et l’annotation).',
  },
  'audit.check.PSS-seLinuxOptions.title': {
    en: 'Custom SELinux options (PSS baseline)',
    fr: 'Options SELinux personnalisées (PSS, niveau baseline)',
  },
  'audit.check.PSS-seLinuxOptions.rationale': {
    en: 'A custom SELinux type, user or role can lift the container out of its confinement.',
    fr: 'Un type, un utilisateur ou un rôle SELinux personnalisé peut faire sortir le conteneur de son confinement.',
  },
  'audit.check.PSS-seLinuxOptions.remediation': {
    en: 'Remove seLinuxOptions.user and .role; use a type among container_t, container_init_t, container_kvm_t, container_engine_t.',
    fr: 'Retirez seLinuxOptions.user et .role ; utilisez un type parmi container_t, container_init_t, container_kvm_t, container_engine_t.',
  },
  'audit.check.PSS-procMount.title': {
    en: 'Unmasked /proc (PSS baseline)',
    fr: '/proc non masqué (PSS, niveau baseline)',
  },
  'audit.check.PSS-procMount.rationale': {
    en: 'An Unmasked procMount exposes kernel interfaces that the default masks hide.',
    fr: 'Un procMount Unmasked expose des interfaces du noyau que les masques par défaut cachent.',
  },
  'audit.check.PSS-procMount.remediation': {
    en: 'Remove securityContext.procMount or set it to Default.',
    fr: 'Retirez securityContext.procMount ou mettez-le à Default.',
  },
  'audit.check.PSS-seccompProfile_baseline.title': {
    en: 'Seccomp disabled (PSS baseline)',
    fr: 'Seccomp désactivé (PSS, niveau baseline)',
  },
  'audit.check.PSS-seccompProfile_baseline.rationale': {
    en: 'An Unconfined seccomp profile lets the container make every system call.',
    fr: 'Un profil seccomp Unconfined permet au conteneur de faire tous les appels système.',
  },
  'audit.check.PSS-seccompProfile_baseline.remediation': {
    en: 'Set seccompProfile.type to RuntimeDefault or Localhost, or leave it unset.',
    fr: 'Mettez seccompProfile.type à RuntimeDefault ou Localhost, ou laissez-le non défini.',
  },
  'audit.check.PSS-sysctls.title': {
    en: 'Unsafe sysctl (PSS baseline)',
    fr: 'Sysctl non sûr (PSS, niveau baseline)',
  },
  'audit.check.PSS-sysctls.rationale': {
    en: "Sysctls outside the safe, namespaced set can change the whole node's kernel.",
    fr: 'Les sysctls hors de l’ensemble sûr, propre à chaque namespace, peuvent modifier le noyau de tout le nœud.',
  },
  'audit.check.PSS-sysctls.remediation': {
    en: 'Only set the safe sysctls of the policy version (see docs/audit.md), or remove them.',
    fr: 'Ne définissez que les sysctls sûrs de la version de la politique (voir docs/fr/audit.md), ou retirez-les.',
  },
  'audit.check.PSS-windowsHostProcess.title': {
    en: 'Windows HostProcess container (PSS baseline)',
    fr: 'Conteneur Windows HostProcess (PSS, niveau baseline)',
  },
  'audit.check.PSS-windowsHostProcess.rationale': {
    en: 'A HostProcess container runs directly on the Windows host with host privileges.',
    fr: 'Un conteneur HostProcess s’exécute directement sur l’hôte Windows, avec les privilèges de l’hôte.',
  },
  'audit.check.PSS-windowsHostProcess.remediation': {
    en: 'Remove windowsOptions.hostProcess or set it to false.',
    fr: 'Retirez windowsOptions.hostProcess ou mettez-le à false.',
  },
  'audit.check.PSS-hostProbesAndHostLifecycle.title': {
    en: 'Probe or lifecycle handler targets a host (PSS baseline, 1.34+)',
    fr: 'Une sonde ou un gestionnaire de cycle de vie vise un hôte (PSS, niveau baseline, 1.34+)',
  },
  'audit.check.PSS-hostProbesAndHostLifecycle.rationale': {
    en: 'A host in a probe or lifecycle handler makes the kubelet send requests to arbitrary addresses (SSRF from the node).',
    fr: 'Un hôte dans une sonde ou un gestionnaire de cycle de vie fait envoyer par le kubelet des requêtes vers des adresses arbitraires (SSRF depuis le nœud).',
  },
  'audit.check.PSS-hostProbesAndHostLifecycle.remediation': {
    en: 'Remove the host field of httpGet and tcpSocket handlers; the kubelet then targets the pod IP.',
    fr: 'Retirez le champ host des gestionnaires httpGet et tcpSocket ; le kubelet vise alors l’adresse IP du pod.',
  },
  'audit.check.PSS-restrictedVolumes.title': {
    en: 'Volume type not allowed (PSS restricted)',
    fr: 'Type de volume non autorisé (PSS, niveau restricted)',
  },
  'audit.check.PSS-restrictedVolumes.rationale': {
    en: 'Restricted allows only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes.',
    fr: 'Le niveau restricted n’autorise que les volumes configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected et secret.',
  },
  'audit.check.PSS-restrictedVolumes.remediation': {
    en: 'Replace the volume with a PersistentVolumeClaim or one of the allowed types.',
    fr: 'Remplacez le volume par un PersistentVolumeClaim ou par l’un des types autorisés.',
  },
  'audit.check.PSS-allowPrivilegeEscalation.title': {
    en: 'Privilege escalation allowed (PSS restricted)',
    fr: 'Élévation de privilèges autorisée (PSS, niveau restricted)',
  },
  'audit.check.PSS-allowPrivilegeEscalation.rationale': {
    en: 'Without allowPrivilegeEscalation: false, a process can gain more privileges than its parent (setuid binaries).',
    fr: 'Sans allowPrivilegeEscalation: false, un processus peut obtenir plus de privilèges que son parent (binaires setuid).',
  },
  'audit.check.PSS-allowPrivilegeEscalation.remediation': {
    en: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
    fr: 'Mettez securityContext.allowPrivilegeEscalation: false sur chaque conteneur.',
  },
  'audit.check.PSS-runAsNonRoot.title': {
    en: 'May run as root (PSS restricted)',
    fr: 'Peut s’exécuter en root (PSS, niveau restricted)',
  },
  'audit.check.PSS-runAsNonRoot.rationale': {
    en: 'Containers that may run as root turn any escape into root on the node.',
    fr: 'Avec des conteneurs qui peuvent s’exécuter en root, toute évasion donne root sur le nœud.',
  },
  'audit.check.PSS-runAsNonRoot.remediation': {
    en: 'Set securityContext.runAsNonRoot: true at pod level (or on every container) and run the image as a non-root user.',
    fr: 'Mettez securityContext.runAsNonRoot: true au niveau du pod (ou sur chaque conteneur) et exécutez l’image avec un utilisateur autre que root.',
  },
  'audit.check.PSS-runAsUser.title': {
    en: 'Runs as UID 0 (PSS restricted)',
    fr: 'S’exécute avec l’UID 0 (PSS, niveau restricted)',
  },
  'audit.check.PSS-runAsUser.rationale': {
    en: 'runAsUser: 0 runs the container as root.',
    fr: 'runAsUser: 0 exécute le conteneur en root.',
  },
  'audit.check.PSS-runAsUser.remediation': {
    en: 'Set runAsUser to a non-zero UID, or remove it and set runAsNonRoot: true.',
    fr: 'Donnez à runAsUser un UID non nul, ou retirez-le et mettez runAsNonRoot: true.',
  },
  'audit.check.PSS-seccompProfile_restricted.title': {
    en: 'Seccomp profile not set (PSS restricted)',
    fr: 'Profil seccomp non défini (PSS, niveau restricted)',
  },
  'audit.check.PSS-seccompProfile_restricted.rationale': {
    en: 'Restricted requires an explicit RuntimeDefault or Localhost seccomp profile.',
    fr: 'Le niveau restricted exige un profil seccomp explicite, RuntimeDefault ou Localhost.',
  },
  'audit.check.PSS-seccompProfile_restricted.remediation': {
    en: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault.',
    fr: 'Mettez spec.securityContext.seccompProfile.type: RuntimeDefault.',
  },
  'audit.check.PSS-capabilities_restricted.title': {
    en: 'Capabilities not dropped (PSS restricted)',
    fr: 'Capabilities non retirées (PSS, niveau restricted)',
  },
  'audit.check.PSS-capabilities_restricted.rationale': {
    en: 'Restricted requires dropping ALL capabilities and adding back at most NET_BIND_SERVICE.',
    fr: 'Le niveau restricted exige de retirer toutes les capabilities (ALL) et de n’ajouter au plus que NET_BIND_SERVICE.',
  },
  'audit.check.PSS-capabilities_restricted.remediation': {
    en: 'Set securityContext.capabilities.drop: ["ALL"]; add only NET_BIND_SERVICE if needed.',
    fr: 'Mettez securityContext.capabilities.drop: ["ALL"] ; n’ajoutez NET_BIND_SERVICE qu’en cas de besoin.',
  },
  'audit.check.PSS-procMount_restricted.title': {
    en: 'Non-default /proc mount (PSS restricted, 1.35+)',
    fr: 'Montage /proc autre que Default (PSS, niveau restricted, 1.35+)',
  },
  'audit.check.PSS-procMount_restricted.rationale': {
    en: 'Restricted allows only the Default procMount, even in a user namespace.',
    fr: 'Le niveau restricted n’autorise que le procMount Default, même dans un namespace utilisateur (user namespace).',
  },
  'audit.check.PSS-procMount_restricted.remediation': {
    en: 'Remove securityContext.procMount or set it to Default.',
    fr: 'Retirez securityContext.procMount ou mettez-le à Default.',
  },
  // ---- best-practice ----
  'audit.check.QUAI-BP-001.title': {
    en: 'Image tag is missing or mutable (latest)',
    fr: 'Tag d’image absent ou mutable (latest)',
  },
  'audit.check.QUAI-BP-001.rationale': {
    en: 'Without a fixed tag the image that runs changes under your feet: rollbacks, audits and scans no longer describe what runs.',
    fr: 'Sans tag fixe, l’image qui tourne change à votre insu : retours arrière, audits et analyses ne décrivent plus ce qui s’exécute.',
  },
  'audit.check.QUAI-BP-001.remediation': {
    en: 'Pin a version tag (for example `grist:1.1.15`), ideally with its digest.',
    fr: 'Fixez un tag de version (par exemple `grist:1.1.15`), idéalement avec son digest.',
  },
  'audit.check.QUAI-BP-002.title': {
    en: 'Image not pinned by digest',
    fr: 'Image non épinglée par digest',
  },
  'audit.check.QUAI-BP-002.rationale': {
    en: 'A tag can be moved to another image; a digest cannot.',
    fr: 'Un tag peut être déplacé vers une autre image ; un digest, non.',
  },
  'audit.check.QUAI-BP-002.remediation': {
    en: 'Reference the image as `name:tag@sha256:...`.',
    fr: 'Référencez l’image sous la forme `nom:tag@sha256:...`.',
  },
  'audit.check.QUAI-BP-003.title': {
    en: 'imagePullPolicy is not Always for a mutable tag',
    fr: 'imagePullPolicy n’est pas Always pour un tag mutable',
  },
  'audit.check.QUAI-BP-003.rationale': {
    en: 'With IfNotPresent or Never, nodes keep whatever image they pulled first under a mutable tag.',
    fr: 'Avec IfNotPresent ou Never, les nœuds gardent l’image qu’ils ont tirée en premier sous un tag mutable.',
  },
  'audit.check.QUAI-BP-003.remediation': {
    en: 'Pin the tag, or set imagePullPolicy: Always.',
    fr: 'Fixez le tag, ou mettez imagePullPolicy: Always.',
  },
  'audit.check.QUAI-BP-004.title': {
    en: 'CPU request missing',
    fr: 'Réservation de CPU absente',
  },
  'audit.check.QUAI-BP-004.rationale': {
    en: 'Without a CPU request the scheduler cannot place the pod sensibly and it is the first throttled.',
    fr: 'Sans réservation de CPU (request), l’ordonnanceur ne peut pas placer le pod de façon sensée et le pod est le premier bridé.',
  },
  'audit.check.QUAI-BP-004.remediation': {
    en: 'Set resources.requests.cpu.',
    fr: 'Définissez resources.requests.cpu.',
  },
  'audit.check.QUAI-BP-005.title': {
    en: 'Memory request missing',
    fr: 'Réservation de mémoire absente',
  },
  'audit.check.QUAI-BP-005.rationale': {
    en: 'Without a memory request the pod can be placed on a full node and be evicted first.',
    fr: 'Sans réservation de mémoire (request), le pod peut être placé sur un nœud plein et être évincé en premier.',
  },
  'audit.check.QUAI-BP-005.remediation': {
    en: 'Set resources.requests.memory.',
    fr: 'Définissez resources.requests.memory.',
  },
  'audit.check.QUAI-BP-006.title': {
    en: 'Memory limit missing',
    fr: 'Limite de mémoire absente',
  },
  'audit.check.QUAI-BP-006.rationale': {
    en: 'A container without a memory limit can exhaust the node and get its neighbours killed (denial of service).',
    fr: 'Un conteneur sans limite de mémoire peut épuiser le nœud et faire tuer ses voisins (déni de service).',
  },
  'audit.check.QUAI-BP-006.remediation': {
    en: 'Set resources.limits.memory.',
    fr: 'Définissez resources.limits.memory.',
  },
  'audit.check.QUAI-BP-007.title': {
    en: 'CPU limit missing',
    fr: 'Limite de CPU absente',
  },
  'audit.check.QUAI-BP-007.rationale': {
    en: 'Without a CPU limit one container can starve the others on its node.',
    fr: 'Sans limite de CPU, un conteneur peut affamer les autres sur son nœud.',
  },
  'audit.check.QUAI-BP-007.remediation': {
    en: 'Set resources.limits.cpu (or accept it knowingly with an exception: some teams avoid CPU limits on purpose).',
    fr: 'Définissez resources.limits.cpu (ou acceptez-le en connaissance de cause par une exception : certaines équipes évitent volontairement les limites de CPU).',
  },
  'audit.check.QUAI-BP-008.title': {
    en: 'Liveness probe missing',
    fr: 'Sonde de vivacité (liveness) absente',
  },
  'audit.check.QUAI-BP-008.rationale': {
    en: 'Without a liveness probe a hung process is never restarted.',
    fr: 'Sans sonde de vivacité, un processus bloqué n’est jamais redémarré.',
  },
  'audit.check.QUAI-BP-008.remediation': {
    en: 'Add a livenessProbe (httpGet, tcpSocket, grpc or exec).',
    fr: 'Ajoutez une livenessProbe (httpGet, tcpSocket, grpc ou exec).',
  },
  'audit.check.QUAI-BP-009.title': {
    en: 'Readiness probe missing',
    fr: 'Sonde de disponibilité (readiness) absente',
  },
  'audit.check.QUAI-BP-009.rationale': {
    en: 'Without a readiness probe traffic reaches pods before they can serve, and during their shutdown.',
    fr: 'Sans sonde de disponibilité, le trafic atteint les pods avant qu’ils puissent répondre, et pendant leur arrêt.',
  },
  'audit.check.QUAI-BP-009.remediation': {
    en: 'Add a readinessProbe.',
    fr: 'Ajoutez une readinessProbe.',
  },
  'audit.check.QUAI-BP-010.title': {
    en: 'Liveness and readiness probes are identical',
    fr: 'Sondes de vivacité et de disponibilité identiques',
  },
  'audit.check.QUAI-BP-010.rationale': {
    en: 'When both probes are the same, an overloaded pod is killed instead of being taken out of rotation.',
    fr: 'Quand les deux sondes sont identiques, un pod surchargé est tué au lieu d’être retiré de la répartition de charge.',
  },
  'audit.check.QUAI-BP-010.remediation': {
    en: 'Make the liveness probe check only that the process is alive, and the readiness probe that it can serve.',
    fr: 'Faites vérifier par la sonde de vivacité seulement que le processus est en vie, et par la sonde de disponibilité qu’il peut répondre.',
  },
  'audit.check.QUAI-BP-011.title': {
    en: 'hostPath volume',
    fr: 'Volume hostPath',
  },
  'audit.check.QUAI-BP-011.rationale': {
    en: 'hostPath exposes the node file system; a writable one is a path to node takeover.',
    fr: 'hostPath expose le système de fichiers du nœud ; monté en écriture, c’est un chemin vers la prise de contrôle du nœud.',
  },
  'audit.check.QUAI-BP-011.remediation': {
    en: 'Use a PersistentVolumeClaim, an emptyDir, a ConfigMap or a Secret.',
    fr: 'Utilisez un PersistentVolumeClaim, un emptyDir, une ConfigMap ou un Secret.',
  },
  'audit.check.QUAI-BP-012.title': {
    en: 'Container runtime socket mounted',
    fr: 'Socket du runtime de conteneurs monté',
  },
  'audit.check.QUAI-BP-012.rationale': {
    en: 'The Docker or containerd socket gives full control of every container on the node: it is root on the node.',
    fr: 'Le socket de Docker ou de containerd donne le contrôle complet de tous les conteneurs du nœud : c’est être root sur le nœud.',
  },
  'audit.check.QUAI-BP-012.remediation': {
    en: 'Do not mount the runtime socket; build images with a rootless builder (Kaniko, BuildKit rootless).',
    fr: 'Ne montez pas le socket du runtime ; construisez les images avec un outil sans privilèges (Kaniko, BuildKit rootless).',
  },
  'audit.check.QUAI-BP-013.title': {
    en: 'hostNetwork: true',
    fr: 'Réseau de l’hôte partagé (hostNetwork: true)',
  },
  'audit.check.QUAI-BP-013.rationale': {
    en: "The pod shares the node's network stack: it can sniff traffic and reach services bound to localhost.",
    fr: 'Le pod partage la pile réseau du nœud : il peut écouter le trafic et atteindre les services liés à localhost.',
  },
  'audit.check.QUAI-BP-013.remediation': {
    en: 'Remove hostNetwork; expose the pod with a Service.',
    fr: 'Retirez hostNetwork ; exposez le pod par un Service.',
  },
  'audit.check.QUAI-BP-014.title': {
    en: 'hostPID: true',
    fr: 'Processus de l’hôte visibles (hostPID: true)',
  },
  'audit.check.QUAI-BP-014.rationale': {
    en: 'The pod sees every process of the node and can signal or inspect them.',
    fr: 'Le pod voit tous les processus du nœud et peut leur envoyer des signaux ou les inspecter.',
  },
  'audit.check.QUAI-BP-014.remediation': {
    en: 'Remove hostPID.',
    fr: 'Retirez hostPID.',
  },
  'audit.check.QUAI-BP-015.title': {
    en: 'hostIPC: true',
    fr: 'IPC de l’hôte partagé (hostIPC: true)',
  },
  'audit.check.QUAI-BP-015.rationale': {
    en: "The pod shares the node's IPC namespace and can read other processes' shared memory.",
    fr: 'Le pod partage le namespace IPC du nœud et peut lire la mémoire partagée des autres processus.',
  },
  'audit.check.QUAI-BP-015.remediation': {
    en: 'Remove hostIPC.',
    fr: 'Retirez hostIPC.',
  },
  'audit.check.QUAI-BP-016.title': {
    en: 'hostPort used',
    fr: 'hostPort utilisé',
  },
  'audit.check.QUAI-BP-016.rationale': {
    en: 'A hostPort ties the pod to a node port and bypasses NetworkPolicies.',
    fr: 'Un hostPort lie le pod à un port du nœud et contourne les NetworkPolicies.',
  },
  'audit.check.QUAI-BP-016.remediation': {
    en: 'Remove hostPort and use a Service.',
    fr: 'Retirez hostPort et utilisez un Service.',
  },
  'audit.check.QUAI-BP-017.title': {
    en: 'Privileged container',
    fr: 'Conteneur privilégié',
  },
  'audit.check.QUAI-BP-017.rationale': {
    en: 'A privileged container is root on the node.',
    fr: 'Un conteneur privilégié est root sur le nœud.',
  },
  'audit.check.QUAI-BP-017.remediation': {
    en: 'Remove securityContext.privileged.',
    fr: 'Retirez securityContext.privileged.',
  },
  'audit.check.QUAI-BP-018.title': {
    en: 'allowPrivilegeEscalation is not false',
    fr: 'allowPrivilegeEscalation n’est pas à false',
  },
  'audit.check.QUAI-BP-018.rationale': {
    en: "setuid binaries can raise a process above its parent's privileges.",
    fr: 'Les binaires setuid peuvent élever un processus au-dessus des privilèges de son parent.',
  },
  'audit.check.QUAI-BP-018.remediation': {
    en: 'Set securityContext.allowPrivilegeEscalation: false.',
    fr: 'Mettez securityContext.allowPrivilegeEscalation: false.',
  },
  'audit.check.QUAI-BP-019.title': {
    en: 'Root file system is writable',
    fr: 'Système de fichiers racine accessible en écriture',
  },
  'audit.check.QUAI-BP-019.rationale': {
    en: 'A writable root file system lets an attacker drop tools and persist changes in the container.',
    fr: 'Un système de fichiers racine accessible en écriture permet à un attaquant d’y déposer des outils et d’y faire persister ses modifications.',
  },
  'audit.check.QUAI-BP-019.remediation': {
    en: 'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the application writes.',
    fr: 'Mettez securityContext.readOnlyRootFilesystem: true et montez un emptyDir là où l’application écrit.',
  },
  'audit.check.QUAI-BP-020.title': {
    en: 'Container may run as root',
    fr: 'Le conteneur peut s’exécuter en root',
  },
  'audit.check.QUAI-BP-020.rationale': {
    en: 'Without runAsNonRoot: true, the image decides, and most images run as root.',
    fr: 'Sans runAsNonRoot: true, c’est l’image qui décide, et la plupart des images s’exécutent en root.',
  },
  'audit.check.QUAI-BP-020.remediation': {
    en: 'Set runAsNonRoot: true (pod or container level) and a non-zero runAsUser.',
    fr: 'Mettez runAsNonRoot: true (au niveau du pod ou du conteneur) et un runAsUser non nul.',
  },
  'audit.check.QUAI-BP-021.title': {
    en: 'runAsUser or runAsGroup below 10000',
    fr: 'runAsUser ou runAsGroup inférieur à 10000',
  },
  'audit.check.QUAI-BP-021.rationale': {
    en: 'Low UIDs and GIDs may collide with privileged users on the host if the container escapes.',
    fr: 'Des UID et GID bas peuvent coïncider avec des utilisateurs privilégiés de l’hôte si le conteneur s’en évade.',
  },
  'audit.check.QUAI-BP-021.remediation': {
    en: 'Use a UID and GID of 10000 or more.',
    fr: 'Utilisez un UID et un GID supérieurs ou égaux à 10000.',
  },
  'audit.check.QUAI-BP-022.title': {
    en: 'Capabilities not dropped',
    fr: 'Capabilities non retirées',
  },
  'audit.check.QUAI-BP-022.rationale': {
    en: "The runtime's default capabilities (NET_RAW among them) are rarely needed.",
    fr: 'Les capabilities par défaut du runtime (dont NET_RAW) sont rarement nécessaires.',
  },
  'audit.check.QUAI-BP-022.remediation': {
    en: 'Set securityContext.capabilities.drop: ["ALL"].',
    fr: 'Mettez securityContext.capabilities.drop: ["ALL"].',
  },
  'audit.check.QUAI-BP-023.title': {
    en: 'Dangerous capability added',
    fr: 'Capability dangereuse ajoutée',
  },
  'audit.check.QUAI-BP-023.rationale': {
    en: 'SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, NET_RAW, BPF, ALL and similar capabilities allow container escapes or network spoofing.',
    fr: 'SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, NET_RAW, BPF, ALL et les capabilities semblables permettent de s’évader du conteneur ou d’usurper du trafic réseau.',
  },
  'audit.check.QUAI-BP-023.remediation': {
    en: 'Remove the capability; find the narrower one the application needs.',
    fr: 'Retirez la capability ; trouvez la capability plus étroite dont l’application a besoin.',
  },
  'audit.check.QUAI-BP-024.title': {
    en: 'Seccomp profile not set or Unconfined',
    fr: 'Profil seccomp non défini ou Unconfined',
  },
  'audit.check.QUAI-BP-024.rationale': {
    en: 'Without a seccomp profile every system call is allowed.',
    fr: 'Sans profil seccomp, tous les appels système sont autorisés.',
  },
  'audit.check.QUAI-BP-024.remediation': {
    en: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault.',
    fr: 'Mettez spec.securityContext.seccompProfile.type: RuntimeDefault.',
  },
  'audit.check.QUAI-BP-025.title': {
    en: 'Service account token mounted automatically',
    fr: 'Jeton du compte de service monté automatiquement',
  },
  'audit.check.QUAI-BP-025.rationale': {
    en: 'Most applications never call the Kubernetes API; a mounted token is a credential waiting to be stolen.',
    fr: 'La plupart des applications n’appellent jamais l’API Kubernetes ; un jeton monté est un identifiant qui n’attend que d’être volé.',
  },
  'audit.check.QUAI-BP-025.remediation': {
    en: 'Set automountServiceAccountToken: false on the pod (or its service account) unless it calls the API.',
    fr: 'Mettez automountServiceAccountToken: false sur le pod (ou sur son compte de service), sauf s’il appelle l’API.',
  },
  'audit.check.QUAI-BP-026.title': {
    en: 'Default service account used',
    fr: 'Compte de service default utilisé',
  },
  'audit.check.QUAI-BP-026.rationale': {
    en: 'Workloads sharing the default service account share its rights; any right given to one is given to all.',
    fr: 'Les charges de travail qui partagent le compte de service default partagent ses droits ; tout droit donné à l’une est donné à toutes.',
  },
  'audit.check.QUAI-BP-026.remediation': {
    en: 'Create a service account per application and set serviceAccountName.',
    fr: 'Créez un compte de service par application et définissez serviceAccountName.',
  },
  'audit.check.QUAI-BP-027.title': {
    en: 'Object in the default namespace',
    fr: 'Objet dans le namespace default',
  },
  'audit.check.QUAI-BP-027.rationale': {
    en: 'The default namespace has no isolation, quotas or policies of its own.',
    fr: 'Le namespace default n’a ni isolation, ni quotas, ni politiques propres.',
  },
  'audit.check.QUAI-BP-027.remediation': {
    en: 'Put the application in its own namespace.',
    fr: 'Placez l’application dans son propre namespace.',
  },
  'audit.check.QUAI-BP-028.title': {
    en: 'No NetworkPolicy selects this workload',
    fr: 'Aucune NetworkPolicy ne sélectionne cette charge de travail',
  },
  'audit.check.QUAI-BP-028.rationale': {
    en: 'Without a NetworkPolicy every pod can reach it and it can reach everything (lateral movement).',
    fr: 'Sans NetworkPolicy, tous les pods peuvent l’atteindre et elle peut tout atteindre (mouvement latéral).',
  },
  'audit.check.QUAI-BP-028.remediation': {
    en: 'Add a NetworkPolicy selecting the pods, with a default-deny policy per namespace.',
    fr: 'Ajoutez une NetworkPolicy qui sélectionne les pods, avec une politique de refus par défaut dans chaque namespace.',
  },
  'audit.check.QUAI-BP-029.title': {
    en: 'No PodDisruptionBudget for a replicated workload',
    fr: 'Aucun PodDisruptionBudget pour une charge de travail répliquée',
  },
  'audit.check.QUAI-BP-029.rationale': {
    en: 'Without a PodDisruptionBudget a node drain can take all replicas down at once.',
    fr: 'Sans PodDisruptionBudget, la vidange d’un nœud (drain) peut arrêter toutes les répliques à la fois.',
  },
  'audit.check.QUAI-BP-029.remediation': {
    en: 'Add a PodDisruptionBudget selecting the pods (for example maxUnavailable: 1).',
    fr: 'Ajoutez un PodDisruptionBudget qui sélectionne les pods (par exemple maxUnavailable: 1).',
  },
  'audit.check.QUAI-BP-030.title': {
    en: 'Single replica',
    fr: 'Une seule réplique',
  },
  'audit.check.QUAI-BP-030.rationale': {
    en: 'One replica means downtime at every rollout, node drain or crash.',
    fr: 'Une seule réplique signifie une interruption à chaque déploiement, chaque vidange de nœud ou chaque plantage.',
  },
  'audit.check.QUAI-BP-030.remediation': {
    en: 'Run 2 or more replicas for production services (with a PodDisruptionBudget).',
    fr: 'Exécutez 2 répliques ou plus pour les services de production (avec un PodDisruptionBudget).',
  },
  'audit.check.QUAI-BP-031.title': {
    en: 'Replicas not spread across nodes',
    fr: 'Répliques non réparties sur les nœuds',
  },
  'audit.check.QUAI-BP-031.rationale': {
    en: 'Replicas without anti-affinity or topology spread can all land on one node.',
    fr: 'Des répliques sans anti-affinité ni contrainte de répartition peuvent toutes se retrouver sur un seul nœud.',
  },
  'audit.check.QUAI-BP-031.remediation': {
    en: 'Add topologySpreadConstraints (or a preferred podAntiAffinity) on kubernetes.io/hostname.',
    fr: 'Ajoutez des topologySpreadConstraints (ou une podAntiAffinity préférée) sur kubernetes.io/hostname.',
  },
  'audit.check.QUAI-BP-032.title': {
    en: 'Service of type NodePort',
    fr: 'Service de type NodePort',
  },
  'audit.check.QUAI-BP-032.rationale': {
    en: "A NodePort opens the service on every node's address, outside any Ingress and its TLS.",
    fr: 'Un NodePort ouvre le service sur l’adresse de chaque nœud, en dehors de tout Ingress et de son TLS.',
  },
  'audit.check.QUAI-BP-032.remediation': {
    en: 'Use a ClusterIP Service behind an Ingress.',
    fr: 'Utilisez un Service ClusterIP derrière un Ingress.',
  },
  'audit.check.QUAI-BP-033.title': {
    en: 'Service of type LoadBalancer',
    fr: 'Service de type LoadBalancer',
  },
  'audit.check.QUAI-BP-033.rationale': {
    en: 'A LoadBalancer exposes the service directly, often to the Internet, outside the Ingress and its TLS.',
    fr: 'Un LoadBalancer expose le service directement, souvent sur Internet, en dehors de l’Ingress et de son TLS.',
  },
  'audit.check.QUAI-BP-033.remediation': {
    en: 'Use a ClusterIP Service behind an Ingress, or restrict loadBalancerSourceRanges.',
    fr: 'Utilisez un Service ClusterIP derrière un Ingress, ou restreignez loadBalancerSourceRanges.',
  },
  'audit.check.QUAI-BP-034.title': {
    en: 'Service with externalIPs',
    fr: 'Service avec externalIPs',
  },
  'audit.check.QUAI-BP-034.rationale': {
    en: 'externalIPs let a Service capture traffic for any address (CVE-2020-8554).',
    fr: 'externalIPs permet à un Service de capter le trafic destiné à n’importe quelle adresse (CVE-2020-8554).',
  },
  'audit.check.QUAI-BP-034.remediation': {
    en: 'Remove spec.externalIPs; use a LoadBalancer or an Ingress.',
    fr: 'Retirez spec.externalIPs ; utilisez un LoadBalancer ou un Ingress.',
  },
  'audit.check.QUAI-BP-035.title': {
    en: 'Service selector matches no pod',
    fr: 'Le sélecteur du Service ne correspond à aucun pod',
  },
  'audit.check.QUAI-BP-035.rationale': {
    en: 'A Service whose selector matches no pod template in its namespace sends traffic nowhere.',
    fr: 'Un Service dont le sélecteur ne correspond à aucun modèle de pod de son namespace n’envoie le trafic nulle part.',
  },
  'audit.check.QUAI-BP-035.remediation': {
    en: 'Fix the selector or the pod labels so they agree.',
    fr: 'Corrigez le sélecteur ou les labels des pods pour qu’ils concordent.',
  },
  'audit.check.QUAI-BP-036.title': {
    en: 'Ingress without TLS',
    fr: 'Ingress sans TLS',
  },
  'audit.check.QUAI-BP-036.rationale': {
    en: 'Traffic to this Ingress travels in clear text.',
    fr: 'Le trafic vers cet Ingress circule en clair.',
  },
  'audit.check.QUAI-BP-036.remediation': {
    en: 'Add spec.tls with a certificate (cert-manager can issue it).',
    fr: 'Ajoutez spec.tls avec un certificat (cert-manager peut l’émettre).',
  },
  'audit.check.QUAI-BP-037.title': {
    en: 'Ingress targets a Service that is not defined',
    fr: 'L’Ingress vise un Service qui n’est pas défini',
  },
  'audit.check.QUAI-BP-037.rationale': {
    en: 'An Ingress backend naming a Service absent from its namespace answers 503.',
    fr: 'Un backend d’Ingress qui nomme un Service absent de son namespace répond 503.',
  },
  'audit.check.QUAI-BP-037.remediation': {
    en: 'Fix the backend service name, or add the Service.',
    fr: 'Corrigez le nom du Service du backend, ou ajoutez le Service.',
  },
  'audit.check.QUAI-BP-038.title': {
    en: 'Secret-looking literal in an environment variable',
    fr: 'Valeur en clair ressemblant à un secret dans une variable d’environnement',
  },
  'audit.check.QUAI-BP-038.rationale': {
    en: 'Credentials written in manifests end up in Git, in CI logs and in every copy of the manifest.',
    fr: 'Les identifiants écrits dans les manifestes se retrouvent dans Git, dans les journaux de la CI et dans chaque copie du manifeste.',
  },
  'audit.check.QUAI-BP-038.remediation': {
    en: 'Move the value to a Secret and reference it with valueFrom.secretKeyRef (or mount it as a file).',
    fr: 'Déplacez la valeur dans un Secret et référencez-la avec valueFrom.secretKeyRef (ou montez-la comme fichier).',
  },
  'audit.check.QUAI-BP-039.title': {
    en: 'Secret-looking value in a ConfigMap',
    fr: 'Valeur ressemblant à un secret dans une ConfigMap',
  },
  'audit.check.QUAI-BP-039.rationale': {
    en: 'ConfigMaps are not meant for secrets: they are readable by anyone who can read configuration.',
    fr: 'Les ConfigMaps ne sont pas faites pour les secrets : quiconque peut lire la configuration peut les lire.',
  },
  'audit.check.QUAI-BP-039.remediation': {
    en: 'Move the value to a Secret.',
    fr: 'Déplacez la valeur dans un Secret.',
  },
  'audit.check.QUAI-BP-040.title': {
    en: 'Secret manifest with literal data',
    fr: 'Manifeste de Secret avec ses données en clair',
  },
  'audit.check.QUAI-BP-040.rationale': {
    en: 'A Secret committed with its data is a credential in Git (base64 is not encryption).',
    fr: 'Un Secret versionné avec ses données est un identifiant dans Git (base64 n’est pas un chiffrement).',
  },
  'audit.check.QUAI-BP-040.remediation': {
    en: 'Generate the Secret at deploy time (SOPS, Sealed Secrets, External Secrets) instead of committing its data.',
    fr: 'Générez le Secret au moment du déploiement (SOPS, Sealed Secrets, External Secrets) au lieu de versionner ses données.',
  },
  'audit.check.QUAI-BP-041.title': {
    en: 'Workload selectors overlap',
    fr: 'Sélecteurs de charges de travail qui se chevauchent',
  },
  'audit.check.QUAI-BP-041.rationale': {
    en: 'Two controllers selecting the same pods fight over them (scaling and rollouts go wrong).',
    fr: 'Deux contrôleurs qui sélectionnent les mêmes pods se les disputent (la mise à l’échelle et les déploiements se passent mal).',
  },
  'audit.check.QUAI-BP-041.remediation': {
    en: 'Give each workload a selector with a label unique to it (app.kubernetes.io/name and instance).',
    fr: 'Donnez à chaque charge de travail un sélecteur avec un label qui lui est propre (app.kubernetes.io/name et instance).',
  },
  'audit.check.QUAI-BP-042.title': {
    en: 'PodDisruptionBudget blocks every disruption or matches nothing',
    fr: 'Le PodDisruptionBudget bloque toute interruption ou ne sélectionne rien',
  },
  'audit.check.QUAI-BP-042.rationale': {
    en: 'maxUnavailable: 0, or minAvailable equal to the replicas, blocks node drains forever; a PDB selecting nothing protects nothing.',
    fr: 'maxUnavailable: 0, ou un minAvailable égal au nombre de répliques, bloque indéfiniment la vidange des nœuds ; un PDB qui ne sélectionne rien ne protège rien.',
  },
  'audit.check.QUAI-BP-042.remediation': {
    en: "Allow at least one disruption (maxUnavailable: 1) and select the workload's pods.",
    fr: 'Autorisez au moins une interruption (maxUnavailable: 1) et sélectionnez les pods de la charge de travail.',
  },
  'audit.check.QUAI-BP-043.title': {
    en: 'API version removed in the target Kubernetes version',
    fr: 'Version d’API retirée dans la version de Kubernetes visée',
  },
  'audit.check.QUAI-BP-043.rationale': {
    en: 'The API server of the target version no longer serves this apiVersion: applying it fails.',
    fr: 'L’API server de la version visée ne sert plus cette apiVersion : l’application du manifeste échoue.',
  },
  'audit.check.QUAI-BP-043.remediation': {
    en: 'Migrate to the replacement apiVersion shown in the message.',
    fr: 'Passez à l’apiVersion de remplacement indiquée dans le constat.',
  },
  'audit.check.QUAI-BP-044.title': {
    en: 'API version deprecated in the target Kubernetes version',
    fr: 'Version d’API dépréciée dans la version de Kubernetes visée',
  },
  'audit.check.QUAI-BP-044.rationale': {
    en: 'A deprecated apiVersion will be removed in a later release.',
    fr: 'Une apiVersion dépréciée sera retirée dans une version ultérieure.',
  },
  'audit.check.QUAI-BP-044.remediation': {
    en: 'Migrate to the replacement apiVersion shown in the message.',
    fr: 'Passez à l’apiVersion de remplacement indiquée dans le constat.',
  },
  'audit.check.QUAI-BP-045.title': {
    en: 'Recommended labels missing',
    fr: 'Labels recommandés absents',
  },
  'audit.check.QUAI-BP-045.rationale': {
    en: 'app.kubernetes.io/name and app.kubernetes.io/instance let tools, dashboards and policies find the application.',
    fr: 'app.kubernetes.io/name et app.kubernetes.io/instance permettent aux outils, tableaux de bord et politiques de retrouver l’application.',
  },
  'audit.check.QUAI-BP-045.remediation': {
    en: 'Add the app.kubernetes.io/name and app.kubernetes.io/instance labels.',
    fr: 'Ajoutez les labels app.kubernetes.io/name et app.kubernetes.io/instance.',
  },
  'audit.check.QUAI-BP-046.title': {
    en: 'Bare Pod without a controller',
    fr: 'Pod isolé sans contrôleur',
  },
  'audit.check.QUAI-BP-046.rationale': {
    en: 'A Pod without a Deployment, StatefulSet or Job is not recreated when its node fails.',
    fr: 'Un pod sans Deployment, StatefulSet ou Job n’est pas recréé quand son nœud tombe en panne.',
  },
  'audit.check.QUAI-BP-046.remediation': {
    en: 'Run it through a Deployment, a StatefulSet or a Job.',
    fr: 'Exécutez-le au moyen d’un Deployment, d’un StatefulSet ou d’un Job.',
  },
  'audit.check.QUAI-BP-047.title': {
    en: 'Priority class not set',
    fr: 'Classe de priorité non définie',
  },
  'audit.check.QUAI-BP-047.rationale': {
    en: 'Without a priority class, critical and best-effort pods are preempted in the same order.',
    fr: 'Sans classe de priorité, les pods critiques et les pods best-effort sont préemptés dans le même ordre.',
  },
  'audit.check.QUAI-BP-047.remediation': {
    en: 'Set priorityClassName for production workloads.',
    fr: 'Définissez priorityClassName pour les charges de travail de production.',
  },
  'audit.check.QUAI-BP-048.title': {
    en: 'SSH port exposed',
    fr: 'Port SSH exposé',
  },
  'audit.check.QUAI-BP-048.rationale': {
    en: 'Running or exposing SSH inside a container bypasses Kubernetes access control and audit.',
    fr: 'Exécuter ou exposer SSH dans un conteneur contourne le contrôle d’accès et le journal d’audit de Kubernetes.',
  },
  'audit.check.QUAI-BP-048.remediation': {
    en: 'Remove the SSH server; use `kubectl exec` with RBAC and audit logging.',
    fr: 'Retirez le serveur SSH ; utilisez `kubectl exec` avec RBAC et la journalisation d’audit.',
  },
  'audit.check.QUAI-BP-049.title': {
    en: 'Namespace without Pod Security Admission enforcement',
    fr: 'Namespace sans application de Pod Security Admission',
  },
  'audit.check.QUAI-BP-049.rationale': {
    en: 'Without the pod-security.kubernetes.io/enforce label, any pod, privileged ones included, is admitted.',
    fr: 'Sans le label pod-security.kubernetes.io/enforce, tout pod est admis, y compris les pods privilégiés.',
  },
  'audit.check.QUAI-BP-049.remediation': {
    en: 'Label the namespace with pod-security.kubernetes.io/enforce: restricted (or baseline).',
    fr: 'Posez sur le namespace le label pod-security.kubernetes.io/enforce: restricted (ou baseline).',
  },
  'audit.check.QUAI-BP-050.title': {
    en: 'Namespace enforces the privileged Pod Security level',
    fr: 'Le namespace applique le niveau Pod Security privileged',
  },
  'audit.check.QUAI-BP-050.rationale': {
    en: 'pod-security.kubernetes.io/enforce: privileged admits any pod in this namespace.',
    fr: 'pod-security.kubernetes.io/enforce: privileged admet n’importe quel pod dans ce namespace.',
  },
  'audit.check.QUAI-BP-050.remediation': {
    en: 'Use baseline or restricted; move the few pods that need more into a dedicated namespace.',
    fr: 'Utilisez baseline ou restricted ; déplacez les quelques pods qui ont besoin de plus dans un namespace dédié.',
  },
  'audit.check.QUAI-BP-051.title': {
    en: 'Process namespace shared between containers',
    fr: 'Namespace de processus partagé entre conteneurs',
  },
  'audit.check.QUAI-BP-051.rationale': {
    en: "shareProcessNamespace lets each container see and signal the others' processes, and read their file systems via /proc.",
    fr: 'shareProcessNamespace permet à chaque conteneur de voir les processus des autres, de leur envoyer des signaux et de lire leurs systèmes de fichiers par /proc.',
  },
  'audit.check.QUAI-BP-051.remediation': {
    en: 'Remove shareProcessNamespace unless a debugging sidecar needs it.',
    fr: 'Retirez shareProcessNamespace, sauf si un conteneur annexe de débogage en a besoin.',
  },
  'audit.check.QUAI-BP-052.title': {
    en: 'Long-lived service account token Secret',
    fr: 'Secret contenant un jeton de compte de service à longue durée de vie',
  },
  'audit.check.QUAI-BP-052.rationale': {
    en: 'kubernetes.io/service-account-token Secrets never expire; projected tokens are short-lived and bound.',
    fr: 'Les Secrets kubernetes.io/service-account-token n’expirent jamais ; les jetons projetés sont de courte durée et liés au pod.',
  },
  'audit.check.QUAI-BP-052.remediation': {
    en: 'Remove the Secret; use projected service account tokens (the default since 1.24).',
    fr: 'Supprimez le Secret ; utilisez des jetons de compte de service projetés (le comportement par défaut depuis la 1.24).',
  },
  'audit.check.QUAI-BP-053.title': {
    en: 'Runs with group 0 (root group)',
    fr: 'S’exécute avec le groupe 0 (groupe root)',
  },
  'audit.check.QUAI-BP-053.rationale': {
    en: "runAsGroup: 0 or fsGroup: 0 gives the process the root group's file access.",
    fr: 'runAsGroup: 0 ou fsGroup: 0 donne au processus les accès aux fichiers du groupe root.',
  },
  'audit.check.QUAI-BP-053.remediation': {
    en: 'Use a non-zero runAsGroup and fsGroup.',
    fr: 'Utilisez un runAsGroup et un fsGroup non nuls.',
  },
  'audit.check.QUAI-BP-054.title': {
    en: 'Image without an explicit registry',
    fr: 'Image sans registre explicite',
  },
  'audit.check.QUAI-BP-054.rationale': {
    en: 'Images without a registry host come from Docker Hub, with its rate limits and its trust model.',
    fr: 'Les images sans nom de registre viennent de Docker Hub, avec ses limites de débit et son modèle de confiance.',
  },
  'audit.check.QUAI-BP-054.remediation': {
    en: 'Use a fully qualified image name from a registry you control or mirror.',
    fr: 'Utilisez un nom d’image complet, d’un registre que vous maîtrisez ou dont vous tenez un miroir.',
  },
  'audit.check.QUAI-BP-055.title': {
    en: 'Ephemeral storage limit missing',
    fr: 'Limite de stockage éphémère absente',
  },
  'audit.check.QUAI-BP-055.rationale': {
    en: "A container writing logs or temp files without an ephemeral-storage limit can fill the node's disk.",
    fr: 'Un conteneur qui écrit des journaux ou des fichiers temporaires sans limite ephemeral-storage peut remplir le disque du nœud.',
  },
  'audit.check.QUAI-BP-055.remediation': {
    en: 'Set resources.limits.ephemeral-storage (or accept it knowingly with an exception).',
    fr: 'Définissez resources.limits.ephemeral-storage (ou acceptez-le en connaissance de cause par une exception).',
  },
  'audit.check.QUAI-BP-056.title': {
    en: 'Field of the wrong type',
    fr: 'Champ du mauvais type',
  },
  'audit.check.QUAI-BP-056.rationale': {
    en: 'A field Kubernetes expects as a boolean, an integer or a string holds something else (`privileged: "true"`): the API server refuses the object, and a tool that coerces it may run what the field says, so its risk cannot be judged from the manifest.',
    fr: 'Un champ que Kubernetes attend comme booléen, entier ou chaîne contient autre chose (`privileged: "true"`) : l’API server refuse l’objet, et un outil qui le convertit peut exécuter ce que dit le champ ; son risque ne peut donc pas être jugé d’après le manifeste.',
  },
  'audit.check.QUAI-BP-056.remediation': {
    en: 'Write the value with its type: `true` not `"true"`, `1000` not `"1000"`.',
    fr: 'Écrivez la valeur avec son type : `true` et non `"true"`, `1000` et non `"1000"`.',
  },
  // ---- rbac ----
  'audit.check.QUAI-RBAC-001.title': {
    en: 'Wildcard verb in a role',
    fr: 'Verbe générique (*) dans un rôle',
  },
  'audit.check.QUAI-RBAC-001.rationale': {
    en: 'A `*` verb grants every present and future verb, escalate and bind included.',
    fr: 'Un verbe `*` accorde tous les verbes présents et à venir, escalate et bind compris.',
  },
  'audit.check.QUAI-RBAC-001.remediation': {
    en: 'List the verbs the subject needs.',
    fr: 'Listez les verbes dont le sujet a besoin.',
  },
  'audit.check.QUAI-RBAC-002.title': {
    en: 'Wildcard resource or API group in a role',
    fr: 'Ressource ou groupe d’API générique (*) dans un rôle',
  },
  'audit.check.QUAI-RBAC-002.rationale': {
    en: 'A `*` resource or API group grants access to every present and future resource, Secrets and RBAC included.',
    fr: 'Une ressource ou un groupe d’API `*` donne accès à toutes les ressources présentes et à venir, Secrets et RBAC compris.',
  },
  'audit.check.QUAI-RBAC-002.remediation': {
    en: 'List the resources and API groups the subject needs.',
    fr: 'Listez les ressources et les groupes d’API dont le sujet a besoin.',
  },
  'audit.check.QUAI-RBAC-003.title': {
    en: 'Role can read Secrets',
    fr: 'Le rôle peut lire les Secrets',
  },
  'audit.check.QUAI-RBAC-003.rationale': {
    en: 'get, list or watch on Secrets reveals every credential of the namespace (or of the cluster, for a ClusterRole); list and watch return the values too.',
    fr: 'get, list ou watch sur les Secrets révèle tous les identifiants du namespace (ou du cluster, pour un ClusterRole) ; list et watch renvoient aussi les valeurs.',
  },
  'audit.check.QUAI-RBAC-003.remediation': {
    en: 'Limit access to named Secrets with resourceNames, or remove it.',
    fr: 'Limitez l’accès à des Secrets nommés avec resourceNames, ou retirez-le.',
  },
  'audit.check.QUAI-RBAC-004.title': {
    en: 'Role can exec or attach into pods',
    fr: 'Le rôle peut faire exec ou attach dans les pods',
  },
  'audit.check.QUAI-RBAC-004.rationale': {
    en: 'pods/exec and pods/attach open a shell in running containers, with their service account and secrets.',
    fr: 'pods/exec et pods/attach ouvrent un shell dans les conteneurs en cours d’exécution, avec leur compte de service et leurs secrets.',
  },
  'audit.check.QUAI-RBAC-004.remediation': {
    en: 'Remove pods/exec and pods/attach; grant them temporarily to named people for debugging.',
    fr: 'Retirez pods/exec et pods/attach ; accordez-les temporairement à des personnes nommées pour le débogage.',
  },
  'audit.check.QUAI-RBAC-005.title': {
    en: 'Role can escalate or bind',
    fr: 'Le rôle peut faire escalate ou bind',
  },
  'audit.check.QUAI-RBAC-005.rationale': {
    en: 'escalate and bind let a subject grant itself or others rights it does not have, up to cluster-admin.',
    fr: 'escalate et bind permettent à un sujet de s’accorder, ou d’accorder à d’autres, des droits qu’il n’a pas, jusqu’à cluster-admin.',
  },
  'audit.check.QUAI-RBAC-005.remediation': {
    en: 'Remove the escalate and bind verbs.',
    fr: 'Retirez les verbes escalate et bind.',
  },
  'audit.check.QUAI-RBAC-006.title': {
    en: 'Role can impersonate',
    fr: 'Le rôle peut usurper une identité (impersonate)',
  },
  'audit.check.QUAI-RBAC-006.rationale': {
    en: 'impersonate lets a subject act as any user, group or service account, system:masters included.',
    fr: 'impersonate permet à un sujet d’agir comme n’importe quel utilisateur, groupe ou compte de service, system:masters compris.',
  },
  'audit.check.QUAI-RBAC-006.remediation': {
    en: 'Remove impersonate, or restrict it with resourceNames.',
    fr: 'Retirez impersonate, ou restreignez-le avec resourceNames.',
  },
  'audit.check.QUAI-RBAC-007.title': {
    en: 'Role can create workloads cluster-wide or in a system namespace',
    fr: 'Le rôle peut créer des charges de travail dans tout le cluster ou dans un namespace système',
  },
  'audit.check.QUAI-RBAC-007.rationale': {
    en: "Whoever creates pods can run them with any service account of the namespace and mount its secrets; in kube-system that means the control plane's accounts.",
    fr: 'Qui crée des pods peut les exécuter avec n’importe quel compte de service du namespace et monter ses secrets ; dans kube-system, cela veut dire les comptes du plan de contrôle.',
  },
  'audit.check.QUAI-RBAC-007.remediation': {
    en: 'Grant workload creation per namespace with a Role, never in kube-system.',
    fr: 'Accordez la création de charges de travail namespace par namespace avec un Role, jamais dans kube-system.',
  },
  'audit.check.QUAI-RBAC-008.title': {
    en: 'Role can reach nodes/proxy',
    fr: 'Le rôle peut atteindre nodes/proxy',
  },
  'audit.check.QUAI-RBAC-008.rationale': {
    en: 'nodes/proxy reaches the kubelet API directly: exec into any pod on the node, bypassing audit and admission.',
    fr: 'nodes/proxy atteint directement l’API du kubelet : exec dans n’importe quel pod du nœud, en contournant le journal d’audit et l’admission.',
  },
  'audit.check.QUAI-RBAC-008.remediation': {
    en: 'Remove nodes/proxy.',
    fr: 'Retirez nodes/proxy.',
  },
  'audit.check.QUAI-RBAC-009.title': {
    en: 'Role can create service account tokens',
    fr: 'Le rôle peut créer des jetons de compte de service',
  },
  'audit.check.QUAI-RBAC-009.rationale': {
    en: 'serviceaccounts/token create mints tokens for any service account of the scope.',
    fr: 'create sur serviceaccounts/token émet des jetons pour n’importe quel compte de service de la portée.',
  },
  'audit.check.QUAI-RBAC-009.remediation': {
    en: 'Remove serviceaccounts/token create.',
    fr: 'Retirez create sur serviceaccounts/token.',
  },
  'audit.check.QUAI-RBAC-010.title': {
    en: 'Role can approve certificate signing requests',
    fr: 'Le rôle peut approuver des demandes de signature de certificat',
  },
  'audit.check.QUAI-RBAC-010.rationale': {
    en: 'Approving CSRs (with a signer) lets a subject issue client certificates for any identity.',
    fr: 'Approuver des CSR (avec un signataire) permet à un sujet d’émettre des certificats clients pour n’importe quelle identité.',
  },
  'audit.check.QUAI-RBAC-010.remediation': {
    en: 'Remove certificatesigningrequests/approval and signers approve.',
    fr: 'Retirez certificatesigningrequests/approval et approve sur signers.',
  },
  'audit.check.QUAI-RBAC-011.title': {
    en: 'Role can modify RBAC',
    fr: 'Le rôle peut modifier RBAC',
  },
  'audit.check.QUAI-RBAC-011.rationale': {
    en: 'Writing roles and bindings lets a subject change who can do what, itself included.',
    fr: 'Écrire des rôles et des liaisons permet à un sujet de changer qui peut faire quoi, lui compris.',
  },
  'audit.check.QUAI-RBAC-011.remediation': {
    en: 'Reserve RBAC changes to cluster administrators and GitOps.',
    fr: 'Réservez les modifications RBAC aux administrateurs du cluster et à GitOps.',
  },
  'audit.check.QUAI-RBAC-012.title': {
    en: 'Role can modify admission webhooks',
    fr: 'Le rôle peut modifier les webhooks d’admission',
  },
  'audit.check.QUAI-RBAC-012.rationale': {
    en: 'A subject that writes webhook configurations can intercept or rewrite every object sent to the API server.',
    fr: 'Un sujet qui écrit des configurations de webhooks peut intercepter ou réécrire chaque objet envoyé à l’API server.',
  },
  'audit.check.QUAI-RBAC-012.remediation': {
    en: 'Reserve webhook configuration to cluster administrators.',
    fr: 'Réservez la configuration des webhooks aux administrateurs du cluster.',
  },
  'audit.check.QUAI-RBAC-013.title': {
    en: 'Role can create PersistentVolumes',
    fr: 'Le rôle peut créer des PersistentVolumes',
  },
  'audit.check.QUAI-RBAC-013.rationale': {
    en: 'Creating a PersistentVolume can mount any host path of a node.',
    fr: 'Créer un PersistentVolume permet de monter n’importe quel chemin de l’hôte d’un nœud.',
  },
  'audit.check.QUAI-RBAC-013.remediation': {
    en: 'Reserve PersistentVolume creation to administrators; use dynamic provisioning.',
    fr: 'Réservez la création de PersistentVolumes aux administrateurs ; utilisez le provisionnement dynamique.',
  },
  'audit.check.QUAI-RBAC-020.title': {
    en: 'cluster-admin bound to a non-system subject',
    fr: 'cluster-admin lié à un sujet qui n’est pas du système',
  },
  'audit.check.QUAI-RBAC-020.rationale': {
    en: 'cluster-admin can do everything; every binding to a person or an application is a standing superuser.',
    fr: 'cluster-admin peut tout faire ; chaque liaison à une personne ou à une application est un super-utilisateur permanent.',
  },
  'audit.check.QUAI-RBAC-020.remediation': {
    en: 'Bind narrower roles; keep cluster-admin for break-glass accounts.',
    fr: 'Liez des rôles plus restreints ; gardez cluster-admin pour les comptes d’urgence (break-glass).',
  },
  'audit.check.QUAI-RBAC-021.title': {
    en: 'Binding to the system:masters group',
    fr: 'Liaison au groupe system:masters',
  },
  'audit.check.QUAI-RBAC-021.rationale': {
    en: 'system:masters bypasses RBAC entirely and cannot be revoked by removing a binding.',
    fr: 'system:masters contourne entièrement RBAC et ne peut pas être révoqué en retirant une liaison.',
  },
  'audit.check.QUAI-RBAC-021.remediation': {
    en: 'Remove the subject; never issue credentials in system:masters.',
    fr: 'Retirez le sujet ; n’émettez jamais d’identifiants dans system:masters.',
  },
  'audit.check.QUAI-RBAC-022.title': {
    en: 'Binding to anonymous or every authenticated user',
    fr: 'Liaison aux utilisateurs anonymes ou à tous les utilisateurs authentifiés',
  },
  'audit.check.QUAI-RBAC-022.rationale': {
    en: 'system:anonymous, system:unauthenticated and system:authenticated cover everyone who reaches the API server (or holds any credential).',
    fr: 'system:anonymous, system:unauthenticated et system:authenticated couvrent quiconque atteint l’API server (ou détient un identifiant quelconque).',
  },
  'audit.check.QUAI-RBAC-022.remediation': {
    en: 'Bind to named users, groups or service accounts.',
    fr: 'Liez à des utilisateurs, des groupes ou des comptes de service nommés.',
  },
  'audit.check.QUAI-RBAC-023.title': {
    en: 'Default service account has rights',
    fr: 'Le compte de service default a des droits',
  },
  'audit.check.QUAI-RBAC-023.rationale': {
    en: 'Every pod without serviceAccountName runs as default: its rights go to every such pod of the namespace.',
    fr: 'Tout pod sans serviceAccountName s’exécute avec default : ses droits vont à chacun de ces pods du namespace.',
  },
  'audit.check.QUAI-RBAC-023.remediation': {
    en: 'Create a dedicated service account and bind the role to it.',
    fr: 'Créez un compte de service dédié et liez-lui le rôle.',
  },
  'audit.check.QUAI-RBAC-024.title': {
    en: 'Pod names a service account that does not exist',
    fr: 'Le pod nomme un compte de service qui n’existe pas',
  },
  'audit.check.QUAI-RBAC-024.rationale': {
    en: 'The API server refuses pods whose service account is missing (the workload never starts), and whoever creates that account later decides what the pods may do.',
    fr: 'L’API server refuse les pods dont le compte de service manque (la charge de travail ne démarre jamais), et quiconque crée ce compte plus tard décide de ce que les pods peuvent faire.',
  },
  'audit.check.QUAI-RBAC-024.remediation': {
    en: 'Create the ServiceAccount with the workload, or fix serviceAccountName.',
    fr: 'Créez le ServiceAccount avec la charge de travail, ou corrigez serviceAccountName.',
  },
  'audit.check.QUAI-RBAC-025.title': {
    en: 'Workload runs with a service account that holds dangerous rights',
    fr: 'La charge de travail s’exécute avec un compte de service qui détient des droits dangereux',
  },
  'audit.check.QUAI-RBAC-025.rationale': {
    en: "Every process in the pod can read the service account's token (or have it mounted): a compromise of the application is a compromise of those rights.",
    fr: 'Tout processus du pod peut lire le jeton du compte de service (ou se le faire monter) : compromettre l’application, c’est compromettre ces droits.',
  },
  'audit.check.QUAI-RBAC-025.remediation': {
    en: 'Give the workload its own service account with only the rights it needs, and set automountServiceAccountToken: false unless it calls the API.',
    fr: 'Donnez à la charge de travail son propre compte de service avec les seuls droits dont elle a besoin, et mettez automountServiceAccountToken: false sauf si elle appelle l’API.',
  },
  'audit.check.QUAI-RBAC-014.title': {
    en: 'Role can port-forward into pods',
    fr: 'Le rôle peut faire port-forward vers les pods',
  },
  'audit.check.QUAI-RBAC-014.rationale': {
    en: 'pods/portforward opens a tunnel to any port of any pod in scope, around NetworkPolicies and Ingress authentication (databases, admin consoles).',
    fr: 'pods/portforward ouvre un tunnel vers n’importe quel port de n’importe quel pod de la portée, en contournant les NetworkPolicies et l’authentification de l’Ingress (bases de données, consoles d’administration).',
  },
  'audit.check.QUAI-RBAC-014.remediation': {
    en: 'Remove pods/portforward; grant it temporarily to named people for debugging.',
    fr: 'Retirez pods/portforward ; accordez-le temporairement à des personnes nommées pour le débogage.',
  },
  'audit.check.QUAI-RBAC-015.title': {
    en: 'Write access to ConfigMaps in kube-system',
    fr: 'Accès en écriture aux ConfigMaps de kube-system',
  },
  'audit.check.QUAI-RBAC-015.rationale': {
    en: "The ConfigMaps of kube-system configure the cluster's own components: rewriting coredns redirects every name lookup of the cluster, kube-proxy's changes the routing of Services.",
    fr: 'Les ConfigMaps de kube-system configurent les composants du cluster lui-même : réécrire celle de coredns redirige toutes les résolutions de noms du cluster, celle de kube-proxy change le routage des Services.',
  },
  'audit.check.QUAI-RBAC-015.remediation': {
    en: 'Reserve writes in kube-system to cluster administrators; bind narrower roles per namespace.',
    fr: 'Réservez les écritures dans kube-system aux administrateurs du cluster ; liez des rôles plus restreints namespace par namespace.',
  },
  'audit.check.QUAI-RBAC-016.title': {
    en: 'Role can delete workloads or Secrets',
    fr: 'Le rôle peut supprimer des charges de travail ou des Secrets',
  },
  'audit.check.QUAI-RBAC-016.rationale': {
    en: 'delete and deletecollection on workloads, Secrets or PersistentVolumeClaims let a subject take an application down or destroy its data and credentials.',
    fr: 'delete et deletecollection sur les charges de travail, les Secrets ou les PersistentVolumeClaims permettent à un sujet d’arrêter une application ou de détruire ses données et ses identifiants.',
  },
  'audit.check.QUAI-RBAC-016.remediation': {
    en: 'Grant delete only to the deploying pipeline; people get it through a break-glass role.',
    fr: 'N’accordez delete qu’au pipeline de déploiement ; les personnes l’obtiennent par un rôle d’urgence (break-glass).',
  },
  // ---- exception ----
  'audit.check.QUAI-EXC-001.title': {
    en: 'Expired audit exception',
    fr: 'Exception d’audit expirée',
  },
  'audit.check.QUAI-EXC-001.rationale': {
    en: 'An exception past its expiry date no longer hides its finding; the risk it accepted must be reviewed again.',
    fr: 'Une exception dont la date d’échéance est passée ne masque plus son constat ; le risque qu’elle acceptait doit être réexaminé.',
  },
  'audit.check.QUAI-EXC-001.remediation': {
    en: 'Fix the finding, or renew the exception with a new date and an updated justification.',
    fr: 'Corrigez le constat, ou renouvelez l’exception avec une nouvelle date et une justification mise à jour.',
  },
  'audit.check.QUAI-EXC-002.title': {
    en: 'Malformed audit exception',
    fr: 'Exception d’audit mal formée',
  },
  'audit.check.QUAI-EXC-002.rationale': {
    en: 'An exception without a valid expiry date (YYYY-MM-DD) or a justification is ignored.',
    fr: 'Une exception sans date d’échéance valide (AAAA-MM-JJ) ou sans justification est ignorée.',
  },
  'audit.check.QUAI-EXC-002.remediation': {
    en: 'Write the annotation as `quai.dev/audit-exception.<CHECK-ID>: "YYYY-MM-DD; why this is accepted"`.',
    fr: 'Écrivez l’annotation sous la forme `quai.dev/audit-exception.<CHECK-ID>: "AAAA-MM-JJ; pourquoi ce risque est accepté"`.',
  },
} as const;
