/** The scan of the images running in the cluster (`scan.cluster`): its errors and progress. */
export const imagesMessages = {
  'images.noNamespaces': {
    en: 'You may not list pods in any namespace, nor list the namespaces to find those where you may.',
    fr: 'Vous ne pouvez lister les pods dans aucun namespace, ni lister les namespaces pour trouver ceux où vous le pouvez.',
  },
  'images.noNamespacesHint': {
    en: 'Name a namespace where you may list pods (namespace in the request, -n in the CLI), or ask for the view role.',
    fr: 'Nommez un namespace où vous pouvez lister les pods (namespace dans la requête, -n dans la CLI), ou demandez le rôle view.',
  },
  'images.noDatabase': {
    en: 'Not checked for vulnerabilities: there is no vulnerability database in "{dir}" ({packages|# package|# packages} listed).',
    fr: "Vulnérabilités non vérifiées : il n'y a pas de base de vulnérabilités dans « {dir} » ({packages|# paquet listé|# paquets listés}).",
  },
  'images.noDatabaseHint': {
    en: 'Fill the database of the machine that runs Quai: quai vulndb update --from <mirror>, or quai vulndb import <OSV zip>; then scan again.',
    fr: 'Remplissez la base de la machine qui exécute Quai : quai vulndb update --from <miroir>, ou quai vulndb import <zip OSV> ; puis relancez l’analyse.',
  },
  'images.progress.listing': {
    en: 'Listing the pods of every namespace',
    fr: 'Liste des pods de tous les namespaces',
  },
  'images.progress.listingIn': {
    en: 'Listing the pods of {namespaces}',
    fr: 'Liste des pods de {namespaces}',
  },
  'images.progress.image': {
    en: 'Images scanned: {done} of {total} ({image})',
    fr: 'Images analysées : {done} sur {total} ({image})',
  },
  'images.progress.done': {
    en: '{images|# image|# images} scanned: {vulnerabilities|# vulnerability|# vulnerabilities}, {failed|# image|# images} not read',
    fr: '{images|# image analysée|# images analysées} : {vulnerabilities|# vulnérabilité|# vulnérabilités}, {failed|# image non lue|# images non lues}',
  },
} as const;

/** The console's images section of the Security page (packages/console/src/pages/SecurityImages.tsx). */
export const consoleImagesMessages = {
  'console.images.title': { en: 'Images and their vulnerabilities', fr: 'Images et leurs vulnérabilités' },
  'console.images.scanNow': { en: 'Scan the images now', fr: 'Analyser les images maintenant' },
  'console.images.scanning': { en: 'Scanning the images…', fr: 'Analyse des images en cours…' },
  'console.images.cancel': { en: 'Stop the scan', fr: 'Arrêter l’analyse' },
  'console.images.none': {
    en: 'No scan of the images yet. Scan them to see their vulnerabilities.',
    fr: 'Aucune analyse des images pour l’instant. Analysez-les pour voir leurs vulnérabilités.',
  },
  'console.images.latest': {
    en: 'Last scan: {at}, by {actor}: {images|# image|# images} in {pods|# pod|# pods}.',
    fr: 'Dernière analyse : {at}, par {actor} : {images|# image|# images} dans {pods|# pod|# pods}.',
  },
  'console.images.database': {
    en: 'Vulnerability database of {at} ({records} {count|record|records}).',
    fr: 'Base de vulnérabilités du {at} ({records} {count|enregistrement|enregistrements}).',
  },
  'console.images.scope.cluster': { en: 'Every namespace.', fr: 'Tous les namespaces.' },
  'console.images.scope.some': { en: 'Namespaces: {namespaces}.', fr: 'Namespaces : {namespaces}.' },
  'console.images.total': { en: 'Vulnerabilities', fr: 'Vulnérabilités' },
  'console.images.fixable': { en: 'With a fix', fr: 'Avec correctif' },
  'console.images.unfixed': { en: 'Without a fix', fr: 'Sans correctif' },
  'console.images.failed': { en: 'Images not read', fr: 'Images non lues' },
  'console.images.chart': {
    en: 'Vulnerabilities by severity, with and without a fix',
    fr: 'Vulnérabilités par gravité, avec et sans correctif',
  },
  'console.images.severity.none': { en: 'None', fr: 'Aucune' },
  'console.images.severity.unknown': { en: 'Unrated', fr: 'Non évaluée' },
  'console.images.image': { en: 'Image', fr: 'Image' },
  'console.images.workloads': { en: 'Used by', fr: 'Utilisée par' },
  'console.images.moreWorkloads': {
    en: 'and {count|# other|# others}',
    fr: 'et {count|# autre|# autres}',
  },
  'console.images.packages': { en: 'Packages', fr: 'Paquets' },
  'console.images.counts': {
    en: '{fixable} with a fix, of {total}',
    fr: '{fixable} avec correctif sur {total}',
  },
  'console.images.notRead': { en: 'Not read', fr: 'Non lue' },
  'console.images.clean': { en: 'No known vulnerability', fr: 'Aucune vulnérabilité connue' },
  'console.images.details': {
    en: 'Top vulnerabilities of {image}',
    fr: 'Principales vulnérabilités de {image}',
  },
  'console.images.topOf': {
    en: 'The {shown} first of {total|# vulnerability|# vulnerabilities}, those with a fix first.',
    fr: 'Les {shown} premières sur {total|# vulnérabilité|# vulnérabilités}, celles avec correctif d’abord.',
  },
  'console.images.vulnerability': { en: 'Vulnerability', fr: 'Vulnérabilité' },
  'console.images.package': { en: 'Package', fr: 'Paquet' },
  'console.images.installed': { en: 'Installed', fr: 'Installée' },
  'console.images.fixedIn': { en: 'Fixed in', fr: 'Corrigée en' },
  'console.images.noFix': { en: 'no fix yet', fr: 'pas encore de correctif' },
  'console.images.imagesLimit': {
    en: 'The {shown} images with the most vulnerabilities are listed, of {total}.',
    fr: 'Les {shown} images les plus vulnérables sont listées, sur {total}.',
  },
} as const;
