/** The HTTP API (`quai serve`): sign-in, sessions, the audit trail, the store. */
export const apiMessages = {
  'api.routeNotFound': { en: 'No route {method} {path}.', fr: 'Aucune route {method} {path}.' },
  'api.tooLarge': {
    en: 'The request body is larger than {bytes} bytes.',
    fr: 'Le corps de la requête dépasse {bytes} octets.',
  },
  'api.badJson': { en: 'The request body is not JSON.', fr: "Le corps de la requête n'est pas du JSON." },
  'api.badFormat': {
    en: 'Unknown format "{format}" (known: {formats}).',
    fr: 'Format inconnu « {format} » (connus : {formats}).',
  },
  'api.historyNotFound': { en: 'No history entry {id}.', fr: "Aucune entrée d'historique {id}." },
  'api.draining': {
    en: 'The server is stopping and takes no new work.',
    fr: "Le serveur s'arrête et ne prend plus de nouveau travail.",
  },
  'api.drainingHint': {
    en: 'Try again in a moment: another replica, or this one once restarted, will answer.',
    fr: 'Réessayez dans un instant : une autre réplique, ou celle-ci une fois redémarrée, répondra.',
  },
  'api.watch.badQuery': {
    en: 'Invalid watch query at "{field}": {problem}.',
    fr: 'Requête de suivi incorrecte à « {field} » : {problem}.',
  },
  'api.watch.badQueryHint': {
    en: 'Example: GET /api/v1/watch?apiVersion=apps/v1&kind=Deployment&namespace=grist',
    fr: 'Exemple : GET /api/v1/watch?apiVersion=apps/v1&kind=Deployment&namespace=grist',
  },
  'api.watch.noSecrets': {
    en: 'Secrets are never streamed: their values would travel to browsers.',
    fr: "Les Secrets ne sont jamais diffusés : leurs valeurs iraient jusqu'aux navigateurs.",
  },
  'api.watch.noSecretsHint': {
    en: 'Watch the workloads that use them instead; read a Secret with kubectl when you must.',
    fr: 'Suivez plutôt les charges de travail qui les utilisent ; lisez un Secret avec kubectl si nécessaire.',
  },
  'api.watch.tooSlow': {
    en: 'This reader fell {n} changes behind and was disconnected.',
    fr: 'Ce lecteur avait {n} changements de retard et a été déconnecté.',
  },
  'api.watch.tooSlowHint': {
    en: 'Reconnect: a new snapshot is sent first.',
    fr: "Reconnectez-vous : un nouvel instantané est envoyé d'abord.",
  },
  'api.store.noSqlite': {
    en: 'The SQLite store cannot be opened: the better-sqlite3 module is missing or was built for another Node, and this Node has no node:sqlite ({error}).',
    fr: "La base SQLite ne peut pas être ouverte : le module better-sqlite3 manque ou a été construit pour un autre Node, et ce Node n'a pas node:sqlite ({error}).",
  },
  'api.store.noSqliteHint': {
    en: 'Run Quai on Node 22.13 or later (its own SQLite is enough), rebuild the module (a compiler, python3 and make, then `npm rebuild better-sqlite3`), or keep the state in PostgreSQL with --postgres.',
    fr: 'Lancez Quai sur Node 22.13 ou plus récent (son propre SQLite suffit), reconstruisez le module (un compilateur, python3 et make, puis `npm rebuild better-sqlite3`), ou gardez l’état dans PostgreSQL avec --postgres.',
  },
  'api.csrf': {
    en: 'This change was sent with a session cookie but without its CSRF token.',
    fr: 'Cette modification a été envoyée avec un cookie de session mais sans son jeton CSRF.',
  },
  'api.csrfHint': {
    en: 'Send the header X-CSRF-Token with the value GET /api/v1/auth/me returns.',
    fr: "Envoyez l'en-tête X-CSRF-Token avec la valeur que renvoie GET /api/v1/auth/me.",
  },
  'api.auth.required': { en: 'Sign in first.', fr: "Connectez-vous d'abord." },
  'api.auth.requiredHint': {
    en: 'Sign in through the console, or send Authorization: Bearer TOKEN.',
    fr: 'Connectez-vous par la console, ou envoyez Authorization: Bearer JETON.',
  },
  'api.auth.expired': {
    en: 'Your session has expired or was closed.',
    fr: 'Votre session a expiré ou a été fermée.',
  },
  'api.auth.badToken': { en: 'This token is not valid.', fr: "Ce jeton n'est pas valide." },
  'api.auth.badTokenHint': {
    en: 'Ask an administrator for a token (quai serve token create); only its SHA-256 is in the server configuration.',
    fr: 'Demandez un jeton à un administrateur (quai serve token create) ; seule son empreinte SHA-256 figure dans la configuration du serveur.',
  },
  'api.auth.rateLimited': {
    en: 'Too many sign-in attempts: try again in {seconds} s.',
    fr: 'Trop de tentatives de connexion : réessayez dans {seconds} s.',
  },
  'api.oidc.notConfigured': {
    en: 'Sign-in with OpenID Connect is not configured on this server.',
    fr: "La connexion par OpenID Connect n'est pas configurée sur ce serveur.",
  },
  'api.oidc.discoveryFailed': {
    en: 'The OpenID Connect provider {issuer} could not be reached: {reason}',
    fr: 'Le fournisseur OpenID Connect {issuer} est injoignable : {reason}',
  },
  'api.oidc.discoveryFailedHint': {
    en: 'Check auth.oidc.issuer in the server configuration and that the provider is up.',
    fr: 'Vérifiez auth.oidc.issuer dans la configuration du serveur et que le fournisseur fonctionne.',
  },
  'api.oidc.unknownState': {
    en: 'This sign-in is unknown or too old (each sign-in link works once, for 10 minutes).',
    fr: 'Cette connexion est inconnue ou trop ancienne (chaque lien de connexion sert une fois, pendant 10 minutes).',
  },
  'api.oidc.signInAgain': { en: 'Sign in again.', fr: 'Connectez-vous de nouveau.' },
  'api.oidc.refused': {
    en: 'The OpenID Connect provider refused the sign-in: {reason}',
    fr: 'Le fournisseur OpenID Connect a refusé la connexion : {reason}',
  },
  'api.oidc.noUsername': {
    en: 'The ID token has no claim "{claim}" to name the user.',
    fr: 'Le jeton d’identité n’a pas de revendication « {claim} » pour nommer l’utilisateur.',
  },
  'api.oidc.noUsernameHint': {
    en: 'Set auth.oidc.usernameClaim to a claim the provider sends (email, sub, preferred_username).',
    fr: 'Réglez auth.oidc.usernameClaim sur une revendication envoyée par le fournisseur (email, sub, preferred_username).',
  },
  'api.store.tooNew': {
    en: 'The database has schema version {found}, newer than the {known} this Quai knows.',
    fr: 'La base a la version de schéma {found}, plus récente que la {known} que connaît ce Quai.',
  },
  'api.store.tooNewHint': {
    en: 'Run the newer Quai that migrated it, or restore the database backup taken before the upgrade.',
    fr: 'Lancez le Quai plus récent qui l’a migrée, ou restaurez la sauvegarde de la base prise avant la mise à jour.',
  },
  'api.store.noUrl': {
    en: 'The PostgreSQL store needs its connection URL in ${variable}.',
    fr: 'Le stockage PostgreSQL a besoin de son URL de connexion dans ${variable}.',
  },
  'api.store.noUrlHint': {
    en: 'Set {variable}=postgres://user:password@host:5432/quai (from a Secret in the cluster).',
    fr: 'Définissez {variable}=postgres://utilisateur:motdepasse@hôte:5432/quai (depuis un Secret dans le cluster).',
  },
  'api.badListen': { en: 'Cannot listen on "{listen}".', fr: 'Impossible d’écouter sur « {listen} ».' },
  'api.badListenHint': {
    en: 'Give an address and a port: 127.0.0.1:8484, 0.0.0.0:8484 or [::]:8484.',
    fr: 'Donnez une adresse et un port : 127.0.0.1:8484, 0.0.0.0:8484 ou [::]:8484.',
  },
  'api.portInUse': {
    en: '{listen} is taken by another process.',
    fr: '{listen} est pris par un autre processus.',
  },
  'api.cli.description': {
    en: 'Serve the HTTP API (and the web console): every use case, acting as the signed-in user',
    fr: "Servir l'API HTTP (et la console web) : chaque cas d'usage, au nom de l'utilisateur connecté",
  },
  'api.cli.flag.config': {
    en: 'server configuration file (YAML: listen, storage, auth, ...)',
    fr: 'fichier de configuration du serveur (YAML : listen, storage, auth, ...)',
  },
  'api.cli.flag.listen': {
    en: 'address and port to listen on (default 127.0.0.1:8484)',
    fr: "adresse et port d'écoute (par défaut 127.0.0.1:8484)",
  },
  'api.cli.flag.publicUrl': {
    en: 'the address users reach (for OIDC redirects and secure cookies)',
    fr: "l'adresse qu'atteignent les utilisateurs (redirections OIDC et cookies sécurisés)",
  },
  'api.cli.flag.sqlite': {
    en: 'keep the audit trail, history and sessions in this SQLite file (default quai.db)',
    fr: "garder le journal d'audit, l'historique et les sessions dans ce fichier SQLite (par défaut quai.db)",
  },
  'api.cli.flag.postgres': {
    en: 'keep them in PostgreSQL instead (URL in $QUAI_DATABASE_URL), for several replicas',
    fr: 'les garder plutôt dans PostgreSQL (URL dans $QUAI_DATABASE_URL), pour plusieurs répliques',
  },
  'api.cli.flag.noImpersonate': {
    en: "act with the server's own rights instead of the user's (not recommended)",
    fr: "agir avec les droits du serveur plutôt qu'avec ceux de l'utilisateur (déconseillé)",
  },
  'api.cli.help': {
    en: 'Secrets are never in the configuration file: the OIDC client secret comes from $QUAI_OIDC_CLIENT_SECRET, the PostgreSQL URL from $QUAI_DATABASE_URL, tokens are stored as SHA-256. See docs/api.md.',
    fr: "Les secrets ne sont jamais dans le fichier de configuration : le secret du client OIDC vient de $QUAI_OIDC_CLIENT_SECRET, l'URL PostgreSQL de $QUAI_DATABASE_URL, les jetons sont stockés en SHA-256. Voir docs/fr/api.md.",
  },
  'api.cli.listening': { en: 'Quai serves on {url}', fr: 'Quai sert sur {url}' },
  'api.cli.draining': {
    en: 'Stopping: waiting for {count|# request|# requests} in flight.',
    fr: 'Arrêt : attente de {count|# requête|# requêtes} en cours.',
  },
  'api.cli.stopped': { en: 'Stopped.', fr: 'Arrêté.' },
  'api.cli.token.description': {
    en: 'Static tokens for scripts and small installs',
    fr: 'Jetons statiques pour les scripts et les petites installations',
  },
  'api.cli.token.create': {
    en: 'Make a new token: prints it once, and the line for the server configuration',
    fr: 'Créer un jeton : il est affiché une seule fois, avec la ligne pour la configuration du serveur',
  },
  'api.cli.token.user': {
    en: 'the Kubernetes user the token acts as',
    fr: "l'utilisateur Kubernetes au nom duquel le jeton agit",
  },
  'api.cli.token.group': {
    en: 'a group of that user (repeatable)',
    fr: 'un groupe de cet utilisateur (répétable)',
  },
  'api.cli.token.note': {
    en: 'a note: whose token, for what',
    fr: 'une note : à qui est le jeton, pour quoi',
  },
  'api.cli.token.once': {
    en: 'The token (shown once; give it to its user, keep it nowhere else):',
    fr: 'Le jeton (affiché une seule fois ; donnez-le à son utilisateur, ne le gardez nulle part ailleurs) :',
  },
  'api.cli.token.add': {
    en: 'Add this to the server configuration (only the SHA-256 is stored):',
    fr: 'Ajoutez ceci à la configuration du serveur (seule l’empreinte SHA-256 y est gardée) :',
  },
  'api.cli.manifests.description': {
    en: 'Print the manifests that run quai serve in the cluster (restricted Pod Security, probes, PodDisruptionBudget)',
    fr: 'Afficher les manifestes qui font tourner quai serve dans le cluster (Pod Security restreint, sondes, PodDisruptionBudget)',
  },
  'api.cli.manifests.image': { en: "Quai's image", fr: 'image de Quai' },
  'api.cli.manifests.namespace': { en: 'namespace to run in', fr: 'namespace où tourner' },
  'api.cli.manifests.storage': {
    en: 'sqlite (one replica and a volume) or postgres (several replicas)',
    fr: 'sqlite (une réplique et un volume) ou postgres (plusieurs répliques)',
  },
  'api.cli.manifests.replicas': { en: 'replicas with postgres', fr: 'répliques avec postgres' },
} as const;
