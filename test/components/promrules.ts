import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = join(dirname(fileURLToPath(import.meta.url)), 'promrules');

/**
 * The path of promrules, the checker of Prometheus rule files built from Prometheus's own
 * rule-format library (test/components/promrules), built on first use.
 */
export function promrulesBinary(): string {
  const hash = createHash('sha256')
    .update(Buffer.concat(['go.mod', 'go.sum', 'main.go'].map((f) => readFileSync(join(HERE, f)))))
    .digest('hex')
    .slice(0, 12);
  const cache =
    process.env['QUAI_CACHE_DIR'] || join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'quai');
  const binary = join(cache, 'test-components', `promrules-${hash}`, 'promrules');
  if (!existsSync(binary)) execFileSync('bash', [join(HERE, 'build.sh')], { stdio: 'inherit' });
  return binary;
}
