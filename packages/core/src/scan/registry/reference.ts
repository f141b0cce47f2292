import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';

/*
 * Image references as Docker and the container runtimes read them: `nginx` is
 * docker.io/library/nginx:latest, `gitlab.example.fr:5050/team/app:1.2`, `localhost/app`,
 * `app@sha256:...`, `[::1]:5000/app`. The first path component is a registry host when it holds a
 * dot or a colon, or is `localhost`; else the image is on Docker Hub.
 */

export interface ImageReference {
  /** Registry host as written, with its port (`docker.io` for Docker Hub). */
  readonly registry: string;
  /** Repository path (`library/nginx`). */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

export const DOCKER_HUB = 'docker.io';
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const HOST =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::\d{1,5})?$/;

function bad(ref: string, why: Message): QuaiError {
  return new QuaiError('USAGE', msg('scan.reference.invalid', { ref, why }), {
    hint: msg('scan.reference.invalidHint'),
  });
}

export function parseReference(input: string): ImageReference {
  const ref = input.trim();
  if (ref === '' || ref.length > 4096) throw bad(input, msg('scan.reference.emptyOrLong'));
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw bad(input, msg('scan.reference.notDigest', { digest }));
    if (digest.startsWith('sha256:') && !/^sha256:[a-f0-9]{64}$/.test(digest))
      throw bad(input, msg('scan.reference.sha256Digits'));
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw bad(input, msg('scan.reference.badTag', { tag }));
  }
  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  const first = parts[0]!;
  if (
    parts.length > 1 &&
    (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('['))
  ) {
    if (!HOST.test(first)) throw bad(input, msg('scan.reference.badHost', { host: first }));
    registry = first;
    parts.shift();
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  for (const p of parts) {
    if (!COMPONENT.test(p)) throw bad(input, msg('scan.reference.badComponent', { component: p }));
  }
  const repository = parts.join('/');
  if (repository.length > 255) throw bad(input, msg('scan.reference.repositoryTooLong'));
  return {
    registry,
    repository,
    ...(tag === undefined && digest === undefined ? { tag: 'latest' } : tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

/** The canonical form: `registry/repository[:tag][@digest]`. */
export function formatReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag === undefined ? '' : `:${ref.tag}`}${ref.digest === undefined ? '' : `@${ref.digest}`}`;
}

/** The host the distribution API is served from (Docker Hub serves it from registry-1.docker.io). */
export function apiHost(registry: string): string {
  return registry === DOCKER_HUB ? 'registry-1.docker.io' : registry;
}

/** Whether the registry is on this machine (plain HTTP is then allowed, as Docker does). */
export function isLoopback(registry: string): boolean {
  const host = registry.startsWith('[')
    ? registry.slice(1, registry.indexOf(']'))
    : registry.replace(/:\d+$/, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
