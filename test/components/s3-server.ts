import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import * as devcluster from '@quai/devcluster';
const { freePort } = devcluster;

const VERSION = 'v1.8.0';

/** A real S3-compatible server (Versity Gateway, posix backend) on loopback, for tests. */
export interface S3Server {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly bucket: string;
  stop(): Promise<void>;
}

function binary(): string {
  const cache =
    process.env['QUAI_CACHE_DIR'] || join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'quai');
  return join(cache, 'test-components', `versitygw-${VERSION}`, 'versitygw');
}

/** Builds the server if needed (test/components/build.sh), starts it, creates a bucket. */
export async function startS3Server(): Promise<S3Server> {
  if (!existsSync(binary())) {
    execFileSync('bash', [join(dirname(fileURLToPath(import.meta.url)), 'build.sh')], { stdio: 'inherit' });
  }
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), 'quai-s3-'));
  const accessKeyId = `quai${randomBytes(4).toString('hex')}`;
  const secretAccessKey = randomBytes(16).toString('hex');
  const child: ChildProcess = spawn(
    binary(),
    ['--access', accessKeyId, '--secret', secretAccessKey, '--port', `127.0.0.1:${port}`, 'posix', root],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
  });
  const bucket = 'quai-backups';
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(
          `versitygw did not start on ${endpoint}: ${(error as Error).message}
${stderr}`,
          { cause: error },
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  client.destroy();
  return {
    endpoint,
    accessKeyId,
    secretAccessKey,
    bucket,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
