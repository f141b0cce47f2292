/** Cluster access: kubeconfig, credentials, the API client, watches and caches. */
export const kubeMessages = {
  'kube.apiError': { en: '{method} {path}: {message}', fr: '{method} {path} : {message}' },
  'kube.hint.unauthorized': {
    en: 'Your credentials were refused: log in again or renew the token or certificate in your kubeconfig.',
    fr: 'Vos identifiants ont été refusés : reconnectez-vous, ou renouvelez le jeton ou le certificat de votre kubeconfig.',
  },
  'kube.hint.quota': {
    en: 'A ResourceQuota is full: raise the quota or lower the requests.',
    fr: 'Un ResourceQuota est plein : relevez le quota ou baissez les demandes de ressources.',
  },
  'kube.hint.forbidden': {
    en: 'Ask a cluster administrator for this right (check with `kubectl auth can-i VERB RESOURCE -n NAMESPACE`), or fix the object an admission policy refused.',
    fr: 'Demandez ce droit à un administrateur du cluster (vérifiez avec `kubectl auth can-i VERBE RESSOURCE -n NAMESPACE`), ou corrigez l’objet qu’une politique d’admission a refusé.',
  },
  'kube.hint.notFound': {
    en: 'Check the name and namespace; for a custom resource, check that its CRD is installed.',
    fr: 'Vérifiez le nom et le namespace ; pour une ressource personnalisée, vérifiez que sa CRD est installée.',
  },
  'kube.hint.fieldConflict': {
    en: 'Another field manager owns these fields: review the change, then re-run with --force-conflicts to take them over.',
    fr: 'Un autre gestionnaire possède ces champs : vérifiez le changement, puis relancez avec --force-conflicts pour en prendre possession.',
  },
  'kube.hint.changed': {
    en: 'The object changed meanwhile: re-read it and try again.',
    fr: 'L’objet a changé entre-temps : relisez-le et réessayez.',
  },
  'kube.hint.alreadyExists': {
    en: 'Pick another name, or update the existing object instead.',
    fr: 'Choisissez un autre nom, ou modifiez plutôt l’objet existant.',
  },
  'kube.hint.duplicateKey': {
    en: 'Two entries of a list have the same key (a volume, port or container name used twice): rename one in the app spec.',
    fr: 'Deux éléments d’une liste ont la même clé (un nom de volume, de port ou de conteneur employé deux fois) : renommez-en un dans la spécification de l’application.',
  },
  'kube.hint.invalid': {
    en: 'Fix the fields the API server names above.',
    fr: 'Corrigez les champs que le serveur d’API nomme ci-dessus.',
  },
  'kube.hint.tooManyRequests': {
    en: 'The API server kept asking to slow down: try again later, or cap the pace with --qps.',
    fr: 'Le serveur d’API a continué de demander de ralentir : réessayez plus tard, ou plafonnez le rythme avec --qps.',
  },
  'kube.hint.serverError': {
    en: 'The API server failed: check its health (`kubectl get --raw /readyz?verbose`) and try again.',
    fr: 'Le serveur d’API a échoué : vérifiez son état (`kubectl get --raw /readyz?verbose`) et réessayez.',
  },
  'kube.timeout': {
    en: '{method} {path}: no answer from {server} in time.',
    fr: '{method} {path} : pas de réponse de {server} à temps.',
  },
  'kube.timeoutHint': {
    en: 'Check that the API server is up and reachable, or raise --request-timeout (0: no limit).',
    fr: 'Vérifiez que le serveur d’API tourne et est joignable, ou augmentez --request-timeout (0 : sans limite).',
  },
  'kube.unreachable': {
    en: 'Cannot reach the Kubernetes API server {server} (context "{context}"): {message}',
    fr: 'Impossible de joindre le serveur d’API Kubernetes {server} (contexte « {context} ») : {message}',
  },
  'kube.unreachableTlsHint': {
    en: 'The server certificate was not trusted: check certificate-authority in the kubeconfig.',
    fr: 'Le certificat du serveur n’a pas été reconnu : vérifiez certificate-authority dans le kubeconfig.',
  },
  'kube.unreachableHint': {
    en: 'Check that the cluster is running and the address is right (`quai dev cluster status` for the local one).',
    fr: 'Vérifiez que le cluster tourne et que l’adresse est juste (`quai dev cluster status` pour le cluster local).',
  },
  'kube.unknownKind': {
    en: 'The cluster does not serve kind "{kind}" in "{apiVersion}".',
    fr: 'Le cluster ne sert pas le type « {kind} » dans « {apiVersion} ».',
  },
  'kube.unknownKindHint': {
    en: 'Check the apiVersion (`kubectl api-resources`); for a custom resource, install its CRD first.',
    fr: 'Vérifiez l’apiVersion (`kubectl api-resources`) ; pour une ressource personnalisée, installez d’abord sa CRD.',
  },
  'kube.applyWithoutName': {
    en: 'Cannot apply a {kind} without metadata.name.',
    fr: 'Impossible d’appliquer un {kind} sans metadata.name.',
  },
  'kube.applyWithoutNameHint': {
    en: 'Server-side apply needs a name; generateName is not supported.',
    fr: 'L’application côté serveur a besoin d’un nom ; generateName n’est pas pris en charge.',
  },
  'kube.refWithoutName': {
    en: 'A {kind} was named without a name: refusing to address its whole collection.',
    fr: 'Un {kind} a été désigné sans nom : refus de viser toute sa collection.',
  },
  'kube.refWithoutNameHint': {
    en: 'Give the object its metadata.name (a nameless get, change or delete would reach every {kind}).',
    fr: 'Donnez son metadata.name à l’objet (une lecture, une modification ou une suppression sans nom toucherait chaque {kind}).',
  },
  'kube.watchCut': {
    en: 'The watch of {kind} ({path}) was cut.',
    fr: 'La surveillance de {kind} ({path}) a été coupée.',
  },
  'kube.watchCutHint': {
    en: 'The connection to the API server dropped; watching again resumes from the last event.',
    fr: 'La connexion au serveur d’API est tombée ; surveiller à nouveau reprend au dernier événement.',
  },
  'kube.cacheFull': {
    en: 'Too many {kind} objects to cache{where} (more than {max}).',
    fr: 'Trop d’objets {kind} à garder en cache{where} (plus de {max}).',
  },
  'kube.cacheFullIn': { en: ' in {namespace}', fr: ' dans {namespace}' },
  'kube.cacheFullHint': {
    en: 'Narrow what is watched with a namespace or a label selector.',
    fr: 'Restreignez ce qui est surveillé à un namespace ou à un sélecteur de labels.',
  },
  'kube.tooManyWatches': {
    en: 'More than {max} watches would be open at once.',
    fr: 'Plus de {max} surveillances seraient ouvertes à la fois.',
  },
  'kube.tooManyWatchesHint': {
    en: 'Wait for fewer apps at a time, or raise the limit of shared informers.',
    fr: 'Attendez moins d’applications à la fois, ou relevez la limite des caches partagés.',
  },
  'kube.waitTimeout': {
    en: 'Timed out after {seconds} s waiting for {what}{state}.',
    fr: 'Délai dépassé après {seconds} s en attendant {what}{state}.',
  },
  'kube.waitLastSeen': { en: ' (last seen: {state})', fr: ' (dernier état vu : {state})' },
  'kube.kubeconfigUnreadable': {
    en: 'Cannot read kubeconfig "{file}".',
    fr: 'Impossible de lire le kubeconfig « {file} ».',
  },
  'kube.kubeconfigUnreadableHint': {
    en: 'Check the path given with --kubeconfig or in KUBECONFIG.',
    fr: 'Vérifiez le chemin donné avec --kubeconfig ou dans KUBECONFIG.',
  },
  'kube.kubeconfigShape': {
    en: 'Invalid kubeconfig "{file}" at {path}: {message}.',
    fr: 'Kubeconfig « {file} » invalide en {path} : {message}.',
  },
  'kube.kubeconfigShapeHint': {
    en: 'Compare the file with `kubectl config view`; each cluster needs a server, each context a cluster.',
    fr: 'Comparez le fichier avec `kubectl config view` ; chaque cluster a besoin d’un serveur, chaque contexte d’un cluster.',
  },
  'kube.unexpectedShape': { en: 'unexpected shape', fr: 'forme inattendue' },
  'kube.refUnreadable': {
    en: 'Cannot read the {what} file "{path}".',
    fr: 'Impossible de lire le fichier de {what} « {path} ».',
  },
  'kube.refUnreadableHint': {
    en: 'Fix the path in the kubeconfig "{file}", or embed the data with the "-data" key.',
    fr: 'Corrigez le chemin dans le kubeconfig « {file} », ou incorporez les données avec la clé « -data ».',
  },
  'kube.what.certificateAuthority': { en: 'certificate authority', fr: 'autorité de certification' },
  'kube.what.clientCertificate': { en: 'client certificate', fr: 'certificat client' },
  'kube.what.clientKey': { en: 'client key', fr: 'clé client' },
  'kube.noKubeconfig': {
    en: 'No kubeconfig found (looked at {files}) and not running inside a cluster.',
    fr: 'Aucun kubeconfig trouvé (cherché dans {files}) et pas d’exécution dans un cluster.',
  },
  'kube.noKubeconfigHint': {
    en: 'Pass --kubeconfig FILE, set KUBECONFIG, or start the local control plane with `quai dev cluster up`.',
    fr: 'Passez --kubeconfig FICHIER, définissez KUBECONFIG, ou démarrez le plan de contrôle local avec `quai dev cluster up`.',
  },
  'kube.noCurrentContext': {
    en: 'The kubeconfig {source} sets no current-context.',
    fr: 'Le kubeconfig {source} ne définit pas de current-context.',
  },
  'kube.noCurrentContextHint': {
    en: 'Pass --context NAME, or run `kubectl config use-context NAME`.',
    fr: 'Passez --context NOM, ou lancez `kubectl config use-context NOM`.',
  },
  'kube.unknownContext': {
    en: 'Context "{context}" is not in the kubeconfig {source}.',
    fr: 'Le contexte « {context} » n’est pas dans le kubeconfig {source}.',
  },
  'kube.knownContexts': { en: 'Known contexts: {contexts}.', fr: 'Contextes connus : {contexts}.' },
  'kube.noContexts': {
    en: 'The kubeconfig defines no contexts.',
    fr: 'Le kubeconfig ne définit aucun contexte.',
  },
  'kube.unknownCluster': {
    en: 'Context "{context}" refers to cluster "{cluster}", which the kubeconfig does not define.',
    fr: 'Le contexte « {context} » renvoie au cluster « {cluster} », que le kubeconfig ne définit pas.',
  },
  'kube.unknownClusterHint': {
    en: 'Add the cluster, or fix the context.',
    fr: 'Ajoutez le cluster, ou corrigez le contexte.',
  },
  'kube.unknownUser': {
    en: 'Context "{context}" refers to user "{user}", which the kubeconfig does not define.',
    fr: 'Le contexte « {context} » renvoie à l’utilisateur « {user} », que le kubeconfig ne définit pas.',
  },
  'kube.unknownUserHint': {
    en: 'Add the user, or fix the context.',
    fr: 'Ajoutez l’utilisateur, ou corrigez le contexte.',
  },
  'kube.badServer': {
    en: 'Cluster "{cluster}" has an invalid server URL "{server}".',
    fr: 'Le cluster « {cluster} » a une URL de serveur invalide « {server} ».',
  },
  'kube.badServerHint': {
    en: 'Use a URL such as https://10.0.0.1:6443.',
    fr: 'Employez une URL comme https://10.0.0.1:6443.',
  },
  'kube.halfCertificate': {
    en: 'User "{user}" has a client certificate without a key, or a key without a certificate.',
    fr: 'L’utilisateur « {user} » a un certificat client sans clé, ou une clé sans certificat.',
  },
  'kube.halfCertificateHint': {
    en: 'Give both client-certificate and client-key.',
    fr: 'Donnez à la fois client-certificate et client-key.',
  },
  'kube.authProvider': {
    en: 'User "{user}" uses the removed auth-provider "{provider}".',
    fr: 'L’utilisateur « {user} » emploie l’auth-provider « {provider} », qui a été supprimé.',
  },
  'kube.authProviderHint': {
    en: 'Use an exec credential plugin instead (for OIDC: kubelogin), as kubectl 1.26+ requires.',
    fr: 'Employez plutôt un greffon d’identification exec (pour OIDC : kubelogin), comme kubectl 1.26+ l’exige.',
  },
  'kube.pluginNotRun': {
    en: 'Cannot run the credential plugin "{command}".',
    fr: 'Impossible de lancer le greffon d’identification « {command} ».',
  },
  'kube.pluginNotRunHint': {
    en: 'Install the plugin named in the kubeconfig user, or fix its path.',
    fr: 'Installez le greffon nommé dans l’utilisateur du kubeconfig, ou corrigez son chemin.',
  },
  'kube.pluginFailed': {
    en: 'The credential plugin "{command}" failed (exit {code}): {stderr}',
    fr: 'Le greffon d’identification « {command} » a échoué (sortie {code}) : {stderr}',
  },
  'kube.pluginFailedHint': {
    en: 'Run the plugin by hand to see why; you may need to log in again.',
    fr: 'Lancez le greffon à la main pour voir pourquoi ; il faut peut-être vous reconnecter.',
  },
  'kube.pluginBadOutput': {
    en: 'The credential plugin "{command}" printed no valid ExecCredential.',
    fr: 'Le greffon d’identification « {command} » n’a pas affiché d’ExecCredential valide.',
  },
  'kube.pluginBadOutputHint': {
    en: 'The plugin must print an ExecCredential JSON object on stdout.',
    fr: 'Le greffon doit afficher un objet JSON ExecCredential sur sa sortie standard.',
  },
  'kube.pluginNoCredentials': {
    en: 'The credential plugin "{command}" returned neither a token nor a client certificate.',
    fr: 'Le greffon d’identification « {command} » n’a rendu ni jeton ni certificat client.',
  },
  'kube.tokenFileUnreadable': {
    en: 'Cannot read the token file "{path}".',
    fr: 'Impossible de lire le fichier de jeton « {path} ».',
  },
  'kube.tokenFileUnreadableHint': {
    en: 'Check the tokenFile path in the kubeconfig.',
    fr: 'Vérifiez le chemin tokenFile dans le kubeconfig.',
  },
} as const;
