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
  // The YAML parser's errors, by its code (the parser's own text is English only).
  'yaml.reason.ALIAS_PROPS': {
    en: 'an alias cannot have an anchor or a tag',
    fr: 'un alias ne peut pas porter d’ancre ni d’étiquette',
  },
  'yaml.reason.BAD_ALIAS': {
    en: 'an alias names no anchor defined before it',
    fr: 'un alias désigne une ancre qui n’est pas définie avant lui',
  },
  'yaml.reason.BAD_DIRECTIVE': {
    en: 'unknown or malformed directive (a line starting with %)',
    fr: 'directive inconnue ou mal écrite (une ligne qui commence par %)',
  },
  'yaml.reason.BAD_DQ_ESCAPE': {
    en: 'invalid escape sequence in a double-quoted string',
    fr: 'séquence d’échappement invalide dans une chaîne entre guillemets doubles',
  },
  'yaml.reason.BAD_INDENT': {
    en: 'wrong indentation',
    fr: 'indentation incorrecte',
  },
  'yaml.reason.BAD_PROP_ORDER': {
    en: 'an anchor or a tag is in the wrong place',
    fr: 'une ancre ou une étiquette est mal placée',
  },
  'yaml.reason.BAD_SCALAR_START': {
    en: 'a plain value cannot start with this character: quote the value',
    fr: 'une valeur non citée ne peut pas commencer par ce caractère : mettez-la entre guillemets',
  },
  'yaml.reason.BLOCK_AS_IMPLICIT_KEY': {
    en: 'a block cannot be a key',
    fr: 'un bloc ne peut pas servir de clé',
  },
  'yaml.reason.BLOCK_IN_FLOW': {
    en: 'a block cannot appear inside [ ] or { }',
    fr: 'un bloc ne peut pas apparaître entre [ ] ou { }',
  },
  'yaml.reason.DUPLICATE_KEY': {
    en: 'duplicate key: the same key appears twice in this mapping',
    fr: 'clé en double : la même clé apparaît deux fois dans cette table',
  },
  'yaml.reason.IMPOSSIBLE': {
    en: 'the document cannot be read here',
    fr: 'le document ne peut pas être lu à cet endroit',
  },
  'yaml.reason.KEY_OVER_1024_CHARS': {
    en: 'a key longer than 1,024 characters',
    fr: 'une clé de plus de 1 024 caractères',
  },
  'yaml.reason.MISSING_CHAR': {
    en: 'a closing character is missing (a quote, a bracket or a brace)',
    fr: 'il manque un caractère fermant (guillemet, crochet ou accolade)',
  },
  'yaml.reason.MULTILINE_IMPLICIT_KEY': {
    en: 'a key cannot span several lines (a missing colon or quote above?)',
    fr: 'une clé ne peut pas tenir sur plusieurs lignes (un deux-points ou un guillemet manquant plus haut ?)',
  },
  'yaml.reason.MULTIPLE_ANCHORS': {
    en: 'a value has several anchors',
    fr: 'une valeur porte plusieurs ancres',
  },
  'yaml.reason.MULTIPLE_DOCS': {
    en: 'several documents where one is expected',
    fr: 'plusieurs documents là où un seul est attendu',
  },
  'yaml.reason.MULTIPLE_TAGS': {
    en: 'a value has several tags',
    fr: 'une valeur porte plusieurs étiquettes',
  },
  'yaml.reason.NON_STRING_KEY': {
    en: 'a key must be a plain string',
    fr: 'une clé doit être une simple chaîne',
  },
  'yaml.reason.RESOURCE_EXHAUSTION': {
    en: 'the document expands too many aliases',
    fr: 'le document développe trop d’alias',
  },
  'yaml.reason.TAB_AS_INDENT': {
    en: 'a tab is used for indentation: YAML indents with spaces',
    fr: 'une tabulation sert d’indentation : YAML indente avec des espaces',
  },
  'yaml.reason.TAG_RESOLVE_FAILED': {
    en: 'a value does not match its tag',
    fr: 'une valeur ne correspond pas à son étiquette',
  },
  'yaml.reason.UNEXPECTED_TOKEN': {
    en: 'unexpected character or token (a missing colon, dash or quote?)',
    fr: 'caractère ou élément inattendu (un deux-points, un tiret ou un guillemet manquant ?)',
  },
  'yaml.reason.BAD_COLLECTION_TYPE': {
    en: 'a collection of the wrong type for its tag',
    fr: 'une collection du mauvais type pour son étiquette',
  },
} as const;
