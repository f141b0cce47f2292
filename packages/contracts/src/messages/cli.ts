/** The CLI's own texts: global flags, help headings, parse errors, error printing. */
export const cliMessages = {
  'cli.description': {
    en: 'Quai: run container applications on Kubernetes, from compose file to production',
    fr: 'Quai : faire tourner des applications conteneurisées sur Kubernetes, du fichier compose à la production',
  },
  'cli.flag.version': { en: 'print the version and exit', fr: 'afficher la version et quitter' },
  'cli.flag.help': { en: 'display help for command', fr: "afficher l'aide de la commande" },
  'cli.flag.helpCommand': { en: 'display help for command', fr: "afficher l'aide d'une commande" },
  'cli.flag.kubeconfig': {
    en: 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)',
    fr: 'fichier kubeconfig (par défaut : $KUBECONFIG, puis ~/.kube/config)',
  },
  'cli.flag.context': { en: 'kubeconfig context to use', fr: 'contexte kubeconfig à utiliser' },
  'cli.flag.namespace': { en: 'namespace to work in', fr: 'namespace où travailler' },
  'cli.flag.output': { en: 'output format', fr: 'format de sortie' },
  'cli.flag.lang': {
    en: 'language of messages: en or fr (default: from LC_ALL, LC_MESSAGES, LANG)',
    fr: 'langue des messages : en ou fr (par défaut : selon LC_ALL, LC_MESSAGES, LANG)',
  },
  'cli.flag.qps': {
    en: "a fixed cap of API requests a second (default: none; the pace the API server's priority and fairness allows)",
    fr: "un plafond fixe de requêtes à l'API par seconde (par défaut : aucun ; le rythme que la priorité et l'équité du serveur d'API permettent)",
  },
  'cli.flag.burst': {
    en: 'API requests allowed at once above --qps',
    fr: "requêtes à l'API permises d'un coup au-delà de --qps",
  },
  'cli.flag.requestTimeout': {
    en: 'time limit of one API request (0: none)',
    fr: "durée maximale d'une requête à l'API (0 : aucune)",
  },
  'cli.help.examples': { en: 'Examples:', fr: 'Exemples :' },
  'cli.help.usage': { en: 'Usage:', fr: 'Utilisation :' },
  'cli.help.options': { en: 'Options:', fr: 'Options :' },
  'cli.help.globalOptions': { en: 'Global Options:', fr: 'Options globales :' },
  'cli.help.commands': { en: 'Commands:', fr: 'Commandes :' },
  'cli.help.arguments': { en: 'Arguments:', fr: 'Arguments :' },
  'cli.help.default': { en: 'default', fr: 'par défaut' },
  'cli.help.choices': { en: 'choices', fr: 'choix' },
  'cli.help.exitCodes': {
    en: 'Exit codes: 0 ok, 1 findings or changes, 2 usage or input error, 3 configuration,\n4 cluster unreachable or timeout, 5 refused by the API server, 6 missing prerequisite,\n7 operation failed, 130 interrupted (docs/exit-codes.md).',
    fr: "Codes de sortie : 0 ok, 1 constats ou changements, 2 erreur d'utilisation ou d'entrée,\n3 configuration, 4 cluster injoignable ou délai dépassé, 5 refus du serveur d'API,\n6 prérequis manquant, 7 opération en échec, 130 interrompu (docs/fr/codes-de-sortie.md).",
  },
  'cli.help.seeHelp': {
    en: 'Usage: {command} {usage}\nRun "{command} --help" for details and examples.',
    fr: 'Utilisation : {command} {usage}\nLancez « {command} --help » pour les détails et des exemples.',
  },
  'cli.error': { en: 'error', fr: 'erreur' },
  'cli.error.where': { en: 'where', fr: 'où' },
  'cli.error.fix': { en: 'fix', fr: 'correctif' },
  'cli.error.logTail': { en: 'last lines of the log:', fr: 'dernières lignes du journal :' },
  'cli.parse.unknownOption': { en: "unknown option '{option}'", fr: 'option inconnue « {option} »' },
  'cli.parse.unknownCommand': { en: "unknown command '{command}'", fr: 'commande inconnue « {command} »' },
  'cli.parse.missingArgument': {
    en: "missing required argument '{argument}'",
    fr: 'argument obligatoire manquant « {argument} »',
  },
  'cli.parse.missingOptionValue': {
    en: "option '{option}' argument missing",
    fr: "l'option « {option} » attend une valeur",
  },
  'cli.parse.requiredOption': {
    en: "required option '{option}' not specified",
    fr: "l'option obligatoire « {option} » n'est pas donnée",
  },
  'cli.parse.tooManyArguments': {
    en: 'too many arguments{forCommand}. Expected {expected} but got {got}.',
    fr: "trop d'arguments{forCommand}. Attendus : {expected}, reçus : {got}.",
  },
  'cli.parse.forCommand': { en: " for '{command}'", fr: ' pour « {command} »' },
  'cli.parse.invalidValue': {
    en: "option '{option}' argument '{value}' is invalid. {reason}",
    fr: "l'option « {option} » a une valeur incorrecte « {value} ». {reason}",
  },
  'cli.parse.invalidArgument': {
    en: "command-argument value '{value}' is invalid for argument '{argument}'. {reason}",
    fr: "la valeur « {value} » est incorrecte pour l'argument « {argument} ». {reason}",
  },
  'cli.parse.choices': { en: 'Allowed choices are {choices}.', fr: 'Choix permis : {choices}.' },
  'cli.parse.didYouMean': { en: '(Did you mean {suggestion}?)', fr: '(Vouliez-vous dire {suggestion} ?)' },
  'cli.parse.conflictingOption': {
    en: 'option {option} cannot be used with option {other}',
    fr: "l'option {option} ne peut pas être utilisée avec l'option {other}",
  },
  'cli.value.wholeNumber': {
    en: 'Expected a whole number from {min} to {max}.',
    fr: 'Un nombre entier de {min} à {max} est attendu.',
  },
  'cli.value.number': { en: 'Expected a number of 0 or more.', fr: 'Un nombre positif ou nul est attendu.' },
  'cli.value.outputFormat': {
    en: 'Unknown output format "{value}": use {choices}.',
    fr: 'Format de sortie inconnu « {value} » : utilisez {choices}.',
  },
  'cli.value.duration': {
    en: 'Expected a duration such as 30s, 2m or 500ms.',
    fr: 'Une durée est attendue, par exemple 30s, 2m ou 500ms.',
  },
  'cli.interrupting': {
    en: 'Interrupting ({signal}): cleaning up; press Ctrl-C again to quit at once.',
    fr: 'Interruption ({signal}) : nettoyage en cours ; appuyez encore sur Ctrl-C pour quitter tout de suite.',
  },
  // One-line summaries of the top-level commands, as `quai --help` lists them (commands/index.ts).
  'cli.command.demo': {
    en: 'Show Quai at work: on your cluster if one is configured, else on the local control plane',
    fr: "Montrer Quai à l'œuvre : sur votre cluster s'il est configuré, sinon sur le plan de contrôle local",
  },
  'cli.command.import': {
    en: 'Bring applications into Quai from other formats (compose files)',
    fr: "Faire entrer des applications dans Quai depuis d'autres formats (fichiers compose)",
  },
  'cli.command.render': {
    en: 'Render app specs into hardened Kubernetes manifests for one environment',
    fr: "Produire les manifestes Kubernetes durcis d'applications pour un environnement",
  },
  'cli.command.audit': {
    en: 'Audit manifests or a live cluster: Pod Security Standards, best practices, RBAC risks',
    fr: 'Auditer des manifestes ou un cluster en service : Pod Security Standards, bonnes pratiques, risques RBAC',
  },
  'cli.command.scan': {
    en: 'Scan images for known vulnerabilities, offline',
    fr: 'Analyser des images à la recherche de vulnérabilités connues, hors ligne',
  },
  'cli.command.sbom': {
    en: 'Write a CycloneDX 1.6 SBOM (JSON) of an image',
    fr: "Écrire la nomenclature logicielle CycloneDX 1.6 (JSON) d'une image",
  },
  'cli.command.plan': {
    en: 'Show what apply would change: a server-side dry-run diff per object',
    fr: "Montrer ce qu'appliquer changerait : un écart par objet, calculé à blanc par le serveur",
  },
  'cli.command.apply': {
    en: 'Deploy apps: server-side apply in dependency order, prune, wait for readiness, roll back on failure',
    fr: "Déployer des applications : application côté serveur dans l'ordre des dépendances, nettoyage, attente, retour arrière en cas d'échec",
  },
  'cli.command.status': {
    en: 'Show the health of apps: last revision, who deployed, readiness of each object',
    fr: "Montrer la santé des applications : dernière révision, qui l'a déployée, état de chaque objet",
  },
  'cli.command.history': {
    en: "List an app's revisions: who, when, what, status",
    fr: "Lister les révisions d'une application : qui, quand, quoi, état",
  },
  'cli.command.rollback': {
    en: 'Return an app to an earlier revision (the last good one by default)',
    fr: 'Ramener une application à une révision antérieure (par défaut, la dernière qui fonctionnait)',
  },
  'cli.command.backup': {
    en: 'Back up namespaces to on-prem storage, and prove backups with drills',
    fr: 'Sauvegarder des namespaces sur un stockage local, et prouver les sauvegardes par des exercices de restauration',
  },
  'cli.command.restore': {
    en: 'Restore a backup: in dependency order, existing objects skipped (or updated)',
    fr: "Restaurer une sauvegarde : dans l'ordre des dépendances, objets existants ignorés (ou mis à jour)",
  },
  'cli.command.compare': {
    en: 'Rank the orchestrators of the study by weighted criteria',
    fr: "Classer les orchestrateurs de l'étude selon des critères pondérés",
  },
  'cli.command.capacity': {
    en: 'Show the capacity of the cluster; simulate changes, size nodes from VMs, right-size requests',
    fr: 'Montrer la capacité du cluster ; simuler des changements, dimensionner les nœuds à partir des VM, ajuster les demandes',
  },
  'cli.command.scale': {
    en: "Set a component's number of replicas (recorded in the audit trail)",
    fr: "Fixer le nombre de réplicas d'un composant (enregistré dans le journal d'audit)",
  },
  'cli.command.version': {
    en: "Print Quai's version and, with --server, the cluster's",
    fr: 'Afficher la version de Quai et, avec --server, celle du cluster',
  },
  'cli.command.completion': {
    en: 'Print a shell completion script (bash, zsh or fish)',
    fr: "Afficher un script d'autocomplétion pour le shell (bash, zsh ou fish)",
  },
  'cli.completion.unknownShell': { en: 'Unknown shell "{shell}".', fr: 'Shell inconnu « {shell} ».' },
  'cli.completion.unknownShellHint': { en: 'Use bash, zsh or fish.', fr: 'Utilisez bash, zsh ou fish.' },
} as const;
