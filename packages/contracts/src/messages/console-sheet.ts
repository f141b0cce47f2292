/** The app sheet's section on the last scan of the cluster's images (console, issue 15). */
export const consoleSheetScanMessages = {
  'console.sheetScan.title': {
    en: 'In the last scan of the cluster’s images',
    fr: 'Dans la dernière analyse des images du cluster',
  },
  'console.sheetScan.none': {
    en: 'No scan of the cluster’s images is kept yet: scan them on the Security page.',
    fr: 'Aucune analyse des images du cluster n’est encore conservée : analysez-les dans la page Sécurité.',
  },
  'console.sheetScan.when': {
    en: 'Scan of {at} by {actor}.',
    fr: 'Analyse du {at} par {actor}.',
  },
  'console.sheetScan.notCovered': {
    en: '{when} It did not read this namespace (made by someone who may not list its pods).',
    fr: '{when} Elle n’a pas lu ce namespace (faite par quelqu’un qui ne peut pas en lister les pods).',
  },
  'console.sheetScan.notRunning': {
    en: '{when} None of this application’s workloads was running then.',
    fr: '{when} Aucune charge de travail de cette application ne tournait alors.',
  },
  'console.sheetScan.images': {
    en: '{count|# image|# images}: {images}.',
    fr: '{count|# image|# images} : {images}.',
  },
  'console.sheetScan.database': {
    en: 'Vulnerability database of {at}.',
    fr: 'Base de vulnérabilités du {at}.',
  },
  'console.sheetScan.top': {
    en: 'The {shown} most urgent of {total} (with a fix first, then by severity)',
    fr: 'Les {shown} plus urgentes sur {total} (avec correctif d’abord, puis par gravité)',
  },
  'console.sheetScan.all': {
    en: '{count|Its vulnerability|Its # vulnerabilities} (with a fix first, then by severity)',
    fr: '{count|Sa vulnérabilité|Ses # vulnérabilités} (avec correctif d’abord, puis par gravité)',
  },
  'console.sheetScan.link': {
    en: 'Every image and its vulnerabilities, on the Security page',
    fr: 'Toutes les images et leurs vulnérabilités, dans la page Sécurité',
  },
} as const;
