import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl, kubectlBinary, startTestCluster } from './testCluster';

type TestCluster = Awaited<ReturnType<typeof startTestCluster>>;
let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startTestCluster();
}, 60_000);
afterAll(() => cluster?.cleanup());

const vmYAML = (name: string, namespace: string, extra = '') => `
apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app: ${name}
spec:
  runStrategy: Halted
  template:
    metadata:
      labels:
        kubevirt.io/domain: ${name}
    spec:
      domain:
        cpu:
          cores: 1
        memory:
          guest: 128Mi
        devices:
          disks:
            - name: rootdisk
              disk:
                bus: virtio
      volumes:
        - name: rootdisk
          containerDisk:
            image: quay.io/containerdisks/fedora:latest
${extra}`;

describe('kubectl against the embedded cluster', () => {
  it('discovers the API and reads the version', async () => {
    const version = await kubectl(cluster, ['version', '-o', 'json']);
    expect(version.code, version.stderr).toBe(0);
    expect(JSON.parse(version.stdout).serverVersion.gitVersion).toMatch(/^v1\.33/);
    const resources = await kubectl(cluster, [
      'api-resources',
      '--api-group=kubevirt.io',
      '-o',
      'name',
    ]);
    expect(resources.stdout).toContain('virtualmachines.kubevirt.io');
    expect(resources.stdout).toContain('virtualmachineinstances.kubevirt.io');
  });

  it('lists the seed namespaces as a table', async () => {
    const { stdout, code, stderr } = await kubectl(cluster, ['get', 'namespaces']);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/NAME\s+STATUS\s+AGE/);
    expect(stdout).toMatch(/developer-vms\s+Active/);
  });

  it('creates, gets, describes, labels, patches and deletes a VM', async () => {
    const created = await kubectl(cluster, ['create', '-f', '-'], {
      input: vmYAML('vm-one', 'default'),
    });
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('virtualmachine.kubevirt.io/vm-one created');

    const table = await kubectl(cluster, ['get', 'vm', '-n', 'default']);
    expect(table.stdout).toMatch(/NAME\s+AGE\s+STATUS\s+READY/);
    expect(table.stdout).toContain('vm-one');

    const described = await kubectl(cluster, ['describe', 'vm', 'vm-one', '-n', 'default']);
    expect(described.code, described.stderr).toBe(0);
    expect(described.stdout).toMatch(/Name:\s+vm-one/);

    const labelled = await kubectl(cluster, [
      'label',
      'vm',
      'vm-one',
      '-n',
      'default',
      'tier=gold',
    ]);
    expect(labelled.code, labelled.stderr).toBe(0);
    const byLabel = await kubectl(cluster, [
      'get',
      'vm',
      '-n',
      'default',
      '-l',
      'tier=gold',
      '-o',
      'name',
    ]);
    expect(byLabel.stdout.trim()).toBe('virtualmachine.kubevirt.io/vm-one');

    const merged = await kubectl(cluster, [
      'patch',
      'vm',
      'vm-one',
      '-n',
      'default',
      '--type=merge',
      '-p',
      '{"spec":{"runStrategy":"Manual"}}',
    ]);
    expect(merged.code, merged.stderr).toBe(0);
    const jsonPatched = await kubectl(cluster, [
      'patch',
      'vm',
      'vm-one',
      '-n',
      'default',
      '--type=json',
      '-p',
      '[{"op":"add","path":"/metadata/annotations","value":{"note":"x"}}]',
    ]);
    expect(jsonPatched.code, jsonPatched.stderr).toBe(0);
    const got = JSON.parse(
      (await kubectl(cluster, ['get', 'vm', 'vm-one', '-n', 'default', '-o', 'json'])).stdout,
    );
    expect(got.spec.runStrategy).toBe('Manual');
    expect(got.metadata.annotations.note).toBe('x');
    expect(got.metadata.generation).toBe(2);

    const deleted = await kubectl(cluster, [
      'delete',
      'vm',
      'vm-one',
      '-n',
      'default',
      '--wait=true',
    ]);
    expect(deleted.code, deleted.stderr).toBe(0);
    const gone = await kubectl(cluster, ['get', 'vm', 'vm-one', '-n', 'default']);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain('virtualmachines.kubevirt.io "vm-one" not found');
  });

  it('applies a manifest twice: create, then update', async () => {
    const first = await kubectl(cluster, ['apply', '-f', '-'], {
      input: vmYAML('vm-applied', 'default'),
    });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('created');
    const second = await kubectl(cluster, ['apply', '-f', '-'], {
      input: vmYAML('vm-applied', 'default').replace('runStrategy: Halted', 'runStrategy: Always'),
    });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('configured');
    const got = JSON.parse(
      (await kubectl(cluster, ['get', 'vm', 'vm-applied', '-n', 'default', '-o', 'json'])).stdout,
    );
    expect(got.spec.runStrategy).toBe('Always');
  });

  it('refuses invalid objects with the field named', async () => {
    const both = await kubectl(cluster, ['create', '-f', '-'], {
      input: vmYAML('vm-bad', 'default').replace(
        'runStrategy: Halted',
        'runStrategy: Halted\n  running: false',
      ),
    });
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain('spec.running');
    const typo = await kubectl(cluster, ['create', '-f', '-'], {
      input: vmYAML('vm-typo', 'default').replace('runStrategy: Halted', 'runStratgy: Halted'),
    });
    expect(typo.code).not.toBe(0);
    expect(typo.stderr).toMatch(/unknown field "spec.runStratgy"/);
    const badName = await kubectl(cluster, ['create', 'configmap', 'Bad_Name', '-n', 'default']);
    expect(badName.code).not.toBe(0);
    expect(badName.stderr).toContain('a lowercase RFC 1123 subdomain');
  });

  it('patches a core kind with a strategic merge patch', async () => {
    await kubectl(cluster, [
      'create',
      'configmap',
      'settings',
      '-n',
      'default',
      '--from-literal=a=1',
    ]);
    const patched = await kubectl(cluster, [
      'patch',
      'configmap',
      'settings',
      '-n',
      'default',
      '-p',
      '{"data":{"b":"2"}}',
    ]);
    expect(patched.code, patched.stderr).toBe(0);
    const got = JSON.parse(
      (await kubectl(cluster, ['get', 'configmap', 'settings', '-n', 'default', '-o', 'json']))
        .stdout,
    );
    expect(got.data).toEqual({ a: '1', b: '2' });
  });

  it('waits for a condition and for deletion', async () => {
    await kubectl(cluster, [
      'create',
      'configmap',
      'waited',
      '-n',
      'default',
      '--from-literal=ready=yes',
    ]);
    const ready = await kubectl(cluster, [
      'wait',
      'configmap/waited',
      '-n',
      'default',
      '--for=jsonpath={.data.ready}=yes',
      '--timeout=10s',
    ]);
    expect(ready.code, ready.stderr).toBe(0);
    const waiter = kubectl(cluster, [
      'wait',
      'configmap/waited',
      '-n',
      'default',
      '--for=delete',
      '--timeout=20s',
    ]);
    await new Promise((r) => setTimeout(r, 500));
    await kubectl(cluster, ['delete', 'configmap', 'waited', '-n', 'default']);
    const result = await waiter;
    expect(result.code, result.stderr).toBe(0);
  });

  it('watches changes with get -w', async () => {
    const child = spawn(
      kubectlBinary(),
      [
        '--kubeconfig',
        cluster.kubeconfigPath,
        'get',
        'configmaps',
        '-n',
        'default',
        '-w',
        '--request-timeout=0',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise((r) => setTimeout(r, 1_000));
    await kubectl(cluster, ['create', 'configmap', 'watched-one', '-n', 'default']);
    const deadline = Date.now() + 10_000;
    while (!output.includes('watched-one') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    child.kill();
    expect(output).toContain('watched-one');
  });

  it('answers auth can-i for both users, and refuses the developer outside its namespace', async () => {
    const admin = await kubectl(cluster, [
      'auth',
      'can-i',
      'delete',
      'virtualmachines',
      '-n',
      'default',
    ]);
    expect(admin.stdout.trim()).toBe('yes');
    const devOwn = await kubectl(
      cluster,
      ['auth', 'can-i', 'create', 'virtualmachines.kubevirt.io', '-n', 'developer-vms'],
      { context: 'developer' },
    );
    expect(devOwn.stdout.trim()).toBe('yes');
    const devOther = await kubectl(
      cluster,
      ['auth', 'can-i', 'create', 'virtualmachines.kubevirt.io', '-n', 'default'],
      { context: 'developer' },
    );
    expect(devOther.stdout.trim()).toBe('no');

    const created = await kubectl(cluster, ['create', '-f', '-'], {
      context: 'developer',
      input: vmYAML('dev-vm', 'developer-vms'),
    });
    expect(created.code, created.stderr).toBe(0);
    const refused = await kubectl(cluster, ['get', 'vm', '-n', 'default'], {
      context: 'developer',
    });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'User "developer" cannot list resource "virtualmachines" in API group "kubevirt.io" in the namespace "default"',
    );
    // The common templates in `openshift` are readable by every user, as on OpenShift.
    const templates = await kubectl(
      cluster,
      ['get', 'templates', '-n', 'openshift', '-o', 'name'],
      { context: 'developer' },
    );
    expect(templates.stdout).toContain('template.template.openshift.io/rhel9-server-small');
    const projects = await kubectl(cluster, ['get', 'projects', '-o', 'name'], {
      context: 'developer',
    });
    expect(projects.stdout.split('\n').filter(Boolean).sort()).toEqual([
      'project.project.openshift.io/developer-vms',
      'project.project.openshift.io/openshift-virtualization-os-images',
    ]);
  });

  it('scales through the scale subresource and says who the user is', async () => {
    const replicaSet = `apiVersion: kubevirt.io/v1
kind: VirtualMachineInstanceReplicaSet
metadata:
  name: pool
  namespace: default
spec:
  replicas: 1
  selector:
    matchLabels:
      app: pool
  template:
    metadata:
      labels:
        app: pool
    spec:
      domain:
        devices: {}
`;
    const created = await kubectl(cluster, ['create', '-f', '-'], { input: replicaSet });
    expect(created.code, created.stderr).toBe(0);
    const scaled = await kubectl(cluster, [
      'scale',
      'vmirs',
      'pool',
      '-n',
      'default',
      '--replicas=3',
    ]);
    expect(scaled.code, scaled.stderr).toBe(0);
    const got = JSON.parse(
      (await kubectl(cluster, ['get', 'vmirs', 'pool', '-n', 'default', '-o', 'json'])).stdout,
    );
    expect(got.spec.replicas).toBe(3);
    const whoami = await kubectl(
      cluster,
      ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'],
      { context: 'developer' },
    );
    expect(whoami.stdout).toBe('developer');
  });

  it('explains KubeVirt fields from the OpenAPI documents', async () => {
    const explained = await kubectl(cluster, ['explain', 'virtualmachines.spec.runStrategy']);
    expect(explained.code, explained.stderr).toBe(0);
    expect(explained.stdout).toContain('runStrategy');
  });
});
