import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkUserData, formToUserData, userDataToForm, withSshInjectionCommand } from './userData';

const TEMPLATE = `#cloud-config
# set by the template
user: fedora
password: xtg8-ly36-swy # change me
chpasswd: { expire: False }
runcmd:
  - [systemctl, enable, --now, qemu-guest-agent]
write_files:
  - path: /etc/motd
    content: hello
`;

describe('checkUserData', () => {
  it('tells cloud-config, scripts and empty text apart', () => {
    expect(checkUserData(TEMPLATE)).toEqual({
      kind: 'cloud-config',
      header: true,
      otherUsers: false,
    });
    expect(checkUserData('user: fedora\n')).toMatchObject({ kind: 'cloud-config', header: false });
    expect(checkUserData('#cloud-config\nusers:\n  - name: ops\n')).toMatchObject({
      otherUsers: true,
    });
    expect(checkUserData('#!/bin/bash\necho hi: [\n')).toEqual({ kind: 'script' });
    expect(checkUserData('  \n')).toEqual({ kind: 'empty' });
    expect(checkUserData('#cloud-config\n')).toMatchObject({ kind: 'cloud-config', header: true });
  });

  it('reports a YAML syntax error with its line and column', () => {
    expect(checkUserData('#cloud-config\nuser: fedora\npassword: [a\n  b: c\n')).toMatchObject({
      kind: 'error',
      line: 3,
      column: 12,
    });
    const { message } = checkUserData('a: b\n  c: d\n') as { message: string };
    expect(message).not.toMatch(/at line/);
  });

  it('refuses YAML that is not a mapping', () => {
    expect(checkUserData('#cloud-config\n- user\n- fedora\n')).toEqual({
      kind: 'error',
      message: 'not-a-mapping',
    });
  });
});

describe('user data form', () => {
  it('reads the fields it knows', () => {
    expect(userDataToForm(TEMPLATE)).toEqual({
      user: 'fedora',
      password: 'xtg8-ly36-swy',
      sshAuthorizedKeys: [],
    });
    expect(
      userDataToForm('ssh_authorized_keys:\n  - ssh-ed25519 AAA a\n  - ssh-rsa BBB\n'),
    ).toMatchObject({ sshAuthorizedKeys: ['ssh-ed25519 AAA a', 'ssh-rsa BBB'] });
  });

  it('writes the fields back, keeping unknown keys and comments', () => {
    const text = formToUserData(TEMPLATE, {
      user: 'cloud-user',
      password: 'xtg8-ly36-swy',
      sshAuthorizedKeys: ['ssh-ed25519 AAA me@laptop', ' '],
    });
    expect(text.startsWith('#cloud-config\n# set by the template\n')).toBe(true);
    expect(text).toContain('password: xtg8-ly36-swy # change me');
    expect(parse(text)).toEqual({
      user: 'cloud-user',
      password: 'xtg8-ly36-swy',
      chpasswd: { expire: false },
      runcmd: [['systemctl', 'enable', '--now', 'qemu-guest-agent']],
      write_files: [{ path: '/etc/motd', content: 'hello' }],
      ssh_authorized_keys: ['ssh-ed25519 AAA me@laptop'],
    });
  });

  it('round-trips: form ⇄ YAML gives the same fields and leaves untouched text alone', () => {
    const form = userDataToForm(TEMPLATE);
    expect(formToUserData(TEMPLATE, form)).toBe(TEMPLATE);
    expect(userDataToForm(formToUserData(TEMPLATE, { ...form, user: 'admin' }))).toEqual({
      ...form,
      user: 'admin',
    });
  });

  it('removes emptied fields and starts new user data with the header', () => {
    const cleared = formToUserData(TEMPLATE, { user: '', password: '', sshAuthorizedKeys: [] });
    expect(parse(cleared)).not.toHaveProperty('user');
    expect(parse(cleared)).not.toHaveProperty('password');
    const fresh = formToUserData('', {
      user: 'cloud-user',
      password: 's3cret',
      sshAuthorizedKeys: [],
    });
    expect(fresh.split('\n')[0]).toBe('#cloud-config');
    expect(parse(fresh)).toEqual({
      user: 'cloud-user',
      password: 's3cret',
      chpasswd: { expire: false },
    });
  });

  it('quotes values YAML would misread', () => {
    const text = formToUserData('', { user: 'yes', password: '123: #x', sshAuthorizedKeys: [] });
    expect(parse(text)).toMatchObject({ user: 'yes', password: '123: #x' });
  });
});

describe('dynamic key injection command', () => {
  it('adds the SELinux command to runcmd once, and removes only it', () => {
    const on = withSshInjectionCommand(TEMPLATE, true) as string;
    expect(parse(on).runcmd).toEqual([
      ['systemctl', 'enable', '--now', 'qemu-guest-agent'],
      ['setsebool', '-P', 'virt_qemu_ga_manage_ssh', 'on'],
    ]);
    expect(withSshInjectionCommand(on, true)).toBe(on);
    const off = withSshInjectionCommand(on, false) as string;
    expect(parse(off).runcmd).toEqual([['systemctl', 'enable', '--now', 'qemu-guest-agent']]);
    expect(off).toContain('# set by the template');
  });

  it('creates and drops runcmd as needed, and leaves scripts alone', () => {
    const on = withSshInjectionCommand('#cloud-config\nuser: fedora\n', true) as string;
    expect(parse(on)).toEqual({
      user: 'fedora',
      runcmd: [['setsebool', '-P', 'virt_qemu_ga_manage_ssh', 'on']],
    });
    expect(parse(withSshInjectionCommand(on, false) as string)).toEqual({ user: 'fedora' });
    expect(withSshInjectionCommand('#!/bin/sh\ntrue\n', true)).toBeUndefined();
  });
});

describe('formToUserData with nothing in the form', () => {
  it('gives the bare header, which is valid cloud-config, not `null`', () => {
    const text = formToUserData('', { user: '', password: '', sshAuthorizedKeys: [] });
    expect(text).toBe('#cloud-config\n');
    expect(checkUserData(text).kind).toBe('cloud-config');
    expect(
      formToUserData('#cloud-config\nuser: a\n', { user: '', password: '', sshAuthorizedKeys: [] }),
    ).toBe('#cloud-config\n');
  });
});
