/** Rendering an app into Kubernetes objects: notes in reports, sealing Secrets. */
export const renderMessages = {
  'render.sealKeyUnusable': {
    en: 'Cannot use "{file}" to seal Secrets: {reason}.',
    fr: 'Impossible d’utiliser « {file} » pour sceller les Secrets : {reason}.',
  },
  'render.sealKeyUnusableHint': {
    en: 'Pass the Sealed Secrets controller certificate: kubeseal --fetch-cert > sealed-secrets.pem',
    fr: 'Passez le certificat du contrôleur Sealed Secrets : kubeseal --fetch-cert > sealed-secrets.pem',
  },
  'render.note.requestCapped': {
    en: '{name}: default {kind} request {request} is above its limit {limit}: requested {limit}',
    fr: '{name} : la demande {kind} par défaut {request} dépasse sa limite {limit} : {limit} demandé',
  },
  'render.note.limitRaised': {
    en: '{name}: default {kind} limit {limit} is below its request {request}: limited to {request}',
    fr: '{name} : la limite {kind} par défaut {limit} est sous sa demande {request} : limitée à {request}',
  },
  'render.note.jobFirst': {
    en: 'run job "{job}" to completion before "{workload}" starts (quai apply does)',
    fr: 'exécuter le Job « {job} » jusqu’au bout avant que « {workload} » démarre (quai apply le fait)',
  },
  'render.note.udpOnly': {
    en: '{name} listens on UDP only ({ports}): no TCP probe can check it, so it has none; add an exec probe if the image has a health command',
    fr: '{name} écoute seulement en UDP ({ports}) : aucune sonde TCP ne peut le vérifier, il n’en a donc pas ; ajoutez une sonde exec si l’image a une commande de santé',
  },
  'render.note.volumeShared': {
    en: 'volume "{volume}" is shared by {users} ({accessMode})',
    fr: 'le volume « {volume} » est partagé par {users} ({accessMode})',
  },
  'render.note.secretRequired': {
    en: 'Secret "{name}" with keys {keys} must exist in namespace {namespace}',
    fr: 'le Secret « {name} » avec les clés {keys} doit exister dans le namespace {namespace}',
  },
  'render.note.secretLacksKeys': {
    en: 'Secret "{name}" lacks keys {keys}',
    fr: 'il manque les clés {keys} au Secret « {name} »',
  },
  'render.note.policyLevel': {
    en: 'namespace {namespace} enforces Pod Security "{level}" instead of "{platformLevel}" because {needing} {count|needs|need} it (see their quai.dev/exception.* annotations)',
    fr: 'le namespace {namespace} applique la Pod Security « {level} » au lieu de « {platformLevel} » parce que {needing} {count|en a besoin|en ont besoin} (voir leurs annotations quai.dev/exception.*)',
  },
  'render.note.policyLevelShared': {
    en: 'namespace {namespace} enforces Pod Security "{level}" instead of "{platformLevel}" because {needing} {count|needs|need} it (see their quai.dev/exception.* annotations); {affected} {affectedCount|runs|run} under that weaker level too (they stay hardened, but the namespace would admit a weaker pod): give the excepted workloads their own app and namespace to keep the others at "{platformLevel}"',
    fr: 'le namespace {namespace} applique la Pod Security « {level} » au lieu de « {platformLevel} » parce que {needing} {count|en a besoin|en ont besoin} (voir leurs annotations quai.dev/exception.*) ; {affected} {affectedCount|tourne|tournent} aussi sous ce niveau plus faible (ils restent durcis, mais le namespace admettrait un pod plus faible) : donnez aux charges en exception leur propre application et leur propre namespace pour garder les autres à « {platformLevel} »',
  },
} as const;
