import {
  constants,
  createCipheriv,
  createPublicKey,
  publicEncrypt,
  randomBytes,
  X509Certificate,
} from 'node:crypto';
import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import type { KubeObject } from '../kube/index.js';

/**
 * Sealed Secrets (bitnami-labs/sealed-secrets), strict scope: each value is encrypted for the
 * controller's public key and bound to the Secret's namespace and name, so the rendered folder
 * can be committed to Git and only the cluster's controller can turn it back into a Secret.
 *
 * The format is the controller's hybrid encryption (pkg/crypto HybridEncrypt): a random 32-byte
 * AES-256-GCM session key encrypted with RSA-OAEP (SHA-256, label "namespace/name"), then
 * [2-byte big-endian length of the RSA ciphertext][RSA ciphertext][AES-GCM ciphertext and tag]
 * with a zero nonce (each session key is used once).
 */
export function sealValue(publicKeyPem: string, label: string, plaintext: Buffer): Buffer {
  const sessionKey = randomBytes(32);
  const rsa = publicEncrypt(
    {
      key: publicKeyPem,
      padding: constants.RSA_PKCS1_OAEP_PADDING,
      oaepHash: 'sha256',
      oaepLabel: Buffer.from(label),
    },
    sessionKey,
  );
  const cipher = createCipheriv('aes-256-gcm', sessionKey, Buffer.alloc(12));
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(rsa.length);
  return Buffer.concat([length, rsa, sealed]);
}

/** The public key of the controller's certificate (`kubeseal --fetch-cert`), as PEM. */
export function sealingKey(certificatePem: string, file: string): string {
  try {
    const key = certificatePem.includes('BEGIN CERTIFICATE')
      ? new X509Certificate(certificatePem).publicKey
      : createPublicKey(certificatePem);
    if (key.asymmetricKeyType !== 'rsa')
      throw new Error(`an ${key.asymmetricKeyType ?? 'unknown'} key, not RSA`);
    return key.export({ type: 'spki', format: 'pem' }).toString();
  } catch (error) {
    throw new QuaiError(
      'INPUT_INVALID',
      msg('render.sealKeyUnusable', { file, reason: (error as Error).message }),
      {
        location: { file },
        hint: msg('render.sealKeyUnusableHint'),
      },
    );
  }
}

/** A SealedSecret (bitnami.com/v1alpha1) holding a Secret's values, strict scope. */
export function sealSecret(secret: KubeObject, publicKeyPem: string): KubeObject {
  const name = secret.metadata.name ?? '';
  const namespace = secret.metadata.namespace ?? '';
  const s = secret as KubeObject & {
    stringData?: Record<string, string>;
    data?: Record<string, string>;
    type?: string;
  };
  const values: Record<string, Buffer> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) values[k] = Buffer.from(v, 'base64');
  for (const [k, v] of Object.entries(s.stringData ?? {})) values[k] = Buffer.from(v, 'utf8');
  const encryptedData: Record<string, string> = {};
  for (const k of Object.keys(values).sort())
    encryptedData[k] = sealValue(publicKeyPem, `${namespace}/${name}`, values[k] ?? Buffer.alloc(0)).toString(
      'base64',
    );
  return {
    apiVersion: 'bitnami.com/v1alpha1',
    kind: 'SealedSecret',
    metadata: { name, namespace, ...(secret.metadata.labels ? { labels: secret.metadata.labels } : {}) },
    spec: {
      encryptedData,
      template: {
        metadata: { name, namespace, ...(secret.metadata.labels ? { labels: secret.metadata.labels } : {}) },
        type: s.type ?? 'Opaque',
      },
    },
  };
}
