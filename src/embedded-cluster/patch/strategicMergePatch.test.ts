import { describe, expect, it } from 'vitest';
import type { JSONSchemaProps } from '../types';
import { applyStrategicMergePatch, coreMergeHints, PatchError } from './strategicMergePatch';

const pod = () => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web',
    labels: { app: 'web', tier: 'front' },
    finalizers: ['a.example/x', 'b.example/y'],
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1' }],
  },
  spec: {
    containers: [
      {
        name: 'app',
        image: 'app:1',
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
        ports: [{ containerPort: 80, name: 'http' }],
      },
      { name: 'sidecar', image: 'side:1' },
    ],
    volumes: [{ name: 'data', emptyDir: {} }],
    tolerations: [{ key: 'k1', operator: 'Exists' }],
  },
});

const smp = (patch: unknown, doc: unknown = pod(), schema: JSONSchemaProps = coreMergeHints) =>
  applyStrategicMergePatch(doc, patch, schema) as ReturnType<typeof pod>;

describe('applyStrategicMergePatch', () => {
  it('merges containers by name, env by name and ports by containerPort', () => {
    const out = smp({
      spec: {
        containers: [
          {
            name: 'app',
            image: 'app:2',
            env: [
              { name: 'B', value: 'two' },
              { name: 'C', value: '3' },
            ],
            ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443 }],
          },
        ],
      },
    });
    expect(out.spec.containers).toEqual([
      {
        name: 'app',
        image: 'app:2',
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: 'two' },
          { name: 'C', value: '3' },
        ],
        ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }, { containerPort: 443 }],
      },
      { name: 'sidecar', image: 'side:1' },
    ]);
  });

  it('appends a container whose name is new and merges volumes by name', () => {
    const out = smp({
      spec: {
        containers: [{ name: 'extra', image: 'x:1' }],
        volumes: [{ name: 'cache', emptyDir: { medium: 'Memory' } }],
      },
    });
    expect(out.spec.containers.map((c) => c.name)).toEqual(['app', 'sidecar', 'extra']);
    expect(out.spec.volumes).toEqual([
      { name: 'data', emptyDir: {} },
      { name: 'cache', emptyDir: { medium: 'Memory' } },
    ]);
  });

  it('removes a list item marked $patch: delete', () => {
    const out = smp({
      spec: {
        containers: [
          { name: 'sidecar', $patch: 'delete' },
          { name: 'app', env: [{ name: 'A', $patch: 'delete' }] },
        ],
      },
    });
    expect(out.spec.containers).toEqual([
      {
        name: 'app',
        image: 'app:1',
        env: [{ name: 'B', value: '2' }],
        ports: [{ containerPort: 80, name: 'http' }],
      },
    ]);
  });

  it('replaces a whole list when it holds {"$patch": "replace"}', () => {
    const out = smp({
      spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'o:1' }] },
    });
    expect(out.spec.containers).toEqual([{ name: 'only', image: 'o:1' }]);
  });

  it('replaces a map marked $patch: replace, and deletes one marked $patch: delete', () => {
    const out = smp({ metadata: { labels: { $patch: 'replace', fresh: 'yes' } } });
    expect(out.metadata.labels).toEqual({ fresh: 'yes' });
    const gone = smp({ metadata: { labels: { $patch: 'delete' } } });
    expect(gone.metadata).not.toHaveProperty('labels');
  });

  it('unions a primitive list with strategy merge (finalizers)', () => {
    const out = smp({ metadata: { finalizers: ['b.example/y', 'c.example/z'] } });
    expect(out.metadata.finalizers).toEqual(['a.example/x', 'b.example/y', 'c.example/z']);
  });

  it('removes values listed in $deleteFromPrimitiveList/<field>', () => {
    const out = smp({
      metadata: { '$deleteFromPrimitiveList/finalizers': ['a.example/x'] },
    });
    expect(out.metadata.finalizers).toEqual(['b.example/y']);
    const none = smp({
      metadata: { '$deleteFromPrimitiveList/finalizers': ['a.example/x', 'b.example/y'] },
    });
    expect(none.metadata).not.toHaveProperty('finalizers');
  });

  it('merges ownerReferences by uid', () => {
    const out = smp({
      metadata: {
        ownerReferences: [
          { uid: 'u1', controller: true },
          { uid: 'u2', name: 'n' },
        ],
      },
    });
    expect(out.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1', controller: true },
      { uid: 'u2', name: 'n' },
    ]);
  });

  it('replaces lists without hints (tolerations)', () => {
    const out = smp({ spec: { tolerations: [{ key: 'k2', operator: 'Exists' }] } });
    expect(out.spec.tolerations).toEqual([{ key: 'k2', operator: 'Exists' }]);
  });

  it('replaces every list when there is no schema, like a merge patch', () => {
    const out = applyStrategicMergePatch(pod(), { spec: { containers: [{ name: 'x' }] } });
    expect((out as ReturnType<typeof pod>).spec.containers).toEqual([{ name: 'x' }]);
  });

  it('merges maps recursively and deletes members set to null', () => {
    const out = smp({ metadata: { labels: { tier: null, env: 'prod' } }, spec: { volumes: null } });
    expect(out.metadata.labels).toEqual({ app: 'web', env: 'prod' });
    expect(out.spec).not.toHaveProperty('volumes');
  });

  it('drops $setElementOrder directives from the result', () => {
    const out = smp({
      metadata: { '$setElementOrder/finalizers': ['b.example/y', 'a.example/x'] },
      spec: {
        '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'app' }],
        containers: [{ name: 'app', image: 'app:3' }],
      },
    });
    expect(JSON.stringify(out)).not.toContain('$setElementOrder');
    expect(out.spec.containers[0]?.image).toBe('app:3');
  });

  it('keeps only the fields named by $retainKeys', () => {
    const doc = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
    const out = applyStrategicMergePatch(doc, {
      spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } },
    });
    expect(out).toEqual({ spec: { strategy: { type: 'Recreate' } } });
  });

  it('uses the same hints under spec.template.spec for workloads', () => {
    const deployment = {
      spec: { template: { spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b' }] } } },
    };
    const out = applyStrategicMergePatch(
      deployment,
      { spec: { template: { spec: { containers: [{ name: 'a', image: 'a:2' }] } } } },
      coreMergeHints,
    );
    expect(out).toEqual({
      spec: { template: { spec: { containers: [{ name: 'a', image: 'a:2' }, { name: 'b' }] } } },
    });
  });

  it('strips directives and nulls from items it adds', () => {
    const out = smp({
      spec: { containers: [{ name: 'new', image: null, env: [{ name: 'X', $patch: 'delete' }] }] },
    });
    expect(out.spec.containers[2]).toEqual({ name: 'new', env: [] });
  });

  it('rejects a merge-keyed item without its key, naming the key and where', () => {
    expect(() => smp({ spec: { containers: [{ image: 'x' }] } })).toThrow(
      'spec.containers[0]: map {"image":"x"} does not contain declared merge key: name',
    );
  });

  it('rejects an unknown $patch value and a patch that is not an object', () => {
    expect(() => smp({ metadata: { labels: { $patch: 'sideways' } } })).toThrow(
      /metadata.labels: unknown patch type "sideways"/,
    );
    expect(() => applyStrategicMergePatch({}, [1])).toThrow(PatchError);
  });

  it('never modifies the document or the patch', () => {
    const doc = pod();
    const patch = {
      metadata: { '$deleteFromPrimitiveList/finalizers': ['a.example/x'] },
      spec: { containers: [{ name: 'app', env: [{ name: 'A', $patch: 'delete' }] }] },
    };
    const before = structuredClone({ doc, patch });
    smp(patch, doc);
    expect({ doc, patch }).toEqual(before);
  });
});

describe('coreMergeHints', () => {
  it('declares the merge keys kubectl relies on for Pods', () => {
    const spec = coreMergeHints.properties?.spec?.properties;
    expect(spec?.containers?.['x-kubernetes-patch-merge-key']).toBe('name');
    expect(spec?.containers?.items?.properties?.ports?.['x-kubernetes-patch-merge-key']).toBe(
      'containerPort',
    );
    expect(spec?.volumes?.['x-kubernetes-patch-strategy']).toBe('merge,retainKeys');
    const metadata = coreMergeHints.properties?.metadata?.properties;
    expect(metadata?.finalizers?.['x-kubernetes-patch-strategy']).toBe('merge');
    expect(metadata?.ownerReferences?.['x-kubernetes-patch-merge-key']).toBe('uid');
  });
});
