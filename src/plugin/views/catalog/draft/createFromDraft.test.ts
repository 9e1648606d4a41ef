// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { errorMessage } from '../../../api/bff';
import { fakeBFF, type FakeAnswer, type FakeCall } from '../../../api/testKit';
import { fieldErrorOf } from '../../vms/details/configuration/editor/fieldErrors';
import { PROJECT_SSH_KEYS } from '../../vms/details/configuration/ssh/projectSshKey';
import { ED25519_KEY } from '../../vms/details/configuration/ssh/sshTestKeys';
import { createFromDraft, type CreationStep } from './createFromDraft';
import { bootableVolume, U1_MEDIUM, vmDetails, windowsVolume } from './draftFixtures';
import { instanceTypeDraft } from './instanceTypeDraft';
import type { VmDraft } from './vmDraft';

const NS = 'developer-vms';
const NAME = 'fedora-silver-fox-12';
const VMS = `k8s/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines`;
const SECRETS = `k8s/api/v1/namespaces/${NS}/secrets`;
const CONFIGMAPS = `k8s/api/v1/namespaces/${NS}/configmaps`;

const status = (code: number, reason: string, message: string): FakeAnswer => ({
  status: code,
  body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message },
});

/** The API server: 404 for a GET of the VM, and what was POSTed back with a uid. */
let answer: (call: FakeCall) => FakeAnswer | undefined;
const echo = (call: FakeCall): FakeAnswer => {
  if (call.method === 'GET') return status(404, 'NotFound', 'not found');
  const body = call.body as { metadata?: object };
  if (call.method === 'POST')
    return { status: 201, body: { ...body, metadata: { ...body.metadata, uid: 'uid-1' } } };
  return { body: {} };
};
let bff: ReturnType<typeof fakeBFF>;
const requests = () => bff.calls.map((call) => `${call.method} ${call.path}`);

const withNewKey = (applyToProject: boolean): VmDraft =>
  instanceTypeDraft(
    bootableVolume(),
    U1_MEDIUM,
    vmDetails({
      sshKey: { kind: 'new', secretName: 'fox-key', publicKey: ED25519_KEY, applyToProject },
    }),
  );

beforeEach(() => {
  window.localStorage.clear();
  answer = echo;
  bff = fakeBFF((call) => answer(call));
  vi.stubGlobal('fetch', bff.fetch);
});

describe('createFromDraft', () => {
  it('checks the name, creates the Secret, then the VM, then makes the VM own the Secret', async () => {
    const steps: CreationStep[] = [];
    const vm = await createFromDraft(withNewKey(false), { onStep: (step) => steps.push(step) });

    expect(vm.metadata?.uid).toBe('uid-1');
    expect(requests()).toEqual([
      `GET ${VMS}/${NAME}`,
      `POST ${SECRETS}`,
      `POST ${VMS}`,
      `PATCH ${SECRETS}/fox-key`,
    ]);
    expect(bff.calls[1]?.body).toMatchObject({
      kind: 'Secret',
      metadata: { name: 'fox-key' },
      stringData: { key: ED25519_KEY },
    });
    expect(bff.calls[2]?.body).toMatchObject({ kind: 'VirtualMachine', metadata: { name: NAME } });
    expect(bff.calls[3]?.headers.get('Content-Type')).toBe('application/json-patch+json');
    expect(bff.calls[3]?.body).toEqual([
      {
        op: 'add',
        path: '/metadata/ownerReferences',
        value: [{ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', name: NAME, uid: 'uid-1' }],
      },
    ]);
    expect(steps).toEqual([
      { step: 'check-name', name: NAME },
      { step: 'create', kind: 'Secret', name: 'fox-key' },
      { step: 'create', kind: 'VirtualMachine', name: NAME },
      { step: 'link', name: NAME },
    ]);
    expect(window.localStorage.getItem(PROJECT_SSH_KEYS)).toBeNull();
  });

  it('remembers a key applied to the project, and leaves that Secret unowned', async () => {
    await createFromDraft(withNewKey(true));
    expect(requests()).toEqual([`GET ${VMS}/${NAME}`, `POST ${SECRETS}`, `POST ${VMS}`]);
    expect(JSON.parse(window.localStorage.getItem(PROJECT_SSH_KEYS)!)).toEqual({ [NS]: 'fox-key' });
  });

  it('refuses a taken name at the name field, creating nothing', async () => {
    answer = (call) =>
      call.method === 'GET' ? { body: { metadata: { name: NAME } } } : echo(call);
    const error = await createFromDraft(withNewKey(true)).catch((e: unknown) => e);

    expect(requests()).toEqual([`GET ${VMS}/${NAME}`]);
    expect((error as { code: number }).code).toBe(409);
    expect(errorMessage(error)).toBe(`VirtualMachine "${NAME}" already exists`);
    expect(fieldErrorOf(error, 'metadata.name')).toBe(`VirtualMachine "${NAME}" already exists`);
    expect(window.localStorage.getItem(PROJECT_SSH_KEYS)).toBeNull();
  });

  it("deletes the Secret again when the VM is refused, and passes the server's Status on", async () => {
    answer = (call) =>
      call.method === 'POST' && call.path === VMS
        ? status(
            422,
            'Invalid',
            'admission webhook "virtualmachine-validator.kubevirt.io" denied the request: spec.instancetype: not found',
          )
        : echo(call);
    const error = await createFromDraft(withNewKey(true)).catch((e: unknown) => e);

    expect(requests()).toEqual([
      `GET ${VMS}/${NAME}`,
      `POST ${SECRETS}`,
      `POST ${VMS}`,
      `DELETE ${SECRETS}/fox-key`,
    ]);
    expect((error as { code: number }).code).toBe(422);
    expect(errorMessage(error)).toMatch(/denied the request: spec.instancetype: not found/);
    expect(window.localStorage.getItem(PROJECT_SSH_KEYS)).toBeNull();
  });

  it('rethrows the refusal even when the clean-up is refused too', async () => {
    answer = (call) =>
      call.method === 'POST' && call.path === VMS
        ? status(403, 'Forbidden', 'virtualmachines.kubevirt.io is forbidden')
        : call.method === 'DELETE'
          ? status(403, 'Forbidden', 'secrets "fox-key" is forbidden')
          : echo(call);
    const error = await createFromDraft(withNewKey(false)).catch((e: unknown) => e);
    expect(errorMessage(error)).toBe('virtualmachines.kubevirt.io is forbidden');
  });

  it('stops at a refused prerequisite and deletes the ones before it', async () => {
    const draft = instanceTypeDraft(
      windowsVolume(),
      U1_MEDIUM,
      vmDetails({ sysprep: { kind: 'new', unattend: '<u/>' } }),
    );
    // A second prerequisite, as other flows may have: the ConfigMap is created, then the Secret clashes.
    draft.prerequisites.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'taken', namespace: NS },
    });
    answer = (call) =>
      call.method === 'POST' && call.path === SECRETS
        ? status(409, 'AlreadyExists', 'secrets "taken" already exists')
        : echo(call);
    const error = await createFromDraft(draft).catch((e: unknown) => e);

    expect(requests()).toEqual([
      `GET ${VMS}/${NAME}`,
      `POST ${CONFIGMAPS}`,
      `POST ${SECRETS}`,
      `DELETE ${CONFIGMAPS}/${NAME}-sysprep`,
    ]);
    expect(errorMessage(error)).toBe('secrets "taken" already exists');
  });

  it('creates a VM without prerequisites in two requests', async () => {
    await createFromDraft(instanceTypeDraft(bootableVolume(), U1_MEDIUM, vmDetails()));
    expect(requests()).toEqual([`GET ${VMS}/${NAME}`, `POST ${VMS}`]);
  });

  it('refuses a prerequisite kind it cannot create before sending anything', async () => {
    const draft = instanceTypeDraft(bootableVolume(), U1_MEDIUM, vmDetails());
    draft.prerequisites.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } });
    await expect(createFromDraft(draft)).rejects.toThrow(/cannot create a Pod/);
    expect(bff.calls).toEqual([]);
  });
});
