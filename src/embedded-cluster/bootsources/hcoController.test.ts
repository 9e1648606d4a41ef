import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { digestedURL, importDataVolumeName } from './digest';
import { commonBootImageImportEnabled, dataImportCronTemplateStatuses } from './hcoController';

const hco = (spec: object): KubeObject => ({
  apiVersion: 'hco.kubevirt.io/v1beta1',
  kind: 'HyperConverged',
  metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
  spec,
});
const SCHEDULE = '17 5/12 * * *';
const names = (spec: object) =>
  dataImportCronTemplateStatuses(hco(spec), SCHEDULE).map((t) => t.metadata.name);

describe('dataImportCronTemplateStatuses (HCO)', () => {
  it('lists the system templates, sorted, on the cluster schedule, when the gate is on', () => {
    const list = dataImportCronTemplateStatuses(hco({}), SCHEDULE);
    expect(list.map((t) => t.metadata.name)).toEqual([
      'centos-stream9-image-cron',
      'fedora-image-cron',
      'rhel8-image-cron',
      'rhel9-image-cron',
    ]);
    expect(list[3]).toMatchObject({
      metadata: {
        annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
        labels: {
          'instancetype.kubevirt.io/default-preference': 'rhel.9',
          'instancetype.kubevirt.io/default-instancetype': 'u1.medium',
        },
      },
      spec: {
        schedule: SCHEDULE,
        managedDataSource: 'rhel9',
        garbageCollect: 'Outdated',
        template: {
          spec: {
            source: {
              registry: { url: 'docker://registry.redhat.io/rhel9/rhel-guest-image:latest' },
            },
            storage: { resources: { requests: { storage: '30Gi' } } },
          },
        },
      },
      status: { commonTemplate: true },
    });
  });

  it('keeps only custom templates when the gate is off', () => {
    const custom = {
      metadata: { name: 'mine' },
      spec: { managedDataSource: 'x', schedule: '0 0 * * *' },
    };
    const off = { featureGates: { enableCommonBootImageImport: false } };
    expect(names(off)).toEqual([]);
    const list = dataImportCronTemplateStatuses(
      hco({ ...off, dataImportCronTemplates: [custom] }),
      SCHEDULE,
    );
    expect(list).toEqual([{ ...custom, status: {} }]);
    expect(commonBootImageImportEnabled(hco(off))).toBe(false);
    expect(commonBootImageImportEnabled(hco({ enableCommonBootImageImport: false }))).toBe(false);
    expect(commonBootImageImportEnabled(hco({}))).toBe(true);
  });

  it('lets a same-named entry replace a system template (schedule kept when missing)', () => {
    const list = dataImportCronTemplateStatuses(
      hco({
        dataImportCronTemplates: [
          {
            metadata: { name: 'fedora-image-cron', namespace: 'golden', annotations: { a: 'b' } },
            spec: { managedDataSource: 'fedora', importsToKeep: 1 },
          },
        ],
      }),
      SCHEDULE,
    );
    const fedora = list.find((t) => t.metadata.name === 'fedora-image-cron');
    expect(fedora).toMatchObject({
      metadata: {
        namespace: 'golden',
        annotations: { a: 'b', 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
      },
      spec: { managedDataSource: 'fedora', importsToKeep: 1, schedule: SCHEDULE },
      status: { commonTemplate: true, modified: true },
    });
    expect(fedora?.spec?.template).toBeUndefined();
  });

  it('leaves out templates annotated enable "false", system or custom', () => {
    const disabled = { annotations: { 'dataimportcrontemplate.kubevirt.io/enable': 'False' } };
    expect(
      names({
        dataImportCronTemplates: [
          { metadata: { name: 'rhel8-image-cron', ...disabled } },
          { metadata: { name: 'custom', ...disabled }, spec: { managedDataSource: 'c' } },
        ],
      }),
    ).toEqual(['centos-stream9-image-cron', 'fedora-image-cron', 'rhel9-image-cron']);
  });

  it('refuses a name listed twice', () => {
    const twice = { metadata: { name: 'dup' }, spec: {} };
    expect(() => names({ dataImportCronTemplates: [twice, twice] })).toThrow(
      'dup DataImportCronTable is already defined',
    );
  });
});

describe('import names', () => {
  it('names the DataVolume after the DataSource and the digest', () => {
    expect(importDataVolumeName('fedora', `sha256:${'0123456789abcdef'.repeat(4)}`)).toBe(
      'fedora-0123456789ab',
    );
    const long = importDataVolumeName('x'.repeat(60), `sha256:${'ab'.repeat(32)}`);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long.endsWith('-abababababab')).toBe(true);
  });

  it('pins the registry URL to the digest, without the tag', () => {
    const digest = `sha256:${'cd'.repeat(32)}`;
    expect(digestedURL('docker://quay.io/containerdisks/fedora:latest', digest)).toBe(
      `docker://quay.io/containerdisks/fedora@${digest}`,
    );
    expect(digestedURL('docker://127.0.0.1:6443/containerdisks/centos-stream:9', digest)).toBe(
      `docker://127.0.0.1:6443/containerdisks/centos-stream@${digest}`,
    );
    expect(digestedURL('docker://quay.io/containerdisks/fedora', digest)).toBe(
      `docker://quay.io/containerdisks/fedora@${digest}`,
    );
  });
});
