import type { LogLine } from '@quai/contracts';
import type { KubeClient } from '../kube/index.js';

/** Splits `2026-12-05T10:00:00.123456789Z text` (kubectl logs --timestamps) into time and text. */
export function parseLogText(pod: string, container: string, text: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const raw of text.split('\n')) {
    if (raw === '') continue;
    const space = raw.indexOf(' ');
    const at = space > 0 ? raw.slice(0, space) : '';
    const ok = /^\d{4}-\d\d-\d\dT/.test(at);
    lines.push({ pod, container, at: ok ? at : '', text: ok ? raw.slice(space + 1) : raw });
  }
  return lines;
}

/** One container's log: the last `tailLines`, or what came after `sinceTime`. */
export async function readLog(
  client: KubeClient,
  namespace: string,
  pod: string,
  container: string,
  options: { tailLines?: number; sinceTime?: string; signal: AbortSignal },
): Promise<LogLine[]> {
  const text = await client.request<string>({
    path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`,
    query: {
      container,
      timestamps: true,
      ...(options.tailLines === undefined ? {} : { tailLines: options.tailLines }),
      ...(options.sinceTime === undefined ? {} : { sinceTime: options.sinceTime }),
      limitBytes: 4 * 1024 * 1024,
    },
    signal: options.signal,
  });
  return parseLogText(pod, container, typeof text === 'string' ? text : JSON.stringify(text));
}

/**
 * Newer lines than `last` (nanosecond timestamps sort as strings when they have the same form);
 * the API server's sinceTime has whole seconds, so the lines of that second come again.
 */
export function newerThan(lines: readonly LogLine[], last: string | undefined): LogLine[] {
  return last === undefined ? [...lines] : lines.filter((l) => l.at > last);
}
