import type { KubeObject, ResourceType } from '../types';
import {
  crdFromResourceType,
  crdFromResourceTypes,
  customResourceDefinitionsFor,
  IMMUTABLE_FIELDS_ANNOTATION,
  resourceTypeFromCRD,
  resourceTypesFromCRD,
  servedAsCustomResource,
  validateCustomResourceDefinition,
} from './crd';
import { allResourceTypes, findType, STANDARD_VERBS } from './index';

/** The value, or a test failure naming what was missing. */
const must = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
};

const types = allResourceTypes();
const representable = types.filter(
  (rt) => rt.group.includes('.') && rt.verbs.length === STANDARD_VERBS.length,
);
const vm = must(
  findType(types, { group: 'kubevirt.io', version: 'v1', plural: 'virtualmachines' }),
  'virtualmachines',
);

/** A CRD as a user would write it for `kubectl apply`. */
const backupCRD = (): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'backups.example.com' },
  spec: {
    group: 'example.com',
    names: { plural: 'backups', singular: 'backup', kind: 'Backup', shortNames: ['bk'] },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: false,
        schema: {
          openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        },
      },
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: { target: { type: 'string' }, keep: { type: 'integer' } },
                required: ['target'],
              },
              status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        },
        subresources: { status: {} },
        additionalPrinterColumns: [{ name: 'Target', type: 'string', jsonPath: '.spec.target' }],
      },
    ],
  },
});

describe('crdFromResourceType', () => {
  it('writes a complete apiextensions.k8s.io/v1 CRD', () => {
    const crd = crdFromResourceType(vm);
    expect(crd).toMatchObject({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'virtualmachines.kubevirt.io' },
      spec: {
        group: 'kubevirt.io',
        scope: 'Namespaced',
        names: {
          plural: 'virtualmachines',
          singular: 'virtualmachine',
          kind: 'VirtualMachine',
          listKind: 'VirtualMachineList',
          shortNames: ['vm', 'vms'],
          categories: ['all'],
        },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            subresources: { status: {} },
            additionalPrinterColumns: vm.printerColumns,
          },
        ],
      },
      status: { storedVersions: ['v1'] },
    });
    const spec = crd.spec as {
      versions: { schema: { openAPIV3Schema: { properties: Record<string, unknown> } } }[];
    };
    // Real CRDs carry root metadata as plain `type: object`.
    expect(spec.versions[0]?.schema.openAPIV3Schema.properties.metadata).toEqual({
      type: 'object',
    });
  });

  it('carries scale subresources and immutable fields', () => {
    const rs = must(
      findType(types, {
        group: 'kubevirt.io',
        version: 'v1',
        plural: 'virtualmachineinstancereplicasets',
      }),
      'virtualmachineinstancereplicasets',
    );
    expect(crdFromResourceType(rs)).toMatchObject({
      spec: {
        versions: [
          { subresources: { status: {}, scale: { labelSelectorPath: '.status.labelSelector' } } },
        ],
      },
    });
    const snapshot = must(
      findType(types, {
        group: 'snapshot.kubevirt.io',
        version: 'v1beta1',
        plural: 'virtualmachinesnapshots',
      }),
      'virtualmachinesnapshots',
    );
    expect(crdFromResourceType(snapshot).metadata.annotations?.[IMMUTABLE_FIELDS_ANNOTATION]).toBe(
      '["/spec"]',
    );
  });

  it('refuses what a CRD cannot express', () => {
    const pod = must(findType(types, { group: '', version: 'v1', plural: 'pods' }), 'pods');
    const tokens = must(
      findType(types, {
        group: 'upload.cdi.kubevirt.io',
        version: 'v1beta1',
        plural: 'uploadtokenrequests',
      }),
      'uploadtokenrequests',
    );
    expect(() => crdFromResourceType(pod)).toThrow(/group with a dot/);
    expect(() => crdFromResourceType(tokens)).toThrow(/cannot be served from a CRD/);
    expect(() => crdFromResourceTypes([])).toThrow();
  });
});

describe('round trip', () => {
  it.each(representable.map((rt) => [`${rt.plural}.${rt.group}`, rt] as const))(
    '%s survives ResourceType → CRD → ResourceType',
    (_, rt) => {
      const crd = crdFromResourceType(rt);
      expect(validateCustomResourceDefinition(crd)).toEqual([]);
      expect(resourceTypeFromCRD(crd)).toEqual(rt);
    },
  );

  it('survives CRD → ResourceType → CRD for a user CRD', () => {
    const [v1, v1alpha1] = resourceTypesFromCRD(backupCRD());
    expect(v1).toMatchObject({
      group: 'example.com',
      version: 'v1',
      kind: 'Backup',
      listKind: 'BackupList',
      plural: 'backups',
      singular: 'backup',
      namespaced: true,
      shortNames: ['bk'],
      verbs: STANDARD_VERBS,
      subresources: { status: true },
      printerColumns: [{ name: 'Target', type: 'string', jsonPath: '.spec.target' }],
    });
    expect(v1alpha1?.version).toBe('v1alpha1');
    // apiVersion, kind and metadata are always allowed at the root, as Kubernetes does.
    expect(Object.keys(v1?.schema?.properties ?? {}).sort()).toEqual([
      'apiVersion',
      'kind',
      'metadata',
      'spec',
      'status',
    ]);
    const again = crdFromResourceType(v1 as ResourceType);
    expect(again.spec).toMatchObject({
      group: 'example.com',
      versions: [
        {
          name: 'v1',
          schema: {
            openAPIV3Schema: (
              backupCRD().spec as { versions: { schema: { openAPIV3Schema: unknown } }[] }
            ).versions[1]?.schema.openAPIV3Schema,
          },
        },
      ],
    });
  });

  it('reads immutable fields from the annotation', () => {
    const crd = backupCRD();
    crd.metadata.annotations = { [IMMUTABLE_FIELDS_ANNOTATION]: '["/spec/target"]' };
    expect(resourceTypeFromCRD(crd).immutableFields).toEqual(['/spec/target']);
  });
});

describe('validateCustomResourceDefinition', () => {
  it('accepts a well-formed CRD', () => {
    expect(validateCustomResourceDefinition(backupCRD())).toEqual([]);
  });

  it('names the fields that are wrong', () => {
    const crd = backupCRD();
    crd.metadata.name = 'backup.example.com';
    const spec = crd.spec as { scope: string; group: string; versions: { storage: boolean }[] };
    spec.scope = 'Global';
    must(spec.versions[0], 'version').storage = true;
    const fields = validateCustomResourceDefinition(crd).map((c) => c.field);
    expect(fields).toEqual(
      expect.arrayContaining(['metadata.name', 'spec.scope', 'spec.versions']),
    );
    expect(() => resourceTypesFromCRD(crd)).toThrow(/invalid CustomResourceDefinition/);
  });

  it('refuses a schema that is not structural', () => {
    const crd = backupCRD();
    const spec = crd.spec as {
      versions: { schema: { openAPIV3Schema: { properties: Record<string, unknown> } } }[];
    };
    must(spec.versions[1], 'version').schema.openAPIV3Schema.properties.spec = {
      type: 'object',
      properties: { target: {} },
    };
    expect(validateCustomResourceDefinition(crd)).toContainEqual(
      expect.objectContaining({
        field: 'spec.versions[1].schema.openAPIV3Schema',
        message: expect.stringContaining('.spec.target: type is required'),
      }),
    );
  });

  it('refuses a group without a dot and a malformed immutable-fields annotation', () => {
    const crd = backupCRD();
    (crd.spec as { group: string }).group = 'example';
    crd.metadata.annotations = { [IMMUTABLE_FIELDS_ANNOTATION]: 'spec' };
    const fields = validateCustomResourceDefinition(crd).map((c) => c.field);
    expect(fields).toContain('spec.group');
    expect(fields).toContain(`metadata.annotations[${IMMUTABLE_FIELDS_ANNOTATION}]`);
  });
});

describe('customResourceDefinitionsFor', () => {
  it('publishes the kinds a real cluster serves from CRDs, and only those', () => {
    const names = customResourceDefinitionsFor(types).map((crd) => crd.metadata.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'virtualmachines.kubevirt.io',
        'datavolumes.cdi.kubevirt.io',
        'hyperconvergeds.hco.kubevirt.io',
        'volumesnapshots.snapshot.storage.k8s.io',
        'network-attachment-definitions.k8s.cni.cncf.io',
        'consolequickstarts.console.openshift.io',
      ]),
    );
    expect(names).not.toContain('pods.');
    expect(names).not.toContain('templates.template.openshift.io');
    expect(names).not.toContain('uploadtokenrequests.upload.cdi.kubevirt.io');
    expect(new Set(names).size).toBe(names.length);
    expect(types.filter(servedAsCustomResource)).toHaveLength(names.length);
  });
});
