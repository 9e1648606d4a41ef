// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBFF, type FakeAnswer, type FakeCall } from '../../../api/testKit';
import type { Secret, Template, VirtualMachine } from '../../../api/types';
import { ED25519_KEY } from '../../vms/details/configuration/ssh/sshTestKeys';
import { parameterErrorsOf, processTemplate, templateDraft } from './processTemplate';
import {
  applyOverrides,
  WINDOWS_DRIVERS_DISK,
  WINDOWS_DRIVERS_IMAGE,
  type TemplateOverrides,
} from './templateOverrides';
import { makeTemplate, OS_IMAGES, PROJECT, statusError } from './testSupport';

const PROCESS = `k8s/apis/template.openshift.io/v1/namespaces/${PROJECT}/processedtemplates`;

/** The server: every `${X}` replaced by the parameter's value (`generated` when it has none). */
const processed = (template: Template): Template => {
  const values = new Map(
    (template.parameters ?? []).map((p) => [
      p.name,
      p.value ?? `generated-${p.name.toLowerCase()}`,
    ]),
  );
  const text = JSON.stringify(template.objects).replace(
    /\$\{([A-Z_]+)\}/g,
    (_, name: string) => values.get(name) ?? '',
  );
  return { ...template, objects: JSON.parse(text) as unknown[] };
};

let bff: ReturnType<typeof fakeBFF>;
let answer: (call: FakeCall) => FakeAnswer | undefined;

beforeEach(() => {
  answer = (call) => ({ status: 201, body: processed(call.body as Template) });
  bff = fakeBFF((call) => answer(call));
  vi.stubGlobal('fetch', bff.fetch);
});

const overrides = (extra: Partial<TemplateOverrides> = {}): TemplateOverrides => ({
  name: 'rhel9-green-fox',
  namespace: PROJECT,
  storageClass: '',
  diskSize: '',
  sshKey: { kind: 'none' },
  startAfterCreation: true,
  windowsDrivers: false,
  ...extra,
});

const processedVm = (template = makeTemplate(), name = 'rhel9-green-fox'): VirtualMachine => {
  const withName = {
    ...template,
    parameters: template.parameters?.map((p) => (p.name === 'NAME' ? { ...p, value: name } : p)),
  };
  return processed(withName).objects?.[0] as VirtualMachine;
};

describe('processTemplate', () => {
  it('POSTs the template with the values to processedtemplates of the project', async () => {
    const template = makeTemplate();
    const result = await processTemplate(template, PROJECT, { NAME: 'a-vm', DATA_SOURCE_NAME: '' });

    expect(bff.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`POST ${PROCESS}`]);
    const sent = bff.calls[0]?.body as Template;
    expect(sent.kind).toBe('Template');
    expect(sent.metadata).toMatchObject({ name: 'rhel9-server-small', namespace: PROJECT });
    expect(sent.metadata?.resourceVersion).toBeUndefined();
    expect(sent.parameters?.find((p) => p.name === 'NAME')?.value).toBe('a-vm');
    // An empty value keeps the default.
    expect(sent.parameters?.find((p) => p.name === 'DATA_SOURCE_NAME')?.value).toBe('rhel9');
    expect((result.objects?.[0] as VirtualMachine).metadata?.name).toBe('a-vm');
  });

  it("maps the server's causes to the parameters they name", () => {
    const template = makeTemplate({ extraParameters: [{ name: 'DISK_URL', required: true }] });
    const error = statusError(422, 'Template.template.openshift.io "x" is invalid', [
      {
        field: 'template.parameters[4]',
        message:
          'Required value: template.parameters[4]: parameter DISK_URL is required and must be specified',
      },
      { field: 'parameters', message: 'parameter OTHER is required' },
    ]);
    expect(parameterErrorsOf(error, template)).toEqual({
      DISK_URL: expect.stringMatching(/parameter DISK_URL is required/),
      OTHER: 'parameter OTHER is required',
    });
  });
});

describe('templateDraft', () => {
  it('takes the processed VM, named and placed as asked, keeping the template labels', async () => {
    const draft = await templateDraft(makeTemplate(), {}, overrides());
    const sent = bff.calls[0]?.body as Template;
    expect(sent.parameters?.find((p) => p.name === 'NAME')?.value).toBe('rhel9-green-fox');
    expect(draft.prerequisites).toEqual([]);
    expect(draft.vm.metadata).toMatchObject({
      name: 'rhel9-green-fox',
      namespace: PROJECT,
      labels: {
        app: 'rhel9-green-fox',
        'vm.kubevirt.io/template': 'rhel9-server-small',
        'vm.kubevirt.io/template.namespace': 'openshift',
        'vm.kubevirt.io/template.version': 'v0.31.1',
      },
    });
    expect(draft.vm.spec?.runStrategy).toBe('Always');
    expect(draft.vm.spec?.dataVolumeTemplates?.[0]?.spec.sourceRef).toEqual({
      kind: 'DataSource',
      name: 'rhel9',
      namespace: OS_IMAGES,
    });
    expect(draft.vm.spec?.template?.metadata?.labels?.['vm.kubevirt.io/name']).toBe(
      'rhel9-green-fox',
    );
  });

  it('passes a refusal on', async () => {
    answer = () => ({
      status: 422,
      body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 422, message: 'invalid' },
    });
    await expect(templateDraft(makeTemplate(), {}, overrides())).rejects.toMatchObject({
      code: 422,
    });
  });
});

describe('applyOverrides', () => {
  const template = makeTemplate();

  it('replaces the boot source by a URL import, with the storage asked for', () => {
    const { vm, uploadDataVolume } = applyOverrides(
      processedVm(),
      template,
      overrides({
        diskSource: { kind: 'url', url: ' https://example.com/disk.qcow2 ' },
        storageClass: 'fast',
        diskSize: '40Gi',
      }),
    );
    expect(uploadDataVolume).toBeUndefined();
    expect(vm.spec?.dataVolumeTemplates).toEqual([
      {
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataVolume',
        metadata: { name: 'rhel9-green-fox' },
        spec: {
          source: { http: { url: 'https://example.com/disk.qcow2' } },
          storage: { storageClassName: 'fast', resources: { requests: { storage: '40Gi' } } },
        },
      },
    ]);
  });

  it('imports from a registry, clones a PVC, or waits for an upload', () => {
    const sourceOf = (diskSource: TemplateOverrides['diskSource']) =>
      applyOverrides(processedVm(), template, overrides({ diskSource }));
    expect(
      sourceOf({ kind: 'registry', image: 'quay.io/containerdisks/fedora:41' }).vm.spec
        ?.dataVolumeTemplates?.[0]?.spec.source,
    ).toEqual({ registry: { url: 'docker://quay.io/containerdisks/fedora:41' } });
    expect(
      sourceOf({ kind: 'pvc', namespace: 'isos', name: 'win-iso' }).vm.spec
        ?.dataVolumeTemplates?.[0]?.spec.source,
    ).toEqual({ pvc: { namespace: 'isos', name: 'win-iso' } });
    const upload = sourceOf({ kind: 'upload' });
    expect(upload.vm.spec?.dataVolumeTemplates?.[0]?.spec.source).toEqual({ upload: {} });
    expect(upload.uploadDataVolume).toBe('rhel9-green-fox');
  });

  it('turns a container disk into a new DataVolume when a source is chosen', () => {
    const containerTemplate = makeTemplate({ boot: 'containerDisk' });
    const { vm } = applyOverrides(
      processedVm(containerTemplate),
      containerTemplate,
      overrides({ diskSource: { kind: 'url', url: 'https://example.com/a.img' } }),
    );
    expect(vm.spec?.dataVolumeTemplates?.[0]).toEqual({
      metadata: { name: 'rhel9-green-fox-rootdisk' },
      spec: {
        storage: { resources: { requests: { storage: '30Gi' } } },
        source: { http: { url: 'https://example.com/a.img' } },
      },
    });
    expect(vm.spec?.template?.spec?.volumes?.[0]).toEqual({
      name: 'rootdisk',
      dataVolume: { name: 'rhel9-green-fox-rootdisk' },
    });
  });

  it('authorizes a new key through cloud-init and creates its Secret first', () => {
    const draft = applyOverrides(
      processedVm(),
      template,
      overrides({
        sshKey: {
          kind: 'new',
          secretName: 'fox-key',
          publicKey: `${ED25519_KEY}\n`,
          applyToProject: true,
        },
      }),
    );
    expect(draft.vm.spec?.template?.spec?.accessCredentials).toEqual([
      {
        sshPublicKey: {
          source: { secret: { secretName: 'fox-key' } },
          propagationMethod: { noCloud: {} },
        },
      },
    ]);
    const secret = draft.prerequisites[0] as Secret;
    expect(secret).toMatchObject({
      kind: 'Secret',
      metadata: { name: 'fox-key', namespace: PROJECT },
      stringData: { key: ED25519_KEY },
    });
    expect(draft.projectSshKey).toBe('fox-key');
  });

  it('mounts the Windows drivers disk as a SATA CD-ROM and keeps a VM halted when asked', () => {
    const windows = makeTemplate({ name: 'windows2k22-server-small', os: 'win2k22' });
    const { vm } = applyOverrides(
      processedVm(windows),
      windows,
      overrides({ windowsDrivers: true, startAfterCreation: false }),
    );
    expect(vm.spec?.runStrategy).toBe('Halted');
    expect(vm.spec?.template?.spec?.domain.devices.disks).toContainEqual({
      name: WINDOWS_DRIVERS_DISK,
      cdrom: { bus: 'sata' },
    });
    expect(vm.spec?.template?.spec?.volumes).toContainEqual({
      name: WINDOWS_DRIVERS_DISK,
      containerDisk: { image: WINDOWS_DRIVERS_IMAGE },
    });
  });

  it('leaves the processed VM as it was', () => {
    const vm = processedVm();
    const before = JSON.stringify(vm);
    applyOverrides(
      vm,
      template,
      overrides({ diskSource: { kind: 'upload' }, windowsDrivers: true }),
    );
    expect(JSON.stringify(vm)).toBe(before);
  });
});
