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
} as const;
