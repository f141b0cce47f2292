/** YAML files read by every domain: syntax errors with line and column. */
export const yamlMessages = {
  'yaml.file': { en: 'YAML file', fr: 'fichier YAML' },
  'yaml.document': { en: 'YAML document', fr: 'document YAML' },
  'yaml.atPath': { en: 'at {path}', fr: 'dans {path}' },
  'yaml.locationAtPath': { en: '{position} at {path}', fr: '{position} dans {path}' },
  'yaml.syntax': {
    en: 'Cannot read {what} "{file}": line {line}, column {column}: {reason}',
    fr: 'Impossible de lire le {what} « {file} » : ligne {line}, colonne {column} : {reason}',
  },
  'yaml.unreadable': {
    en: 'Cannot read {what} "{file}": {reason}',
    fr: 'Impossible de lire le {what} « {file} » : {reason}',
  },
  'yaml.duplicateKeyHint': {
    en: 'Remove or rename one of the duplicate keys; YAML allows each key once per mapping.',
    fr: 'Supprimez ou renommez l’une des clés en double ; YAML permet chaque clé une seule fois par table.',
  },
  'yaml.syntaxHint': {
    en: 'Fix the YAML syntax at that position (indentation, quoting, a missing colon).',
    fr: 'Corrigez la syntaxe YAML à cet endroit (indentation, guillemets, deux-points manquant).',
  },
  'yaml.aliasesHint': {
    en: 'The document expands too many aliases (a "billion laughs" document?); remove the nested aliases.',
    fr: 'Le document développe trop d’alias (un document « billion laughs » ?) ; retirez les alias imbriqués.',
  },
} as const;
