import { describe, expect, it } from 'vitest';
import { processTemplate, TemplateError, type Template } from './processTemplate';

const first = () => 0;

const template = (): Template => ({
  apiVersion: 'template.openshift.io/v1',
  kind: 'Template',
  metadata: { name: 'vm-template', namespace: 'openshift' },
  message: 'Created ${NAME}',
  labels: { template: '${NAME}-tmpl' },
  parameters: [
    { name: 'NAME', required: true },
    { name: 'PASSWORD', generate: 'expression', from: '[a-z0-9]{5}' },
    { name: 'REPLICAS', value: '2' },
    { name: 'RUNNING', value: 'false' },
  ],
  objects: [
    {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: '${NAME}', namespace: 'hardcoded', labels: { app: '${NAME}' } },
      spec: {
        running: '${{RUNNING}}',
        replicas: '${{REPLICAS}}',
        password: 'pw-${PASSWORD}',
        note: '${NAME}/${UNKNOWN}',
        annotations: { '${NAME}-key': 'v' },
      },
    },
  ],
});

/** The TemplateError thrown by fn, so a test can look at its causes. */
const failure = (fn: () => unknown): TemplateError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof TemplateError) return err;
    throw err;
  }
  throw new Error('expected a TemplateError');
};

describe('processTemplate', () => {
  it('substitutes ${NAME} in strings, keys, labels and the message', () => {
    const out = processTemplate(template(), { values: { NAME: 'vm1' }, randomInt: first });
    const [vm] = out.objects as [Record<string, Record<string, unknown>>];
    expect(vm.metadata).toEqual({ name: 'vm1', labels: { app: 'vm1', template: 'vm1-tmpl' } });
    expect(vm.spec?.password).toBe('pw-aaaaa');
    expect(vm.spec?.annotations).toEqual({ 'vm1-key': 'v' });
    expect(out.message).toBe('Created vm1');
    expect(out.labels).toEqual({ template: 'vm1-tmpl' });
  });

  it('turns ${{NAME}} into a JSON value when it parses, and a string otherwise', () => {
    const out = processTemplate(template(), {
      values: { NAME: 'vm1', REPLICAS: '3' },
      randomInt: first,
    });
    const [vm] = out.objects as [{ spec: Record<string, unknown> }];
    expect(vm.spec.replicas).toBe(3);
    expect(vm.spec.running).toBe(false);
    const word = processTemplate(template(), { values: { NAME: 'a', RUNNING: 'yes' } });
    expect((word.objects as [{ spec: { running: unknown } }])[0].spec.running).toBe('yes');
  });

  it('leaves references to unknown parameters as written', () => {
    const out = processTemplate(template(), { values: { NAME: 'vm1' } });
    expect((out.objects as [{ spec: { note: string } }])[0].spec.note).toBe('vm1/${UNKNOWN}');
  });

  it('returns the parameters with their final values, generated ones included', () => {
    const out = processTemplate(template(), { values: { NAME: 'vm1' }, randomInt: first });
    expect(out.parameters?.map((p) => [p.name, p.value])).toEqual([
      ['NAME', 'vm1'],
      ['PASSWORD', 'aaaaa'],
      ['REPLICAS', '2'],
      ['RUNNING', 'false'],
    ]);
  });

  it('lets caller values and values in the request win over generation', () => {
    const t = template();
    t.parameters = t.parameters?.map((p) => (p.name === 'PASSWORD' ? { ...p, value: 'given' } : p));
    const out = processTemplate(t, { values: { NAME: 'vm1', REPLICAS: '5' }, randomInt: first });
    expect(out.parameters?.map((p) => p.value)).toEqual(['vm1', 'given', '5', 'false']);
  });

  it('strips hard-coded namespaces but keeps ones built from a parameter', () => {
    const t = template();
    t.parameters?.push({ name: 'NS', value: 'team-a' });
    t.objects?.push({ kind: 'ConfigMap', metadata: { name: 'c', namespace: '${NS}' } });
    const out = processTemplate(t, { values: { NAME: 'vm1' } });
    const [vm, cm] = out.objects as [{ metadata: object }, { metadata: object }];
    expect(vm.metadata).not.toHaveProperty('namespace');
    expect(cm.metadata).toEqual({
      name: 'c',
      namespace: 'team-a',
      labels: { template: 'vm1-tmpl' },
    });
  });

  it('does not modify the template it is given', () => {
    const t = template();
    const before = structuredClone(t);
    processTemplate(t, { values: { NAME: 'vm1' } });
    expect(t).toEqual(before);
  });

  it('names a missing required parameter in a 422 with its StatusCause', () => {
    const err = failure(() => processTemplate(template()));
    expect(err.code).toBe(422);
    expect(err.causes).toEqual([
      {
        type: 'FieldValueRequired',
        field: 'template.parameters[0]',
        message:
          'Required value: template.parameters[0]: parameter NAME is required and must be specified',
      },
    ]);
    expect(err.message).toBe(
      'template.parameters[0]: Required value: template.parameters[0]: parameter NAME is required and must be specified',
    );
  });

  it('rejects an unknown generator and a bad expression, naming the parameter', () => {
    const t = template();
    t.parameters = [
      { name: 'A', generate: 'uuid' },
      { name: 'B', generate: 'expression', from: '[z-a]{3}' },
    ];
    const err = failure(() => processTemplate(t));
    expect(err.causes.map((c) => c.field)).toEqual([
      'template.parameters[0]',
      'template.parameters[1]',
    ]);
    expect(err.causes[0]?.message).toContain("Unknown generator name 'uuid' for parameter A");
    expect(err.causes[1]?.message).toContain('parameter B: invalid range specified: z-a');
  });

  it('rejects invalid and duplicate parameter names and unknown caller values', () => {
    const t = template();
    t.parameters = [{ name: 'bad-name' }, { name: 'X' }, { name: 'X' }];
    const err = failure(() => processTemplate(t, { values: { TYPO: '1' } }));
    expect(err.causes.map((c) => [c.type, c.field])).toEqual([
      ['FieldValueInvalid', 'parameters[0].name'],
      ['FieldValueDuplicate', 'parameters[2].name'],
      ['FieldValueInvalid', 'parameters'],
    ]);
    expect(err.causes[2]?.message).toContain('unknown parameter name "TYPO"');
  });
});
