import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';

/**
 * Cloud-init user data: what the form knows of it (`user`, `password`, `ssh_authorized_keys`),
 * read from and written into the YAML text so every other key, and the comments, stay as they
 * were.
 */
export interface UserDataForm {
  user: string;
  password: string;
  sshAuthorizedKeys: string[];
}

export const CLOUD_CONFIG_HEADER = '#cloud-config';

export type UserDataCheck =
  /** A `#!` script: cloud-init runs it as is; the form cannot show it. */
  | { kind: 'script' }
  /** Cloud-config; `header` tells whether the first line says so (cloud-init needs it). */
  | { kind: 'cloud-config'; header: boolean; otherUsers: boolean }
  | { kind: 'empty' }
  | { kind: 'error'; message: string; line?: number; column?: number };

/** The document as text; a map added under a lone header comment does not get a blank line. */
const print = (doc: Document): string =>
  // A document with no keys left prints as `null`: keep only its comments (the header).
  doc.contents === null || (isMap(doc.contents) && doc.contents.items.length === 0)
    ? `${CLOUD_CONFIG_HEADER}\n`
    : doc.toString().replace(/^(#cloud-config)\n\n/, '$1\n');

const hasHeader = (text: string) => text.split('\n', 1)[0]?.trim() === CLOUD_CONFIG_HEADER;

/** The yaml library's message without its own position suffix and excerpt. */
const shortMessage = (message: string) => message.split(/ at line \d+/)[0]?.trim() ?? message;

/** Is the text usable as user data, and as what? */
export const checkUserData = (text: string): UserDataCheck => {
  if (!text.trim()) return { kind: 'empty' };
  if (text.startsWith('#!')) return { kind: 'script' };
  const doc = parseDocument(text);
  const [error] = doc.errors;
  if (error) {
    const at = error.linePos?.[0];
    return { kind: 'error', message: shortMessage(error.message), line: at?.line, column: at?.col };
  }
  if (doc.contents !== null && !isMap(doc.contents))
    return { kind: 'error', message: 'not-a-mapping' };
  return { kind: 'cloud-config', header: hasHeader(text), otherUsers: doc.has('users') };
};

const stringAt = (doc: Document, key: string): string => {
  const value = doc.get(key);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
};

const keysAt = (doc: Document): string[] => {
  const keys = doc.get('ssh_authorized_keys');
  return isSeq(keys)
    ? keys.items.map((item) => (isScalar(item) ? String(item.value ?? '') : '')).filter(Boolean)
    : [];
};

/** The form's fields of cloud-config text (call after `checkUserData` said cloud-config). */
export const userDataToForm = (text: string): UserDataForm => {
  const doc = parseDocument(text);
  return {
    user: stringAt(doc, 'user'),
    password: stringAt(doc, 'password'),
    sshAuthorizedKeys: keysAt(doc),
  };
};

/**
 * The text with the form's fields written in: empty fields are removed, other keys and comments
 * are kept. New user data starts with `#cloud-config`. A password without `chpasswd` gets
 * `chpasswd: { expire: false }`, or cloud-init would make the user change it at first login.
 */
export const formToUserData = (text: string, form: UserDataForm): string => {
  const doc = parseDocument(text.trim() ? text : `${CLOUD_CONFIG_HEADER}\n`);
  let changed = !text.trim();
  const setOrDelete = (key: string, value: unknown, present: boolean) => {
    changed = true;
    if (present) doc.set(key, doc.createNode(value));
    else doc.delete(key);
  };
  const user = form.user.trim();
  if (user !== stringAt(doc, 'user')) setOrDelete('user', user, !!user);
  if (form.password !== stringAt(doc, 'password')) {
    setOrDelete('password', form.password, !!form.password);
    if (form.password && !doc.has('chpasswd')) doc.set('chpasswd', { expire: false });
  }
  const keys = form.sshAuthorizedKeys.map((key) => key.trim()).filter(Boolean);
  if (JSON.stringify(keys) !== JSON.stringify(keysAt(doc)))
    setOrDelete('ssh_authorized_keys', keys, keys.length > 0);
  // Unchanged fields leave the text exactly as typed (the printer would respace flow lists).
  return changed ? print(doc) : text;
};

/** The SELinux switch RHEL 9 guests need before the guest agent may write authorized keys. */
export const SSH_INJECTION_COMMAND = ['setsebool', '-P', 'virt_qemu_ga_manage_ssh', 'on'];

const toJS = (node: unknown): unknown =>
  node !== null && typeof node === 'object' && 'toJSON' in node
    ? (node as { toJSON(): unknown }).toJSON()
    : node;

const isInjectionCommand = (command: unknown) =>
  (Array.isArray(command) ? command.join(' ') : String(command)).includes(
    'virt_qemu_ga_manage_ssh',
  );

/**
 * Cloud-config text with the `runcmd` entry for dynamic key injection added or removed;
 * undefined when the text is not cloud-config (a script, or broken).
 */
export const withSshInjectionCommand = (text: string, enabled: boolean): string | undefined => {
  const check = checkUserData(text);
  if (check.kind !== 'cloud-config' && check.kind !== 'empty') return undefined;
  const doc = parseDocument(text.trim() ? text : `${CLOUD_CONFIG_HEADER}\n`);
  const runcmd = doc.get('runcmd');
  const items = isSeq(runcmd) ? runcmd.items : [];
  const present = items.some((item) => isInjectionCommand(toJS(item)));
  if (enabled === present) return text;
  if (enabled) {
    if (isSeq(runcmd)) runcmd.add(doc.createNode(SSH_INJECTION_COMMAND));
    else doc.set('runcmd', doc.createNode([SSH_INJECTION_COMMAND]));
  } else if (isSeq(runcmd)) {
    // Removed in place, so the other commands keep their comments and style.
    runcmd.items = items.filter((item) => !isInjectionCommand(toJS(item)));
    if (!runcmd.items.length) doc.delete('runcmd');
  }
  return print(doc);
};
