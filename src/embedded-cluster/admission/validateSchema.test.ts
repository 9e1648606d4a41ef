import type { JSONSchemaProps } from '../types';
import { strictDecodingErrorMessage, validateAgainstSchema } from './validateSchema';

/** A slice of KubeVirt's VirtualMachine schema, enough to exercise every rule. */
const vmSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      required: ['template'],
      properties: {
        running: { type: 'boolean' },
        runStrategy: { type: 'string', enum: ['Always', 'Halted', 'Manual'] },
        replicas: { type: 'integer', minimum: 1, maximum: 10 },
        ratio: { type: 'number' },
        port: { 'x-kubernetes-int-or-string': true },
        note: { type: 'string', nullable: true },
        hostname: { type: 'string', maxLength: 5, minLength: 2, pattern: '^[a-z]+$' },
        tags: {
          type: 'array',
          items: { type: 'string' },
          maxItems: 2,
          'x-kubernetes-list-type': 'set',
        },
        nodeSelector: { type: 'object', additionalProperties: { type: 'string' } },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        bridge: { type: 'object' },
        dataVolumeTemplates: {
          type: 'array',
          items: {
            type: 'object',
            'x-kubernetes-embedded-resource': true,
            properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        },
        template: {
          type: 'object',
          properties: {
            spec: {
              type: 'object',
              properties: {
                domain: {
                  type: 'object',
                  properties: {
                    devices: {
                      type: 'object',
                      properties: {
                        disks: {
                          type: 'array',
                          minItems: 1,
                          'x-kubernetes-list-type': 'map',
                          'x-kubernetes-list-map-keys': ['name'],
                          items: {
                            type: 'object',
                            required: ['name'],
                            properties: {
                              name: { type: 'string' },
                              bootOrder: { type: 'integer' },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

function vm(spec: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: 'vm', namespace: 'default' },
    spec: { template: { spec: { domain: { devices: { disks: [{ name: 'root' }] } } } }, ...spec },
    ...extra,
  };
}

const strict = { fieldValidation: 'Strict' } as const;

describe('validateAgainstSchema: types', () => {
  it('accepts a valid object unchanged', () => {
    const obj = vm({ running: true, replicas: 3, port: 'http', ratio: 1 });
    const result = validateAgainstSchema(obj, vmSchema, strict);
    expect(result).toEqual({ causes: [], unknownFields: [], warnings: [], pruned: obj });
  });

  it('reports a type mismatch worded like kube-apiserver', () => {
    const { causes } = validateAgainstSchema(vm({ running: 'string' }), vmSchema, strict);
    expect(causes).toEqual([
      {
        type: 'FieldValueTypeInvalid',
        field: 'spec.running',
        message: 'Invalid value: "string": spec.running in body must be of type boolean: "string"',
      },
    ]);
  });

  it('tells integers from numbers', () => {
    const { causes } = validateAgainstSchema(vm({ replicas: 1.5, ratio: 2 }), vmSchema, strict);
    expect(causes.map((c) => c.message)).toEqual([
      'Invalid value: "number": spec.replicas in body must be of type integer: "number"',
    ]);
  });

  it('accepts integers and strings for int-or-string and nothing else', () => {
    expect(validateAgainstSchema(vm({ port: 80 }), vmSchema, strict).causes).toEqual([]);
    const { causes } = validateAgainstSchema(vm({ port: true }), vmSchema, strict);
    expect(causes[0]?.message).toBe(
      'Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"',
    );
  });

  it('keeps null for nullable fields and drops it elsewhere, as CRD pruning does', () => {
    const { causes, pruned } = validateAgainstSchema(
      vm({ note: null, running: null }),
      vmSchema,
      strict,
    );
    expect(causes).toEqual([]);
    const spec = (pruned as { spec: Record<string, unknown> }).spec;
    expect(spec.note).toBeNull();
    expect('running' in spec).toBe(false);
  });
});

describe('validateAgainstSchema: constraints', () => {
  it('reports a missing required field as Required value at its path', () => {
    const obj = vm({});
    delete (obj.spec as Record<string, unknown>).template;
    expect(validateAgainstSchema(obj, vmSchema, strict).causes).toEqual([
      { type: 'FieldValueRequired', field: 'spec.template', message: 'Required value' },
    ]);
  });

  it('uses Kubernetes paths with indexes inside lists', () => {
    const disks = [{ name: 'root' }, { bootOrder: 'first' }];
    const obj = vm({ template: { spec: { domain: { devices: { disks } } } } });
    const { causes } = validateAgainstSchema(obj, vmSchema, strict);
    expect(causes.map((c) => c.field)).toEqual([
      'spec.template.spec.domain.devices.disks[1].bootOrder',
      'spec.template.spec.domain.devices.disks[1].name',
    ]);
  });

  it('lists the supported values of an enum', () => {
    const { causes } = validateAgainstSchema(vm({ runStrategy: 'Sometimes' }), vmSchema, strict);
    expect(causes).toEqual([
      {
        type: 'FieldValueNotSupported',
        field: 'spec.runStrategy',
        message: 'Unsupported value: "Sometimes": supported values: "Always", "Halted", "Manual"',
      },
    ]);
  });

  it('checks minimum and maximum', () => {
    const low = validateAgainstSchema(vm({ replicas: 0 }), vmSchema, strict).causes;
    expect(low[0]?.message).toBe(
      'Invalid value: 0: spec.replicas in body should be greater than or equal to 1',
    );
    const high = validateAgainstSchema(vm({ replicas: 11 }), vmSchema, strict).causes;
    expect(high[0]?.message).toBe(
      'Invalid value: 11: spec.replicas in body should be less than or equal to 10',
    );
  });

  it('checks string length and pattern', () => {
    const long = validateAgainstSchema(vm({ hostname: 'abcdef' }), vmSchema, strict).causes;
    expect(long).toEqual([
      {
        type: 'FieldValueTooLong',
        field: 'spec.hostname',
        message: 'Too long: may not be more than 5 bytes',
      },
    ]);
    const short = validateAgainstSchema(vm({ hostname: 'A' }), vmSchema, strict).causes;
    expect(short.map((c) => c.message)).toEqual([
      'Invalid value: "A": spec.hostname in body should be at least 2 chars long',
      'Invalid value: "A": spec.hostname in body should match \'^[a-z]+$\'',
    ]);
  });

  it('checks minItems and maxItems', () => {
    const none = vm({ template: { spec: { domain: { devices: { disks: [] } } } } });
    expect(validateAgainstSchema(none, vmSchema, strict).causes[0]?.message).toBe(
      'Invalid value: 0: spec.template.spec.domain.devices.disks in body should have at least 1 items',
    );
    const many = validateAgainstSchema(vm({ tags: ['a', 'b', 'c'] }), vmSchema, strict).causes;
    expect(many).toEqual([
      {
        type: 'FieldValueTooMany',
        field: 'spec.tags',
        message: 'Too many: 3: must have at most 2 items',
      },
    ]);
  });

  it('rejects duplicate keys of a list-type map and duplicate items of a set', () => {
    const disks = [{ name: 'root' }, { name: 'root', bootOrder: 1 }];
    const obj = vm({ tags: ['a', 'a'], template: { spec: { domain: { devices: { disks } } } } });
    expect(validateAgainstSchema(obj, vmSchema, strict).causes).toEqual([
      {
        type: 'FieldValueDuplicate',
        field: 'spec.template.spec.domain.devices.disks[1]',
        message: 'Duplicate value: map[string]interface {}{"name":"root"}',
      },
      { type: 'FieldValueDuplicate', field: 'spec.tags[1]', message: 'Duplicate value: "a"' },
    ]);
  });

  it('validates map values through additionalProperties', () => {
    const { causes } = validateAgainstSchema(vm({ nodeSelector: { zone: 1 } }), vmSchema, strict);
    expect(causes.map((c) => c.field)).toEqual(['spec.nodeSelector.zone']);
  });

  it('requires apiVersion and kind of embedded resources and keeps their metadata', () => {
    const dv = { metadata: { name: 'dv' }, spec: { source: {} } };
    const { causes, pruned } = validateAgainstSchema(
      vm({ dataVolumeTemplates: [dv] }),
      vmSchema,
      strict,
    );
    expect(causes.map((c) => [c.field, c.message])).toEqual([
      ['spec.dataVolumeTemplates[0].apiVersion', 'Required value: must not be empty'],
      ['spec.dataVolumeTemplates[0].kind', 'Required value: must not be empty'],
    ]);
    expect(
      (pruned as { spec: { dataVolumeTemplates: unknown[] } }).spec.dataVolumeTemplates,
    ).toEqual([dv]);
  });
});

describe('validateAgainstSchema: unknown fields', () => {
  const obj = vm({ foo: 1, bridge: { x: 1 }, extra: { anything: { goes: true } } }, { status: {} });
  (obj.metadata as Record<string, unknown>).bogus = 'x';

  it('lists unknown fields for Strict without making them causes', () => {
    const result = validateAgainstSchema(obj, vmSchema, strict);
    expect(result.causes).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.unknownFields).toEqual(['metadata.bogus', 'spec.foo', 'spec.bridge.x', 'status']);
    expect(strictDecodingErrorMessage(['spec.foo', 'status'])).toBe(
      'strict decoding error: unknown field "spec.foo", unknown field "status"',
    );
  });

  it('warns about unknown fields for Warn and prunes them, keeping preserved ones', () => {
    const result = validateAgainstSchema(obj, vmSchema, { fieldValidation: 'Warn' });
    expect(result.warnings).toEqual([
      'unknown field "metadata.bogus"',
      'unknown field "spec.foo"',
      'unknown field "spec.bridge.x"',
      'unknown field "status"',
    ]);
    const pruned = result.pruned as ReturnType<typeof vm>;
    expect(pruned.metadata).toEqual({ name: 'vm', namespace: 'default' });
    expect(pruned.spec).toMatchObject({ bridge: {}, extra: { anything: { goes: true } } });
    expect('foo' in pruned.spec).toBe(false);
    expect('status' in pruned).toBe(false);
  });

  it('prunes silently for Ignore and always keeps apiVersion, kind and metadata', () => {
    const bare: JSONSchemaProps = { type: 'object', properties: { spec: { type: 'object' } } };
    const result = validateAgainstSchema(obj, bare, { fieldValidation: 'Ignore' });
    expect(result.warnings).toEqual([]);
    expect(Object.keys(result.pruned as object)).toEqual([
      'apiVersion',
      'kind',
      'metadata',
      'spec',
    ]);
  });

  it('does not modify its input', () => {
    const copy = structuredClone(obj);
    validateAgainstSchema(obj, vmSchema, { fieldValidation: 'Ignore' });
    expect(obj).toEqual(copy);
  });
});

describe('validateAgainstSchema: defaults', () => {
  it('fills in defaults of missing properties only when asked', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: {
        spec: { type: 'object', properties: { mode: { type: 'string', default: 'auto' } } },
      },
    };
    const obj = { apiVersion: 'v1', kind: 'X', metadata: {}, spec: {} };
    expect(validateAgainstSchema(obj, schema, strict).pruned).toEqual(obj);
    const defaulted = validateAgainstSchema(obj, schema, { ...strict, applyDefaults: true }).pruned;
    expect(defaulted).toEqual({ ...obj, spec: { mode: 'auto' } });
  });
});
