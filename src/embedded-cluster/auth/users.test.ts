import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ConfiguredUser,
  authenticate,
  authenticateToken,
  generateToken,
  loadOrCreateUsers,
  tokenFromWebSocketProtocols,
} from './users';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'auth-users-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadOrCreateUsers', () => {
  it('creates admin and developer with random url-safe tokens in a private file', async () => {
    const dataDir = path.join(dir, 'data');
    const users = await loadOrCreateUsers(dataDir);
    expect(users.map((u) => u.username)).toEqual(['admin', 'developer']);
    for (const user of users) {
      expect(user.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(user.uid).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(new Set(users.map((u) => u.token)).size).toBe(2);
    const file = path.join(dataDir, 'users.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ users });
    // Written through a temporary file that is renamed into place: nothing else is left.
    expect(await readdir(dataDir)).toEqual(['users.json']);
  });

  it('reuses the stored tokens on later starts', async () => {
    const first = await loadOrCreateUsers(dir);
    const second = await loadOrCreateUsers(dir);
    expect(second).toEqual(first);
  });

  it('keeps users added to the file by hand', async () => {
    const alice: ConfiguredUser = {
      username: 'alice',
      uid: 'u1',
      groups: ['vm-team'],
      token: 'a'.repeat(32),
    };
    await writeFile(path.join(dir, 'users.json'), JSON.stringify({ users: [alice] }), {
      mode: 0o600,
    });
    expect(await loadOrCreateUsers(dir)).toEqual([alice]);
  });

  it('tightens a file someone made readable to others', async () => {
    const file = path.join(dir, 'users.json');
    await writeFile(file, JSON.stringify({ users: [] }), { mode: 0o644 });
    await loadOrCreateUsers(dir);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged file rather than replacing everyone’s tokens', async () => {
    const file = path.join(dir, 'users.json');
    await writeFile(file, '{"users": [', { mode: 0o600 });
    await expect(loadOrCreateUsers(dir)).rejects.toThrow(/not valid JSON/);
    await writeFile(file, JSON.stringify({ users: [{ username: 'x' }] }), { mode: 0o600 });
    await expect(loadOrCreateUsers(dir)).rejects.toThrow(/must be/);
    expect(await readFile(file, 'utf8')).toContain('"x"');
  });
});

describe('authenticate', () => {
  const adminToken = generateToken();
  const developerToken = generateToken();
  const users: ConfiguredUser[] = [
    { username: 'admin', uid: 'uid-admin', groups: [], token: adminToken },
    {
      username: 'developer',
      uid: 'uid-dev',
      groups: ['vm-team', 'system:authenticated'],
      token: developerToken,
    },
  ];

  it('maps a bearer token to its user, always in system:authenticated', () => {
    expect(authenticate(`Bearer ${adminToken}`, users)).toEqual({
      username: 'admin',
      uid: 'uid-admin',
      groups: ['system:authenticated'],
    });
    expect(authenticate(`bearer ${developerToken}`, users)).toEqual({
      username: 'developer',
      uid: 'uid-dev',
      groups: ['vm-team', 'system:authenticated'],
    });
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['an unknown token', 'Bearer not-a-real-token'],
    ['another scheme', 'Basic YWRtaW46YWRtaW4='],
    ['a scheme without token', 'Bearer '],
    ['a token with a prefix of a real one', 'Bearer x'],
  ])('answers undefined (401) for %s', (_, header) => {
    expect(authenticate(header, users)).toBeUndefined();
  });

  it('does not accept a truncated token', () => {
    expect(authenticateToken(adminToken.slice(0, -1), users)).toBeUndefined();
  });
});

describe('tokenFromWebSocketProtocols', () => {
  it('reads the token kubectl and the console put in Sec-WebSocket-Protocol', () => {
    const encoded = Buffer.from('secret-token').toString('base64url');
    expect(
      tokenFromWebSocketProtocols(
        `plain.kubevirt.io, base64url.bearer.authorization.k8s.io.${encoded}`,
      ),
    ).toBe('secret-token');
    expect(tokenFromWebSocketProtocols('plain.kubevirt.io')).toBeUndefined();
    expect(tokenFromWebSocketProtocols(undefined)).toBeUndefined();
  });
});
