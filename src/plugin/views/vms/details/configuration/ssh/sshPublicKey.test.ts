import { describe, expect, it } from 'vitest';
import { encodeBase64 } from '../initialRun/base64';
import {
  isSshPublicKey,
  secretHoldsSshKey,
  sshPublicKeyError,
  sshPublicKeyProblem,
  validateSecretName,
} from './sshPublicKey';
import { ED25519_KEY as ED25519, keyBlob as blob } from './sshTestKeys';

const t = (key: string, options?: Record<string, unknown>) =>
  key.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options?.[name]));

describe('SSH public key validation', () => {
  it('accepts the OpenSSH public key types, with or without a comment', () => {
    expect(isSshPublicKey(ED25519)).toBe(true);
    expect(isSshPublicKey(`ssh-rsa ${blob('ssh-rsa')}`)).toBe(true);
    expect(isSshPublicKey(`  ecdsa-sha2-nistp256 ${blob('ecdsa-sha2-nistp256')} a b c \n`)).toBe(
      true,
    );
  });

  it('names what is wrong', () => {
    expect(sshPublicKeyProblem('   ')).toBe('empty');
    expect(sshPublicKeyProblem('-----BEGIN OPENSSH PRIVATE KEY-----\nabc')).toBe('private');
    expect(sshPublicKeyProblem(`${ED25519}\n${ED25519}`)).toBe('several');
    expect(sshPublicKeyProblem(`ssh-foo ${blob('ssh-foo')}`)).toBe('type');
    expect(sshPublicKeyProblem('ssh-ed25519 not*base64')).toBe('encoding');
    // A blob of another type, or a truncated one, is refused.
    expect(sshPublicKeyProblem(`ssh-ed25519 ${blob('ssh-rsa')}`)).toBe('encoding');
    expect(sshPublicKeyProblem('ssh-ed25519 AAAA')).toBe('encoding');
  });

  it('gives a message the user can act on', () => {
    expect(sshPublicKeyError('', t)).toBe('Paste or upload a public key.');
    expect(sshPublicKeyError('-----BEGIN RSA PRIVATE KEY-----', t)).toMatch(/private key/);
    expect(sshPublicKeyError(ED25519, t)).toBeUndefined();
  });

  it('recognises Secrets holding a key in any value', () => {
    expect(secretHoldsSshKey({ data: { key: encodeBase64(ED25519) } })).toBe(true);
    expect(
      secretHoldsSshKey({ data: { other: encodeBase64('x'), pub: encodeBase64(ED25519) } }),
    ).toBe(true);
    expect(secretHoldsSshKey({ data: { password: encodeBase64('hunter2') } })).toBe(false);
    expect(secretHoldsSshKey({})).toBe(false);
  });

  it('validates new Secret names as DNS-1123 labels not taken yet', () => {
    expect(validateSecretName('fedora-ssh-key-ab1cd', ['other'], t)).toBeUndefined();
    expect(validateSecretName('Bad_Name', [], t)).toMatch(/lowercase/);
    expect(validateSecretName('taken', ['taken'], t)).toBe('A Secret named taken already exists.');
  });
});
