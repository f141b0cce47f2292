/** The vulnerability store: import, update from a mirror, status, query (use cases and their CLI). */
export const vulndbMessages = {
  'vulndb.description': {
    en: 'Keep a local, offline copy of vulnerability data (OSV) for image scanning',
    fr: "Garder une copie locale, hors ligne, des données de vulnérabilités (OSV) pour l'analyse des images",
  },
  'vulndb.flag.dir': {
    en: 'vulnerability store folder (default: $QUAI_CACHE_DIR/vulndb, else ~/.cache/quai/vulndb)',
    fr: 'dossier de la base de vulnérabilités (par défaut : $QUAI_CACHE_DIR/vulndb, sinon ~/.cache/quai/vulndb)',
  },
  'vulndb.flag.allowInvalid': {
    en: 'exit 0 even when some records were rejected (they are still listed)',
    fr: 'sortir avec 0 même si des enregistrements ont été refusés (ils restent listés)',
  },
  'vulndb.flag.from': {
    en: 'mirror laid out as osv.dev publishes it: <Ecosystem>/all.zip',
    fr: 'miroir organisé comme osv.dev le publie : <Ecosystème>/all.zip',
  },
  'vulndb.flag.ecosystem': {
    en: 'an ecosystem to fetch besides those the store holds (repeat it): Debian, Alpine, npm, PyPI, Packagist, ...',
    fr: 'un écosystème à récupérer en plus de ceux de la base (à répéter) : Debian, Alpine, npm, PyPI, Packagist, ...',
  },
  'vulndb.flag.timeout': { en: 'time limit of one download', fr: "durée maximale d'un téléchargement" },
  'vulndb.flag.cronjob': {
    en: 'print a CronJob (and its volume claim) that runs this update in the cluster, instead of running it',
    fr: 'afficher un CronJob (et sa demande de volume) qui fait cette mise à jour dans le cluster, au lieu de la faire',
  },
  'vulndb.flag.schedule': { en: 'with --cronjob: when it runs', fr: 'avec --cronjob : quand il tourne' },
  'vulndb.flag.timeZone': {
    en: 'with --cronjob: time zone of the schedule (Europe/Paris)',
    fr: 'avec --cronjob : fuseau horaire du planning (Europe/Paris)',
  },
  'vulndb.flag.image': {
    en: 'with --cronjob: the Quai image (default {image})',
    fr: "avec --cronjob : l'image de Quai (par défaut {image})",
  },
  'vulndb.flag.claim': {
    en: 'with --cronjob: PersistentVolumeClaim holding the store',
    fr: 'avec --cronjob : PersistentVolumeClaim qui contient la base',
  },
  'vulndb.flag.claimSize': {
    en: 'with --cronjob: also create the claim, of this size (2Gi)',
    fr: 'avec --cronjob : créer aussi la demande, de cette taille (2Gi)',
  },
  'vulndb.flag.caConfigMap': {
    en: 'with --cronjob: ConfigMap with ca.crt, the authority of an HTTPS mirror',
    fr: "avec --cronjob : ConfigMap contenant ca.crt, l'autorité d'un miroir HTTPS",
  },
  'vulndb.arg.sources': {
    en: 'zip dumps (<Ecosystem>/all.zip), OSV JSON files, or folders',
    fr: 'archives zip (<Ecosystème>/all.zip), fichiers JSON OSV, ou dossiers',
  },
  'vulndb.arg.ecosystem': {
    en: 'OSV ecosystem: Debian:12, Alpine:v3.20, npm, PyPI, Go, Maven, Packagist, ...',
    fr: 'écosystème OSV : Debian:12, Alpine:v3.20, npm, PyPI, Go, Maven, Packagist, ...',
  },
  'vulndb.arg.package': {
    en: 'package name as the ecosystem spells it (Debian: the source package)',
    fr: "nom du paquet tel que l'écosystème l'écrit (Debian : le paquet source)",
  },
  'vulndb.arg.version': { en: 'installed version', fr: 'version installée' },
  'vulndb.help.import': {
    en: 'Imports are incremental and atomic: a record replaces the stored one when its "modified" date is newer, or when it comes from the source that owns it (a re-import of Debian/all.zip replaces and drops what that dump holds); dates more than a day ahead are refused. The new store is staged, then switched in one step: an interrupted import leaves the previous one answering. Invalid records are listed with their file and field; the valid ones are imported, and the command exits 7 unless --allow-invalid is given.',
    fr: "Les imports sont incrémentaux et atomiques : un enregistrement remplace celui de la base quand sa date « modified » est plus récente, ou quand il vient de la source qui le possède (un nouvel import de Debian/all.zip remplace et retire ce que cette archive contient) ; les dates à plus d'un jour dans le futur sont refusées. La nouvelle base est préparée à part, puis mise en service d'un coup : un import interrompu laisse la précédente répondre. Les enregistrements invalides sont listés avec leur fichier et leur champ ; les autres sont importés, et la commande sort avec le code 7 sauf avec --allow-invalid.",
  },
  'vulndb.help.update': {
    en: "The mirror is checked before anything is imported: its ecosystems.txt (when it has one) must list each ecosystem, each file must match the mirror's SHA256SUMS (when it has one), and every zip entry's CRC-32. Downloads are conditional: an unchanged dump costs one request. Everything is imported at once and switched atomically; a failed update leaves the store as it was. An HTTPS mirror signed by an internal authority: NODE_EXTRA_CA_CERTS=/path/ca.crt.",
    fr: "Le miroir est vérifié avant tout import : son ecosystems.txt (s'il en a un) doit lister chaque écosystème, chaque fichier doit correspondre au SHA256SUMS du miroir (s'il en a un), et le CRC-32 de chaque entrée zip. Les téléchargements sont conditionnels : une archive inchangée coûte une requête. Tout est importé d'un coup et mis en service de façon atomique ; une mise à jour ratée laisse la base telle qu'elle était. Miroir HTTPS signé par une autorité interne : NODE_EXTRA_CA_CERTS=/chemin/ca.crt.",
  },
  'vulndb.progress.importing': {
    en: 'Importing {count|one source|# sources} into {dir}',
    fr: "Import {count|d'une source|de # sources} dans {dir}",
  },
  'vulndb.progress.updating': { en: 'Updating {dir} from {from}', fr: 'Mise à jour de {dir} depuis {from}' },
  'vulndb.progress.reading': { en: 'reading {source}', fr: 'lecture de {source}' },
  'vulndb.progress.writing': {
    en: 'writing store files ({ecosystem})',
    fr: 'écriture des fichiers de la base ({ecosystem})',
  },
  'vulndb.progress.fetching': {
    en: 'downloading {ecosystem}/all.zip',
    fr: 'téléchargement de {ecosystem}/all.zip',
  },
  'vulndb.rejected': { en: 'rejected {message}', fr: 'refusé {message}' },
  'vulndb.imported': {
    en: 'Imported into {dir}: {added} added, {updated} updated, {unchanged} unchanged, {removed} removed.',
    fr: 'Importé dans {dir} : {added} ajoutés, {updated} mis à jour, {unchanged} inchangés, {removed} retirés.',
  },
  'vulndb.size': {
    en: 'Store size: {before} before, {after} after.',
    fr: 'Taille de la base : {before} avant, {after} après.',
  },
  'vulndb.withoutPackage': {
    en: '{count|One record names|# records name} no package (GIT ranges only) and {count|was|were} skipped.',
    fr: '{count|Un enregistrement ne nomme|# enregistrements ne nomment} aucun paquet (plages GIT seulement) et {count|a été ignoré|ont été ignorés}.',
  },
  'vulndb.ecosystemsChanged': { en: 'Ecosystems changed: {list}', fr: 'Écosystèmes modifiés : {list}' },
  'vulndb.someRejected': {
    en: '{count|One record was|# records were} rejected (listed above); the other records were imported. Fix or remove the invalid files, or pass --allow-invalid to accept a partial import.',
    fr: '{count|Un enregistrement a été refusé|# enregistrements ont été refusés} (listés plus haut) ; les autres ont été importés. Corrigez ou retirez les fichiers invalides, ou passez --allow-invalid pour accepter un import partiel.',
  },
  'vulndb.noFileAccess': {
    en: 'This front end gives no access to files: import OSV data with the quai command on the machine that holds them.',
    fr: "Ce point d'accès ne donne pas accès aux fichiers : importez les données OSV avec la commande quai sur la machine qui les détient.",
  },
  'vulndb.update.notModified': { en: '{ecosystem}: not modified', fr: '{ecosystem} : inchangé' },
  'vulndb.update.downloaded': {
    en: '{ecosystem}: {bytes}, sha256 {sha256}, checked by {check}',
    fr: '{ecosystem} : {bytes}, sha256 {sha256}, vérifié par {check}',
  },
  'vulndb.update.bySums': { en: "the mirror's SHA256SUMS", fr: 'le SHA256SUMS du miroir' },
  'vulndb.update.byZip': {
    en: 'zip CRC-32 only (the mirror has no SHA256SUMS)',
    fr: "les CRC-32 du zip seulement (le miroir n'a pas de SHA256SUMS)",
  },
  'vulndb.update.nothing': { en: 'Nothing changed on the mirror.', fr: "Rien n'a changé sur le miroir." },
  'vulndb.status.empty': {
    en: 'No vulnerability data in {dir} yet: run quai vulndb import or quai vulndb update.',
    fr: 'Pas encore de données de vulnérabilités dans {dir} : lancez quai vulndb import ou quai vulndb update.',
  },
  'vulndb.status.head': { en: 'Vulnerability store {dir}', fr: 'Base de vulnérabilités {dir}' },
  'vulndb.status.summary': {
    en: '{records} records, {size}, updated {updatedAt}',
    fr: '{records} enregistrements, {size}, mise à jour {updatedAt}',
  },
  'vulndb.status.never': { en: 'never', fr: 'jamais' },
  'vulndb.status.columns': {
    en: 'ECOSYSTEM|RECORDS|PACKAGES|NEWEST RECORD',
    fr: 'ÉCOSYSTÈME|ENREG.|PAQUETS|ENREG. LE PLUS RÉCENT',
  },
  'vulndb.status.lastImport': {
    en: 'Last import: {path} at {at}',
    fr: 'Dernier import : {path} le {at}',
  },
  'vulndb.query.unknownEcosystem': {
    en: 'Quai cannot order versions of ecosystem "{ecosystem}"; only explicitly listed versions can match.',
    fr: "Quai ne sait pas ordonner les versions de l'écosystème « {ecosystem} » ; seules les versions listées explicitement peuvent correspondre.",
  },
  'vulndb.query.none': {
    en: '{name} {version} ({ecosystem}): no known vulnerability.',
    fr: '{name} {version} ({ecosystem}) : aucune vulnérabilité connue.',
  },
  'vulndb.query.head': {
    en: '{name} {version} ({ecosystem}): {count|one vulnerability|# vulnerabilities}',
    fr: '{name} {version} ({ecosystem}) : {count|une vulnérabilité|# vulnérabilités}',
  },
  'vulndb.query.fixedIn': { en: 'fixed in {version}', fr: 'corrigé en {version}' },
  'vulndb.query.noFix': { en: 'no fix known', fr: 'pas de correctif connu' },
} as const;
