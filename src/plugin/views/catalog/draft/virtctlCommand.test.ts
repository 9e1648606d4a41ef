import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { encodeBase64 } from '../../vms/details/configuration/initialRun/base64';
import { ED25519_KEY } from '../../vms/details/configuration/ssh/sshTestKeys';
import { bootableVolume, OS_IMAGES, U1_MEDIUM, vmDetails, windowsVolume } from './draftFixtures';
import { instanceTypeDraft } from './instanceTypeDraft';
import { manifestFileName, manifestYaml } from './manifestYaml';
import { shellQuote, virtctlCommand } from './virtctlCommand';

const NAME = 'fedora-silver-fox-12';
const NS = 'developer-vms';

describe('virtctlCommand', () => {
  it('says the same as the draft with virtctl flags, piped into oc create', () => {
    const draft = instanceTypeDraft(
      bootableVolume(),
      U1_MEDIUM,
      vmDetails({ diskSize: '40Gi', sshKey: { kind: 'existing', secretName: 'team-key' } }),
    );
    const { command, gaps } = virtctlCommand(draft);
    expect(command).toBe(
      [
        'virtctl create vm \\',
        `  --name=${NAME} \\`,
        '  --instancetype=u1.medium \\',
        '  --preference=fedora \\',
        `  --volume-import=type:ds,src:${OS_IMAGES}/fedora,name:${NAME}-volume,size:40Gi \\`,
        '  --access-cred=type:ssh,src:team-key,method:nocloud \\',
        `  --cloud-init-user-data=${encodeBase64('#cloud-config\nuser: cloud-user\n')} \\`,
        '  --run-strategy=Always \\',
        `  | oc create -n ${NS} -f -`,
        '',
      ].join('\n'),
    );
    expect(gaps).toEqual(['labels']);
  });

  it('names a project instance type by its kind, and turns preference inference off without one', () => {
    const draft = instanceTypeDraft(
      bootableVolume(
        { kind: 'PersistentVolumeClaim', namespace: NS, name: 'golden' },
        {
          preference: undefined,
        },
      ),
      { cluster: false, name: 'small', cpu: 1, memory: '1Gi' },
      vmDetails({ storageClass: 'ocs-rbd', startAfterCreation: false }),
    );
    const { command, gaps } = virtctlCommand(draft);
    expect(command).toContain('  --instancetype=virtualmachineinstancetype/small \\\n');
    expect(command).toContain('  --infer-preference=false \\\n');
    expect(command).toContain(
      `  --volume-import=type:pvc,src:${NS}/golden,name:${NAME}-volume \\\n`,
    );
    expect(command).toContain('  --run-strategy=Halted \\\n');
    expect(gaps).toEqual(['storageClass', 'labels']);
  });

  it('creates a new key Secret first, and lets the guest agent manage it for cloud-user', () => {
    const draft = instanceTypeDraft(
      bootableVolume({ kind: 'VolumeSnapshot', namespace: NS, name: 'snap' }),
      U1_MEDIUM,
      vmDetails({
        sshKey: {
          kind: 'new',
          secretName: 'fox-key',
          publicKey: ED25519_KEY,
          applyToProject: false,
        },
        dynamicKeyInjection: true,
      }),
    );
    const { command } = virtctlCommand(draft);
    const [secretStep, vmStep] = command.split('\n\n');
    expect(secretStep).toMatch(/^oc create -f - <<'EOF'\n/);
    expect(secretStep).toMatch(/\nEOF$/);
    const yaml = secretStep!.split('\n').slice(1, -1).join('\n');
    expect(parseAllDocuments(yaml).map((doc) => doc.toJS())).toEqual([draft.prerequisites[0]]);
    expect(vmStep).toContain(`--volume-import=type:snapshot,src:${NS}/snap,name:${NAME}-volume`);
    expect(vmStep).toContain('--access-cred=type:ssh,src:fox-key,method:ga,user:cloud-user');
    const userData = /--cloud-init-user-data=(\S+)/.exec(vmStep!)?.[1];
    expect(atob(userData!)).toContain('virt_qemu_ga_manage_ssh');
  });

  it('attaches the sysprep ConfigMap and gives Windows no cloud-init', () => {
    const draft = instanceTypeDraft(
      windowsVolume(),
      U1_MEDIUM,
      vmDetails({ name: 'win', sysprep: { kind: 'new', unattend: "<u note='EOF'/>\nEOF\n" } }),
    );
    const { command } = virtctlCommand(draft);
    // An answer file's "EOF" line is indented in the YAML: it does not end the heredoc.
    const heredoc = /^oc create -f - <<'EOF'\n([\s\S]*?)\nEOF\n\nvirtctl create vm/.exec(command);
    expect(parseAllDocuments(heredoc![1]!).map((doc) => doc.toJS())).toEqual(draft.prerequisites);
    expect(command).toContain('  --volume-sysprep=src:win-sysprep \\\n');
    expect(command).not.toContain('cloud-init');
    expect(command).not.toContain('access-cred');
  });

  it('quotes words the shell would split or expand', () => {
    expect(shellQuote('--name=plain-1.2')).toBe('--name=plain-1.2');
    expect(shellQuote("it's $HOME")).toBe(`'it'\\''s $HOME'`);
    expect(shellQuote('a b')).toBe("'a b'");
  });
});

describe('manifestYaml', () => {
  it('is the prerequisites then the VM, one document each, exactly the draft', () => {
    const draft = instanceTypeDraft(
      bootableVolume(),
      U1_MEDIUM,
      vmDetails({
        sshKey: {
          kind: 'new',
          secretName: 'fox-key',
          publicKey: ED25519_KEY,
          applyToProject: false,
        },
      }),
    );
    const yaml = manifestYaml(draft);
    const docs = parseAllDocuments(yaml);
    expect(docs.map((doc) => doc.errors)).toEqual([[], []]);
    expect(docs.map((doc) => doc.toJS())).toEqual([draft.prerequisites[0], draft.vm]);
    expect(yaml).toMatch(/^apiVersion: v1\nkind: Secret\n/);
    expect(yaml).toContain('\n---\napiVersion: kubevirt.io/v1\nkind: VirtualMachine\n');
    expect(manifestFileName(draft)).toBe(`${NAME}.yaml`);
  });
});
