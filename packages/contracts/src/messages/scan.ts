/** Image scanning: registries, image archives and layouts, inventories, OSV data, reports, exceptions. */
export const scanMessages = {
  // Fragments that say why something could not be read (the `why` of a larger message).
  'scan.why.indexesNest': { en: 'indexes nest too deeply', fr: 'les index sont imbriqués trop profondément' },
  'scan.why.indexNoManifests': {
    en: 'index {digest} has no list of manifests',
    fr: "l'index {digest} n'a pas de liste de manifestes",
  },
  'scan.why.manifestNoConfig': {
    en: 'manifest {digest} lacks a valid config or layers',
    fr: "le manifeste {digest} n'a pas de configuration ou de couches valides",
  },

  // Registries.
  'scan.registry.what.tokenAnswer': { en: 'the token answer', fr: 'la réponse du service de jetons' },
  'scan.registry.what.errorAnswer': { en: 'the error answer', fr: "la réponse d'erreur" },
  'scan.registry.what.manifestOf': { en: 'The manifest of {image}', fr: 'Le manifeste de {image}' },
  'scan.registry.what.blob': { en: 'blob {digest} of {repository}', fr: 'le blob {digest} de {repository}' },
  'scan.registry.tooLarge': {
    en: '{what} is larger than {limit} bytes.',
    fr: '{what} dépasse {limit} octets.',
  },
  'scan.registry.tooLargeHint': {
    en: 'Manifests are small JSON documents; check that the registry serves what it should.',
    fr: 'Les manifestes sont de petits documents JSON ; vérifiez que le registre sert ce qu’il doit.',
  },
  'scan.registry.caUnreadable': {
    en: 'Cannot read the CA bundle {file}: {reason}.',
    fr: 'Impossible de lire le fichier d’autorités {file} : {reason}.',
  },
  'scan.registry.caUnreadableHint': {
    en: 'Give a PEM file with the certificate of the CA that signed the registry certificate.',
    fr: 'Donnez un fichier PEM contenant le certificat de l’autorité qui a signé le certificat du registre.',
  },
  'scan.registry.tlsFailed': {
    en: 'Cannot reach {registry}: TLS verification failed ({reason}).',
    fr: 'Impossible de joindre {registry} : la vérification TLS a échoué ({reason}).',
  },
  'scan.registry.tlsFailedHint': {
    en: 'Give the CA that signed the registry certificate with --registry-ca FILE, or, for a test registry only, --insecure-registry HOST.',
    fr: 'Donnez l’autorité qui a signé le certificat du registre avec --registry-ca FICHIER, ou, pour un registre de test seulement, --insecure-registry HÔTE.',
  },
  'scan.registry.noAnswer': { en: 'no answer', fr: 'pas de réponse' },
  'scan.registry.unreachable': {
    en: 'Cannot reach {registry} for {what} after {attempts} attempts: {reason}.',
    fr: 'Impossible de joindre {registry} pour {what} après {attempts} tentatives : {reason}.',
  },
  'scan.registry.unreachableHint': {
    en: 'Check the registry address and that it is up; behind a proxy, set HTTPS_PROXY; for an air-gapped site, scan from your mirror.',
    fr: 'Vérifiez l’adresse du registre et qu’il fonctionne ; derrière un proxy, renseignez HTTPS_PROXY ; pour un site isolé, analysez depuis votre miroir.',
  },
  'scan.registry.needsCredentials': {
    en: '{registry} asks for credentials to read {what}, and none were given.',
    fr: '{registry} demande des identifiants pour lire {what}, et aucun n’a été donné.',
  },
  'scan.registry.credentialsRefused': {
    en: '{registry} refused the credentials of "{user}" for {what}.',
    fr: '{registry} a refusé les identifiants de « {user} » pour {what}.',
  },
  'scan.registry.credentialsHint': {
    en: 'Give credentials with --registry-username and --registry-password-stdin (or QUAI_REGISTRY_USERNAME and QUAI_REGISTRY_PASSWORD), or log in with docker login; check the account may pull this repository.',
    fr: 'Donnez des identifiants avec --registry-username et --registry-password-stdin (ou QUAI_REGISTRY_USERNAME et QUAI_REGISTRY_PASSWORD), ou connectez-vous avec docker login ; vérifiez que le compte peut tirer ce dépôt.',
  },
  'scan.registry.tokenServiceUnreachable': {
    en: 'Cannot reach the token service {service} of {registry}: {reason}.',
    fr: 'Impossible de joindre le service de jetons {service} de {registry} : {reason}.',
  },
  'scan.registry.tokenServiceUnreachableHint': {
    en: 'Check that the token service named in the registry challenge is reachable from here.',
    fr: 'Vérifiez que le service de jetons nommé dans le défi du registre est joignable d’ici.',
  },
  'scan.registry.tokenServiceStatus': {
    en: 'The token service of {registry} answered HTTP {status}.',
    fr: 'Le service de jetons de {registry} a répondu HTTP {status}.',
  },
  'scan.registry.tokenServiceHint': {
    en: 'Check the registry and its token service.',
    fr: 'Vérifiez le registre et son service de jetons.',
  },
  'scan.registry.noToken': {
    en: 'The token service of {registry} gave no token.',
    fr: 'Le service de jetons de {registry} n’a donné aucun jeton.',
  },
  'scan.registry.notFound': {
    en: '{what} does not exist in {registry}.',
    fr: '{what} n’existe pas dans {registry}.',
  },
  'scan.registry.notFoundHint': {
    en: 'Check the repository name and the tag or digest (the registry may also hide repositories you may not read).',
    fr: 'Vérifiez le nom du dépôt et le tag ou le condensé (le registre peut aussi cacher les dépôts que vous n’avez pas le droit de lire).',
  },
  'scan.registry.forbidden': {
    en: '{registry} forbids reading {what}.',
    fr: '{registry} interdit de lire {what}.',
  },
  'scan.registry.forbiddenHint': {
    en: 'Ask for pull rights on this repository, or use other credentials.',
    fr: 'Demandez le droit de tirer ce dépôt, ou utilisez d’autres identifiants.',
  },
  'scan.registry.httpError': {
    en: '{registry} answered HTTP {status} for {what}: {body}',
    fr: '{registry} a répondu HTTP {status} pour {what} : {body}',
  },
  'scan.registry.httpErrorHint': {
    en: 'Check the registry logs; try again later.',
    fr: 'Consultez les journaux du registre ; réessayez plus tard.',
  },
  'scan.registry.manifestSize': {
    en: 'The manifest of {image} is {size} bytes.',
    fr: 'Le manifeste de {image} fait {size} octets.',
  },
  'scan.registry.manifestSizeHint': {
    en: 'Manifests are small JSON documents (at most {limit} bytes here).',
    fr: 'Les manifestes sont de petits documents JSON (au plus {limit} octets ici).',
  },
  'scan.registry.manifestCut': {
    en: 'The manifest of {image} was cut short: {reason}.',
    fr: 'Le manifeste de {image} a été interrompu : {reason}.',
  },
  'scan.registry.manifestShort': {
    en: 'The manifest of {image} ends after {got} of {size} bytes.',
    fr: 'Le manifeste de {image} s’arrête après {got} octets sur {size}.',
  },
  'scan.registry.networkHint': {
    en: 'Try again; check the network to the registry.',
    fr: 'Réessayez ; vérifiez le réseau jusqu’au registre.',
  },
  'scan.registry.manifestDigest': {
    en: 'The manifest of {image} does not match its digest (got {digest}).',
    fr: 'Le manifeste de {image} ne correspond pas à son condensé (obtenu {digest}).',
  },
  'scan.registry.manifestDigestHint': {
    en: 'The registry or a proxy between served other content: check the registry, mirror or proxy.',
    fr: 'Le registre ou un proxy intermédiaire a servi un autre contenu : vérifiez le registre, le miroir ou le proxy.',
  },
  'scan.registry.manifestNotJson': {
    en: 'The manifest of {image} is not JSON.',
    fr: 'Le manifeste de {image} n’est pas du JSON.',
  },
  'scan.registry.manifestNotJsonHint': {
    en: 'The registry served something that is not a manifest; check its address.',
    fr: 'Le registre a servi autre chose qu’un manifeste ; vérifiez son adresse.',
  },
  'scan.registry.noPlatform': {
    en: '{image} has no image for the platform {platform}.',
    fr: '{image} n’a pas d’image pour la plateforme matérielle {platform}.',
  },
  'scan.registry.noPlatformOffered': {
    en: '{image} has no image for the platform {platform} (offered: {offered}).',
    fr: '{image} n’a pas d’image pour la plateforme matérielle {platform} (proposées : {offered}).',
  },
  'scan.registry.noPlatformHint': {
    en: 'Pick one of the offered platforms with --platform.',
    fr: 'Choisissez l’une des plateformes matérielles proposées avec --platform.',
  },
  'scan.registry.unknownManifest': {
    en: '{image} is a manifest of unknown type, which Quai cannot read.',
    fr: '{image} est un manifeste de type inconnu, que Quai ne sait pas lire.',
  },
  'scan.registry.unsupportedManifest': {
    en: '{image} is a {mediaType}, which Quai cannot read.',
    fr: '{image} est de type {mediaType}, que Quai ne sait pas lire.',
  },
  'scan.registry.schema1Hint': {
    en: 'Docker schema 1 manifests are obsolete: push the image again with a current client.',
    fr: 'Les manifestes Docker schema 1 sont obsolètes : poussez de nouveau l’image avec un client récent.',
  },
  'scan.registry.unsupportedManifestHint': {
    en: 'Quai reads OCI and Docker schema 2 images and indexes.',
    fr: 'Quai lit les images et les index OCI et Docker schema 2.',
  },
  'scan.registry.notImage': {
    en: '{image} is not a container image (its config is {mediaType}).',
    fr: '{image} n’est pas une image de conteneur (sa configuration est {mediaType}).',
  },
  'scan.registry.notImageHint': {
    en: 'This is an OCI artifact (Helm chart, signature, SBOM...), not an image to scan.',
    fr: 'C’est un artefact OCI (chart Helm, signature, SBOM...), pas une image à analyser.',
  },
  'scan.registry.unsupportedLayer': {
    en: 'Layer {digest} of {image} has the media type {mediaType}, which Quai cannot read.',
    fr: 'La couche {digest} de {image} a le type de média {mediaType}, que Quai ne sait pas lire.',
  },
  'scan.registry.unsupportedLayerHint': {
    en: 'Quai reads tar layers, plain or gzip-compressed.',
    fr: 'Quai lit les couches tar, brutes ou compressées en gzip.',
  },
  'scan.registry.malformed': {
    en: 'The image {image} is malformed: {why}.',
    fr: 'L’image {image} est mal formée : {why}.',
  },
  'scan.registry.malformedHint': {
    en: 'Push the image again with a current client; check what the registry serves.',
    fr: 'Poussez de nouveau l’image avec un client récent ; vérifiez ce que sert le registre.',
  },
  'scan.registry.dockerConfigInvalid': {
    en: 'Cannot read the Docker configuration {file}: {reason}.',
    fr: 'Impossible de lire la configuration Docker {file} : {reason}.',
  },
  'scan.registry.dockerConfigInvalidHint': {
    en: 'Fix the JSON, or point DOCKER_CONFIG to another folder.',
    fr: 'Corrigez le JSON, ou faites pointer DOCKER_CONFIG vers un autre dossier.',
  },
  'scan.reference.invalid': {
    en: '"{ref}" is not a valid image reference: {why}.',
    fr: '« {ref} » n’est pas une référence d’image valide : {why}.',
  },
  'scan.reference.invalidHint': {
    en: 'Write REGISTRY/REPOSITORY[:TAG][@sha256:DIGEST], such as registry.example.fr/team/app:1.2 or nginx:1.27.',
    fr: 'Écrivez REGISTRE/DÉPÔT[:TAG][@sha256:CONDENSÉ], par exemple registry.example.fr/team/app:1.2 ou nginx:1.27.',
  },
  'scan.reference.emptyOrLong': { en: 'it is empty or too long', fr: 'elle est vide ou trop longue' },
  'scan.reference.notDigest': { en: '"{digest}" is not a digest', fr: '« {digest} » n’est pas un condensé' },
  'scan.reference.sha256Digits': {
    en: 'a sha256 digest has 64 lowercase hex digits',
    fr: 'un condensé sha256 a 64 chiffres hexadécimaux en minuscules',
  },
  'scan.reference.badTag': { en: '"{tag}" is not a valid tag', fr: '« {tag} » n’est pas un tag valide' },
  'scan.reference.badHost': {
    en: '"{host}" is not a registry host',
    fr: '« {host} » n’est pas un hôte de registre',
  },
  'scan.reference.badComponent': {
    en: '"{component}" is not a valid repository name component (lowercase letters, digits, separators)',
    fr: '« {component} » n’est pas un élément valide de nom de dépôt (lettres minuscules, chiffres, séparateurs)',
  },
  'scan.reference.repositoryTooLong': {
    en: 'the repository name is longer than 255 characters',
    fr: 'le nom du dépôt dépasse 255 caractères',
  },
  'scan.source.missing': { en: '"{target}" does not exist.', fr: '« {target} » n’existe pas.' },
  'scan.source.missingHint': {
    en: 'Give an existing OCI layout folder, root filesystem folder or docker save archive, or an image reference such as registry.example.fr/team/app:1.2.',
    fr: 'Donnez un dossier OCI layout, un dossier de système de fichiers racine ou une archive docker save existants, ou une référence d’image comme registry.example.fr/team/app:1.2.',
  },
  'scan.why.entryMissing': {
    en: '"{path}" is missing or points outside the archive',
    fr: '« {path} » manque ou pointe hors de l’archive',
  },
  'scan.why.missingOrTooLarge': {
    en: '{name} is missing or too large',
    fr: '{name} manque ou est trop gros',
  },
  'scan.why.notJson': { en: '{name} is not JSON', fr: '{name} n’est pas du JSON' },
  'scan.why.badDigest': {
    en: '"{digest}" is not a valid digest',
    fr: '« {digest} » n’est pas un condensé valide',
  },
  'scan.why.noImageNamed': { en: 'no image is named "{name}"', fr: 'aucune image ne s’appelle « {name} »' },
  'scan.why.noImageNamedIn': {
    en: 'no image is named "{name}" (it holds {names})',
    fr: 'aucune image ne s’appelle « {name} » (elle contient {names})',
  },
  'scan.why.severalImages': {
    en: 'it holds {count} images ({names})',
    fr: 'elle contient {count} images ({names})',
  },
  'scan.why.index': { en: 'index {digest}', fr: 'l’index {digest}' },
  'scan.why.manifest': { en: 'manifest {digest}', fr: 'le manifeste {digest}' },
  'scan.why.noPlatform': {
    en: 'no image for the platform {platform}',
    fr: 'aucune image pour la plateforme matérielle {platform}',
  },
  'scan.why.manifestNoLayers': {
    en: 'manifest {digest} has no list of layers',
    fr: 'le manifeste {digest} n’a pas de liste de couches',
  },
  'scan.why.layerSize': {
    en: 'layer {digest} ({path}) is {size} bytes, the manifest says {expected}',
    fr: 'la couche {digest} ({path}) fait {size} octets, le manifeste en annonce {expected}',
  },
  'scan.why.archiveNoManifest': {
    en: 'it has neither manifest.json nor index.json (is it a docker save archive?)',
    fr: 'elle n’a ni manifest.json ni index.json (est-ce une archive docker save ?)',
  },
  'scan.why.manifestJsonEmpty': {
    en: 'manifest.json lists no image',
    fr: 'manifest.json ne liste aucune image',
  },
  'scan.why.manifestJsonIncomplete': {
    en: 'manifest.json lacks Config or Layers',
    fr: 'il manque Config ou Layers dans manifest.json',
  },
  'scan.why.layerCounts': {
    en: 'the config lists {config} layers, manifest.json {manifest}',
    fr: 'la configuration liste {config} couches, manifest.json {manifest}',
  },
  'scan.why.blobUnusable': {
    en: 'blob {digest} is missing, too large or not JSON',
    fr: 'le blob {digest} manque, est trop gros ou n’est pas du JSON',
  },
  'scan.why.blobDigest': {
    en: 'blob {digest} does not match its digest',
    fr: 'le blob {digest} ne correspond pas à son condensé',
  },
  'scan.why.blobMissing': { en: 'blob {digest} is missing', fr: 'le blob {digest} manque' },
  'scan.why.blobNotJson': { en: 'blob {digest} is not JSON', fr: 'le blob {digest} n’est pas du JSON' },
  'scan.why.manifestSize': {
    en: 'manifest {digest} is {size} bytes',
    fr: 'le manifeste {digest} fait {size} octets',
  },
  'scan.why.noManifestForPlatform': {
    en: 'no manifest for platform {platform}',
    fr: 'aucun manifeste pour la plateforme matérielle {platform}',
  },
  'scan.why.noManifestForPlatformOffered': {
    en: 'no manifest for platform {platform} (offered: {offered})',
    fr: 'aucun manifeste pour la plateforme matérielle {platform} (proposées : {offered})',
  },
  'scan.why.indexJsonMissing': {
    en: 'index.json is missing (is this an OCI image layout?)',
    fr: 'index.json manque (est-ce bien un OCI image layout ?)',
  },
  'scan.why.indexJsonSize': {
    en: 'index.json is {size} bytes, not an index',
    fr: 'index.json fait {size} octets, ce n’est pas un index',
  },
  'scan.why.layerEncrypted': {
    en: 'the layer is encrypted ({mediaType})',
    fr: 'la couche est chiffrée ({mediaType})',
  },
  'scan.why.layerBadSize': {
    en: 'the manifest gives an invalid size ({size})',
    fr: 'le manifeste donne une taille invalide ({size})',
  },
  'scan.why.layerLonger': {
    en: 'more than the {size} bytes the manifest announces',
    fr: 'plus que les {size} octets annoncés par le manifeste',
  },
  'scan.why.layerBlobMissing': { en: 'the blob is missing', fr: 'le blob manque' },
  'scan.why.blobShort': {
    en: 'the blob ends after {got} of its {size} bytes',
    fr: 'le blob s’arrête après {got} de ses {size} octets',
  },
  'scan.why.blobShortBecause': {
    en: 'the blob ends after {got} of its {size} bytes ({reason})',
    fr: 'le blob s’arrête après {got} de ses {size} octets ({reason})',
  },
  'scan.why.blobLonger': {
    en: 'the blob does not match its digest (got more than {size} bytes)',
    fr: 'le blob ne correspond pas à son condensé (plus de {size} octets reçus)',
  },
  'scan.why.blobDigestGot': {
    en: 'the blob does not match its digest (got {digest})',
    fr: 'le blob ne correspond pas à son condensé (obtenu {digest})',
  },

  // Image archives (docker save), OCI layouts, layers, tar.
  'scan.archive.unreadable': {
    en: 'Cannot read the image archive {file}: {why}.',
    fr: 'Impossible de lire l’archive d’image {file} : {why}.',
  },
  'scan.archive.unreadableHint': {
    en: 'Give an archive written by docker save (or podman save, skopeo copy ... docker-archive:FILE).',
    fr: 'Donnez une archive écrite par docker save (ou podman save, skopeo copy ... docker-archive:FICHIER).',
  },
  'scan.archive.nameImageHint': {
    en: 'Name the image to read with --image NAME:TAG.',
    fr: 'Nommez l’image à lire avec --image NOM:TAG.',
  },
  'scan.archive.tooLarge': {
    en: 'The image archive {file} exceeds the safety limit on {what}.',
    fr: 'L’archive d’image {file} dépasse la limite de sécurité sur {what}.',
  },
  'scan.archive.tooLargeHint': {
    en: 'A tar bomb, or raise --max-entries if the archive is genuine.',
    fr: 'Une bombe tar ; ou, si l’archive est authentique, relevez --max-entries.',
  },
  'scan.archive.truncatedHint': {
    en: 'The archive is damaged or cut short: save the image again.',
    fr: 'L’archive est endommagée ou tronquée : enregistrez de nouveau l’image.',
  },
  'scan.archive.changedHint': {
    en: 'The archive was changed or damaged: save the image again.',
    fr: 'L’archive a été modifiée ou endommagée : enregistrez de nouveau l’image.',
  },
  'scan.tar.unreadable': {
    en: 'Cannot read the tar archive {file}: {reason}.',
    fr: 'Impossible de lire l’archive tar {file} : {reason}.',
  },
  'scan.tar.unreadableHint': {
    en: 'The layer is damaged or truncated; pull or export the image again.',
    fr: 'La couche est endommagée ou tronquée ; tirez ou exportez de nouveau l’image.',
  },
  'scan.layout.notFolder': { en: '"{path}" is not a folder.', fr: '« {path} » n’est pas un dossier.' },
  'scan.layout.notFolderHint': {
    en: 'Give the root folder of an unpacked image (the one holding etc/ and usr/), or an OCI layout folder.',
    fr: 'Donnez le dossier racine d’une image dépaquetée (celui qui contient etc/ et usr/), ou un dossier OCI layout.',
  },
  'scan.layout.badDigest': {
    en: 'Invalid digest "{digest}" in the OCI layout {layout}.',
    fr: 'Condensé invalide « {digest} » dans l’OCI layout {layout}.',
  },
  'scan.layout.badDigestHint': {
    en: 'Digests look like sha256:<64 hex digits>.',
    fr: 'Un condensé s’écrit sha256:<64 chiffres hexadécimaux>.',
  },
  'scan.layout.unreadable': {
    en: 'Cannot read the OCI layout {layout}: {why}.',
    fr: 'Impossible de lire l’OCI layout {layout} : {why}.',
  },
  'scan.layout.unreadableHint': {
    en: 'Export the image again (skopeo copy docker://IMAGE oci:DIR, or docker save with the containerd image store).',
    fr: 'Exportez de nouveau l’image (skopeo copy docker://IMAGE oci:DOSSIER, ou docker save avec le stockage d’images containerd).',
  },
  'scan.layout.manifestSizeHint': {
    en: 'Manifests and indexes are small JSON documents (at most {limit} bytes here); export the image again.',
    fr: 'Les manifestes et les index sont de petits documents JSON (au plus {limit} octets ici) ; exportez de nouveau l’image.',
  },
  'scan.layout.changedHint': {
    en: 'The content was changed or damaged: export the image again.',
    fr: 'Le contenu a été modifié ou endommagé : exportez de nouveau l’image.',
  },
  'scan.layer.where': { en: 'layer {digest} of {source}', fr: 'couche {digest} de {source}' },
  'scan.layer.unreadable': {
    en: 'layer {digest} of {source}: {why}.',
    fr: 'couche {digest} de {source} : {why}.',
  },
  'scan.layer.digestHint': {
    en: 'The content was changed or damaged in storage or in transit: pull or export the image again, and check the registry or mirror.',
    fr: 'Le contenu a été modifié ou endommagé au stockage ou en transit : tirez ou exportez de nouveau l’image, et vérifiez le registre ou le miroir.',
  },
  'scan.layer.truncatedHint': {
    en: 'The transfer or the file was cut short: pull or export the image again.',
    fr: 'Le transfert ou le fichier a été interrompu : tirez ou exportez de nouveau l’image.',
  },
  'scan.layer.unsupportedHint': {
    en: 'Convert the image to gzip layers (skopeo copy --dest-compress-format gzip ...).',
    fr: 'Convertissez l’image en couches gzip (skopeo copy --dest-compress-format gzip ...).',
  },
  'scan.layer.invalidHint': {
    en: 'The layer is damaged or not a tar archive; pull or export the image again.',
    fr: 'La couche est endommagée ou n’est pas une archive tar ; tirez ou exportez de nouveau l’image.',
  },
  'scan.limit.tarEntries': { en: 'tar entries', fr: 'les entrées tar' },
  'scan.limit.uncompressedHeader': {
    en: 'uncompressed bytes (header {index} announces {size} bytes)',
    fr: 'les octets décompressés (l’en-tête {index} annonce {size} octets)',
  },
  'scan.limit.uncompressed': { en: 'uncompressed bytes', fr: 'les octets décompressés' },
  'scan.limit.keptFiles': {
    en: 'package files kept in memory',
    fr: 'les fichiers de paquets gardés en mémoire',
  },
  'scan.limit.exceeded': {
    en: '{where}: the image exceeds the safety limit on {what}.',
    fr: '{where} : l’image dépasse la limite de sécurité sur {what}.',
  },
  'scan.limit.exceededHint': {
    en: 'A tar bomb or an absurd size in a layer. If the image is genuine, raise --max-image-bytes or --max-entries.',
    fr: 'Une bombe tar ou une taille absurde dans une couche. Si l’image est authentique, relevez --max-image-bytes ou --max-entries.',
  },
  'scan.rpm.unreadable': {
    en: 'Cannot read the rpm database {location}: {why}.',
    fr: 'Impossible de lire la base rpm {location} : {why}.',
  },
  'scan.rpm.unreadableHint': {
    en: 'The database is damaged or truncated; check it with `rpm --dbpath DIR --verifydb`, or rebuild it with `rpm --rebuilddb` in the image.',
    fr: 'La base est endommagée ou tronquée ; vérifiez-la avec `rpm --dbpath DOSSIER --verifydb`, ou reconstruisez-la avec `rpm --rebuilddb` dans l’image.',
  },
  'scan.rpm.noPackages': { en: 'it has no Packages table', fr: 'elle n’a pas de table Packages' },

  // OSV data: records, sources, mirror updates, the local store.
  'scan.osv.future': {
    en: "{value} is in the future (this machine's clock says {now})",
    fr: '{value} est dans le futur (l’horloge de cette machine indique {now})',
  },
  'scan.osv.futureHint': {
    en: 'A record dated in the future would shadow later corrections of it; check the source, or the clock of this machine.',
    fr: 'Un enregistrement daté dans le futur masquerait ses corrections ultérieures ; vérifiez la source, ou l’horloge de cette machine.',
  },
  'scan.osv.schemaMismatch': { en: 'does not match the OSV schema', fr: 'ne respecte pas le schéma OSV' },
  'scan.osv.eventKinds': {
    en: 'an event holds exactly one of introduced, fixed, last_affected or limit',
    fr: 'un événement contient exactement un champ parmi introduced, fixed, last_affected et limit',
  },
  'scan.osv.eventKindsTwo': {
    en: 'an event holds exactly one of introduced, fixed, last_affected or limit; this one holds {first} and {second}',
    fr: 'un événement contient exactement un champ parmi introduced, fixed, last_affected et limit ; celui-ci contient {first} et {second}',
  },
  'scan.osv.eventKindsMany': {
    en: 'an event holds exactly one of introduced, fixed, last_affected or limit; this one holds {kinds}',
    fr: 'un événement contient exactement un champ parmi introduced, fixed, last_affected et limit ; celui-ci contient {kinds}',
  },
  'scan.osv.eventKindsHint': {
    en: 'Write each bound as its own event: {example}.',
    fr: 'Écrivez chaque borne dans son propre événement : {example}.',
  },
  'scan.osv.badEcosystem': {
    en: '"{ecosystem}" is not an OSV ecosystem',
    fr: '« {ecosystem} » n’est pas un écosystème OSV',
  },
  'scan.osv.badEcosystemHint': {
    en: 'Ecosystems are the OSV schema\'s list (Debian, Alpine, npm, PyPI, ...), optionally followed by ":" and a release (Debian:12).',
    fr: 'Les écosystèmes sont ceux de la liste du schéma OSV (Debian, Alpine, npm, PyPI, ...), suivis éventuellement de « : » et d’une version (Debian:12).',
  },
  'scan.osv.unknownField': { en: 'unknown field "{field}"', fr: 'champ inconnu « {field} »' },
  'scan.osv.missingField': { en: 'missing field "{field}"', fr: 'champ manquant « {field} »' },
  'scan.osv.fixedAndLastAffected': {
    en: 'a range holds fixed or last_affected events, not both',
    fr: 'un intervalle contient des événements fixed ou last_affected, pas les deux',
  },
  'scan.osv.ajv.type': { en: 'must be {type}', fr: 'doit être de type {type}' },
  'scan.osv.ajv.pattern': {
    en: 'must match pattern "{pattern}"',
    fr: 'doit correspondre au motif « {pattern} »',
  },
  'scan.osv.ajv.format': { en: 'must match format "{format}"', fr: 'doit respecter le format « {format} »' },
  'scan.osv.ajv.enum': {
    en: 'must be equal to one of the allowed values',
    fr: 'doit être égal à l’une des valeurs permises',
  },
  'scan.osv.ajv.const': { en: 'must be equal to constant', fr: 'doit être égal à la constante' },
  'scan.osv.ajv.minLength': {
    en: 'must NOT have fewer than {limit} characters',
    fr: 'ne doit PAS avoir moins de {limit} caractères',
  },
  'scan.osv.ajv.maxLength': {
    en: 'must NOT have more than {limit} characters',
    fr: 'ne doit PAS avoir plus de {limit} caractères',
  },
  'scan.osv.ajv.minItems': {
    en: 'must NOT have fewer than {limit} items',
    fr: 'ne doit PAS avoir moins de {limit} éléments',
  },
  'scan.osv.ajv.oneOf': {
    en: 'must match exactly one schema in oneOf',
    fr: 'doit correspondre à exactement un schéma de oneOf',
  },
  'scan.osv.ajv.anyOf': {
    en: 'must match a schema in anyOf',
    fr: 'doit correspondre à un schéma de anyOf',
  },
  'scan.osv.invalid': {
    en: 'Invalid OSV record {id} in {source}: {reason}.',
    fr: 'Enregistrement OSV {id} invalide dans {source} : {reason}.',
  },
  'scan.osv.invalidAt': {
    en: 'Invalid OSV record {id} in {source}: {path}: {reason}.',
    fr: 'Enregistrement OSV {id} invalide dans {source} : {path} : {reason}.',
  },
  'scan.osv.invalidAnonymous': {
    en: 'Invalid OSV record in {source}: {reason}.',
    fr: 'Enregistrement OSV invalide dans {source} : {reason}.',
  },
  'scan.osv.invalidAnonymousAt': {
    en: 'Invalid OSV record in {source}: {path}: {reason}.',
    fr: 'Enregistrement OSV invalide dans {source} : {path} : {reason}.',
  },
  'scan.osv.invalidHint': {
    en: 'Check the file against the OSV schema {version} (https://ossf.github.io/osv-schema/); other records are still imported.',
    fr: 'Vérifiez le fichier avec le schéma OSV {version} (https://ossf.github.io/osv-schema/) ; les autres enregistrements sont quand même importés.',
  },
  'scan.osv.notJson': {
    en: 'Cannot parse {source} as JSON: {reason}.',
    fr: 'Impossible de lire {source} comme du JSON : {reason}.',
  },
  'scan.osv.notJsonHint': {
    en: 'OSV records are JSON files; check that the file is complete.',
    fr: 'Les enregistrements OSV sont des fichiers JSON ; vérifiez que le fichier est complet.',
  },
  'scan.osv.noSuchSource': {
    en: 'Cannot read "{path}": no such file or folder.',
    fr: 'Impossible de lire « {path} » : ce fichier ou dossier n’existe pas.',
  },
  'scan.osv.noSuchSourceHint': {
    en: 'Give an OSV zip dump (for example Debian/all.zip from https://osv-vulnerabilities.storage.googleapis.com), a JSON record, or a folder of them.',
    fr: 'Donnez une archive zip OSV (par exemple Debian/all.zip de https://osv-vulnerabilities.storage.googleapis.com), un enregistrement JSON, ou un dossier qui en contient.',
  },
  'scan.osv.noData': {
    en: 'No vulnerability data in "{dir}".',
    fr: 'Aucune donnée de vulnérabilités dans « {dir} ».',
  },
  'scan.osv.noDataHint': {
    en: 'Import OSV data first: quai vulndb import Debian-all.zip, or quai vulndb update --from <mirror> (the zip dumps are at https://osv-vulnerabilities.storage.googleapis.com/<Ecosystem>/all.zip).',
    fr: 'Importez d’abord des données OSV : quai vulndb import Debian-all.zip, ou quai vulndb update --from <miroir> (les archives zip sont sur https://osv-vulnerabilities.storage.googleapis.com/<Écosystème>/all.zip).',
  },
  'scan.osv.badMirror': {
    en: 'Cannot update from "{from}": only http, https and file URLs or folders are read.',
    fr: 'Impossible de mettre à jour depuis « {from} » : seules les URL http, https et file ou les dossiers sont lus.',
  },
  'scan.osv.badMirrorHint': {
    en: 'Give the mirror as https://mirror.example.fr/osv/ or as a folder holding <Ecosystem>/all.zip.',
    fr: 'Donnez le miroir sous la forme https://mirror.example.fr/osv/ ou d’un dossier contenant <Écosystème>/all.zip.',
  },
  'scan.osv.unreachable': { en: 'Cannot read {what}: {why}.', fr: 'Impossible de lire {what} : {why}.' },
  'scan.osv.unreachableHint': {
    en: 'Check the mirror address and that it serves <Ecosystem>/all.zip as osv.dev publishes it.',
    fr: 'Vérifiez l’adresse du miroir et qu’il sert <Écosystème>/all.zip comme osv.dev le publie.',
  },
  'scan.osv.serverAnswered': {
    en: 'the server answered {status} {statusText}',
    fr: 'le serveur a répondu {status} {statusText}',
  },
  'scan.osv.tooLargeSmall': { en: 'it is larger than 4 MiB', fr: 'il dépasse 4 Mio' },
  'scan.osv.notListed': {
    en: 'its ecosystems.txt does not list {ecosystems}',
    fr: 'son ecosystems.txt ne liste pas {ecosystems}',
  },
  'scan.osv.notListedHint': {
    en: 'Mirror these ecosystems too, or leave them out (--ecosystem names what to add).',
    fr: 'Mettez aussi ces écosystèmes en miroir, ou laissez-les de côté (--ecosystem nomme ce qu’il faut ajouter).',
  },
  'scan.osv.noSuchFile': { en: 'no such file', fr: 'ce fichier n’existe pas' },
  'scan.osv.noSuchFileHint': {
    en: 'The folder must hold <Ecosystem>/all.zip for each ecosystem in use.',
    fr: 'Le dossier doit contenir <Écosystème>/all.zip pour chaque écosystème utilisé.',
  },
  'scan.osv.mirrorNoFile': {
    en: 'the mirror has no such file (404)',
    fr: 'le miroir n’a pas ce fichier (404)',
  },
  'scan.osv.noBody': { en: 'the answer has no body', fr: 'la réponse n’a pas de corps' },
  'scan.osv.transferStopped': {
    en: 'the transfer stopped at {bytes} of {total} bytes',
    fr: 'le transfert s’est arrêté à {bytes} octets sur {total}',
  },
  'scan.osv.transferStoppedHint': { en: 'Run the update again.', fr: 'Relancez la mise à jour.' },
  'scan.osv.unknownEcosystem': {
    en: '"{ecosystem}" is not an OSV ecosystem.',
    fr: '« {ecosystem} » n’est pas un écosystème OSV.',
  },
  'scan.osv.unknownEcosystemHint': {
    en: 'Name ecosystems as osv.dev does, without a release: {examples}, ...',
    fr: 'Nommez les écosystèmes comme osv.dev, sans version : {examples}, ...',
  },
  'scan.osv.noEcosystem': {
    en: 'The store "{dir}" holds no ecosystem yet: name the ones to fetch.',
    fr: 'La base « {dir} » ne contient encore aucun écosystème : nommez ceux à récupérer.',
  },
  'scan.osv.noEcosystemHint': {
    en: 'For example: quai vulndb update --from https://mirror.example.fr/osv/ --ecosystem Debian --ecosystem npm',
    fr: 'Par exemple : quai vulndb update --from https://mirror.example.fr/osv/ --ecosystem Debian --ecosystem npm',
  },
  'scan.osv.noChecksum': {
    en: "The mirror's SHA256SUMS has no line for {key}; nothing was imported.",
    fr: 'Le SHA256SUMS du miroir n’a pas de ligne pour {key} ; rien n’a été importé.',
  },
  'scan.osv.noChecksumHint': {
    en: 'Regenerate SHA256SUMS on the mirror (sha256sum <Ecosystem>/all.zip > SHA256SUMS, one line per ecosystem).',
    fr: 'Régénérez SHA256SUMS sur le miroir (sha256sum <Écosystème>/all.zip > SHA256SUMS, une ligne par écosystème).',
  },
  'scan.osv.checksumMismatch': {
    en: "{key} from {from} has sha256 {sha256}, the mirror's SHA256SUMS says {expected}; nothing was imported.",
    fr: '{key} de {from} a le sha256 {sha256}, le SHA256SUMS du miroir indique {expected} ; rien n’a été importé.',
  },
  'scan.osv.checksumMismatchHint': {
    en: 'The file is damaged or was changed: fetch it again, or check the mirror.',
    fr: 'Le fichier est endommagé ou a été modifié : récupérez-le de nouveau, ou vérifiez le miroir.',
  },
  'scan.zip.unreadable': {
    en: 'Cannot read zip archive "{file}": {why}.',
    fr: 'Impossible de lire l’archive zip « {file} » : {why}.',
  },
  'scan.zip.unreadableHint': {
    en: 'Download the archive again (a truncated download is the usual cause), or unzip it and import the folder.',
    fr: 'Téléchargez de nouveau l’archive (un téléchargement tronqué en est la cause habituelle), ou décompressez-la et importez le dossier.',
  },
  'scan.zip.entryTooLarge': {
    en: 'entry "{name}" is {size} bytes, more than the {limit} allowed',
    fr: 'l’entrée « {name} » fait {size} octets, plus que les {limit} permis',
  },
  'scan.zip.noLocalHeader': {
    en: 'entry "{name}" has no local header at offset {offset}',
    fr: 'l’entrée « {name} » n’a pas d’en-tête local à la position {offset}',
  },
  'scan.zip.entryPastEnd': {
    en: 'entry "{name}" runs past the end of the file',
    fr: 'l’entrée « {name} » dépasse la fin du fichier',
  },
  'scan.zip.noInflate': {
    en: 'entry "{name}" does not inflate ({reason})',
    fr: 'l’entrée « {name} » ne se décompresse pas ({reason})',
  },
  'scan.zip.method': {
    en: 'entry "{name}" uses compression method {method} (only stored and deflate are read)',
    fr: 'l’entrée « {name} » utilise la méthode de compression {method} (seules stored et deflate sont lues)',
  },
  'scan.zip.sizeMismatch': {
    en: 'entry "{name}" is {size} bytes, the directory says {expected}',
    fr: 'l’entrée « {name} » fait {size} octets, le répertoire central en annonce {expected}',
  },
  'scan.zip.crc': {
    en: 'entry "{name}" fails its CRC-32 check',
    fr: 'l’entrée « {name} » échoue à son contrôle CRC-32',
  },
  'scan.zip.tooSmall': {
    en: 'it is too small to be a zip archive',
    fr: 'elle est trop petite pour être une archive zip',
  },
  'scan.zip.noEnd': {
    en: 'no end of central directory record (not a zip, or truncated)',
    fr: 'pas d’enregistrement de fin du répertoire central (pas un zip, ou tronqué)',
  },
  'scan.zip.noZip64End': {
    en: 'the zip64 end record is missing',
    fr: 'l’enregistrement de fin zip64 manque',
  },
  'scan.zip.directoryPastEnd': {
    en: 'the central directory runs past the end of the file',
    fr: 'le répertoire central dépasse la fin du fichier',
  },
  'scan.zip.directoryEntry': {
    en: 'central directory entry {index} of {count} is damaged',
    fr: 'l’entrée {index} sur {count} du répertoire central est endommagée',
  },
  'scan.store.damaged': {
    en: 'The vulnerability store file "{path}" is damaged: {why}.',
    fr: 'Le fichier « {path} » de la base de vulnérabilités est endommagé : {why}.',
  },
  'scan.store.damagedHint': {
    en: 'Import the OSV data again (quai vulndb import, or quai vulndb update); if it persists, delete the vulndb folder first.',
    fr: 'Importez de nouveau les données OSV (quai vulndb import, ou quai vulndb update) ; si cela persiste, supprimez d’abord le dossier vulndb.',
  },
  'scan.store.noIndexLine': { en: 'its index line is missing', fr: 'sa ligne d’index manque' },
  'scan.store.noGeneration': { en: 'it names no generation', fr: 'il ne nomme aucune génération' },
  'scan.store.fileMissing': { en: 'the file is missing', fr: 'le fichier manque' },
  'scan.store.unknownFormat': { en: 'format {format} is unknown', fr: 'le format {format} est inconnu' },
  'scan.store.chunkMissing': { en: 'chunk {name} is missing', fr: 'le bloc {name} manque' },
  'scan.store.badIndexValue': {
    en: 'the index entry of {name} is not in the expected form',
    fr: 'l’entrée d’index de {name} n’a pas la forme attendue',
  },
  'scan.store.matchIndexShape': {
    en: 'the matching index is not in the expected form (truncated, or not written by Quai)',
    fr: 'l’index de correspondance n’a pas la forme attendue (tronqué, ou non écrit par Quai)',
  },
  'scan.store.matchIndexChecksum': {
    en: 'the matching index does not match its checksum',
    fr: 'l’index de correspondance ne correspond pas à sa somme de contrôle',
  },
  'scan.store.matchDetailsSize': {
    en: 'the details file does not have the size its matching index records',
    fr: 'le fichier de détails n’a pas la taille que son index de correspondance indique',
  },
  'scan.store.olderFormat': {
    en: 'The vulnerability store "{dir}" has an older format; this Quai reads format {format}.',
    fr: 'La base de vulnérabilités « {dir} » a un format plus ancien ; ce Quai lit le format {format}.',
  },
  'scan.store.olderFormatHint': {
    en: 'Import the OSV data again (quai vulndb import or quai vulndb update): the import converts the folder.',
    fr: 'Importez de nouveau les données OSV (quai vulndb import ou quai vulndb update) : l’import convertit le dossier.',
  },
  'scan.store.locked': {
    en: 'Another import into "{dir}" is running (process {pid}).',
    fr: 'Un autre import dans « {dir} » est en cours (processus {pid}).',
  },
  'scan.store.lockedHint': {
    en: 'Wait for it to finish, or stop it; a lock left by a process that died is removed automatically.',
    fr: 'Attendez qu’il finisse, ou arrêtez-le ; un verrou laissé par un processus mort est retiré automatiquement.',
  },
  'scan.store.lockFailed': {
    en: 'Cannot take the import lock "{path}".',
    fr: 'Impossible de prendre le verrou d’import « {path} ».',
  },
  'scan.store.lockFailedHint': {
    en: 'Another import took it at the same moment: try again.',
    fr: 'Un autre import l’a pris au même moment : réessayez.',
  },

  // Reports and documents read from other tools (the `what` of ingest messages).
  'scan.what.report': { en: 'report', fr: 'rapport' },
  'scan.what.gitlabReport': {
    en: 'GitLab container scanning report',
    fr: 'rapport GitLab container scanning',
  },
  'scan.what.trivyReport': { en: 'Trivy JSON report', fr: 'rapport JSON de Trivy' },
  'scan.what.cyclonedx': { en: 'CycloneDX SBOM', fr: 'SBOM CycloneDX' },
  'scan.what.trivyOperator': {
    en: 'Trivy Operator VulnerabilityReport',
    fr: 'VulnerabilityReport de Trivy Operator',
  },
  'scan.what.ignoreFile': { en: 'scan ignore file', fr: 'fichier d’exceptions d’analyse' },
  'scan.what.ignoreFileShort': { en: 'ignore file', fr: 'fichier d’exceptions' },
  'scan.what.openvex': { en: 'OpenVEX document', fr: 'document OpenVEX' },
  'scan.ingest.invalid': {
    en: 'Invalid {what} "{file}": at {path}: {reason}',
    fr: 'Fichier invalide « {file} » ({what}) : à {path} : {reason}',
  },
  'scan.ingest.invalidReason': { en: 'invalid', fr: 'invalide' },
  'scan.ingest.invalidHint': {
    en: 'Give the file as the tool wrote it ({what}); see docs/scan.md#interop for the formats Quai reads.',
    fr: 'Donnez le fichier tel que l’outil l’a écrit ({what}) ; voir docs/fr/analyse-images.md pour les formats que Quai lit.',
  },
  'scan.ingest.unreadable': {
    en: 'Cannot read {what} "{file}": {reason}',
    fr: 'Impossible de lire le {what} « {file} » : {reason}',
  },
  'scan.ingest.noSuchFile': { en: 'no such file', fr: 'ce fichier n’existe pas' },
  'scan.ingest.checkPathHint': { en: 'Check the path.', fr: 'Vérifiez le chemin.' },
  'scan.ingest.notJson': {
    en: 'Cannot read {what} "{file}": not JSON ({reason}).',
    fr: 'Impossible de lire le {what} « {file} » : ce n’est pas du JSON ({reason}).',
  },
  'scan.ingest.notJsonHint': {
    en: 'Give the {what} as JSON, as the tool wrote it.',
    fr: 'Donnez le {what} en JSON, tel que l’outil l’a écrit.',
  },
  'scan.ingest.unknownReport': {
    en: '"{file}" is not a report Quai reads.',
    fr: '« {file} » n’est pas un rapport que Quai sait lire.',
  },
  'scan.ingest.unknownReportHint': {
    en: 'Give a Trivy JSON report (trivy image --format json), a GitLab container scanning report, a CycloneDX SBOM, or Trivy Operator VulnerabilityReports.',
    fr: 'Donnez un rapport JSON de Trivy (trivy image --format json), un rapport GitLab container scanning, un SBOM CycloneDX, ou des VulnerabilityReports de Trivy Operator.',
  },
  'scan.trivy.notFound': {
    en: 'Trivy was asked for (--trivy) but "{bin}" cannot be run: not found.',
    fr: 'Trivy a été demandé (--trivy) mais « {bin} » ne peut pas être lancé : introuvable.',
  },
  'scan.trivy.notFoundHint': {
    en: 'Install Trivy (https://trivy.dev), or give its path with --trivy-bin or QUAI_TRIVY; without --trivy, Quai scans on its own.',
    fr: 'Installez Trivy (https://trivy.dev), ou donnez son chemin avec --trivy-bin ou QUAI_TRIVY ; sans --trivy, Quai analyse seul.',
  },
  'scan.trivy.failed': {
    en: 'Trivy failed on {target} (exit {code}): {stderr}',
    fr: 'Trivy a échoué sur {target} (code {code}) : {stderr}',
  },
  'scan.trivy.failedHint': {
    en: 'Run the same trivy command by hand to see why; offline, Trivy needs its database in its cache (trivy image --download-db-only, then --skip-db-update).',
    fr: 'Lancez la même commande trivy à la main pour voir pourquoi ; hors ligne, Trivy a besoin de sa base dans son cache (trivy image --download-db-only, puis --skip-db-update).',
  },

  // Exceptions: ignore files and OpenVEX.
  'scan.ignore.unknownKeys': {
    en: '{count|unknown key|unknown keys} {keys}',
    fr: '{count|clé inconnue|clés inconnues} {keys}',
  },
  'scan.ignore.invalid': {
    en: 'Invalid scan ignore file "{file}":\n{problems}',
    fr: 'Fichier d’exceptions d’analyse invalide « {file} » :\n{problems}',
  },
  'scan.ignore.problem': {
    en: '  {file}:{line}:{column}: {path}: {reason}',
    fr: '  {file}:{line}:{column} : {path} : {reason}',
  },
  'scan.ignore.problems': { en: '{all}\n{next}', fr: '{all}\n{next}' },
  'scan.ignore.invalidHint': {
    en: 'Each rule needs id, justification and expires (YYYY-MM-DD), and may narrow with package and image; see docs/scan.md#exceptions-and-vex.',
    fr: 'Chaque règle demande id, justification et expires (AAAA-MM-JJ), et peut se restreindre avec package et image ; voir docs/fr/analyse-images.md.',
  },
  'scan.vex.invalid': {
    en: 'Invalid OpenVEX document "{file}": {path}: {reason}',
    fr: 'Document OpenVEX invalide « {file} » : {path} : {reason}',
  },
  'scan.vex.invalidHint': {
    en: 'Quai reads OpenVEX 0.2.0 (https://github.com/openvex/spec); vexctl create writes valid documents.',
    fr: 'Quai lit OpenVEX 0.2.0 (https://github.com/openvex/spec) ; vexctl create écrit des documents valides.',
  },
  'scan.vex.empty': {
    en: 'No finding to state: an OpenVEX document needs at least one statement.',
    fr: 'Aucun constat à déclarer : un document OpenVEX demande au moins une déclaration.',
  },
  'scan.vex.emptyHint': {
    en: 'The scan found no known vulnerability; there is nothing to write in a VEX document.',
    fr: 'L’analyse n’a trouvé aucune vulnérabilité connue ; il n’y a rien à écrire dans un document VEX.',
  },

  // Version orderings.
  'scan.version.invalid': {
    en: 'Invalid {what} version "{version}".',
    fr: 'Version {what} invalide « {version} ».',
  },
  'scan.version.goModule': { en: 'Go module', fr: 'de module Go' },
  'scan.version.semverHint': {
    en: '{what} versions follow Semantic Versioning 2.0.0, for example {example}.',
    fr: 'Les versions {what} suivent Semantic Versioning 2.0.0, par exemple {example}.',
  },
  'scan.version.pep440Hint': {
    en: 'PEP 440 versions look like 1.2.3, 2.0rc1, 1.0.post2, 1.1.dev3, 1!2.0 or 1.0+local.7.',
    fr: 'Les versions PEP 440 s’écrivent 1.2.3, 2.0rc1, 1.0.post2, 1.1.dev3, 1!2.0 ou 1.0+local.7.',
  },
  'scan.version.debianInvalid': {
    en: 'Invalid Debian version "{version}": {why}.',
    fr: 'Version Debian invalide « {version} » : {why}.',
  },
  'scan.version.debianEmpty': { en: 'it is empty', fr: 'elle est vide' },
  'scan.version.debianEpoch': {
    en: 'the epoch (before ":") is not a number',
    fr: 'l’époque (avant « : ») n’est pas un nombre',
  },
  'scan.version.debianUpstream': { en: 'the upstream version is empty', fr: 'la version amont est vide' },
  'scan.version.debianRevision': {
    en: 'the revision (after the last "-") is empty',
    fr: 'la révision (après le dernier « - ») est vide',
  },
  'scan.version.debianHint': {
    en: 'Debian versions look like [epoch:]upstream[-revision], for example 1:2.36.1-8+deb12u1.',
    fr: 'Les versions Debian s’écrivent [époque:]amont[-révision], par exemple 1:2.36.1-8+deb12u1.',
  },
  'scan.version.nugetHint': {
    en: 'NuGet versions are one to four numbers with optional labels, such as 6.0.1, 4.3.0.1 or 7.0.0-preview.1.',
    fr: 'Les versions NuGet sont de un à quatre nombres avec des étiquettes facultatives, comme 6.0.1, 4.3.0.1 ou 7.0.0-preview.1.',
  },
  'scan.version.cranHint': {
    en: 'R package versions are two or more numbers separated by . or -, such as 1.2.3 or 0.9-1.',
    fr: 'Les versions de paquets R sont deux nombres ou plus séparés par . ou -, comme 1.2.3 ou 0.9-1.',
  },
  'scan.version.hackageHint': {
    en: 'Cabal versions are numbers separated by dots, without leading zeros, such as 2.4.0.1.',
    fr: 'Les versions Cabal sont des nombres séparés par des points, sans zéros en tête, comme 2.4.0.1.',
  },
  'scan.version.packagistHint': {
    en: 'Composer orders versions that start with a number (1.2.3, v5.4.21, 2.0.0-RC1); branches such as dev-main have no order.',
    fr: 'Composer ordonne les versions qui commencent par un nombre (1.2.3, v5.4.21, 2.0.0-RC1) ; les branches comme dev-main n’ont pas d’ordre.',
  },
  'scan.version.pubHint': {
    en: 'Pub versions follow Semantic Versioning, such as 1.2.3, 2.0.0-dev.1 or 1.0.0+1.',
    fr: 'Les versions Pub suivent Semantic Versioning, comme 1.2.3, 2.0.0-dev.1 ou 1.0.0+1.',
  },
  'scan.version.rubygemsHint': {
    en: 'RubyGems versions are numbers and letters separated by dots, such as 1.2.3 or 2.0.0.rc1.',
    fr: 'Les versions RubyGems sont des nombres et des lettres séparés par des points, comme 1.2.3 ou 2.0.0.rc1.',
  },
  'scan.version.noOrder': {
    en: 'Cannot order versions of a {type} range in ecosystem "{ecosystem}".',
    fr: 'Impossible d’ordonner les versions d’un intervalle {type} dans l’écosystème « {ecosystem} ».',
  },
  'scan.version.noOrderHint': {
    en: 'Quai evaluates SEMVER ranges and ECOSYSTEM ranges of known ecosystems; GIT ranges need the explicit versions list.',
    fr: 'Quai évalue les intervalles SEMVER et les intervalles ECOSYSTEM des écosystèmes connus ; les intervalles GIT demandent la liste explicite des versions.',
  },

  // The scan commands of the CLI.
  'scan.cli.findings': {
    en: '{count|# vulnerability|# vulnerabilities} at or above {threshold}.',
    fr: '{count|# vulnérabilité|# vulnérabilités} de gravité {threshold} ou plus.',
  },
  'scan.cli.findingsHint': {
    en: 'Update the packages to their fixed versions (rebuild the image on a newer base), or accept the risk with a justified, dated rule in .quai-scan-ignore.yaml or an OpenVEX statement.',
    fr: 'Mettez les paquets à leur version corrigée (reconstruisez l’image sur une base plus récente), ou acceptez le risque par une règle justifiée et datée dans .quai-scan-ignore.yaml ou une déclaration OpenVEX.',
  },
  'scan.cli.ruleExpired': {
    en: 'ignore rule for {id} ({source}) expired on {expires}; it no longer applies',
    fr: 'la règle d’exclusion de {id} ({source}) a expiré le {expires} ; elle ne s’applique plus',
  },
  'scan.cli.findingsLine': {
    en: '{count|# vulnerability|# vulnerabilities} at or above {threshold}',
    fr: '{count|# vulnérabilité|# vulnérabilités} de gravité {threshold} ou plus',
  },
  'scan.cli.clusterFindings': {
    en: "{count|# vulnerability|# vulnerabilities} at or above {threshold} in the cluster's images",
    fr: '{count|# vulnérabilité|# vulnérabilités} de gravité {threshold} ou plus dans les images du cluster',
  },
  'scan.cli.clusterFindingsError': {
    en: "{count|# vulnerability|# vulnerabilities} at or above {threshold} in the cluster's images.",
    fr: '{count|# vulnérabilité|# vulnérabilités} de gravité {threshold} ou plus dans les images du cluster.',
  },
  'scan.cli.clusterFindingsHint': {
    en: 'Rebuild the images named above on updated bases, then scan again.',
    fr: 'Reconstruisez les images nommées ci-dessus sur des bases à jour, puis analysez de nouveau.',
  },
  'scan.cli.imagesFailed': {
    en: '{failed} of {total} image(s) could not be scanned (first: {first})',
    fr: '{failed} image(s) sur {total} n’ont pas pu être analysées (première : {first})',
  },
  'scan.cli.imagesFailedHint': {
    en: 'See the errors listed above for each image.',
    fr: 'Voyez les erreurs listées ci-dessus pour chaque image.',
  },
  'scan.cli.checkIgnoreFileHint': {
    en: 'Check the path given to --ignore-file.',
    fr: 'Vérifiez le chemin donné à --ignore-file.',
  },
  'scan.cli.checkVexHint': { en: 'Check the path given to --vex.', fr: 'Vérifiez le chemin donné à --vex.' },
  'scan.cli.nothingToImport': {
    en: 'Nothing to import: give report files, or --cluster.',
    fr: 'Rien à importer : donnez des fichiers de rapport, ou --cluster.',
  },
  'scan.cli.nothingToImportHint': {
    en: 'For example: {program} scan import trivy.json',
    fr: 'Par exemple : {program} scan import trivy.json',
  },
  'scan.cli.passwordWithoutUser': {
    en: 'A registry password was given without a user name.',
    fr: 'Un mot de passe de registre a été donné sans nom d’utilisateur.',
  },
  'scan.cli.passwordWithoutUserHint': {
    en: 'Add --registry-username NAME (or QUAI_REGISTRY_USERNAME).',
    fr: 'Ajoutez --registry-username NOM (ou QUAI_REGISTRY_USERNAME).',
  },

  // The scan commands' help and output lines.
  'scan.cli.warning': { en: 'warning: {warning}', fr: 'avertissement : {warning}' },
  'scan.cli.imageWarning': { en: 'warning: {image}: {warning}', fr: 'avertissement : {image} : {warning}' },
  'scan.cli.imageError': {
    en: 'error: {image}: [{code}] {message}',
    fr: 'erreur : {image} : [{code}] {message}',
  },
  'scan.cli.sbom.summary': {
    en: 'Write a CycloneDX 1.6 SBOM (JSON) of an image: registry reference, docker save archive, OCI layout or root filesystem',
    fr: 'Écrire la nomenclature logicielle (SBOM) CycloneDX 1.6 (JSON) d’une image : référence de registre, archive docker save, disposition OCI ou système de fichiers racine',
  },
  'scan.cli.arg.image': {
    en: 'registry reference, docker save archive, OCI layout folder or root filesystem folder',
    fr: 'référence de registre, archive docker save, dossier de disposition OCI ou dossier de système de fichiers racine',
  },
  'scan.cli.flag.platform': {
    en: 'platform to pick from a multi-platform image',
    fr: 'architecture à prendre dans une image multi-architecture',
  },
  'scan.cli.flag.sbomOut': {
    en: 'write the SBOM to this file (atomically) instead of standard output',
    fr: 'écrire la SBOM dans ce fichier (de façon atomique) au lieu de la sortie standard',
  },
  'scan.cli.help.sbom': {
    en: 'Every component has its package URL (purl) and the files it was found in. No vulnerability data\nis needed; quai scan image --sbom adds the findings to the same document.',
    fr: 'Chaque composant a son URL de paquet (purl) et les fichiers où il a été trouvé. Aucune donnée de\nvulnérabilité n’est nécessaire ; quai scan image --sbom ajoute les constats au même document.',
  },
  'scan.cli.packagesWritten': {
    en: '{count|# package|# packages} written to {file}',
    fr: '{count|# paquet écrit|# paquets écrits} dans {file}',
  },
  'scan.cli.packages': { en: '{count|# package|# packages}', fr: '{count|# paquet|# paquets}' },
  'scan.cli.group': {
    en: 'Scan images for known vulnerabilities, offline',
    fr: 'Analyser des images à la recherche de vulnérabilités connues, hors ligne',
  },
  'scan.cli.image.summary': {
    en: 'Scan an image (registry reference, docker save archive, OCI layout or root filesystem) against the local vulnerability store',
    fr: 'Analyser une image (référence de registre, archive docker save, disposition OCI ou système de fichiers racine) avec la base locale de vulnérabilités',
  },
  'scan.cli.flag.sbom': {
    en: 'also write a CycloneDX 1.6 SBOM with the findings as vulnerabilities',
    fr: 'écrire aussi une SBOM CycloneDX 1.6 avec les constats comme vulnérabilités',
  },
  'scan.cli.help.image': {
    en: 'Layers are read as streams (digests checked, whiteouts applied), never extracted. Debian and\nAlpine packages are matched under their source package, as their advisories name them. Import\nvulnerability data first with quai vulndb import. IMAGE is a registry reference (pulled as a\nstream, nothing written to disk), a docker save archive, an OCI layout folder or a root filesystem\nfolder; see docs/scan.md for registry credentials and air-gapped mirrors.',
    fr: 'Les couches sont lues en flux (empreintes vérifiées, whiteouts appliqués), jamais extraites. Les\npaquets Debian et Alpine sont rapprochés sous leur paquet source, comme leurs bulletins les nomment.\nImportez d’abord les données de vulnérabilités avec quai vulndb import. IMAGE est une référence de\nregistre (tirée en flux, rien n’est écrit sur le disque), une archive docker save, un dossier de\ndisposition OCI ou un dossier de système de fichiers racine ; voir docs/fr/analyse-images.md pour les\nidentifiants de registre et les miroirs isolés.',
  },
  'scan.cli.matching': {
    en: 'Matching {count|# package|# packages} against {dir}',
    fr: 'Rapprochement de {count|# paquet|# paquets} avec {dir}',
  },
  'scan.cli.findingCount': { en: '{count|# finding|# findings}', fr: '{count|# constat|# constats}' },
  'scan.cli.sbomWithFindings': {
    en: 'CycloneDX SBOM with {count|# vulnerability|# vulnerabilities} written to {file}',
    fr: 'SBOM CycloneDX avec {count|# vulnérabilité|# vulnérabilités} écrite dans {file}',
  },
  'scan.cli.reportArg': {
    en: 'Expected FORMAT=FILE with FORMAT among {formats}.',
    fr: 'FORMAT=FICHIER attendu, avec FORMAT parmi {formats}.',
  },
  'scan.cli.flag.format': {
    en: 'report format on standard output (default text)',
    fr: 'format du rapport sur la sortie standard (text par défaut)',
  },
  'scan.cli.flag.report': {
    en: 'also write a report to a file (repeatable): gitlab=gl-container-scanning-report.json',
    fr: 'écrire aussi un rapport dans un fichier (répétable) : gitlab=gl-container-scanning-report.json',
  },
  'scan.cli.flag.ignoreFile': {
    en: 'ignore rules with justification and expiry (default: ./{file} when present)',
    fr: 'règles d’exclusion justifiées et datées (par défaut : ./{file} s’il existe)',
  },
  'scan.cli.flag.vex': {
    en: 'an OpenVEX 0.2.0 document whose not_affected / fixed statements apply (repeatable)',
    fr: 'un document OpenVEX 0.2.0 dont les déclarations not_affected / fixed s’appliquent (répétable)',
  },
  'scan.cli.flag.severityThreshold': {
    en: 'lowest severity that fails the scan (exit 1); unrated counts as medium; accepted findings never fail it',
    fr: 'gravité la plus basse qui fait échouer l’analyse (sortie 1) ; sans note compte comme medium ; un constat accepté ne la fait jamais échouer',
  },
  'scan.cli.running': { en: 'Running {bin} on {path}', fr: 'Exécution de {bin} sur {path}' },
  'scan.cli.trivyDone': {
    en: 'trivy: {count|# finding|# findings}',
    fr: 'trivy : {count|# constat|# constats}',
  },
  'scan.cli.flag.trivy': {
    en: 'also run the trivy binary on the same image and merge its findings (needs trivy and its database)',
    fr: 'exécuter aussi le binaire trivy sur la même image et fusionner ses constats (il faut trivy et sa base)',
  },
  'scan.cli.flag.trivyBin': {
    en: 'the trivy binary to run (default: $QUAI_TRIVY, else trivy on the PATH)',
    fr: 'le binaire trivy à exécuter (par défaut : $QUAI_TRIVY, sinon trivy dans le PATH)',
  },
  'scan.cli.import.summary': {
    en: 'Read Trivy, GitLab container scanning, CycloneDX and Trivy Operator reports into one deduplicated view, in any format',
    fr: 'Lire des rapports Trivy, GitLab container scanning, CycloneDX et Trivy Operator en une vue dédoublonnée, dans tout format',
  },
  'scan.cli.import.arg.files': {
    en: 'report files (JSON; Kubernetes objects also as YAML)',
    fr: 'fichiers de rapport (JSON ; objets Kubernetes aussi en YAML)',
  },
  'scan.cli.flag.cluster': {
    en: "also read Trivy Operator's VulnerabilityReports from the cluster (all namespaces, or those -n names)",
    fr: 'lire aussi les VulnerabilityReports de Trivy Operator dans le cluster (tous les namespaces, ou ceux que -n nomme)',
  },
  'scan.cli.flag.match': {
    en: "also match the reports' packages (an SBOM's components) against the local vulnerability store",
    fr: 'rapprocher aussi les paquets des rapports (les composants d’une SBOM) de la base locale de vulnérabilités',
  },
  'scan.cli.flag.matchDir': {
    en: 'vulnerability store folder for --match (default: $QUAI_CACHE_DIR/vulndb, else ~/.cache/quai/vulndb)',
    fr: 'dossier de la base de vulnérabilités pour --match (par défaut : $QUAI_CACHE_DIR/vulndb, sinon ~/.cache/quai/vulndb)',
  },
  'scan.cli.help.import': {
    en: 'Findings are deduplicated per image digest and vulnerability (an id and its aliases are one\nvulnerability), every data source kept. Exit codes: 0 nothing active at or above the threshold,\n1 findings at or above it, 2 a malformed report (its file and JSON path are named).',
    fr: 'Les constats sont dédoublonnés par empreinte d’image et vulnérabilité (un identifiant et ses alias\nsont une seule vulnérabilité), chaque source de données gardée. Codes de sortie : 0 rien d’actif au\nseuil ou au-dessus, 1 des constats au seuil ou au-dessus, 2 un rapport mal formé (son fichier et son\nchemin JSON sont nommés).',
  },
  'scan.cli.byteSize': {
    en: 'Expected a size such as 512Mi, 20Gi or a number of bytes.',
    fr: 'Une taille est attendue, comme 512Mi, 20Gi ou un nombre d’octets.',
  },
  'scan.cli.wholeNumber': {
    en: 'Expected a whole number of 1 or more.',
    fr: 'Un nombre entier de 1 ou plus est attendu.',
  },
  'scan.cli.flag.image': {
    en: 'the image to read from a docker save archive that holds several',
    fr: 'l’image à lire dans une archive docker save qui en contient plusieurs',
  },
  'scan.cli.flag.noLayerCache': {
    en: 'read every layer again: without it, a layer already read (known by its digest) is taken from the layer cache (~/.cache/quai/layers)',
    fr: 'relire chaque couche : sans cette option, une couche déjà lue (reconnue à son empreinte) est prise dans le cache des couches (~/.cache/quai/layers)',
  },
  'scan.cli.flag.registryUsername': {
    en: 'registry user name (else QUAI_REGISTRY_USERNAME, else ~/.docker/config.json)',
    fr: 'nom d’utilisateur du registre (sinon QUAI_REGISTRY_USERNAME, sinon ~/.docker/config.json)',
  },
  'scan.cli.flag.registryPasswordStdin': {
    en: 'read the registry password from standard input (else QUAI_REGISTRY_PASSWORD)',
    fr: 'lire le mot de passe du registre sur l’entrée standard (sinon QUAI_REGISTRY_PASSWORD)',
  },
  'scan.cli.flag.registryCa': {
    en: 'PEM CA bundle to trust for registries, besides the system ones',
    fr: 'autorités de certification PEM à croire pour les registres, en plus de celles du système',
  },
  'scan.cli.flag.insecureRegistry': {
    en: 'reach this registry over plain HTTP or with its certificate unchecked (repeatable; loopback registries may use plain HTTP)',
    fr: 'joindre ce registre en HTTP simple ou sans vérifier son certificat (répétable ; les registres en boucle locale peuvent utiliser HTTP simple)',
  },
  'scan.cli.flag.maxImageBytes': {
    en: 'safety cap on the uncompressed bytes read from one image (default 32Gi)',
    fr: 'plafond de sécurité des octets décompressés lus dans une image (32Gi par défaut)',
  },
  'scan.cli.flag.maxEntries': {
    en: 'safety cap on the tar entries read from one image (default 5000000)',
    fr: 'plafond de sécurité des entrées tar lues dans une image (5000000 par défaut)',
  },
  'scan.cli.kind.oci-layout': { en: 'OCI layout', fr: 'disposition OCI' },
  'scan.cli.kind.rootfs': { en: 'root filesystem', fr: 'système de fichiers racine' },
  'scan.cli.kind.archive': { en: 'image archive', fr: 'archive d’image' },
  'scan.cli.kind.registry': { en: 'registry image', fr: 'image de registre' },
  'scan.cli.reading': { en: 'Reading {kind} {location}', fr: 'Lecture : {kind} {location}' },
  'scan.cli.layer': {
    en: 'layer {index}/{total} {digest} ({size})',
    fr: 'couche {index}/{total} {digest} ({size})',
  },
  'scan.cli.concurrency': {
    en: 'Expected a whole number from 1 to 64.',
    fr: 'Un nombre entier de 1 à 64 est attendu.',
  },
  'scan.cli.cluster.head': {
    en: '{images|# image|# images} in {pods|# pod|# pods}, all namespaces',
    fr: '{images|# image|# images} dans {pods|# pod|# pods}, tous les namespaces',
  },
  'scan.cli.cluster.headIn': {
    en: '{images|# image|# images} in {pods|# pod|# pods} in {namespace}',
    fr: '{images|# image|# images} dans {pods|# pod|# pods} du namespace {namespace}',
  },
  'scan.cli.cluster.counts': {
    en: '{critical} critical, {high} high, {medium} medium, {low} low, {unknown} unrated',
    fr: '{critical} critiques, {high} élevées, {medium} moyennes, {low} faibles, {unknown} sans note',
  },
  'scan.cli.cluster.noFix': { en: 'no fix known', fr: 'aucun correctif connu' },
  'scan.cli.cluster.fixedIn': { en: 'fixed in {version}', fr: 'corrigée en {version}' },
  'scan.cli.cluster.usedBy': { en: 'used by {workloads}', fr: 'utilisée par {workloads}' },
  'scan.cli.cluster.usedByAs': {
    en: 'used by {workloads} (as {images})',
    fr: 'utilisée par {workloads} (sous {images})',
  },
  'scan.cli.cluster.foot': {
    en: '{counts}; {failed|# image|# images} could not be scanned',
    fr: '{counts} ; {failed|# image n’a pas pu être analysée|# images n’ont pas pu être analysées}',
  },
  'scan.cli.cluster.summary': {
    en: 'Scan every image running in the cluster (each digest once) and map findings to workloads',
    fr: 'Analyser chaque image qui tourne dans le cluster (chaque empreinte une fois) et relier les constats aux charges de travail',
  },
  'scan.cli.flag.clusterPlatform': {
    en: "platform to pick from multi-platform images for pods whose node's platform is unknown",
    fr: 'architecture à prendre dans les images multi-architectures pour les pods dont l’architecture du nœud est inconnue',
  },
  'scan.cli.flag.concurrency': {
    en: 'images pulled and scanned at once',
    fr: 'images tirées et analysées en même temps',
  },
  'scan.cli.help.cluster': {
    en: 'Pods are listed in every namespace (or the one -n names); containers, init containers and\nephemeral containers count. Each image is resolved to its digest (from the pod status, else by\nasking the registry), pulled as a stream and scanned once, however many pods run it; layers\nalready read by quai scan image or an earlier scan come from the layer cache (--no-layer-cache\nreads them all). An image that cannot be read is reported with its error code and the others go on. --format, --report,\n--ignore-file and --vex give the reports of quai scan image, one target per image with the\nworkloads running it. Exit codes: 1 findings at or above the threshold, else the error code of the\nfirst image that failed, else 0.',
    fr: 'Les pods sont listés dans chaque namespace (ou celui que -n nomme) ; les conteneurs, conteneurs\nd’initialisation et conteneurs éphémères comptent. Chaque image est résolue en son empreinte (par\nl’état du pod, sinon en demandant au registre), tirée en flux et analysée une fois, quel que soit le\nnombre de pods qui la font tourner ; les couches déjà lues par quai scan image ou une analyse\nprécédente viennent du cache des couches (--no-layer-cache les relit toutes). Une image illisible est signalée avec son code d’erreur et les\nautres continuent. --format, --report, --ignore-file et --vex donnent les rapports de quai scan\nimage, une cible par image avec les charges de travail qui la font tourner. Codes de sortie : 1 des\nconstats au seuil ou au-dessus, sinon le code d’erreur de la première image en échec, sinon 0.',
  },
  'scan.cli.listingPods': {
    en: 'Listing pods in all namespaces',
    fr: 'Liste des pods de tous les namespaces',
  },
  'scan.cli.listingPodsIn': {
    en: 'Listing pods in {namespace}',
    fr: 'Liste des pods du namespace {namespace}',
  },
  'scan.cli.clusterDone': {
    en: '{images|# image|# images} scanned, {failed} failed',
    fr: '{images|# image analysée|# images analysées}, {failed} en échec',
  },
  // Inventory warnings: a file or entry that was skipped, with where it was found.
  'scan.inventory.leavesRoot': {
    en: '{layer}: entry "{path}" leaves the root; ignored.',
    fr: '{layer} : l’entrée « {path} » sort de la racine ; ignorée.',
  },
  'scan.inventory.tooLarge': {
    en: '{layer}: "{path}" is {size} bytes, too large to read; skipped.',
    fr: '{layer} : « {path} » fait {size} octets, trop grand pour être lu ; ignoré.',
  },
  'scan.inventory.cannotList': {
    en: 'cannot list "{path}": {reason}',
    fr: 'impossible de lister « {path} » : {reason}',
  },
  'scan.inventory.notJson': {
    en: '{location}: not JSON ({reason}); skipped.',
    fr: '{location} : pas du JSON ({reason}) ; ignoré.',
  },
  'scan.inventory.notYaml': {
    en: '{location}: not YAML ({reason}); skipped.',
    fr: '{location} : pas du YAML ({reason}) ; ignoré.',
  },
  'scan.inventory.noPackageList': {
    en: '{location}: no package list; skipped.',
    fr: '{location} : aucune liste de paquets ; ignoré.',
  },
  'scan.inventory.packageWithoutNameOrVersion': {
    en: '{location}: a package without name or version; skipped.',
    fr: '{location} : un paquet sans nom ni version ; ignoré.',
  },
  'scan.inventory.noLibraries': {
    en: '{location}: no libraries; skipped.',
    fr: '{location} : aucune bibliothèque ; ignoré.',
  },
  'scan.inventory.noDependencies': {
    en: '{location}: no dependencies; skipped.',
    fr: '{location} : aucune dépendance ; ignoré.',
  },
  'scan.inventory.noPackages': {
    en: '{location}: no Packages; skipped.',
    fr: '{location} : aucune section Packages ; ignoré.',
  },
  'scan.inventory.noNameOrVersionField': {
    en: '{location}: no name or version field; skipped.',
    fr: '{location} : aucun champ name ou version ; ignoré.',
  },
  'scan.inventory.noNameOrVersion': {
    en: '{location}: no name or version; skipped.',
    fr: '{location} : ni nom ni version ; ignoré.',
  },
  'scan.inventory.noNameOrVersionHeader': {
    en: '{location}: no Name or Version header; skipped.',
    fr: '{location} : aucun en-tête Name ou Version ; ignoré.',
  },
  'scan.inventory.stanzaWithoutPackage': {
    en: '{location}: a stanza without Package or Version was skipped.',
    fr: '{location} : un paragraphe sans Package ni Version a été ignoré.',
  },
  'scan.inventory.apkEntryWithoutPackage': {
    en: '{location}: an entry without P: or V: was skipped.',
    fr: '{location} : une entrée sans P: ni V: a été ignorée.',
  },
  'scan.inventory.javaEntryTooLarge': {
    en: '{location}!/{name}: {size} bytes, too large to read; skipped.',
    fr: '{location}!/{name} : {size} octets, trop grand pour être lu ; ignoré.',
  },
  'scan.inventory.javaNoCoordinates': {
    en: '{location}!/{name}: no groupId, artifactId or version; skipped.',
    fr: '{location}!/{name} : aucun groupId, artifactId ou version ; ignoré.',
  },
  'scan.inventory.javaArchiveCut': {
    en: '{location}: {reason}; the rest of this archive was not read.',
    fr: '{location} : {reason} ; le reste de cette archive n’a pas été lu.',
  },
  'scan.inventory.javaSummaryUnreadable': {
    en: '{location}: an unreadable Java archive summary; skipped.',
    fr: '{location} : un résumé d’archive Java illisible ; ignoré.',
  },
  'scan.inventory.rpmNoHeader': {
    en: '{location}: package row {row} has no header blob; skipped.',
    fr: '{location} : la ligne de paquet {row} n’a pas d’en-tête ; ignorée.',
  },
  'scan.inventory.rpmBadHeader': {
    en: '{location}: package row {row}: {reason}; skipped.',
    fr: '{location} : ligne de paquet {row} : {reason} ; ignorée.',
  },
  'scan.inventory.goBuildInfoNotRead': {
    en: '{location}: Go build information not read: {reason}.',
    fr: '{location} : informations de build Go non lues : {reason}.',
  },
  'scan.inventory.goVersionUnknown': {
    en: '{location}: Go version "{version}" not understood; the standard library is left out.',
    fr: '{location} : version de Go « {version} » non comprise ; la bibliothèque standard est laissée de côté.',
  },
  'scan.inventory.fileUnreadable': { en: '{location}: {reason}', fr: '{location} : {reason}' },
  'scan.report.notScanned': {
    en: 'could not be scanned: [{code}] {reason}',
    fr: 'analyse impossible : [{code}] {reason}',
  },
  'scan.cli.reportWritten': {
    en: '{format} report written to {file}',
    fr: 'rapport {format} écrit dans {file}',
  },
} as const;
