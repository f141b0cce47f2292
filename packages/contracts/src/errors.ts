import type { Bilingual } from './i18n.js';

/**
 * The one table of Quai's error codes. Each code is stable (scripts and the HTTP API match on it),
 * maps to one process exit code for the CLI and one HTTP status for the API.
 * docs/exit-codes.md is written from this table; a test keeps them in step.
 */
export const EXIT_CODES = {
  ok: 0,
  /** The command worked and found something to report (audit findings, plan changes). */
  findings: 1,
  usage: 2,
  config: 3,
  unreachable: 4,
  rejected: 5,
  environment: 6,
  failed: 7,
  internal: 70,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

interface ErrorCodeInfo {
  readonly exit: ExitCode;
  readonly http: number;
  /** What the code means, in English and French (docs/exit-codes.md shows both). */
  readonly summary: Bilingual;
}

export const ERROR_CODES = {
  USAGE: {
    exit: EXIT_CODES.usage,
    http: 400,
    summary: {
      en: 'Unknown command, flag or bad flag value.',
      fr: "Commande ou option inconnue, ou valeur d'option incorrecte.",
    },
  },
  INPUT_INVALID: {
    exit: EXIT_CODES.usage,
    http: 400,
    summary: {
      en: 'An input file or value is malformed (file, line and column are given).',
      fr: "Un fichier ou une valeur d'entrée est mal formé (le fichier, la ligne et la colonne sont donnés).",
    },
  },
  KUBECONFIG_NOT_FOUND: {
    exit: EXIT_CODES.config,
    http: 500,
    summary: {
      en: 'No kubeconfig file was found, and Quai is not running inside a cluster.',
      fr: "Aucun fichier kubeconfig n'a été trouvé, et Quai ne tourne pas dans un cluster.",
    },
  },
  KUBECONFIG_INVALID: {
    exit: EXIT_CODES.config,
    http: 500,
    summary: {
      en: 'The kubeconfig is malformed or refers to missing contexts, clusters, users or files.',
      fr: 'Le kubeconfig est mal formé ou renvoie à des contextes, clusters, utilisateurs ou fichiers absents.',
    },
  },
  CREDENTIALS_FAILED: {
    exit: EXIT_CODES.config,
    http: 500,
    summary: {
      en: 'A credential plugin (exec) or token file could not give credentials.',
      fr: "Un greffon d'identification (exec) ou un fichier de jeton n'a pas pu fournir d'identifiants.",
    },
  },
  CLUSTER_UNREACHABLE: {
    exit: EXIT_CODES.unreachable,
    http: 503,
    summary: {
      en: 'The Kubernetes API server could not be reached (connection refused, DNS, TLS).',
      fr: "Le serveur d'API Kubernetes est injoignable (connexion refusée, DNS, TLS).",
    },
  },
  TIMEOUT: {
    exit: EXIT_CODES.unreachable,
    http: 504,
    summary: {
      en: 'A request or a wait did not finish in time.',
      fr: "Une requête ou une attente n'a pas abouti à temps.",
    },
  },
  UNAUTHORIZED: {
    exit: EXIT_CODES.rejected,
    http: 401,
    summary: {
      en: 'The API server did not accept the credentials (expired or wrong).',
      fr: "Le serveur d'API n'a pas accepté les identifiants (expirés ou erronés).",
    },
  },
  FORBIDDEN: {
    exit: EXIT_CODES.rejected,
    http: 403,
    summary: {
      en: 'RBAC or an admission policy refused the request.',
      fr: "RBAC ou une règle d'admission a refusé la requête.",
    },
  },
  NOT_FOUND: {
    exit: EXIT_CODES.rejected,
    http: 404,
    summary: { en: 'The object does not exist.', fr: "L'objet n'existe pas." },
  },
  ALREADY_EXISTS: {
    exit: EXIT_CODES.rejected,
    http: 409,
    summary: { en: 'The object exists already.', fr: "L'objet existe déjà." },
  },
  CONFLICT: {
    exit: EXIT_CODES.rejected,
    http: 409,
    summary: {
      en: 'A write conflicted: another field manager owns the fields, or the object changed.',
      fr: "Une écriture est en conflit : un autre gestionnaire de champs possède ces champs, ou l'objet a changé.",
    },
  },
  INVALID: {
    exit: EXIT_CODES.usage,
    http: 422,
    summary: {
      en: "The API server's validation rejected an object (422 Invalid, 400 BadRequest, a patch it cannot merge): an input error; its field messages are given.",
      fr: "La validation du serveur d'API a refusé un objet (422 Invalid, 400 BadRequest, un patch qu'il ne sait pas fusionner) : une erreur d'entrée ; ses messages par champ sont donnés.",
    },
  },
  TOO_MANY_REQUESTS: {
    exit: EXIT_CODES.unreachable,
    http: 429,
    summary: {
      en: 'The API server kept asking to slow down after all retries.',
      fr: "Le serveur d'API a continué à demander de ralentir après toutes les nouvelles tentatives.",
    },
  },
  SERVER_ERROR: {
    exit: EXIT_CODES.unreachable,
    http: 502,
    summary: {
      en: 'The API server failed (5xx) after all retries.',
      fr: "Le serveur d'API a échoué (5xx) après toutes les nouvelles tentatives.",
    },
  },
  PREREQUISITE_MISSING: {
    exit: EXIT_CODES.environment,
    http: 500,
    summary: {
      en: 'A tool Quai needs (Go, openssl, ...) is missing or too old, or disk space is short.',
      fr: "Un outil dont Quai a besoin (Go, openssl, ...) manque ou est trop ancien, ou l'espace disque manque.",
    },
  },
  DEVCLUSTER_BUILD_FAILED: {
    exit: EXIT_CODES.environment,
    http: 500,
    summary: {
      en: 'Building the local control plane (Go modules) or its images (Debian packages) failed.',
      fr: 'La construction du plan de contrôle local (modules Go) ou de ses images (paquets Debian) a échoué.',
    },
  },
  DEVCLUSTER_START_FAILED: {
    exit: EXIT_CODES.failed,
    http: 500,
    summary: {
      en: 'A component of the local control plane did not start (its log file is named).',
      fr: "Un composant du plan de contrôle local n'a pas démarré (son fichier journal est nommé).",
    },
  },
  DEVCLUSTER_NOT_RUNNING: {
    exit: EXIT_CODES.failed,
    http: 503,
    summary: {
      en: 'The local control plane is not running.',
      fr: "Le plan de contrôle local n'est pas démarré.",
    },
  },
  ROLLOUT_FAILED: {
    exit: EXIT_CODES.failed,
    http: 500,
    summary: {
      en: 'A deployment did not become ready (bad image, crash loop, deadline); the report names the object and its events.',
      fr: "Un déploiement n'est pas devenu prêt (image incorrecte, redémarrages en boucle, délai dépassé) ; le rapport nomme l'objet et ses événements.",
    },
  },
  PORT_IN_USE: {
    exit: EXIT_CODES.failed,
    http: 500,
    summary: {
      en: 'A port Quai was asked to use is taken by another process.',
      fr: 'Un port que Quai devait utiliser est pris par un autre processus.',
    },
  },
  SCAN_FINDINGS: {
    exit: EXIT_CODES.findings,
    http: 422,
    summary: {
      en: 'The image scan found vulnerabilities at or above the severity threshold (the report lists them).',
      fr: "L'analyse d'image a trouvé des vulnérabilités au niveau de gravité demandé ou au-dessus (le rapport les liste).",
    },
  },
  VULNDB_LOCKED: {
    exit: EXIT_CODES.failed,
    http: 409,
    summary: {
      en: 'Another import into the same vulnerability store is running (its process id is given).',
      fr: 'Un autre import dans la même base de vulnérabilités est en cours (son numéro de processus est donné).',
    },
  },
  MIRROR_UNREACHABLE: {
    exit: EXIT_CODES.unreachable,
    http: 502,
    summary: {
      en: 'A vulnerability data mirror (URL or folder) could not be reached or did not serve a file it lists.',
      fr: "Un miroir de données de vulnérabilités (URL ou dossier) est injoignable ou n'a pas servi un fichier qu'il annonce.",
    },
  },
  MIRROR_CHECKSUM_MISMATCH: {
    exit: EXIT_CODES.failed,
    http: 502,
    summary: {
      en: "A file from a vulnerability data mirror does not match the mirror's checksum (damaged or tampered); nothing was imported.",
      fr: "Un fichier d'un miroir de données de vulnérabilités ne correspond pas à la somme de contrôle du miroir (abîmé ou altéré) ; rien n'a été importé.",
    },
  },
  APPLY_LOCKED: {
    exit: EXIT_CODES.failed,
    http: 409,
    summary: {
      en: 'Another apply of the same app is running: who holds its lock (user, host, process) and since when are given.',
      fr: 'Un autre déploiement de la même application est en cours : qui détient son verrou (utilisateur, machine, processus) et depuis quand sont donnés.',
    },
  },
  REGISTRY_UNREACHABLE: {
    exit: EXIT_CODES.unreachable,
    http: 502,
    summary: {
      en: 'An image registry could not be reached (connection refused, DNS, TLS), or kept failing after retries.',
      fr: "Un registre d'images est injoignable (connexion refusée, DNS, TLS), ou a continué d'échouer après les nouvelles tentatives.",
    },
  },
  REGISTRY_UNAUTHORIZED: {
    exit: EXIT_CODES.rejected,
    http: 401,
    summary: {
      en: 'An image registry refused the credentials, or asked for credentials and none were given.',
      fr: "Un registre d'images a refusé les identifiants, ou en a demandé alors qu'aucun n'était fourni.",
    },
  },
  IMAGE_NOT_FOUND: {
    exit: EXIT_CODES.rejected,
    http: 404,
    summary: {
      en: 'The image repository, tag, digest or platform does not exist in the registry or archive.',
      fr: "Le dépôt, l'étiquette, l'empreinte ou la plateforme de l'image n'existe pas dans le registre ou l'archive.",
    },
  },
  IMAGE_DIGEST_MISMATCH: {
    exit: EXIT_CODES.failed,
    http: 502,
    summary: {
      en: 'An image manifest or layer does not match its digest (tampered or damaged content).',
      fr: "Un manifeste ou une couche d'image ne correspond pas à son empreinte (contenu altéré ou endommagé).",
    },
  },
  IMAGE_TRUNCATED: {
    exit: EXIT_CODES.failed,
    http: 502,
    summary: {
      en: 'An image manifest or layer ended before its announced size (interrupted transfer or damaged file).',
      fr: "Un manifeste ou une couche d'image s'arrête avant sa taille annoncée (transfert interrompu ou fichier endommagé).",
    },
  },
  IMAGE_UNSUPPORTED: {
    exit: EXIT_CODES.usage,
    http: 415,
    summary: {
      en: 'An image uses a media type or format Quai cannot read (the type is named).',
      fr: 'Une image utilise un type de média ou un format que Quai ne sait pas lire (le type est nommé).',
    },
  },
  IMAGE_TOO_LARGE: {
    exit: EXIT_CODES.usage,
    http: 413,
    summary: {
      en: 'An image exceeds a safety limit (uncompressed bytes, tar entries, manifest size): a tar bomb or an absurd size.',
      fr: 'Une image dépasse une limite de sécurité (octets décompressés, entrées tar, taille du manifeste) : bombe tar ou taille absurde.',
    },
  },
  INPUT_TOO_LARGE: {
    exit: EXIT_CODES.usage,
    http: 413,
    summary: {
      en: 'An input exceeds a safety limit (bytes, documents, objects): it is read no further, and the limit is named.',
      fr: "Une entrée dépasse une limite de sécurité (octets, documents, objets) : elle n'est pas lue plus loin, et la limite est nommée.",
    },
  },
  DATABASE_UNREACHABLE: {
    exit: EXIT_CODES.unreachable,
    http: 502,
    summary: {
      en: 'A database to dump or restore could not be reached (host, port, socket).',
      fr: 'Une base de données à sauvegarder ou à restaurer est injoignable (hôte, port, socket).',
    },
  },
  DATABASE_REFUSED: {
    exit: EXIT_CODES.rejected,
    http: 403,
    summary: {
      en: 'A database refused the dump or restore: wrong password, unknown user or database, missing rights.',
      fr: 'Une base de données a refusé la sauvegarde ou la restauration : mot de passe erroné, utilisateur ou base inconnus, droits manquants.',
    },
  },
  CONFIG_INVALID: {
    exit: EXIT_CODES.config,
    http: 500,
    summary: {
      en: "Quai's own configuration is invalid (a server configuration file, a store whose schema is newer than this version).",
      fr: 'La configuration de Quai elle-même est incorrecte (fichier de configuration du serveur, base dont le schéma est plus récent que cette version).',
    },
  },
  UNAUTHENTICATED: {
    exit: EXIT_CODES.rejected,
    http: 401,
    summary: {
      en: 'The HTTP API needs a signed-in user: no session or token, or it expired.',
      fr: "L'API HTTP demande un utilisateur connecté : pas de session ni de jeton, ou ils ont expiré.",
    },
  },
  CSRF_FAILED: {
    exit: EXIT_CODES.rejected,
    http: 403,
    summary: {
      en: "A change made with a session cookie lacked the session's CSRF token (X-CSRF-Token).",
      fr: 'Une modification faite avec un cookie de session ne portait pas le jeton CSRF de la session (X-CSRF-Token).',
    },
  },
  ROUTE_NOT_FOUND: {
    exit: EXIT_CODES.usage,
    http: 404,
    summary: { en: 'The HTTP API has no such route.', fr: "L'API HTTP n'a pas cette route." },
  },
  PAYLOAD_TOO_LARGE: {
    exit: EXIT_CODES.usage,
    http: 413,
    summary: {
      en: 'A request body is larger than the server accepts.',
      fr: 'Le corps d’une requête dépasse ce que le serveur accepte.',
    },
  },
  RATE_LIMITED: {
    exit: EXIT_CODES.unreachable,
    http: 429,
    summary: {
      en: 'Too many attempts (sign-in): wait the time given in Retry-After.',
      fr: 'Trop de tentatives (connexion) : attendez le délai donné par Retry-After.',
    },
  },
  REASON_REQUIRED: {
    exit: EXIT_CODES.usage,
    http: 400,
    summary: {
      en: 'A risky action (production apply, rollback, restore, exception) needs a reason for the audit trail.',
      fr: "Une action à risque (application en production, retour arrière, restauration, exception) demande une raison pour le journal d'audit.",
    },
  },
  BACKUP_ALTERED: {
    exit: EXIT_CODES.failed,
    http: 422,
    summary: {
      en: 'A backup does not match its authenticated index: a file altered, swapped from another backup or removed, or the index edited (nothing was restored).',
      fr: "Une sauvegarde ne correspond pas à son index authentifié : un fichier altéré, échangé avec celui d'une autre sauvegarde ou retiré, ou l'index modifié (rien n'a été restauré).",
    },
  },
  BACKUP_LOCKED: {
    exit: EXIT_CODES.failed,
    http: 409,
    summary: {
      en: 'Another backup of the same name is being written to the same target (its host and process id are given).',
      fr: "Une autre sauvegarde du même nom est en cours d'écriture sur la même cible (son hôte et son numéro de processus sont donnés).",
    },
  },
  STORAGE_UNREACHABLE: {
    exit: EXIT_CODES.unreachable,
    http: 502,
    summary: {
      en: 'The backup storage (an S3 endpoint) could not be reached (connection refused, DNS, TLS).',
      fr: "Le stockage des sauvegardes (un point d'accès S3) est injoignable (connexion refusée, DNS, TLS).",
    },
  },
  STORAGE_CREDENTIALS_MISSING: {
    exit: EXIT_CODES.config,
    http: 500,
    summary: {
      en: 'No credentials for the backup storage (S3): none given by flags, the environment (AWS_ACCESS_KEY_ID, ...) or an AWS profile.',
      fr: "Pas d'identifiants pour le stockage des sauvegardes (S3) : aucun donné par les options, l'environnement (AWS_ACCESS_KEY_ID, ...) ou un profil AWS.",
    },
  },
  METRICS_UNAVAILABLE: {
    exit: EXIT_CODES.environment,
    http: 503,
    summary: {
      en: 'Usage metrics could not be read: metrics.k8s.io is not served (no metrics-server), or the Prometheus server is unreachable or refused the query.',
      fr: "Les mesures de consommation sont illisibles : metrics.k8s.io n'est pas servi (pas de metrics-server), ou le serveur Prometheus est injoignable ou a refusé la requête.",
    },
  },
  INTERRUPTED: {
    exit: EXIT_CODES.interrupted,
    http: 499,
    summary: {
      en: 'Interrupted (Ctrl-C); work done so far was cleaned up or left consistent.',
      fr: 'Interrompu (Ctrl-C) ; le travail déjà fait a été nettoyé ou laissé cohérent.',
    },
  },
  GITLAB_UNAUTHORIZED: {
    exit: EXIT_CODES.config,
    http: 502,
    summary: {
      en: 'GitLab refused the token (401), or no usable token was given (GITLAB_TOKEN unset; a CI job token cannot manage these settings).',
      fr: "GitLab a refusé le jeton (401), ou aucun jeton utilisable n'a été donné (GITLAB_TOKEN absent ; un jeton de job CI ne peut pas gérer ces réglages).",
    },
  },
  GITLAB_FORBIDDEN: {
    exit: EXIT_CODES.rejected,
    http: 403,
    summary: {
      en: 'GitLab refused an action: the token lacks the api scope, or its user lacks the role (Maintainer).',
      fr: "GitLab a refusé une action : le jeton n'a pas la portée api, ou son utilisateur n'a pas le rôle (Maintainer).",
    },
  },
  GITLAB_NOT_FOUND: {
    exit: EXIT_CODES.rejected,
    http: 404,
    summary: {
      en: 'A GitLab project, commit or feature does not exist, or the token cannot see it (GitLab answers 404 for both).',
      fr: "Un projet, un commit ou une fonction GitLab n'existe pas, ou le jeton ne peut pas le voir (GitLab répond 404 dans les deux cas).",
    },
  },
  GITLAB_RATE_LIMITED: {
    exit: EXIT_CODES.unreachable,
    http: 429,
    summary: {
      en: 'GitLab kept answering 429 after Quai waited as its Retry-After asked.',
      fr: 'GitLab a continué à répondre 429 après que Quai a attendu comme son Retry-After le demandait.',
    },
  },
  GITLAB_UNREACHABLE: {
    exit: EXIT_CODES.unreachable,
    http: 502,
    summary: {
      en: 'GitLab could not be reached, or failed (5xx) after retries.',
      fr: "GitLab n'a pas pu être joint, ou a échoué (5xx) après les nouvelles tentatives.",
    },
  },
  INTERNAL: {
    exit: EXIT_CODES.internal,
    http: 500,
    summary: {
      en: 'A bug in Quai. Please report it with the command and its output.',
      fr: 'Un bogue de Quai. Merci de le signaler avec la commande et sa sortie.',
    },
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CODES, value);
}

export function exitCodeFor(code: ErrorCode): ExitCode {
  return ERROR_CODES[code].exit;
}

export function httpStatusFor(code: ErrorCode): number {
  return ERROR_CODES[code].http;
}
