/** Names of variables whose values are secrets (passwords, tokens, keys, credentials). */
const SECRET_NAME =
  /(^|_)(PASS(WORD)?|PASSWD|PWD|SECRET|TOKEN|KEY|PRIVATE|CREDENTIALS?|SALT|DSN|AUTH|APIKEY|ACCESS_KEY|SIGNING)(_|$)|PASSWORD|SECRET|TOKEN|APIKEY/i;
/** A URL that carries a password: scheme://user:password@host. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:[^@\s]+@/i;
/** Names that look secret but are not (file paths, flags, public keys' ids). */
const NOT_SECRET =
  /(_FILE|_PATH|_DIR|_URL_PATH|_ENABLED|_LENGTH|_SIZE|_TTL|_TIMEOUT|_EXPIRY|_HEADER|_NAME|_USER|_USERNAME|_ID|_ALGORITHM|_TYPE)$/i;

/** Whether an environment variable holds a secret, from its name or its value. */
export function looksSecret(name: string, value: string): boolean {
  if (URL_WITH_PASSWORD.test(value)) return true;
  if (value === '') return false;
  return SECRET_NAME.test(name) && !NOT_SECRET.test(name);
}
