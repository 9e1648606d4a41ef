import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admit } from '../api/admit';
import { startEmbeddedCluster, type EmbeddedCluster } from '../cluster';
import { allResourceTypes, typeByKind } from '../registry/index';
import { consoleQuickStarts } from './consoleQuickStarts';

const scratch = mkdtempSync(path.join(tmpdir(), 'quick-starts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('consoleQuickStarts', () => {
  it('reads every file of the chart, each accepted as a ConsoleQuickStart under strict validation', () => {
    const objects = consoleQuickStarts();
    expect(objects).toHaveLength(16);
    const kind = typeByKind(allResourceTypes(), 'console.openshift.io/v1', 'ConsoleQuickStart');
    if (!kind) throw new Error('the registry has no ConsoleQuickStart');
    for (const object of objects)
      expect(() => admit(kind, object, undefined, 'Strict'), object.metadata.name).not.toThrow();
  });

  it('names the file that is not one ConsoleQuickStart', () => {
    const dir = path.join(scratch, 'bad');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'a.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n',
    );
    expect(() => consoleQuickStarts(dir)).toThrow(/a\.yaml: not a console\.openshift\.io\/v1/);
    writeFileSync(
      path.join(dir, 'a.yaml'),
      'kind: ConsoleQuickStart\n---\nkind: ConsoleQuickStart\n',
    );
    expect(() => consoleQuickStarts(dir)).toThrow(/a\.yaml: not one YAML document/);
  });

  it('reads nothing where the chart is not shipped', () => {
    expect(consoleQuickStarts(path.join(scratch, 'absent'))).toEqual([]);
  });
});

describe('the embedded cluster', () => {
  let cluster: EmbeddedCluster;
  beforeAll(async () => {
    cluster = await startEmbeddedCluster({
      dataDir: path.join(scratch, 'cluster'),
      runtime: 'simulated',
      sampleVMs: false,
    });
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('brings a quick start back to the chart files on the next start, as helm upgrade would', async () => {
    const resource = 'console.openshift.io/consolequickstarts';
    const [shipped] = consoleQuickStarts();
    if (!shipped) throw new Error('no quick starts shipped');
    const stored = cluster.store.get(resource, undefined, shipped.metadata.name ?? '');
    if (!stored) throw new Error('the quick start was not seeded');
    const older = {
      ...stored,
      spec: { ...(stored.spec as object), displayName: 'An older title' },
    };
    await cluster.store.put(resource, older);
    await cluster.stop();
    cluster = await startEmbeddedCluster({
      dataDir: path.join(scratch, 'cluster'),
      runtime: 'simulated',
      sampleVMs: false,
    });
    const after = cluster.store.get(resource, undefined, shipped.metadata.name ?? '');
    expect(after?.spec).toEqual(shipped.spec);
    expect(after?.metadata.uid).toBe(stored.metadata.uid);
    expect(after?.metadata.generation).toBe((stored.metadata.generation ?? 1) + 1);
  }, 60_000);

  it('serves the chart quick starts to any signed-in user, as the console lists them', async () => {
    const token = cluster.users.find((user) => user.username === 'developer')?.token ?? '';
    const response = await fetch(
      `${cluster.httpURL}/apis/console.openshift.io/v1/consolequickstarts`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(response.status).toBe(200);
    const list = (await response.json()) as { items: { metadata: { name: string } }[] };
    expect(list.items.map((item) => item.metadata.name).sort()).toEqual(
      consoleQuickStarts()
        .map((object) => object.metadata.name)
        .sort(),
    );
  });
});
