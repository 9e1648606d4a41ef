import {
  TOTAL_ANNOTATION_SIZE_LIMIT,
  validateAnnotations,
  validateDNS1123Label,
  validateDNS1123Subdomain,
  validateLabelKey,
  validateLabelValue,
  validateName,
  validateObjectMeta,
} from './names';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

describe('DNS-1123 names', () => {
  it('accepts dotted lowercase subdomains and rejects capitals with the exact kube message', () => {
    expect(validateDNS1123Subdomain('my-vm.example.com')).toEqual([]);
    expect(validateDNS1123Subdomain('MyVM')).toEqual([SUBDOMAIN_MSG]);
  });

  it('reports both the length and the pattern when a subdomain is over 253 bytes', () => {
    const errs = validateDNS1123Subdomain(`${'a'.repeat(253)}-`);
    expect(errs).toEqual(['must be no more than 253 characters', SUBDOMAIN_MSG]);
  });

  it('rejects dots in labels and words the message with kube-apiserver’s double space', () => {
    expect(validateDNS1123Label('default')).toEqual([]);
    expect(validateDNS1123Label('a.b')).toEqual([LABEL_MSG]);
    expect(validateDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });

  it('masks a trailing dash of a generateName prefix the way kube-apiserver does', () => {
    expect(validateName('label', 'vm-', true)).toEqual([]);
    expect(validateName('label', 'vm-')).toEqual([LABEL_MSG]);
  });

  it('allows colons in path-segment names (RBAC) but not slashes', () => {
    expect(validateName('path-segment', 'system:controller:x')).toEqual([]);
    expect(validateName('path-segment', 'a/b')).toEqual(["may not contain '/'"]);
    expect(validateName('path-segment', '..')).toEqual(["may not be '..'"]);
  });
});

describe('labels and annotations', () => {
  it('accepts prefixed label keys and rejects an empty prefix or bad name part', () => {
    expect(validateLabelKey('kubevirt.io/domain')).toEqual([]);
    expect(validateLabelKey('/x')).toEqual(['prefix part must be non-empty']);
    expect(validateLabelKey('Example.com/x')[0]).toMatch(/^prefix part a lowercase RFC 1123/);
    expect(validateLabelKey('a/-b')[0]).toMatch(
      /^name part must consist of alphanumeric characters, '-', '_' or '\.'/,
    );
  });

  it('accepts empty label values and rejects values over 63 characters', () => {
    expect(validateLabelValue('')).toEqual([]);
    expect(validateLabelValue('x'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(validateLabelValue('-x')[0]).toMatch(
      /^a valid label must be an empty string .*\(e\.g\. 'MyValue', {2}or 'my_value', {2}or '12345'/,
    );
  });

  it('limits annotations to 256 KiB of keys plus values', () => {
    const atLimit = { a: 'x'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT - 1) };
    expect(validateAnnotations(atLimit)).toEqual([]);
    expect(validateAnnotations({ ab: 'x'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT - 1) })).toEqual([
      'may not be more than 262144 bytes',
    ]);
  });

  it('checks annotation keys case-insensitively', () => {
    expect(validateAnnotations({ 'Example.COM/Key': 'v' })).toEqual([]);
  });
});

describe('validateObjectMeta', () => {
  const namespaced = { namespaced: true, nameRule: 'subdomain' } as const;

  it('requires a name unless generateName is given', () => {
    expect(validateObjectMeta({ metadata: { namespace: 'default' } }, namespaced)).toEqual([
      {
        type: 'FieldValueRequired',
        field: 'metadata.name',
        message: 'Required value: name or generateName is required',
      },
    ]);
    expect(
      validateObjectMeta({ metadata: { generateName: 'vm-', namespace: 'default' } }, namespaced),
    ).toEqual([]);
  });

  it('quotes the bad name in an Invalid value cause', () => {
    expect(validateObjectMeta({ metadata: { name: 'Bad', namespace: 'ns' } }, namespaced)).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'metadata.name',
        message: `Invalid value: "Bad": ${SUBDOMAIN_MSG}`,
      },
    ]);
  });

  it('requires a namespace for namespaced kinds and forbids one for cluster-scoped kinds', () => {
    expect(validateObjectMeta({ metadata: { name: 'a' } }, namespaced)).toEqual([
      { type: 'FieldValueRequired', field: 'metadata.namespace', message: 'Required value' },
    ]);
    const cluster = { namespaced: false, nameRule: 'subdomain' } as const;
    expect(validateObjectMeta({ metadata: { name: 'a', namespace: 'x' } }, cluster)).toEqual([
      {
        type: 'FieldValueForbidden',
        field: 'metadata.namespace',
        message: 'Forbidden: not allowed on this type',
      },
    ]);
  });

  it('validates the namespace as a DNS-1123 label', () => {
    const causes = validateObjectMeta({ metadata: { name: 'a', namespace: 'a.b' } }, namespaced);
    expect(causes).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'metadata.namespace',
        message: `Invalid value: "a.b": ${LABEL_MSG}`,
      },
    ]);
  });

  it('applies the label name rule to KubeVirt-style kinds', () => {
    const causes = validateObjectMeta(
      { metadata: { name: 'vm.one', namespace: 'default' } },
      { namespaced: true, nameRule: 'label' },
    );
    expect(causes.map((c) => c.field)).toEqual(['metadata.name']);
  });

  it('reports label key and value problems at metadata.labels', () => {
    const causes = validateObjectMeta(
      { metadata: { name: 'a', namespace: 'n', labels: { 'bad key': 'ok', good: 'bad value' } } },
      namespaced,
    );
    expect(causes.map((c) => [c.field, c.message.slice(0, 28)])).toEqual([
      ['metadata.labels', 'Invalid value: "bad key": na'],
      ['metadata.labels', 'Invalid value: "bad value": '],
    ]);
  });

  it('reports oversized annotations as Too long without echoing them', () => {
    const annotations = { big: 'x'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT) };
    expect(
      validateObjectMeta({ metadata: { name: 'a', namespace: 'n', annotations } }, namespaced),
    ).toEqual([
      {
        type: 'FieldValueTooLong',
        field: 'metadata.annotations',
        message: 'Too long: may not be more than 262144 bytes',
      },
    ]);
  });

  it('checks owner references and finalizers', () => {
    const causes = validateObjectMeta(
      {
        metadata: {
          name: 'a',
          namespace: 'n',
          ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: '' }],
          finalizers: ['kubevirt.io/virtualMachineControllerFinalize', 'bad/name/x'],
        },
      },
      namespaced,
    );
    expect(causes.map((c) => c.field)).toEqual([
      'metadata.ownerReferences.uid',
      'metadata.finalizers',
    ]);
    expect(causes[0]?.message).toBe('Invalid value: "": uid must not be empty');
  });

  it('asks for metadata when it is missing altogether', () => {
    expect(validateObjectMeta({}, namespaced)).toEqual([
      { type: 'FieldValueRequired', field: 'metadata', message: 'Required value' },
    ]);
  });
});
