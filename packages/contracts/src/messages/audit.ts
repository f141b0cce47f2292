/** The security audit: its use cases, reports, errors and CLI (ids `audit.`). */
export const auditMessages = {
  // ---- CLI: help and flags ----
  'audit.description': {
    en: 'Audit manifests or a live cluster: Pod Security Standards, best practices, RBAC risks',
    fr: 'Auditer des manifestes ou un cluster : Pod Security Standards, bonnes pratiques, risques RBAC',
  },
  'audit.arg.paths': {
    en: 'files or folders of YAML or JSON manifests; - reads standard input',
    fr: 'fichiers ou dossiers de manifestes YAML ou JSON ; - lit l’entrée standard',
  },
  'audit.flag.cluster': {
    en: 'audit the live objects of the cluster (all namespaces, or those -n a,b names)',
    fr: 'auditer les objets du cluster (tous les namespaces, ou ceux que -n a,b nomme)',
  },
  'audit.flag.appSpec': {
    en: 'an app spec to render and audit as quai apply would deploy it (repeatable)',
    fr: 'une spec d’application à produire et auditer comme quai apply la déploierait (répétable)',
  },
  'audit.flag.env': {
    en: 'with --app-spec: the environment rendered',
    fr: 'avec --app-spec : l’environnement produit',
  },
  'audit.flag.platform': {
    en: 'with --app-spec: the platform settings file',
    fr: 'avec --app-spec : le fichier de réglages de la plateforme',
  },
  'audit.flag.level': { en: 'Pod Security Standards level', fr: 'niveau Pod Security Standards' },
  'audit.flag.pssVersion': {
    en: "policy version: latest or v1.N (default: latest; with --cluster the cluster's)",
    fr: 'version de la politique : latest ou v1.N (par défaut : latest ; avec --cluster, celle du cluster)',
  },
  'audit.flag.kubernetesVersion': {
    en: "target Kubernetes version for removed APIs (default 1.{minor}; with --cluster the cluster's)",
    fr: 'version de Kubernetes visée pour les API retirées (par défaut 1.{minor} ; avec --cluster, celle du cluster)',
  },
  'audit.flag.severityThreshold': {
    en: 'lowest severity that fails the audit (exit 1)',
    fr: 'gravité la plus basse qui fait échouer l’audit (code 1)',
  },
  'audit.flag.checks': {
    en: 'only these families of checks, comma-separated: pod-security, best-practice, rbac',
    fr: 'seulement ces familles de contrôles, séparées par des virgules : pod-security, best-practice, rbac',
  },
  'audit.flag.exceptions': {
    en: 'central exceptions file (YAML, see docs/audit.md#exceptions)',
    fr: 'fichier central d’exceptions (YAML, voir docs/fr/audit.md#exceptions)',
  },
  'audit.flag.format': {
    en: 'a whole report on standard output, in this format (default: the text summary)',
    fr: 'un rapport complet sur la sortie standard, dans ce format (par défaut : le résumé texte)',
  },
  'audit.flag.report': {
    en: 'also write a whole report to a file (repeatable): sarif=quai.sarif',
    fr: 'écrire aussi un rapport complet dans un fichier (répétable) : sarif=quai.sarif',
  },
  'audit.flag.maxFindings': {
    en: 'findings shown at most (the report files hold every one; at most {max})',
    fr: 'nombre maximal de constats affichés (les fichiers de rapport les contiennent tous ; au plus {max})',
  },
  'audit.help.exitCodes': {
    en: 'Exit codes: 0 nothing at or above the threshold, 1 findings at or above it,\n2 usage or input errors, 7 some documents could not be read (each is reported with\nfile, line and column, and every other document is still audited).\nWith -o json or -o yaml, standard output holds one document: the summary and up to\n{max} findings (truncated: true beyond; write the whole report with --report).',
    fr: 'Codes de sortie : 0 rien au niveau du seuil ou au-dessus, 1 des constats à ce niveau ou au-dessus,\n2 erreur d’usage ou d’entrée, 7 des documents n’ont pas pu être lus (chacun est signalé avec\nfichier, ligne et colonne, et tous les autres documents sont audités).\nAvec -o json ou -o yaml, la sortie standard contient un document : le résumé et jusqu’à\n{max} constats (truncated: true au-delà ; écrivez le rapport complet avec --report).',
  },
  'audit.whoCan.description': {
    en: 'List the users, groups and service accounts that RBAC lets do VERB on RESOURCE',
    fr: 'Lister les utilisateurs, groupes et comptes de service que RBAC autorise à faire VERBE sur RESSOURCE',
  },
  'audit.whoCan.arg.verb': {
    en: 'get, list, create, delete, impersonate, ...',
    fr: 'get, list, create, delete, impersonate, ...',
  },
  'audit.whoCan.arg.resource': {
    en: 'a resource, with its group and subresource when needed: secrets, pods/exec, deployments.apps',
    fr: 'une ressource, avec son groupe et sa sous-ressource au besoin : secrets, pods/exec, deployments.apps',
  },
  'audit.whoCan.flag.name': {
    en: 'one object by name (rules limited with resourceNames count then)',
    fr: 'un objet par son nom (les règles limitées par resourceNames comptent alors)',
  },
  'audit.whoCan.flag.manifests': {
    en: 'read RBAC objects from files or folders instead of the cluster',
    fr: 'lire les objets RBAC dans des fichiers ou dossiers au lieu du cluster',
  },
  'audit.whoCan.help': {
    en: 'Without -n, every binding counts and SCOPE tells where it applies. Members of the group\nsystem:masters can do everything whatever the bindings say.',
    fr: 'Sans -n, chaque liaison compte et SCOPE dit où elle s’applique. Les membres du groupe\nsystem:masters peuvent tout faire, quelles que soient les liaisons.',
  },
  'audit.whoCan.columns': {
    en: 'KIND|SUBJECT|SCOPE|ROLE|BINDING',
    fr: 'TYPE|SUJET|PORTÉE|RÔLE|LIAISON',
  },
  'audit.whoCan.nobody': {
    en: 'Nobody is bound to {verb} {resource} (besides system:masters).',
    fr: 'Personne n’est autorisé à {verb} {resource} (en dehors de system:masters).',
  },
  'audit.whoCan.nobodyIn': {
    en: 'Nobody is bound to {verb} {resource} in {namespace} (besides system:masters).',
    fr: 'Personne n’est autorisé à {verb} {resource} dans {namespace} (en dehors de system:masters).',
  },
  'audit.whoCan.forbidden': {
    en: 'who-can needs to list Roles, ClusterRoles and their bindings.',
    fr: 'who-can doit pouvoir lister les Roles, les ClusterRoles et leurs liaisons.',
  },

  // ---- CLI: flag values and usage ----
  'audit.value.pssVersion': {
    en: 'Expected latest or a version such as v1.30.',
    fr: 'Attendu : latest ou une version comme v1.30.',
  },
  'audit.value.kubernetesVersion': {
    en: 'Expected a version such as 1.36.',
    fr: 'Attendu : une version comme 1.36.',
  },
  'audit.value.checks': {
    en: 'Expected a comma-separated list among {list}.',
    fr: 'Attendu : une liste séparée par des virgules parmi {list}.',
  },
  'audit.value.report': {
    en: 'Expected FORMAT=FILE with FORMAT among {list}.',
    fr: 'Attendu : FORMAT=FICHIER avec FORMAT parmi {list}.',
  },
  'audit.usage.formatAndOutput': {
    en: '-o {output} and --format {format} cannot be given together.',
    fr: '-o {output} et --format {format} ne peuvent pas être donnés ensemble.',
  },
  'audit.usage.formatAndOutputHint': {
    en: '-o {output} prints the result (summary and findings up to a cap) as one document; --format writes a whole report. Add --report {format}=FILE to have both.',
    fr: '-o {output} affiche le résultat (résumé et constats jusqu’à une limite) en un document ; --format écrit un rapport complet. Ajoutez --report {format}=FICHIER pour avoir les deux.',
  },
  'audit.usage.nothing': {
    en: 'Nothing to audit: give files or folders, - for standard input, --app-spec, or --cluster.',
    fr: 'Rien à auditer : donnez des fichiers ou des dossiers, - pour l’entrée standard, --app-spec, ou --cluster.',
  },
  'audit.usage.nothingHint': {
    en: 'For example: {program} audit k8s/  or  helm template ./chart | {program} audit -',
    fr: 'Par exemple : {program} audit k8s/  ou  helm template ./chart | {program} audit -',
  },
  'audit.usage.pathsAndCluster': {
    en: 'Give either paths (or --app-spec) or --cluster, not both.',
    fr: 'Donnez soit des chemins (ou --app-spec), soit --cluster, pas les deux.',
  },

  // ---- CLI: output ----
  'audit.cli.truncated': {
    en: 'Showing {shown} of {total} findings. The whole report: --report text=audit.txt (or sarif=, json=, junit=, markdown=, html=).',
    fr: '{shown} constats affichés sur {total}. Le rapport complet : --report text=audit.txt (ou sarif=, json=, junit=, markdown=, html=).',
  },
  'audit.cli.reportWritten': {
    en: 'Report written: {file} ({format}, {size}).',
    fr: 'Rapport écrit : {file} ({format}, {size}).',
  },
  'audit.cli.failing': {
    en: '{count|# finding|# findings} at or above {threshold}.',
    fr: '{count|# constat|# constats} au niveau {threshold} ou au-dessus.',
  },
  'audit.cli.inputProblems': {
    en: '{count|# input problem|# input problems}; the first: {message}',
    fr: '{count|# problème d’entrée|# problèmes d’entrée} ; le premier : {message}',
  },
  'audit.cli.where': { en: 'where: {where}', fr: 'où : {where}' },

  // ---- The use cases ----
  'audit.noFileAccess': {
    en: 'This front end takes manifests as content, not as a path ("{path}").',
    fr: 'Ce point d’entrée prend les manifestes comme contenu, pas comme chemin (« {path} »).',
  },
  'audit.noReportAccess': {
    en: 'This front end cannot write report files ("{file}"): the result carries the summary and the findings.',
    fr: 'Ce point d’entrée ne peut pas écrire de fichiers de rapport (« {file} ») : le résultat contient le résumé et les constats.',
  },
  'audit.noReportAccessHint': {
    en: 'Leave "reports" out, or run the audit with the command line to write files.',
    fr: 'Retirez « reports », ou lancez l’audit en ligne de commande pour écrire des fichiers.',
  },
  'audit.reportFailed': {
    en: 'Cannot write the {format} report "{file}": {reason}',
    fr: 'Impossible d’écrire le rapport {format} « {file} » : {reason}',
  },
  'audit.reportFailedHint': {
    en: 'Check that the folder exists and can be written; no partial report was left behind.',
    fr: 'Vérifiez que le dossier existe et est accessible en écriture ; aucun rapport partiel n’a été laissé.',
  },
  'audit.reportSameFile': {
    en: 'Two reports name the same file "{file}".',
    fr: 'Deux rapports désignent le même fichier « {file} ».',
  },
  'audit.emptyManifests': {
    en: 'Nothing to audit: no Kubernetes object in {inputs}.',
    fr: 'Rien à auditer : aucun objet Kubernetes dans {inputs}.',
  },
  'audit.emptyManifestsHint': {
    en: 'Folders are read recursively for *.yaml, *.yml and *.json files; check the path.',
    fr: 'Les dossiers sont lus récursivement (fichiers *.yaml, *.yml et *.json) ; vérifiez le chemin.',
  },
  'audit.emptyCluster': {
    en: 'Nothing to audit: the cluster returned no object (check -n and the credentials).',
    fr: 'Rien à auditer : le cluster n’a renvoyé aucun objet (vérifiez -n et les identifiants).',
  },
  'audit.emptyClusterHint': {
    en: 'Name existing namespaces with -n, or leave -n out to read them all.',
    fr: 'Nommez des namespaces existants avec -n, ou retirez -n pour les lire tous.',
  },
  'audit.clusterForbidden': {
    en: 'Nothing to audit: the credentials may list none of the kinds the audit reads; the first refusal: {reason}',
    fr: 'Rien à auditer : les identifiants ne permettent de lister aucun des types que l’audit lit ; le premier refus : {reason}',
  },
  'audit.clusterForbiddenHint': {
    en: 'Audit the namespaces you may read (-n), or ask for a role that may list them (the view ClusterRole).',
    fr: 'Auditez les namespaces que vous pouvez lire (-n), ou demandez un rôle qui permet de les lister (le ClusterRole view).',
  },
  'audit.allInputsInvalid': {
    en: '{count|# input problem|# input problems} and no object to audit; the first: {message}',
    fr: '{count|# problème d’entrée|# problèmes d’entrée} et aucun objet à auditer ; le premier : {message}',
  },
  'audit.allInputsInvalidHint': {
    en: 'Fix the input: each problem is given with its file, line and column.',
    fr: 'Corrigez l’entrée : chaque problème est donné avec son fichier, sa ligne et sa colonne.',
  },
  'audit.progress.reading': {
    en: 'Reading {scope} of context "{context}" (Kubernetes {version})',
    fr: 'Lecture de {scope} du contexte « {context} » (Kubernetes {version})',
  },
  'audit.progress.allNamespaces': { en: 'all namespaces', fr: 'tous les namespaces' },
  'audit.progress.namespaces': {
    en: '{count|namespace|namespaces} {list}',
    fr: '{count|le namespace|les namespaces} {list}',
  },
  'audit.progress.listed': { en: '{kind}: {count}', fr: '{kind} : {count}' },
  'audit.progress.listedIn': {
    en: '{kind} in {namespace}: {count}',
    fr: '{kind} dans {namespace} : {count}',
  },
  'audit.progress.skipped': { en: '{kind}: skipped ({code})', fr: '{kind} : ignoré ({code})' },
  'audit.progress.read': {
    en: '{count|# object read|# objects read}',
    fr: '{count|# objet lu|# objets lus}',
  },
  'audit.progress.audited': {
    en: '{count|# object audited|# objects audited}',
    fr: '{count|# objet audité|# objets audités}',
  },
  'audit.progress.reports': {
    en: 'Writing {count|# report|# reports}',
    fr: 'Écriture de {count|# rapport|# rapports}',
  },

  // ---- Notes of a run ----
  'audit.note.cannotList': {
    en: 'Cannot list {kind} ({code}): {reason}',
    fr: 'Impossible de lister les {kind} ({code}) : {reason}',
  },
  'audit.note.cannotListIn': {
    en: 'Cannot list {kind} in {namespace} ({code}): {reason}',
    fr: 'Impossible de lister les {kind} dans {namespace} ({code}) : {reason}',
  },
  'audit.note.cannotListHint': {
    en: 'Audit with credentials that may list it, or accept that this kind is not audited.',
    fr: 'Auditez avec des identifiants qui permettent de le lister, ou acceptez que ce type ne soit pas audité.',
  },
  'audit.note.notAudited': {
    en: '{count|# object|# objects} of kind {kind} not audited (no check reads this kind).',
    fr: '{count|# objet|# objets} de type {kind} non audités (aucun contrôle ne lit ce type).',
  },
  'audit.note.unusedException': {
    en: 'The exception for {check} at {source} matched no finding; remove it if the risk is gone.',
    fr: 'L’exception pour {check} en {source} ne correspond à aucun constat ; retirez-la si le risque a disparu.',
  },

  // ---- Text report ----
  'audit.text.line': { en: 'line {line}', fr: 'ligne {line}' },
  'audit.text.accepted': {
    en: '[accepted {until}: {justification}]',
    fr: '[accepté {until} : {justification}]',
  },
  'audit.text.until': { en: 'until {date}', fr: 'jusqu’au {date}' },
  'audit.text.noExpiry': { en: 'with no expiry', fr: 'sans échéance' },
  'audit.text.fix': { en: 'fix: {text}', fr: 'correction : {text}' },
  'audit.text.inputError': { en: 'input error', fr: 'erreur d’entrée' },
  'audit.text.skipped': { en: 'skipped', fr: 'ignoré' },
  'audit.text.note': { en: 'note', fr: 'remarque' },
  'audit.text.summary': {
    en: '{objects|# object|# objects} audited (Pod Security {level}:{pssVersion}, Kubernetes {kubernetesVersion}): {findings}{accepted}; {verdict}.',
    fr: '{objects|# objet audité|# objets audités} (Pod Security {level}:{pssVersion}, Kubernetes {kubernetesVersion}) : {findings}{accepted} ; {verdict}.',
  },
  'audit.text.noFindings': { en: 'no findings', fr: 'aucun constat' },
  'audit.text.findings': {
    en: '{count|# finding|# findings} ({counts})',
    fr: '{count|# constat|# constats} ({counts})',
  },
  'audit.text.severityCount': { en: '{count} {severity}', fr: '{severity} : {count}' },
  'audit.text.acceptedCount': {
    en: ', {count} accepted by exceptions',
    fr: ', {count|# accepté|# acceptés} par des exceptions',
  },
  'audit.text.failing': {
    en: '{count} at or above {threshold}',
    fr: '{count} au niveau {threshold} ou au-dessus',
  },
  'audit.text.none': {
    en: 'none at or above {threshold}',
    fr: 'aucun au niveau {threshold} ou au-dessus',
  },
  // ---- SARIF, JUnit and code quality reports ----
  'audit.report.references': { en: 'References: {list}', fr: 'Références : {list}' },
  'audit.report.referencesHeading': { en: 'References:', fr: 'Références :' },
  'audit.report.clusterBase': {
    en: 'Live objects of the audited cluster',
    fr: 'Objets du cluster audité',
  },
  'audit.report.noFindings': {
    en: '{count|# object audited|# objects audited}, no findings',
    fr: '{count|# objet audité|# objets audités}, aucun constat',
  },
  'audit.report.junitBody': {
    en: '{message}\nSeverity: {severity}\nWhere: {where}\nFix: {fix}',
    fr: '{message}\nGravité : {severity}\nEmplacement : {where}\nCorrection : {fix}',
  },
  'audit.report.accepted': {
    en: 'accepted {until}: {justification}',
    fr: 'accepté {until} : {justification}',
  },
  'audit.report.belowThreshold': {
    en: 'below the threshold ({severity}): {message}',
    fr: 'sous le seuil ({severity}) : {message}',
  },
  'audit.severity.critical': { en: 'critical', fr: 'critique' },
  'audit.severity.high': { en: 'high', fr: 'élevée' },
  'audit.severity.medium': { en: 'medium', fr: 'moyenne' },
  'audit.severity.low': { en: 'low', fr: 'faible' },
  'audit.severity.info': { en: 'info', fr: 'info' },

  // ---- Errors of the engine ----
  'audit.badPssVersion': {
    en: 'Invalid Pod Security Standards version "{version}".',
    fr: 'Version Pod Security Standards « {version} » invalide.',
  },
  'audit.badPssVersionHint': {
    en: 'Give latest or a version such as v1.30.',
    fr: 'Donnez latest ou une version comme v1.30.',
  },
  'audit.badKubernetesVersion': {
    en: 'Invalid Kubernetes version "{version}".',
    fr: 'Version de Kubernetes « {version} » invalide.',
  },
  'audit.badKubernetesVersionHint': {
    en: 'Give a version such as 1.36 (or v1.36).',
    fr: 'Donnez une version comme 1.36 (ou v1.36).',
  },
  // ---- Reading manifests and exceptions ----
  'audit.load.tooManyBytes': {
    en: 'The audit input has more than {limit} bytes.',
    fr: 'L’entrée de l’audit dépasse {limit} octets.',
  },
  'audit.load.tooManyDocuments': {
    en: 'The audit input has more than {limit} documents.',
    fr: 'L’entrée de l’audit dépasse {limit} documents.',
  },
  'audit.load.tooManyObjects': {
    en: 'The audit input has more than {limit} objects.',
    fr: 'L’entrée de l’audit dépasse {limit} objets.',
  },
  'audit.load.tooLargeHint': {
    en: 'Audit it in parts, or raise the limit ({flag}) if this input is expected.',
    fr: 'Auditez-la en plusieurs fois, ou relevez la limite ({flag}) si cette entrée est attendue.',
  },
  'audit.load.cannotReadDocument': {
    en: 'Cannot read document: {reason}',
    fr: 'Impossible de lire le document : {reason}',
  },
  'audit.load.duplicateKeyHint': {
    en: 'Remove or rename one of the duplicate keys; YAML allows each key once per mapping.',
    fr: 'Retirez ou renommez l’une des clés en double ; YAML n’admet chaque clé qu’une fois par mapping.',
  },
  'audit.load.syntaxHint': {
    en: 'Fix the YAML syntax at that position (indentation, quoting, a missing colon); the other documents were audited.',
    fr: 'Corrigez la syntaxe YAML à cet endroit (indentation, guillemets, deux-points manquant) ; les autres documents ont été audités.',
  },
  'audit.load.aliases': {
    en: 'Cannot read document: its aliases expand to more than {limit} nodes.',
    fr: 'Impossible de lire le document : ses alias se développent en plus de {limit} nœuds.',
  },
  'audit.load.aliasesHint': {
    en: 'Expand the YAML anchors and aliases (a "billion laughs" document is refused).',
    fr: 'Développez les ancres et alias YAML (un document « billion laughs » est refusé).',
  },
  'audit.load.notObject': {
    en: 'This document is not a Kubernetes object (a mapping with apiVersion and kind).',
    fr: 'Ce document n’est pas un objet Kubernetes (un mapping avec apiVersion et kind).',
  },
  'audit.load.notObjectHint': {
    en: 'Each YAML document must be a mapping with `apiVersion` (v1), `kind` (ConfigMap) and `metadata.name`.',
    fr: 'Chaque document YAML doit être un mapping avec `apiVersion` (v1), `kind` (ConfigMap) et `metadata.name`.',
  },
  'audit.load.noApiVersion': {
    en: 'This document has no apiVersion.',
    fr: 'Ce document n’a pas d’apiVersion.',
  },
  'audit.load.noKind': { en: 'This document has no kind.', fr: 'Ce document n’a pas de kind.' },
  'audit.load.noKindHint': {
    en: 'Add `apiVersion` and `kind` (for example `apiVersion: apps/v1` and `kind: Deployment`).',
    fr: 'Ajoutez `apiVersion` et `kind` (par exemple `apiVersion: apps/v1` et `kind: Deployment`).',
  },
  'audit.load.documentTooLarge': {
    en: 'Cannot read document: it is larger than {size}.',
    fr: 'Impossible de lire le document : il dépasse {size}.',
  },
  'audit.load.documentTooLargeHint': {
    en: 'Split it into smaller documents (one object per document); a Kubernetes object is at most 1.5 MiB.',
    fr: 'Découpez-le en documents plus petits (un objet par document) ; un objet Kubernetes fait au plus 1,5 Mio.',
  },
  'audit.load.noSuchPath': {
    en: 'Cannot read "{path}": no such file or folder',
    fr: 'Impossible de lire « {path} » : fichier ou dossier introuvable',
  },
  'audit.load.cannotReadPath': {
    en: 'Cannot read "{path}": {reason}',
    fr: 'Impossible de lire « {path} » : {reason}',
  },
  'audit.load.pathHint': {
    en: 'Check the path; folders are read recursively for *.yaml, *.yml and *.json files.',
    fr: 'Vérifiez le chemin ; les dossiers sont lus récursivement (fichiers *.yaml, *.yml et *.json).',
  },
  'audit.exceptions.syntax': {
    en: 'Cannot read exceptions file "{file}": line {line}, column {column}: {reason}',
    fr: 'Impossible de lire le fichier d’exceptions « {file} » : ligne {line}, colonne {column} : {reason}',
  },
  'audit.exceptions.syntaxHint': {
    en: 'Fix the YAML syntax at that position.',
    fr: 'Corrigez la syntaxe YAML à cet endroit.',
  },
  'audit.exceptions.invalid': {
    en: 'Invalid exceptions file "{file}": line {line}, column {column}: {problem}',
    fr: 'Fichier d’exceptions « {file} » invalide : ligne {line}, colonne {column} : {problem}',
  },
  'audit.exceptions.invalidHint': {
    en: 'Each exception needs check, expires (YYYY-MM-DD) and justification, may narrow with kind, namespace and name, and may say who granted it (grantedBy) and when (grantedAt, YYYY-MM-DD); see docs/audit.md#exceptions.',
    fr: 'Chaque exception demande check, expires (AAAA-MM-JJ) et justification, peut se restreindre par kind, namespace et name, et peut dire qui l’a accordée (grantedBy) et quand (grantedAt, AAAA-MM-JJ) ; voir docs/fr/audit.md#exceptions.',
  },
} as const;
