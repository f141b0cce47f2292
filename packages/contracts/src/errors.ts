/**
 * The one table of Quai's error codes. Each code is stable (scripts and the HTTP API match on it),
 * maps to one process exit code for the CLI and one HTTP status for the API.
 * docs/exit-codes.md is written from this table; a test keeps them in step.
 */
export const EXIT_CODES = {
  ok: 0,
  /** The command worked and found something to report (audit findings, plan changes). */
  findings: 1,
  usage: 2,
  config: 3,
  unreachable: 4,
  rejected: 5,
  environment: 6,
  failed: 7,
  internal: 70,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

interface ErrorCodeInfo {
  readonly exit: ExitCode;
  readonly http: number;
  readonly summary: string;
}

export const ERROR_CODES = {
  USAGE: { exit: EXIT_CODES.usage, http: 400, summary: 'Unknown command, flag or bad flag value.' },
  INPUT_INVALID: {
    exit: EXIT_CODES.usage,
    http: 400,
    summary: 'An input file or value is malformed (file, line and column are given).',
  },
  AUDIT_FINDINGS: {
    exit: EXIT_CODES.findings,
    http: 422,
    summary: 'The audit found problems at or above the severity threshold (the report lists them).',
  },
  KUBECONFIG_NOT_FOUND: {
    exit: EXIT_CODES.config,
    http: 500,
    summary: 'No kubeconfig file was found, and Quai is not running inside a cluster.',
  },
  KUBECONFIG_INVALID: {
    exit: EXIT_CODES.config,
    http: 500,
    summary: 'The kubeconfig is malformed or refers to missing contexts, clusters, users or files.',
  },
  CREDENTIALS_FAILED: {
    exit: EXIT_CODES.config,
    http: 500,
    summary: 'A credential plugin (exec) or token file could not give credentials.',
  },
  CLUSTER_UNREACHABLE: {
    exit: EXIT_CODES.unreachable,
    http: 502,
    summary: 'The Kubernetes API server could not be reached (connection refused, DNS, TLS).',
  },
  TIMEOUT: {
    exit: EXIT_CODES.unreachable,
    http: 504,
    summary: 'A request or a wait did not finish in time.',
  },
  UNAUTHORIZED: {
    exit: EXIT_CODES.rejected,
    http: 401,
    summary: 'The API server did not accept the credentials (expired or wrong).',
  },
  FORBIDDEN: {
    exit: EXIT_CODES.rejected,
    http: 403,
    summary: 'RBAC or an admission policy refused the request.',
  },
  NOT_FOUND: { exit: EXIT_CODES.rejected, http: 404, summary: 'The object does not exist.' },
  ALREADY_EXISTS: { exit: EXIT_CODES.rejected, http: 409, summary: 'The object exists already.' },
  CONFLICT: {
    exit: EXIT_CODES.rejected,
    http: 409,
    summary: 'A write conflicted: another field manager owns the fields, or the object changed.',
  },
  INVALID: {
    exit: EXIT_CODES.rejected,
    http: 422,
    summary: "The API server's validation rejected the object.",
  },
  TOO_MANY_REQUESTS: {
    exit: EXIT_CODES.unreachable,
    http: 429,
    summary: 'The API server kept asking to slow down after all retries.',
  },
  SERVER_ERROR: {
    exit: EXIT_CODES.unreachable,
    http: 502,
    summary: 'The API server failed (5xx) after all retries.',
  },
  PREREQUISITE_MISSING: {
    exit: EXIT_CODES.environment,
    http: 500,
    summary: 'A tool Quai needs (Go, openssl, ...) is missing or too old, or disk space is short.',
  },
  DEVCLUSTER_BUILD_FAILED: {
    exit: EXIT_CODES.environment,
    http: 500,
    summary: 'Building the local control plane from Go modules failed.',
  },
  DEVCLUSTER_START_FAILED: {
    exit: EXIT_CODES.failed,
    http: 500,
    summary: 'A component of the local control plane did not start (its log file is named).',
  },
  DEVCLUSTER_NOT_RUNNING: {
    exit: EXIT_CODES.failed,
    http: 503,
    summary: 'The local control plane is not running.',
  },
  ROLLOUT_FAILED: {
    exit: EXIT_CODES.failed,
    http: 500,
    summary:
      'A deployment did not become ready (bad image, crash loop, deadline); the report names the object and its events.',
  },
  PORT_IN_USE: {
    exit: EXIT_CODES.failed,
    http: 500,
    summary: 'A port Quai was asked to use is taken by another process.',
  },
  SCAN_FINDINGS: {
    exit: EXIT_CODES.findings,
    http: 422,
    summary:
      'The image scan found vulnerabilities at or above the severity threshold (the report lists them).',
  },
  VULNDB_LOCKED: {
    exit: EXIT_CODES.failed,
    http: 409,
    summary: 'Another import into the same vulnerability store is running (its process id is given).',
  },
  REGISTRY_UNREACHABLE: {
    exit: EXIT_CODES.unreachable,
    http: 502,
    summary:
      'An image registry could not be reached (connection refused, DNS, TLS), or kept failing after retries.',
  },
  REGISTRY_UNAUTHORIZED: {
    exit: EXIT_CODES.rejected,
    http: 401,
    summary: 'An image registry refused the credentials, or asked for credentials and none were given.',
  },
  IMAGE_NOT_FOUND: {
    exit: EXIT_CODES.rejected,
    http: 404,
    summary: 'The image repository, tag, digest or platform does not exist in the registry or archive.',
  },
  IMAGE_DIGEST_MISMATCH: {
    exit: EXIT_CODES.failed,
    http: 502,
    summary: 'An image manifest or layer does not match its digest (tampered or damaged content).',
  },
  IMAGE_TRUNCATED: {
    exit: EXIT_CODES.failed,
    http: 502,
    summary:
      'An image manifest or layer ended before its announced size (interrupted transfer or damaged file).',
  },
  IMAGE_UNSUPPORTED: {
    exit: EXIT_CODES.usage,
    http: 415,
    summary: 'An image uses a media type or format Quai cannot read (the type is named).',
  },
  IMAGE_TOO_LARGE: {
    exit: EXIT_CODES.usage,
    http: 413,
    summary:
      'An image exceeds a safety limit (uncompressed bytes, tar entries, manifest size): a tar bomb or an absurd size.',
  },
  DATABASE_UNREACHABLE: {
    exit: EXIT_CODES.unreachable,
    http: 502,
    summary: 'A database to dump or restore could not be reached (host, port, socket).',
  },
  DATABASE_REFUSED: {
    exit: EXIT_CODES.rejected,
    http: 403,
    summary:
      'A database refused the dump or restore: wrong password, unknown user or database, missing rights.',
  },
  INTERRUPTED: {
    exit: EXIT_CODES.interrupted,
    http: 499,
    summary: 'Interrupted (Ctrl-C); work done so far was cleaned up or left consistent.',
  },
  INTERNAL: {
    exit: EXIT_CODES.internal,
    http: 500,
    summary: 'A bug in Quai. Please report it with the command and its output.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CODES, value);
}

export function exitCodeFor(code: ErrorCode): ExitCode {
  return ERROR_CODES[code].exit;
}

export function httpStatusFor(code: ErrorCode): number {
  return ERROR_CODES[code].http;
}
