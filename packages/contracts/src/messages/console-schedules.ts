/**
 * Console: the texts of the schedules' form and actions on the backups page (create, suspend,
 * resume, delete a backup schedule).
 */
export const consoleScheduleEditMessages = {
  'console.scheduleEdit.new': { en: 'New schedule', fr: 'Nouvelle planification' },
  'console.scheduleEdit.nameHelp': {
    en: 'Lower-case letters, digits and "-", at most 40: its backups are named NAME-YYYYMMDDHHMMSS.',
    fr: 'Lettres minuscules, chiffres et « - », 40 au plus : ses sauvegardes sont nommées NOM-AAAAMMJJHHMMSS.',
  },
  'console.scheduleEdit.cron': { en: 'When (cron expression)', fr: 'Quand (expression cron)' },
  'console.scheduleEdit.cronHelp': {
    en: 'minute hour day month weekday: "30 2 * * *" is every night at 2:30; or @hourly, @daily, @weekly, @monthly.',
    fr: 'minute heure jour mois jour-de-la-semaine : « 30 2 * * * » est chaque nuit à 2 h 30 ; ou @hourly, @daily, @weekly, @monthly.',
  },
  'console.scheduleEdit.timeZone': { en: 'Time zone of the cron', fr: 'Fuseau horaire du cron' },
  'console.scheduleEdit.timeZoneHelp': {
    en: 'An IANA name: Europe/Paris, America/Cayenne, Indian/Reunion, UTC.',
    fr: 'Un nom IANA : Europe/Paris, America/Cayenne, Indian/Reunion, UTC.',
  },
  'console.scheduleEdit.preview': { en: 'Next runs', fr: 'Prochaines exécutions' },
  'console.scheduleEdit.previewIn': {
    en: 'In your time zone ({zone}).',
    fr: 'Dans votre fuseau horaire ({zone}).',
  },
  'console.scheduleEdit.previewNone': {
    en: 'The next runs show here once the cron expression and the time zone are valid.',
    fr: "Les prochaines exécutions s'affichent ici dès que l'expression cron et le fuseau horaire sont valides.",
  },
  'console.scheduleEdit.scope': { en: 'What to back up', fr: 'Quoi sauvegarder' },
  'console.scheduleEdit.namespaces': {
    en: 'Namespaces (separated by commas)',
    fr: 'Namespaces (séparés par des virgules)',
  },
  'console.scheduleEdit.targetHelp': {
    en: 'A storage target of the platform settings (Settings page), by its name or its location; the declared targets and those of the other schedules are suggested.',
    fr: 'Une cible de stockage des paramètres de la plateforme (page Paramètres), par son nom ou son emplacement ; les cibles déclarées et celles des autres planifications sont proposées.',
  },
  'console.scheduleEdit.encryption': { en: 'Encryption', fr: 'Chiffrement' },
  'console.scheduleEdit.withKey': {
    en: 'With the key of a Secret in quai-system',
    fr: "Avec la clé d'un Secret de quai-system",
  },
  'console.scheduleEdit.keySecret': {
    en: 'Secret of the key (in quai-system)',
    fr: 'Secret de la clé (dans quai-system)',
  },
  'console.scheduleEdit.none': {
    en: 'None: stored in clear, Secrets left out',
    fr: 'Aucun : stockée en clair, Secrets laissés de côté',
  },
  'console.scheduleEdit.retention': {
    en: 'Retention: how many backups to keep',
    fr: 'Rétention : combien de sauvegardes garder',
  },
  'console.scheduleEdit.keepLast': { en: 'The last', fr: 'Les dernières' },
  'console.scheduleEdit.keepHourly': { en: 'One an hour', fr: 'Une par heure' },
  'console.scheduleEdit.keepDaily': { en: 'One a day', fr: 'Une par jour' },
  'console.scheduleEdit.keepWeekly': { en: 'One a week', fr: 'Une par semaine' },
  'console.scheduleEdit.keepMonthly': { en: 'One a month', fr: 'Une par mois' },
  'console.scheduleEdit.ttl': {
    en: 'Delete backups older than (90m, 36h, 30d, 8w)',
    fr: 'Supprimer les sauvegardes de plus de (90m, 36h, 30d, 8w)',
  },
  'console.scheduleEdit.volumes': { en: 'Volume data (restic)', fr: 'Données des volumes (restic)' },
  'console.scheduleEdit.volumesNone': { en: 'Not backed up', fr: 'Non sauvegardées' },
  'console.scheduleEdit.volumesJob': {
    en: 'A Job next to each volume (S3 target)',
    fr: 'Un Job à côté de chaque volume (cible S3)',
  },
  'console.scheduleEdit.volumesLocal': {
    en: 'restic on the machine that runs the schedule',
    fr: 'restic sur la machine qui exécute la planification',
  },
  'console.scheduleEdit.drillAfter': {
    en: 'Drill each backup right after it is made',
    fr: 'Faire un exercice de restauration de chaque sauvegarde juste après elle',
  },
  'console.scheduleEdit.create': { en: 'Create the schedule', fr: 'Créer la planification' },
  'console.scheduleEdit.fix': {
    en: 'The schedule is not valid: correct the fields marked in the form.',
    fr: "La planification n'est pas valide : corrigez les champs signalés dans le formulaire.",
  },
  'console.scheduleEdit.created': {
    en: 'Schedule {name} created: next backup on {date}.',
    fr: 'Planification {name} créée : prochaine sauvegarde le {date}.',
  },
  'console.scheduleEdit.suspend': { en: 'Suspend {name}', fr: 'Suspendre {name}' },
  'console.scheduleEdit.resume': { en: 'Resume {name}', fr: 'Reprendre {name}' },
  'console.scheduleEdit.delete': { en: 'Delete {name}', fr: 'Supprimer {name}' },
  'console.scheduleEdit.suspendTitle': {
    en: 'Suspend the schedule {name}',
    fr: 'Suspendre la planification {name}',
  },
  'console.scheduleEdit.suspendExplain': {
    en: 'No scheduled backup of {name} until it is resumed (its CronJobs too, when installed). Its backups stay.',
    fr: "Plus aucune sauvegarde planifiée de {name} jusqu'à sa reprise (ses CronJobs non plus, s'ils sont installés). Ses sauvegardes restent.",
  },
  'console.scheduleEdit.suspendConfirm': { en: 'Suspend', fr: 'Suspendre' },
  'console.scheduleEdit.resumeTitle': {
    en: 'Resume the schedule {name}',
    fr: 'Reprendre la planification {name}',
  },
  'console.scheduleEdit.resumeExplain': {
    en: 'Its backups start again on its cron ({cron}, {zone}).',
    fr: 'Ses sauvegardes reprennent selon son cron ({cron}, {zone}).',
  },
  'console.scheduleEdit.resumeConfirm': { en: 'Resume', fr: 'Reprendre' },
  'console.scheduleEdit.deleteTitle': {
    en: 'Delete the schedule {name}?',
    fr: 'Supprimer la planification {name} ?',
  },
  'console.scheduleEdit.deleteExplain': {
    en: 'The schedule and its CronJobs are deleted; the backups it made stay on {target}.',
    fr: 'La planification et ses CronJobs sont supprimés ; les sauvegardes déjà faites restent sur {target}.',
  },
  'console.scheduleEdit.deleteConfirm': { en: 'Delete', fr: 'Supprimer' },
  'console.scheduleEdit.suspended': {
    en: 'Schedule {name} suspended.',
    fr: 'Planification {name} suspendue.',
  },
  'console.scheduleEdit.resumed': {
    en: 'Schedule {name} resumed: next backup on {date}.',
    fr: 'Planification {name} reprise : prochaine sauvegarde le {date}.',
  },
  'console.scheduleEdit.deleted': {
    en: 'Schedule {name} deleted (its backups are kept).',
    fr: 'Planification {name} supprimée (ses sauvegardes sont gardées).',
  },
} as const;
