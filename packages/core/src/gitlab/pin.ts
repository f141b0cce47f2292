import { isMap, isScalar, parseDocument } from 'yaml';
import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';

/** A digest reference: `registry/path@sha256:<64 hex>` (optionally with a tag before the digest). */
const DIGEST_REF =
  /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)+(?::[\w][\w.-]{0,127})?@sha256:[a-f0-9]{64}$/;

/**
 * Sets `spec.components.<component>.image` of an app spec to an image by digest, in the YAML text
 * (comments, order and quoting of the rest kept). Returns the new text and what changed.
 */
export function pinImage(
  text: string,
  file: string,
  image: string,
  component: string | undefined,
): { text: string; component: string; previous: string } {
  if (!DIGEST_REF.test(image))
    throw new QuaiError('USAGE', msg('gitlab.pin.notDigest', { image }), {
      hint: msg('gitlab.pin.notDigestHint'),
    });
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const [line, col] = e.linePos?.[0] ? [e.linePos[0].line, e.linePos[0].col] : [1, 1];
    throw new QuaiError(
      'INPUT_INVALID',
      msg('gitlab.pin.badYaml', { file, line, col, error: e.message.split('\n')[0] ?? '' }),
    );
  }
  const components = doc.getIn(['spec', 'components'], true);
  if (!isMap(components))
    throw new QuaiError('INPUT_INVALID', msg('gitlab.pin.noComponents', { file }), {
      hint: msg('gitlab.pin.noComponentsHint'),
    });
  const names = components.items.map((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)));
  let name = component;
  if (name === undefined) {
    if (names.length !== 1)
      throw new QuaiError('USAGE', msg('gitlab.pin.whichComponent', { file, components: names.join(', ') }), {
        hint: msg('gitlab.pin.whichComponentHint'),
      });
    name = names[0]!;
  } else if (!names.includes(name)) {
    throw new QuaiError(
      'USAGE',
      msg('gitlab.pin.unknownComponent', { file, component: name, components: names.join(', ') }),
    );
  }
  const node = doc.getIn(['spec', 'components', name, 'image'], true);
  const previous = isScalar(node) ? String(node.value) : '';
  if (isScalar(node)) node.value = image;
  else doc.setIn(['spec', 'components', name, 'image'], image);
  return { text: doc.toString({ lineWidth: 0 }), component: name, previous };
}
