import { CompareData, type CompareScore } from '@quai/contracts';

/**
 * The study's data: the criteria the département weighs, the options compared, a score from 0 to 5
 * per option and criterion with its reason (English and French) and the sources it rests on.
 * A score whose basis is `judgement` is the study's own assessment and says so; a reader who
 * disagrees can copy this data (`quai compare --print-data`), change it and pass it back with
 * `--data`. docs/state-of-the-art.md explains every criterion and every option.
 */

const ACCESSED = '2026-12-05';

function s(
  score: number,
  basis: 'source' | 'judgement',
  en: string,
  fr: string,
  ...sources: string[]
): CompareScore {
  return { score, basis, why: { en, fr }, sources };
}

const DATA = {
  apiVersion: 'quai.dev/v1alpha1',
  kind: 'Comparison',
  metadata: { name: 'orchestrators-cd49', reviewed: ACCESSED },
  conclusion: 'rke2',
  criteria: [
    {
      id: 'cost',
      name: { en: 'Cost and licence', fr: 'Coût et licence' },
      description: {
        en: 'Acquisition and recurring cost; an open-source licence approved by the OSI, without use restrictions.',
        fr: "Coût d'acquisition et coût récurrent ; licence libre approuvée par l'OSI, sans restriction d'usage.",
      },
      weight: 2,
    },
    {
      id: 'longevity',
      name: { en: 'Community and longevity', fr: 'Communauté et pérennité' },
      description: {
        en: 'Size and diversity of the community, neutral governance, release and support cadence.',
        fr: 'Taille et diversité de la communauté, gouvernance neutre, rythme des versions et du support.',
      },
      weight: 3,
    },
    {
      id: 'skills',
      name: { en: 'Skills available in France', fr: 'Compétences disponibles en France' },
      description: {
        en: 'Whether the team, its vendors and future hires can find the skills and training.',
        fr: "Facilité pour l'équipe, ses prestataires et ses futures recrues de trouver compétences et formations.",
      },
      weight: 2,
    },
    {
      id: 'security',
      name: { en: 'Security', fr: 'Sécurité' },
      description: {
        en: 'Hardened defaults (CIS benchmark, Pod Security, SELinux), supply chain, fit with the ANSSI recommendations.',
        fr: "Configuration durcie par défaut (référentiel CIS, Pod Security, SELinux), chaîne d'approvisionnement, adéquation aux recommandations de l'ANSSI.",
      },
      weight: 3,
    },
    {
      id: 'ecosystem',
      name: { en: 'Ecosystem', fr: 'Écosystème' },
      description: {
        en: 'Integration with GitLab and GitLab Runner, backup, image scanning, GitOps, monitoring.',
        fr: 'Intégration avec GitLab et GitLab Runner, sauvegarde, analyse des images, GitOps, supervision.',
      },
      weight: 3,
    },
    {
      id: 'operability',
      name: { en: 'Operability by a small team', fr: 'Exploitabilité par une petite équipe' },
      description: {
        en: 'Install, upgrade, back up and repair with a few people: built-in tooling, documented procedures.',
        fr: 'Installer, mettre à jour, sauvegarder et réparer à quelques personnes : outillage intégré, procédures documentées.',
      },
      weight: 3,
    },
    {
      id: 'support',
      name: { en: 'Support', fr: 'Support' },
      description: {
        en: 'Commercial support available from a vendor or integrators when the team needs it.',
        fr: "Support commercial disponible auprès d'un éditeur ou d'intégrateurs quand l'équipe en a besoin.",
      },
      weight: 1,
    },
    {
      id: 'on-premises',
      name: { en: 'Fit with the VMware estate', fr: 'Adéquation au parc VMware' },
      description: {
        en: "Runs on the département's own VMware virtual machines and networks, data kept in house.",
        fr: 'Fonctionne sur les machines virtuelles VMware et les réseaux du Département, données conservées en interne.',
      },
      weight: 2,
    },
  ],
  options: [
    {
      id: 'rke2',
      name: { en: 'RKE2', fr: 'RKE2' },
      kind: 'kubernetes-distribution',
      summary: {
        en: "SUSE's security-focused Kubernetes distribution: one binary per node, embedded etcd with scheduled snapshots, CIS-oriented defaults.",
        fr: 'Distribution Kubernetes de SUSE orientée sécurité : un binaire par nœud, etcd intégré avec instantanés planifiés, réglages par défaut alignés sur le référentiel CIS.',
      },
      scores: {
        cost: s(
          5,
          'source',
          'Apache-2.0, free; optional paid support.',
          'Apache-2.0, gratuit ; support payant optionnel.',
          'rke2-repo',
        ),
        longevity: s(
          4,
          'judgement',
          'Backed by SUSE and follows upstream Kubernetes releases closely; a single-vendor project, not a CNCF one.',
          "Porté par SUSE et proche des versions amont de Kubernetes ; projet d'un seul éditeur, hors CNCF.",
          'rke2-intro',
        ),
        skills: s(
          4,
          'judgement',
          'Standard Kubernetes: skills and certifications (CKA) transfer; RKE2 specifics are few.',
          'Kubernetes standard : les compétences et certifications (CKA) se transposent ; peu de spécificités RKE2.',
        ),
        security: s(
          5,
          'source',
          'Defaults that pass the CIS Kubernetes benchmark with minimal intervention, FIPS 140-2, SELinux, CVE scans in the build.',
          'Réglages par défaut conformes au référentiel CIS avec peu d’interventions, FIPS 140-2, SELinux, analyse des CVE à la construction.',
          'rke2-intro',
        ),
        ecosystem: s(
          5,
          'judgement',
          'Conformant Kubernetes: the whole ecosystem applies.',
          "Kubernetes conforme : tout l'écosystème s'applique.",
        ),
        operability: s(
          4,
          'source',
          'One config file per node, scheduled etcd snapshots on by default with S3 copy, documented HA, air-gap and restore procedures.',
          'Un fichier de configuration par nœud, instantanés etcd planifiés par défaut avec copie S3, procédures HA, hors ligne et restauration documentées.',
          'rke2-backup',
          'rke2-ha',
          'rke2-airgap',
        ),
        support: s(
          4,
          'judgement',
          'Commercial support from SUSE and its partners.',
          'Support commercial de SUSE et de ses partenaires.',
        ),
        'on-premises': s(
          5,
          'source',
          'Any Linux with systemd and iptables, x86_64; 4 GB / 2 CPU minimum per node.',
          'Tout Linux avec systemd et iptables, x86_64 ; 4 Go / 2 CPU minimum par nœud.',
          'rke2-requirements',
        ),
      },
    },
    {
      id: 'k3s',
      name: { en: 'k3s', fr: 'k3s' },
      kind: 'kubernetes-distribution',
      summary: {
        en: 'Lightweight Kubernetes (same vendor and design as RKE2), made for small and edge clusters.',
        fr: 'Kubernetes allégé (même éditeur et même conception que RKE2), fait pour les petits clusters et la périphérie.',
      },
      scores: {
        cost: s(5, 'judgement', 'Apache-2.0, free.', 'Apache-2.0, gratuit.'),
        longevity: s(
          5,
          'judgement',
          'Very widely used, CNCF project with SUSE maintainers.',
          'Très répandu, projet de la CNCF maintenu par SUSE.',
        ),
        skills: s(
          4,
          'judgement',
          'Standard Kubernetes skills apply.',
          'Les compétences Kubernetes standard s’appliquent.',
        ),
        security: s(
          3,
          'source',
          'Secure enough once hardened, but hardening is manual; Flannel’s bridge lets NET_RAW pods spoof ARP unless a restricted policy is set.',
          'Sûr une fois durci, mais le durcissement est manuel ; le pont de Flannel permet l’usurpation ARP par des pods NET_RAW sans politique restreinte.',
          'k3s-requirements',
        ),
        ecosystem: s(5, 'judgement', 'Conformant Kubernetes.', 'Kubernetes conforme.'),
        operability: s(
          5,
          'source',
          'Smallest footprint (server 2 CPU / 2 GB), one binary, same snapshot and registry tooling as RKE2.',
          'Empreinte minimale (serveur 2 CPU / 2 Go), un binaire, même outillage d’instantanés et de registre que RKE2.',
          'k3s-requirements',
        ),
        support: s(
          3,
          'judgement',
          'Support through SUSE’s Rancher offers.',
          'Support via les offres Rancher de SUSE.',
        ),
        'on-premises': s(
          4,
          'judgement',
          'Runs anywhere; defaults tuned for edge rather than data-centre clusters.',
          'Fonctionne partout ; réglages par défaut pensés pour la périphérie plus que pour le centre de données.',
        ),
      },
    },
    {
      id: 'kubeadm',
      name: { en: 'kubeadm (upstream Kubernetes)', fr: 'kubeadm (Kubernetes amont)' },
      kind: 'kubernetes-distribution',
      summary: {
        en: 'The Kubernetes project’s own installer: upstream components, every other piece chosen and assembled by the team.',
        fr: 'L’installateur du projet Kubernetes : composants amont, toutes les autres briques choisies et assemblées par l’équipe.',
      },
      scores: {
        cost: s(5, 'judgement', 'Apache-2.0, free.', 'Apache-2.0, gratuit.'),
        longevity: s(
          5,
          'source',
          'The upstream project: three minor releases a year, each supported about 14 months.',
          'Le projet amont : trois versions mineures par an, chacune maintenue environ 14 mois.',
          'k8s-support',
        ),
        skills: s(
          4,
          'judgement',
          'What Kubernetes courses teach.',
          'Ce qu’enseignent les formations Kubernetes.',
        ),
        security: s(
          3,
          'judgement',
          'Upstream defaults; CIS hardening, etcd encryption and audit are left to the team.',
          'Réglages amont ; durcissement CIS, chiffrement d’etcd et audit laissés à l’équipe.',
        ),
        ecosystem: s(5, 'judgement', 'Conformant Kubernetes.', 'Kubernetes conforme.'),
        operability: s(
          2,
          'judgement',
          'Container runtime, CNI, load balancing, etcd backups and upgrades are separate tasks to script and keep up.',
          'Moteur de conteneurs, CNI, répartition de charge, sauvegardes etcd et mises à jour sont autant de tâches à scripter et maintenir.',
        ),
        support: s(2, 'judgement', 'No vendor; integrators only.', 'Pas d’éditeur ; intégrateurs seulement.'),
        'on-premises': s(5, 'judgement', 'Runs on any Linux VM.', 'Fonctionne sur toute VM Linux.'),
      },
    },
    {
      id: 'okd',
      name: { en: 'OKD', fr: 'OKD' },
      kind: 'kubernetes-distribution',
      summary: {
        en: 'The community distribution behind Red Hat OpenShift: Kubernetes plus an integrated platform (operators, console, builds).',
        fr: 'La distribution communautaire derrière Red Hat OpenShift : Kubernetes plus une plateforme intégrée (opérateurs, console, builds).',
      },
      scores: {
        cost: s(5, 'judgement', 'Apache-2.0, free.', 'Apache-2.0, gratuit.'),
        longevity: s(
          3,
          'judgement',
          'Community edition of a vendor product; its releases have lagged OpenShift’s in the past.',
          'Édition communautaire d’un produit d’éditeur ; ses versions ont déjà pris du retard sur celles d’OpenShift.',
        ),
        skills: s(
          3,
          'judgement',
          'OpenShift skills exist, OKD-specific ones are rarer.',
          'Les compétences OpenShift existent, celles propres à OKD sont plus rares.',
        ),
        security: s(
          5,
          'judgement',
          'Strict defaults (security context constraints, read-only OS).',
          'Réglages stricts par défaut (contraintes de contexte de sécurité, OS en lecture seule).',
        ),
        ecosystem: s(
          4,
          'judgement',
          'Kubernetes plus OpenShift-specific APIs (Routes, ImageStreams) some tools ignore.',
          'Kubernetes plus des API propres à OpenShift (Routes, ImageStreams) que certains outils ignorent.',
        ),
        operability: s(
          2,
          'source',
          'Heavy: control-plane nodes of 4 cores and 16 GB for 25 workers; installer and dedicated OS to learn.',
          'Lourd : nœuds du plan de contrôle de 4 cœurs et 16 Go pour 25 nœuds de travail ; installateur et OS dédié à maîtriser.',
          'openshift-sizing',
        ),
        support: s(1, 'judgement', 'Community only.', 'Communauté seulement.'),
        'on-premises': s(
          3,
          'judgement',
          'Runs on vSphere, with large VMs and its own OS image.',
          'Fonctionne sur vSphere, avec de grosses VM et sa propre image d’OS.',
        ),
      },
    },
    {
      id: 'openshift',
      name: { en: 'Red Hat OpenShift', fr: 'Red Hat OpenShift' },
      kind: 'kubernetes-distribution',
      summary: {
        en: 'Red Hat’s commercial Kubernetes platform, subscription-based, with long support and a large partner network.',
        fr: 'La plateforme Kubernetes commerciale de Red Hat, sur abonnement, avec un support long et un large réseau de partenaires.',
      },
      scores: {
        cost: s(
          1,
          'judgement',
          'Yearly subscription per core or node; the price was not public to this study.',
          'Abonnement annuel par cœur ou par nœud ; le prix n’était pas public pour cette étude.',
        ),
        longevity: s(
          5,
          'judgement',
          'Red Hat (IBM) product with long life cycles.',
          'Produit Red Hat (IBM) aux cycles de vie longs.',
        ),
        skills: s(
          4,
          'judgement',
          'Common in large French organisations and integrators (not measured here).',
          'Répandu dans les grandes organisations françaises et chez les intégrateurs (non mesuré ici).',
        ),
        security: s(
          5,
          'judgement',
          'Strict defaults and certified components.',
          'Réglages stricts par défaut et composants certifiés.',
        ),
        ecosystem: s(
          5,
          'judgement',
          'Kubernetes plus a certified operator catalogue.',
          'Kubernetes plus un catalogue d’opérateurs certifiés.',
        ),
        operability: s(
          3,
          'source',
          'Upgrades driven by operators, but large control-plane nodes (4 cores, 16 GB for 25 workers).',
          'Mises à jour pilotées par des opérateurs, mais nœuds du plan de contrôle volumineux (4 cœurs, 16 Go pour 25 nœuds).',
          'openshift-sizing',
        ),
        support: s(
          5,
          'judgement',
          'Vendor support included in the subscription.',
          'Support éditeur inclus dans l’abonnement.',
        ),
        'on-premises': s(
          3,
          'judgement',
          'Runs on vSphere with large VMs.',
          'Fonctionne sur vSphere avec de grosses VM.',
        ),
      },
    },
    {
      id: 'talos',
      name: { en: 'Talos Linux', fr: 'Talos Linux' },
      kind: 'kubernetes-distribution',
      summary: {
        en: 'An immutable, minimal OS that only runs Kubernetes, managed through an mTLS API (no shell, no SSH).',
        fr: 'Un OS immuable et minimal qui ne fait tourner que Kubernetes, géré par une API mTLS (ni shell ni SSH).',
      },
      scores: {
        cost: s(5, 'source', 'MPL-2.0, free.', 'MPL-2.0, gratuit.', 'talos-module'),
        longevity: s(
          3,
          'judgement',
          'Active, but one vendor (Sidero Labs).',
          'Actif, mais un seul éditeur (Sidero Labs).',
          'talos-repo',
        ),
        skills: s(
          2,
          'judgement',
          'API-only administration is a new way of working for a Linux team.',
          'L’administration par API seule est une nouvelle façon de travailler pour une équipe Linux.',
        ),
        security: s(
          5,
          'source',
          'Minimal, hardened, immutable; API secured with mutual TLS.',
          'Minimal, durci, immuable ; API protégée par TLS mutuel.',
          'talos-repo',
        ),
        ecosystem: s(5, 'judgement', 'Conformant Kubernetes.', 'Kubernetes conforme.'),
        operability: s(
          3,
          'judgement',
          'Atomic upgrades, but no shell to debug a node: the team must learn talosctl first.',
          'Mises à jour atomiques, mais pas de shell pour dépanner un nœud : il faut d’abord apprendre talosctl.',
        ),
        support: s(
          3,
          'judgement',
          'Commercial support from Sidero Labs.',
          'Support commercial de Sidero Labs.',
        ),
        'on-premises': s(
          4,
          'source',
          'Runs on VMs; a French provider builds its managed Kubernetes on it.',
          'Fonctionne sur VM ; un hébergeur français bâtit son Kubernetes managé dessus.',
          'cloud-temple-k8s',
        ),
      },
    },
    {
      id: 'k0s',
      name: { en: 'k0s', fr: 'k0s' },
      kind: 'kubernetes-distribution',
      summary: {
        en: 'Mirantis’ single-binary Kubernetes distribution.',
        fr: 'La distribution Kubernetes en un seul binaire de Mirantis.',
      },
      scores: {
        cost: s(5, 'judgement', 'Apache-2.0, free.', 'Apache-2.0, gratuit.'),
        longevity: s(
          3,
          'judgement',
          'Smaller community than k3s or RKE2; one vendor.',
          'Communauté plus réduite que k3s ou RKE2 ; un seul éditeur.',
        ),
        skills: s(
          3,
          'judgement',
          'Standard Kubernetes, little k0s-specific material in French.',
          'Kubernetes standard, peu de ressources propres à k0s en français.',
        ),
        security: s(
          3,
          'judgement',
          'Upstream defaults; hardening left to the team.',
          'Réglages amont ; durcissement laissé à l’équipe.',
        ),
        ecosystem: s(5, 'judgement', 'Conformant Kubernetes.', 'Kubernetes conforme.'),
        operability: s(
          4,
          'source',
          'Small footprint (1 vCPU, 1 GB minimum), one binary.',
          'Faible empreinte (1 vCPU, 1 Go minimum), un binaire.',
          'k0s-requirements',
        ),
        support: s(3, 'judgement', 'Commercial support from Mirantis.', 'Support commercial de Mirantis.'),
        'on-premises': s(4, 'judgement', 'Runs on any Linux VM.', 'Fonctionne sur toute VM Linux.'),
      },
    },
    {
      id: 'nomad',
      name: { en: 'HashiCorp Nomad', fr: 'HashiCorp Nomad' },
      kind: 'orchestrator',
      summary: {
        en: 'A simple scheduler for containers and other workloads; under the Business Source License since August 2023.',
        fr: 'Un ordonnanceur simple pour conteneurs et autres charges ; sous Business Source License depuis août 2023.',
      },
      scores: {
        cost: s(
          2,
          'source',
          'Business Source License 1.1 since 10 August 2023: source-available, not open source; competing uses restricted.',
          'Business Source License 1.1 depuis le 10 août 2023 : source disponible, pas libre ; usages concurrents restreints.',
          'hashicorp-bsl',
          'bsl-terms',
        ),
        longevity: s(
          3,
          'source',
          'One vendor, acquired by IBM (closed February 2025).',
          'Un seul éditeur, racheté par IBM (conclu en février 2025).',
          'hashicorp-bsl',
        ),
        skills: s(
          1,
          'judgement',
          'Rare skills; vendors deliver compose files or Helm charts, not Nomad jobs.',
          'Compétences rares ; les prestataires livrent des fichiers compose ou des charts Helm, pas des jobs Nomad.',
        ),
        security: s(
          3,
          'judgement',
          'Sound ACLs and mTLS, but no equivalent of Pod Security Standards.',
          'ACL et mTLS solides, mais pas d’équivalent des Pod Security Standards.',
        ),
        ecosystem: s(
          2,
          'judgement',
          'Few backup, scanning and GitOps tools; no GitLab agent.',
          'Peu d’outils de sauvegarde, d’analyse et de GitOps ; pas d’agent GitLab.',
        ),
        operability: s(4, 'judgement', 'Single binary, simple model.', 'Un seul binaire, modèle simple.'),
        support: s(3, 'judgement', 'Enterprise edition from HashiCorp.', 'Édition entreprise de HashiCorp.'),
        'on-premises': s(5, 'judgement', 'Runs on any VM.', 'Fonctionne sur toute VM.'),
      },
    },
    {
      id: 'swarm',
      name: { en: 'Docker Swarm', fr: 'Docker Swarm' },
      kind: 'orchestrator',
      summary: {
        en: 'The orchestrator built into Docker Engine since 2016; maintained by Mirantis, little new development.',
        fr: 'L’orchestrateur intégré au Docker Engine depuis 2016 ; maintenu par Mirantis, peu de nouveaux développements.',
      },
      scores: {
        cost: s(5, 'judgement', 'Apache-2.0 (Moby), free.', 'Apache-2.0 (Moby), gratuit.'),
        longevity: s(
          1,
          'source',
          'Development slowed to one or two people after Mirantis bought Docker Enterprise (2019); described as maintained but no longer strategic.',
          'Développement réduit à une ou deux personnes après le rachat de Docker Enterprise par Mirantis (2019) ; décrit comme maintenu mais plus stratégique.',
          'swarm-future',
          'swarm-2026',
        ),
        skills: s(
          3,
          'judgement',
          'Docker skills are common; Swarm-specific ones fade.',
          'Les compétences Docker sont courantes ; celles propres à Swarm s’estompent.',
        ),
        security: s(
          2,
          'judgement',
          'No admission policies, no equivalent of Pod Security.',
          'Pas de politiques d’admission, pas d’équivalent de Pod Security.',
        ),
        ecosystem: s(
          1,
          'source',
          'Helm, GitOps and operators assume Kubernetes.',
          'Helm, GitOps et les opérateurs supposent Kubernetes.',
          'swarm-radar',
        ),
        operability: s(
          5,
          'judgement',
          'One command to start a cluster; close to the compose files vendors ship.',
          'Une commande pour créer un cluster ; proche des fichiers compose des prestataires.',
        ),
        support: s(
          2,
          'source',
          'Mirantis commercial support for existing customers.',
          'Support commercial de Mirantis pour ses clients existants.',
          'swarm-radar',
        ),
        'on-premises': s(
          5,
          'judgement',
          'Runs on any VM with Docker.',
          'Fonctionne sur toute VM avec Docker.',
        ),
      },
    },
    {
      id: 'podman',
      name: { en: 'Podman with systemd (Quadlet)', fr: 'Podman avec systemd (Quadlet)' },
      kind: 'single-host',
      summary: {
        en: 'Containers as systemd services on each VM, described in .container files: no cluster, no scheduler.',
        fr: 'Des conteneurs en services systemd sur chaque VM, décrits dans des fichiers .container : ni cluster ni ordonnanceur.',
      },
      scores: {
        cost: s(
          5,
          'judgement',
          'Apache-2.0, shipped by Linux distributions.',
          'Apache-2.0, fourni par les distributions Linux.',
        ),
        longevity: s(
          4,
          'judgement',
          'Backed by Red Hat, packaged by Debian and RHEL.',
          'Porté par Red Hat, empaqueté par Debian et RHEL.',
          'podman-quadlet',
        ),
        skills: s(
          3,
          'judgement',
          'Linux and systemd skills the team already has.',
          'Compétences Linux et systemd que l’équipe a déjà.',
        ),
        security: s(
          4,
          'judgement',
          'Rootless containers, SELinux; but per-host rules, no central policy.',
          'Conteneurs sans root, SELinux ; mais règles par hôte, sans politique centrale.',
        ),
        ecosystem: s(
          1,
          'judgement',
          'No scheduling, failover, GitOps or cluster-wide backup: the growth the letter describes is not covered.',
          'Ni ordonnancement, ni bascule, ni GitOps, ni sauvegarde globale : la croissance décrite par la lettre de mission n’est pas couverte.',
        ),
        operability: s(
          3,
          'source',
          'Simple for a few services (Quadlet since Podman 4.4), but every host is managed one by one.',
          'Simple pour quelques services (Quadlet depuis Podman 4.4), mais chaque hôte se gère un par un.',
          'quadlet-since-44',
        ),
        support: s(
          4,
          'judgement',
          'Supported with RHEL subscriptions.',
          'Supporté avec les abonnements RHEL.',
        ),
        'on-premises': s(5, 'judgement', 'Runs on the existing VMs.', 'Fonctionne sur les VM existantes.'),
      },
    },
    {
      id: 'managed-secnumcloud',
      name: {
        en: 'Managed Kubernetes (SecNumCloud provider)',
        fr: 'Kubernetes managé (hébergeur SecNumCloud)',
      },
      kind: 'managed-service',
      summary: {
        en: 'Kubernetes run by a French provider qualified SecNumCloud by the ANSSI: the control plane is the provider’s job.',
        fr: 'Kubernetes opéré par un hébergeur français qualifié SecNumCloud par l’ANSSI : le plan de contrôle est à la charge de l’hébergeur.',
      },
      scores: {
        cost: s(
          2,
          'judgement',
          'Recurring cost per node and for storage and traffic; prices not compared here.',
          'Coût récurrent par nœud, stockage et trafic ; tarifs non comparés ici.',
        ),
        longevity: s(
          4,
          'judgement',
          'Depends on the provider; standard Kubernetes eases a move.',
          'Dépend de l’hébergeur ; Kubernetes standard facilite un changement.',
        ),
        skills: s(
          4,
          'judgement',
          'Standard Kubernetes for the team; the provider runs the control plane.',
          'Kubernetes standard pour l’équipe ; l’hébergeur gère le plan de contrôle.',
        ),
        security: s(
          4,
          'source',
          'SecNumCloud qualification (ANSSI, v3.2 since 2022) covers the provider; whether a given Kubernetes offer is in its scope must be checked on the ANSSI list.',
          'La qualification SecNumCloud (ANSSI, v3.2 depuis 2022) couvre l’hébergeur ; qu’une offre Kubernetes donnée soit dans son périmètre se vérifie sur la liste de l’ANSSI.',
          'secnumcloud',
        ),
        ecosystem: s(
          4,
          'source',
          'Providers bundle Argo CD, Harbor, Kyverno, monitoring.',
          'Les hébergeurs fournissent Argo CD, Harbor, Kyverno, la supervision.',
          'cloud-temple-k8s',
        ),
        operability: s(
          5,
          'judgement',
          'Upgrades and control plane handled by the provider.',
          'Mises à jour et plan de contrôle gérés par l’hébergeur.',
        ),
        support: s(5, 'judgement', 'Provider support included.', 'Support de l’hébergeur inclus.'),
        'on-premises': s(
          1,
          'judgement',
          'Data and applications leave the département’s VMs and network; links to in-house databases and flows must be built.',
          'Données et applications quittent les VM et le réseau du Département ; les liens avec les bases et flux internes sont à construire.',
        ),
      },
    },
  ],
  sources: [
    {
      id: 'rke2-repo',
      title: 'rancher/rke2 (Apache-2.0)',
      url: 'https://github.com/rancher/rke2',
      accessed: ACCESSED,
    },
    {
      id: 'rke2-intro',
      title: 'RKE2 documentation: introduction',
      url: 'https://github.com/rancher/rke2-docs/blob/main/docs/introduction.md',
      accessed: ACCESSED,
    },
    {
      id: 'rke2-requirements',
      title: 'RKE2 documentation: requirements',
      url: 'https://docs.rke2.io/install/requirements',
      accessed: ACCESSED,
    },
    {
      id: 'rke2-ha',
      title: 'RKE2 documentation: high availability',
      url: 'https://docs.rke2.io/install/ha',
      accessed: ACCESSED,
    },
    {
      id: 'rke2-backup',
      title: 'RKE2 documentation: etcd backup and restore',
      url: 'https://docs.rke2.io/datastore/backup_restore',
      accessed: ACCESSED,
    },
    {
      id: 'rke2-airgap',
      title: 'RKE2 documentation: air-gap install',
      url: 'https://docs.rke2.io/install/airgap',
      accessed: ACCESSED,
    },
    {
      id: 'k3s-requirements',
      title: 'K3s documentation: requirements',
      url: 'https://docs.k3s.io/installation/requirements',
      accessed: ACCESSED,
    },
    {
      id: 'k0s-requirements',
      title: 'k0s documentation: system requirements',
      url: 'https://docs.k0sproject.io/v1.21.0+k0s.0/system-requirements',
      accessed: ACCESSED,
    },
    {
      id: 'k8s-support',
      title:
        'Sovereign Cloud Stack: Kubernetes version policy (three minor releases a year, about 14 months of support)',
      url: 'https://raw.githubusercontent.com/SovereignCloudStack/standards/main/Standards/scs-0210-v2-k8s-version-policy.md',
      published: '2024-02-08',
      accessed: ACCESSED,
    },
    {
      id: 'openshift-sizing',
      title: 'OpenShift Container Platform 4.5: control plane node sizing',
      url: 'https://docs.redhat.com/zh-cn/documentation/openshift_container_platform/4.5/html/scalability_and_performance/master-node-sizing_',
      accessed: ACCESSED,
    },
    {
      id: 'talos-repo',
      title: 'siderolabs/talos',
      url: 'https://github.com/siderolabs/talos',
      accessed: ACCESSED,
    },
    {
      id: 'talos-module',
      title: 'Talos v1.13.2 on pkg.go.dev (licence MPL-2.0)',
      url: 'https://pkg.go.dev/github.com/siderolabs/talos@v1.13.2',
      published: '2026-05-12',
      accessed: ACCESSED,
    },
    {
      id: 'hashicorp-bsl',
      title: 'The Terms You Did Not Sign (HashiCorp BSL timeline)',
      url: 'https://vivianvoss.net/blog/the-terms-you-did-not-sign',
      accessed: ACCESSED,
    },
    {
      id: 'bsl-terms',
      title: 'Terraform licence change: what the BSL says',
      url: 'https://jacar.es/en/terraform-cambio-licencia-2/',
      accessed: ACCESSED,
    },
    {
      id: 'swarm-future',
      title: 'Bret Fisher: The Future of Docker Swarm',
      url: 'https://bretfisher.com/the-future-of-docker-swarm/amp',
      accessed: ACCESSED,
    },
    {
      id: 'swarm-2026',
      title: 'Docker Swarm: simplified orchestration (2026)',
      url: 'https://qu3ry.net/articles/execution-platform/docker-swarm',
      published: '2026-03-28',
      accessed: ACCESSED,
    },
    {
      id: 'swarm-radar',
      title: 'Technology radar: Docker Swarm (hold)',
      url: 'https://kameniksolutions.com/garden/docker-swarm/',
      published: '2026-05-17',
      accessed: ACCESSED,
    },
    {
      id: 'podman-quadlet',
      title: 'podman-systemd.unit(5): systemd units using Podman Quadlet',
      url: 'https://docs.podman.io/en/stable/markdown/podman-systemd.unit.5.html',
      accessed: ACCESSED,
    },
    {
      id: 'quadlet-since-44',
      title: 'Rocky Linux documentation: Podman ships Quadlet since 4.4',
      url: 'https://github.com/rocky-linux/documentation/pull/2112.patch',
      published: '2024-06-12',
      accessed: ACCESSED,
    },
    {
      id: 'secnumcloud',
      title: 'SFEIR: guide de la qualification SecNumCloud',
      url: 'https://new.sfeir.com/pages/guide-secnumcloud.html',
      accessed: ACCESSED,
    },
    {
      id: 'cloud-temple-k8s',
      title: 'Cloud Temple: Managed Kubernetes concepts',
      url: 'https://cloud-temple.github.io/docs/en/managed_kubernetes/concepts',
      accessed: ACCESSED,
    },
  ],
} as const;

/** The study's comparison data, checked against the schema once. */
export function studyData(): CompareData {
  return CompareData.parse(DATA);
}
