import { describe, expect, it } from 'vitest';
import { SecretModel } from '../../../api/models';
import { bootableVolume, U1_MEDIUM, vmDetails } from '../draft/draftFixtures';
import { CREATED_FOR_VM_LABEL, instanceTypeDraft } from '../draft/instanceTypeDraft';
import { renameDraft } from './renameDraft';

describe('renameDraft', () => {
  it('renames the VM, its name labels, its DataVolume templates and what was made for it', () => {
    const draft = instanceTypeDraft(
      bootableVolume(),
      U1_MEDIUM,
      vmDetails({
        sshKey: {
          kind: 'new',
          secretName: 'my-key',
          publicKey: 'ssh-ed25519 AAAA',
          applyToProject: false,
        },
      }),
    );
    const old = 'fedora-silver-fox-12';
    const next = renameDraft(draft, 'web');
    expect(next.vm.metadata?.name).toBe('web');
    expect(next.vm.metadata?.namespace).toBe('developer-vms');
    expect(next.vm.metadata?.labels).toEqual({ app: 'web' });
    expect(next.vm.spec?.template?.metadata?.labels).toEqual({ 'vm.kubevirt.io/name': 'web' });
    expect(next.vm.spec?.dataVolumeTemplates?.[0]?.metadata?.name).toBe('web-volume');
    expect(next.vm.spec?.template?.spec?.volumes?.[0]).toEqual({
      name: 'rootdisk',
      dataVolume: { name: 'web-volume' },
    });
    const secret = next.prerequisites.find((o) => o.kind === SecretModel.kind);
    expect(secret?.metadata?.name).toBe('my-key');
    expect(secret?.metadata?.labels).toEqual({ [CREATED_FOR_VM_LABEL]: 'web' });
    // The original is untouched, and the same name changes nothing.
    expect(draft.vm.metadata?.name).toBe(old);
    expect(renameDraft(draft, old)).toBe(draft);
  });
});
