import type { Secret } from '../../../../../api/types';
import type { Translate } from '../../../actions/vmActionModel';
import { validateResourceName } from '../../../actions/nameValidation';
import { decodeBase64 } from '../initialRun/base64';

/** The key types OpenSSH writes in a `.pub` file. */
export const SSH_KEY_TYPES = [
  'ssh-rsa',
  'ssh-dss',
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
] as const;

export type SshKeyProblem = 'empty' | 'private' | 'several' | 'type' | 'encoding';

/** The key's blob starts with its own type, length-prefixed: a pasted half of a key fails here. */
const blobNamesType = (blob: string, type: string): boolean => {
  let binary: string;
  try {
    binary = atob(blob);
  } catch {
    return false;
  }
  if (binary.length < 4 + type.length) return false;
  const length =
    ((binary.charCodeAt(0) << 24) |
      (binary.charCodeAt(1) << 16) |
      (binary.charCodeAt(2) << 8) |
      binary.charCodeAt(3)) >>>
    0;
  return length === type.length && binary.slice(4, 4 + length) === type;
};

/** What is wrong with a public key as pasted (`TYPE BASE64 [comment]`, one line), if anything. */
export const sshPublicKeyProblem = (text: string): SshKeyProblem | undefined => {
  const key = text.trim();
  if (!key) return 'empty';
  if (/PRIVATE KEY/.test(key)) return 'private';
  if (/[\r\n]/.test(key)) return 'several';
  const [type = '', blob = ''] = key.split(/\s+/);
  if (!(SSH_KEY_TYPES as readonly string[]).includes(type)) return 'type';
  if (!/^[A-Za-z0-9+/]+={0,3}$/.test(blob) || !blobNamesType(blob, type)) return 'encoding';
  return undefined;
};

export const isSshPublicKey = (text: string): boolean => sshPublicKeyProblem(text) === undefined;

/** The message for a key that cannot be used, or undefined when it can. */
export const sshPublicKeyError = (text: string, t: Translate): string | undefined => {
  switch (sshPublicKeyProblem(text)) {
    case 'empty':
      return t('Paste or upload a public key.');
    case 'private':
      return t('This is a private key. Use the public key (the .pub file) instead.');
    case 'several':
      return t('Paste one public key, on one line.');
    case 'type':
      return t(
        'A public key starts with its type: ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521 or an sk- type.',
      );
    case 'encoding':
      return t('The key after its type is not a valid base64 key of that type.');
    default:
      return undefined;
  }
};

/** Does the Secret hold a public key in one of its values (KubeVirt reads every value)? */
export const secretHoldsSshKey = (secret: Secret): boolean =>
  Object.values(secret.data ?? {}).some((value) => {
    const text = decodeBase64(value);
    return text !== undefined && isSshPublicKey(text);
  });

/** A name for a new key Secret: a DNS-1123 label no other Secret of the project has. */
export const validateSecretName = (
  name: string,
  existing: readonly string[],
  t: Translate,
): string | undefined =>
  validateResourceName(name, t) ??
  (existing.includes(name) ? t('A Secret named {{name}} already exists.', { name }) : undefined);
