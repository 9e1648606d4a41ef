// Configured users and bearer-token authentication. Tokens are generated on first start and
// kept in `<dataDir>/users.json` (mode 0600) so sessions, kubeconfigs and scripts keep working
// across restarts; the file is the list of users from then on.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type UserInfo } from '../types';
import { AUTHENTICATED_GROUP } from './serviceAccounts';

export interface ConfiguredUser {
  username: string;
  uid: string;
  groups: string[];
  token: string;
}

export const ADMIN_USER = 'admin';
export const DEVELOPER_USER = 'developer';
export const USERS_FILE = 'users.json';

interface UsersFile {
  users: ConfiguredUser[];
}

/** 256 random bits, URL-safe so the token goes into headers, URLs and kubeconfigs unescaped. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

function defaultUsers(): ConfiguredUser[] {
  return [ADMIN_USER, DEVELOPER_USER].map((username) => ({
    username,
    uid: randomUUID(),
    groups: [],
    token: generateToken(),
  }));
}

function parseUsers(text: string, file: string): ConfiguredUser[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}); fix or remove it`);
  }
  const users = (data as Partial<UsersFile> | null)?.users;
  const valid =
    Array.isArray(users) &&
    users.every(
      (u: Partial<ConfiguredUser>) =>
        typeof u.username === 'string' &&
        u.username !== '' &&
        typeof u.uid === 'string' &&
        typeof u.token === 'string' &&
        u.token.length >= 16 &&
        Array.isArray(u.groups) &&
        u.groups.every((g) => typeof g === 'string'),
    );
  // Refuse rather than regenerate: new tokens would silently lock every client out.
  if (!valid) throw new Error(`${file} must be {"users":[{username, uid, groups, token}]}`);
  return users as ConfiguredUser[];
}

/** Write-then-rename in the same directory, so a crash leaves the old file or the new one. */
async function writeAtomically(file: string, content: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // Make the rename itself durable; some file systems refuse to fsync a directory.
  const dir = await open(path.dirname(file), 'r').catch(() => undefined);
  await dir?.sync().catch(() => undefined);
  await dir?.close();
}

/** Users from `<dataDir>/users.json`, created with fresh tokens for admin and developer. */
export async function loadOrCreateUsers(dataDir: string): Promise<ConfiguredUser[]> {
  const file = path.join(dataDir, USERS_FILE);
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== undefined) {
    // The file holds credentials: keep it private even if someone loosened it.
    if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
    return parseUsers(text, file);
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const users = defaultUsers();
  await writeAtomically(file, `${JSON.stringify({ users } satisfies UsersFile, null, 2)}\n`);
  return users;
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** The user a bearer token belongs to. Compares digests in constant time, whatever the length. */
export function authenticateToken(
  token: string,
  users: readonly ConfiguredUser[],
): UserInfo | undefined {
  if (!token) return undefined;
  const presented = digest(token);
  let found: ConfiguredUser | undefined;
  for (const user of users) {
    if (timingSafeEqual(presented, digest(user.token)) && !found) found = user;
  }
  if (!found) return undefined;
  return {
    username: found.username,
    uid: found.uid,
    groups: [...new Set([...found.groups, AUTHENTICATED_GROUP])],
  };
}

/**
 * The caller of a request with this `Authorization` header. Only `Bearer` is accepted (as
 * kube-apiserver does, the scheme is case-insensitive). No header, another scheme or an unknown
 * token all give undefined: anonymous access is off, so the API answers 401.
 */
export function authenticate(
  header: string | undefined,
  users: readonly ConfiguredUser[],
): UserInfo | undefined {
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ? authenticateToken(match[1], users) : undefined;
}

const WEBSOCKET_TOKEN_PREFIX = 'base64url.bearer.authorization.k8s.io.';

/**
 * Browsers cannot set headers on a WebSocket, so Kubernetes also takes the token as a
 * subprotocol `base64url.bearer.authorization.k8s.io.<base64url(token)>`. Returns the token.
 */
export function tokenFromWebSocketProtocols(protocols: string | undefined): string | undefined {
  for (const protocol of (protocols ?? '').split(',')) {
    const trimmed = protocol.trim();
    if (!trimmed.startsWith(WEBSOCKET_TOKEN_PREFIX)) continue;
    const token = Buffer.from(trimmed.slice(WEBSOCKET_TOKEN_PREFIX.length), 'base64url').toString();
    return token || undefined;
  }
  return undefined;
}
