/**
 * Exceptions granted and revoked on live objects (`audit.grantException`, `audit.revokeException`),
 * who granted them in reports, and the console's exceptions part of the Security page.
 */
export const auditExceptionMessages = {
  'audit.exception.grantAlone': {
    en: 'this grant names no exception: the object has no annotation {exception}',
    fr: 'cette attribution ne désigne aucune exception : l’objet n’a pas d’annotation {exception}',
  },
  'audit.exception.badGrant': {
    en: 'who granted the exception must be written "YYYY-MM-DD; who" (the day it was granted, then the person), not "{value}"',
    fr: 'qui a accordé l’exception s’écrit « AAAA-MM-JJ; qui » (le jour de l’attribution, puis la personne), pas « {value} »',
  },
  'audit.exception.grantedBy': { en: 'granted by {who}', fr: 'accordée par {who}' },
  'audit.exception.grantedOn': { en: 'granted on {date}', fr: 'accordée le {date}' },
  'audit.exception.grantedByOn': {
    en: 'granted by {who} on {date}',
    fr: 'accordée par {who} le {date}',
  },
  'audit.exception.unknownCheck': {
    en: 'No check "{check}" can be accepted by an exception.',
    fr: 'Aucun contrôle « {check} » ne peut être accepté par une exception.',
  },
  'audit.exception.unknownCheckHint': {
    en: 'Give the check ID of an open finding (for example PSS-runAsNonRoot or QUAI-BP-020); `quai audit checks` lists them. The checks about exceptions themselves cannot be accepted.',
    fr: 'Donnez l’identifiant du contrôle d’un constat ouvert (par exemple PSS-runAsNonRoot ou QUAI-BP-020) ; `quai audit checks` les liste. Les contrôles des exceptions elles-mêmes ne peuvent pas être acceptés.',
  },
  'audit.exception.badExpiry': {
    en: 'The expiry "{expires}" is not a date.',
    fr: 'L’échéance « {expires} » n’est pas une date.',
  },
  'audit.exception.expiryPast': {
    en: 'The expiry {expires} is not in the future: an exception must hold at least until tomorrow.',
    fr: 'L’échéance {expires} n’est pas dans le futur : une exception doit valoir au moins jusqu’à demain.',
  },
  'audit.exception.expiryTooFar': {
    en: 'The expiry {expires} is more than one year away (at most {limit}).',
    fr: 'L’échéance {expires} est à plus d’un an (au plus {limit}).',
  },
  'audit.exception.expiryHint': {
    en: 'Give the last day the risk is accepted, written YYYY-MM-DD, after {today} and at most {limit}; grant it again to extend it.',
    fr: 'Donnez le dernier jour où le risque est accepté, au format AAAA-MM-JJ, après le {today} et au plus le {limit} ; accordez-la de nouveau pour la prolonger.',
  },
  'audit.exception.noGrantor': {
    en: 'Cannot tell who grants the exception: the API server does not say who these credentials belong to.',
    fr: 'Impossible de savoir qui accorde l’exception : le serveur d’API ne dit pas à qui sont ces identifiants.',
  },
  'audit.exception.noGrantorHint': {
    en: 'Sign in to the console, or use credentials of a person (an exception is always granted by someone).',
    fr: 'Connectez-vous à la console, ou utilisez les identifiants d’une personne (une exception est toujours accordée par quelqu’un).',
  },
  'audit.exception.objectNotFound': {
    en: '{object} does not exist (or no longer does): no exception was written.',
    fr: '{object} n’existe pas (ou plus) : aucune exception n’a été écrite.',
  },
  'audit.exception.objectNotFoundHint': {
    en: 'Audit the cluster again: the finding may be gone with its object.',
    fr: 'Auditez de nouveau le cluster : le constat a pu disparaître avec son objet.',
  },
  'audit.exception.changedMeanwhile': {
    en: '{object} kept changing while the exception was written: nothing was changed.',
    fr: '{object} n’a cessé de changer pendant l’écriture de l’exception : rien n’a été modifié.',
  },
  'audit.exception.changedMeanwhileHint': {
    en: 'Try again in a moment.',
    fr: 'Réessayez dans un instant.',
  },
  'audit.exception.noneToRevoke': {
    en: '{object} has no exception for {check}: nothing to revoke.',
    fr: '{object} n’a pas d’exception pour {check} : rien à révoquer.',
  },
  'audit.exception.noneToRevokeHint': {
    en: 'An exception of a central exceptions file is revoked by removing its entry from the file.',
    fr: 'Une exception d’un fichier central d’exceptions se révoque en retirant son entrée du fichier.',
  },
} as const;

export const consoleExceptionMessages = {
  'console.exceptions.help': {
    en: 'Accepted risks: the justification, the expiry, who granted them and when, and where they are written (annotations on the object, or a line of the exceptions file). Every grant and revocation is in the audit trail.',
    fr: 'Risques acceptés : la justification, l’échéance, qui les a accordés et quand, et où ils sont écrits (annotations sur l’objet, ou une ligne du fichier d’exceptions). Chaque attribution et chaque révocation figure dans le journal d’audit.',
  },
  'console.exceptions.grantedBy': { en: 'Granted by', fr: 'Accordée par' },
  'console.exceptions.grantedByOn': { en: '{who}, {day}', fr: '{who}, le {day}' },
  'console.exceptions.notRecorded': { en: 'Not recorded', fr: 'Non renseigné' },
  'console.exceptions.writtenIn': { en: 'Written in', fr: 'Écrite dans' },
  'console.exceptions.actions': { en: 'Actions', fr: 'Actions' },
  'console.exceptions.accept': { en: 'Accept the risk', fr: 'Accepter le risque' },
  'console.exceptions.acceptLabel': {
    en: 'Accept the risk of {check} on {object}',
    fr: 'Accepter le risque de {check} sur {object}',
  },
  'console.exceptions.acceptExplain': {
    en: 'The exception is written on {object} with your name, and the finding stops counting until its expiry. The grant is recorded in the audit trail with your reason.',
    fr: 'L’exception est écrite sur {object} à votre nom, et le constat ne compte plus jusqu’à son échéance. L’attribution est enregistrée dans le journal d’audit avec votre motif.',
  },
  'console.exceptions.expires': {
    en: 'Last day (at most {limit})',
    fr: 'Dernier jour (au plus le {limit})',
  },
  'console.exceptions.justification': {
    en: 'Justification (written on the object, shown in every report)',
    fr: 'Justification (écrite sur l’objet, visible dans chaque rapport)',
  },
  'console.exceptions.missing': {
    en: 'Give the expiry and the justification.',
    fr: 'Indiquez l’échéance et la justification.',
  },
  'console.exceptions.grant': { en: 'Grant the exception', fr: 'Accorder l’exception' },
  'console.exceptions.granted': {
    en: 'Exception granted on {object} for {check} until {day}. The cluster is being audited again to show it.',
    fr: 'Exception accordée sur {object} pour {check} jusqu’au {day}. Le cluster est audité de nouveau pour l’afficher.',
  },
  'console.exceptions.revoke': { en: 'Revoke', fr: 'Révoquer' },
  'console.exceptions.revokeLabel': {
    en: 'Revoke the exception of {check} on {object}',
    fr: 'Révoquer l’exception de {check} sur {object}',
  },
  'console.exceptions.revokeExplain': {
    en: 'The annotations of this exception are removed from {object}: its finding counts again. The revocation is recorded in the audit trail with your reason.',
    fr: 'Les annotations de cette exception sont retirées de {object} : son constat compte de nouveau. La révocation est enregistrée dans le journal d’audit avec votre motif.',
  },
  'console.exceptions.revoked': {
    en: 'Exception of {check} on {object} revoked. The cluster is being audited again.',
    fr: 'Exception de {check} sur {object} révoquée. Le cluster est audité de nouveau.',
  },
  'console.exceptions.inFile': {
    en: 'In the exceptions file: change it there.',
    fr: 'Dans le fichier d’exceptions : modifiez-la là.',
  },
} as const;
