// Issue 12, items 9 and 10 (onboarding inputs): host files outside the project are never read into
// the app, and every read is bounded by bytes, whatever the source claims. The hostile inputs are
// generated here; each test reproduced the attack before the fix.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { t } from '@quai/contracts';
import { model, onboard, QuaiError } from '../src/index.js';

const MARKER = 'host-secret-marker-7f3a';

/** A project folder inside a parent that also holds a file the project must never read. */
function layout(compose: string, files: Record<string, string> = {}): { parent: string; dir: string } {
  const parent = mkdtempSync(join(tmpdir(), 'quai-hostile-'));
  const dir = join(parent, 'project');
  mkdirSync(dir);
  writeFileSync(join(parent, 'outside.txt'), MARKER);
  writeFileSync(join(parent, 'outside.env'), `LEAK=${MARKER}\n`);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  writeFileSync(join(dir, 'compose.yaml'), compose);
  return { parent, dir };
}

async function importOf(dir: string, allowRead: string[] = []) {
  const project = await onboard.loadCompose({
    files: [join(dir, 'compose.yaml')],
    projectName: 'demo',
    allowRead,
  });
  return onboard.convertCompose(project);
}

function leaks(r: onboard.ImportResult): boolean {
  return JSON.stringify([r.spec, r.secretValues, r.report]).includes(MARKER);
}

async function failure(p: Promise<unknown>): Promise<QuaiError> {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(QuaiError);
  return e as QuaiError;
}

describe('onboarding never reads host files from outside the project folder', () => {
  it('refuses a bind mount of ../outside.txt, with its path', async () => {
    const { dir } = layout(
      'services:\n  app:\n    image: app:1\n    volumes: ["../outside.txt:/etc/app/outside.txt"]\n',
    );
    const r = await importOf(dir);
    expect(leaks(r)).toBe(false);
    const e = r.report.entries.find((x) => x.key === 'services.app.volumes[0]');
    expect(e?.status).toBe('refused');
    expect(e === undefined ? '' : t('en', e.detail)).toContain('../outside.txt');
  });

  it('refuses a symbolic link in the project that points outside it', async () => {
    const { parent, dir } = layout(
      'services:\n  app:\n    image: app:1\n    volumes: ["./link.conf:/etc/app/app.conf"]\n',
    );
    symlinkSync(join(parent, 'outside.txt'), join(dir, 'link.conf'));
    const r = await importOf(dir);
    expect(leaks(r)).toBe(false);
    expect(r.report.entries.find((x) => x.key === 'services.app.volumes[0]')?.status).toBe('refused');
  });

  it('refuses ../../../../etc/hostname, which a literal /etc path check would miss', async () => {
    const { dir } = layout(
      'services:\n  app:\n    image: app:1\n    volumes: ["../../../../../../../../etc/hostname:/etc/hostname"]\n',
    );
    const r = await importOf(dir);
    expect(r.report.entries.find((x) => x.key === 'services.app.volumes[0]')?.status).toBe('refused');
    expect(JSON.stringify(r.spec)).not.toMatch(/content: "[^"]+"/);
    for (const f of r.spec.spec.components['app']?.configFiles ?? [])
      expect('content' in f ? f.content : '').toBe('');
  });

  it('refuses configs.*.file and secrets.*.file outside the project, and env_file too', async () => {
    for (const compose of [
      'services:\n  app: { image: "app:1", configs: [c] }\nconfigs:\n  c: { file: ../../../../../../../etc/os-release }\n',
      'services:\n  app: { image: "app:1", secrets: [s] }\nsecrets:\n  s: { file: /etc/passwd }\n',
      'services:\n  app: { image: "app:1", env_file: ../outside.env }\n',
    ]) {
      const { dir } = layout(compose);
      const e = await failure(importOf(dir));
      expect(e.code).toBe('INPUT_INVALID');
      expect(e.message).toMatch(/outside the project folder/);
      expect(e.message).not.toContain(MARKER);
    }
  });

  it('reads such a file when the user allows its folder with --allow-read', async () => {
    const { parent, dir } = layout(
      'services:\n  app:\n    image: app:1\n    volumes: ["../outside.txt:/etc/app/outside.txt"]\n',
    );
    const r = await importOf(dir, [parent]);
    expect(r.spec.spec.components['app']?.configFiles).toEqual([
      { path: '/etc/app/outside.txt', content: MARKER },
    ]);
  });

  it('refuses fromFile: ../../etc/passwd in an app spec, and a link out of its folder', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'quai-hostile-spec-'));
    const dir = join(parent, 'apps', 'demo');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(parent, 'outside.txt'), MARKER);
    symlinkSync(join(parent, 'outside.txt'), join(dir, 'link.conf'));
    for (const from of ['../../../../../../../../etc/passwd', '../../outside.txt', 'link.conf']) {
      const spec = `apiVersion: quai.dev/v1alpha1
kind: App
metadata: { name: demo }
spec:
  components:
    web:
      image: web:1.0
      configFiles: [{ path: /etc/x.conf, fromFile: ${from} }]
`;
      const e = await failure(model.parseAppSpec(spec, join(dir, 'app.yaml')));
      expect(e.message, from).toMatch(/outside the project folder/);
      expect(e.message).not.toContain(MARKER);
    }
    const allowed = await model.parseAppSpec(
      `apiVersion: quai.dev/v1alpha1
kind: App
metadata: { name: demo }
spec:
  components:
    web: { image: "web:1.0", configFiles: [{ path: /etc/x.conf, fromFile: ../../outside.txt }] }
`,
      join(dir, 'app.yaml'),
      { allowRead: [parent] },
    );
    expect(allowed.value.spec.components['web']?.configFiles?.[0]?.content).toBe(MARKER);
  });
});

describe('every onboarding read is bounded by bytes, not by what the source claims', () => {
  it('stops reading a pipe at the limit (the size on disk of a pipe says nothing)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-pipe-'));
    const fifo = join(dir, 'compose.fifo');
    await new Promise<void>((resolve, reject) =>
      spawn('mkfifo', [fifo]).on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error('mkfifo failed')),
      ),
    );
    // A writer that would send 64 MiB, far over the 4 MiB limit.
    const writer = spawn('sh', ['-c', `head -c 67108864 /dev/zero | tr '\\0' a > ${fifo}`]);
    const started = Date.now();
    const before = process.memoryUsage().rss;
    const e = await failure(model.readInput(fifo, 'compose file'));
    writer.kill('SIGKILL');
    expect(e.message).toMatch(/over the 4096 KiB limit/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('stops a read when the command is interrupted, even if the writer never finishes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-slow-'));
    const fifo = join(dir, 'slow.fifo');
    await new Promise<void>((resolve) => spawn('mkfifo', [fifo]).on('exit', () => resolve()));
    const writer = spawn('sh', ['-c', `while true; do echo "services:" ; sleep 0.2; done > ${fifo}`]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('SIGTERM')), 500);
    const e = await failure(model.readInput(fifo, 'compose file', undefined, { signal: controller.signal }));
    writer.kill('SIGKILL');
    expect(e.code).toBe('INTERRUPTED');
  });

  it('refuses a compose file with more services than any real project has', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-many-'));
    const services = Array.from(
      { length: onboard.MAX_SERVICES + 1 },
      (_, i) => `  s${i}: { image: "x:1" }`,
    ).join('\n');
    writeFileSync(join(dir, 'compose.yaml'), `services:\n${services}\n`);
    const e = await failure(onboard.loadCompose({ files: [join(dir, 'compose.yaml')] }));
    expect(e.message).toMatch(/over the limit of 1000/);
  });

  it('never reads a FIFO or device mounted as a config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-fifo-mount-'));
    await new Promise<void>((resolve) =>
      spawn('mkfifo', [join(dir, 'app.conf')]).on('exit', () => resolve()),
    );
    writeFileSync(
      join(dir, 'compose.yaml'),
      'services:\n  app:\n    image: app:1\n    volumes: ["./app.conf:/etc/app.conf"]\n',
    );
    const r = await importOf(dir);
    expect(r.report.entries.find((x) => x.key === 'services.app.volumes[0]')?.status).toBe('refused');
  });
});
