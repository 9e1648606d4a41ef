import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../../api/bff';
import { ConfigMapModel, SecretModel } from '../../../api/models';
import { isStaleEdit } from '../../vms/details/configuration/editor/fieldErrors';
import { setAt } from '../../vms/details/configuration/editor/vmPatch';
import { bootableVolume, U1_MEDIUM, vmDetails } from '../draft/draftFixtures';
import { instanceTypeDraft } from '../draft/instanceTypeDraft';
import { patchDraftVm, withoutUnusedPrerequisites, withPrerequisite } from './draftChanges';

const draft = () => instanceTypeDraft(bootableVolume(), U1_MEDIUM, vmDetails());

describe('patchDraftVm', () => {
  it('applies a JSON patch to a copy, testing the old values first', () => {
    const { vm } = draft();
    const next = patchDraftVm(vm, setAt(vm, ['spec', 'runStrategy'], 'Halted'));
    expect(next.spec?.runStrategy).toBe('Halted');
    expect(vm.spec?.runStrategy).toBe('Always');
  });

  it('refuses a failed test as the API server does: 422 Invalid, a stale edit to the forms', () => {
    const { vm } = draft();
    let caught: unknown;
    try {
      patchDraftVm(vm, [
        { op: 'test', path: '/spec/runStrategy', value: 'Manual' },
        { op: 'replace', path: '/spec/runStrategy', value: 'Halted' },
      ]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      code: 422,
      json: { kind: 'Status', status: 'Failure', code: 422, reason: 'Invalid' },
    });
    expect(errorMessage(caught)).toMatch(/test operation ops\[0\] on path "\/spec\/runStrategy"/);
    expect(isStaleEdit(caught)).toBe(true);
  });

  it('refuses malformed operations with 400 and a changed name like the server', () => {
    const { vm } = draft();
    expect(() => patchDraftVm(vm, [{ op: 'nope', path: '/x' } as never])).toThrow(
      expect.objectContaining({ code: 400 }),
    );
    expect(() =>
      patchDraftVm(vm, [{ op: 'replace', path: '/metadata/name', value: 'other' }]),
    ).toThrow(/does not match the name on the URL/);
  });
});

describe('withPrerequisite', () => {
  it('adds the object in the VM’s project with its kind, and replaces one of the same name', () => {
    const first = withPrerequisite(draft(), SecretModel, {
      metadata: { name: 'key' },
      data: { key: 'YQ==' },
    } as never);
    expect(first.object).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'key', namespace: 'developer-vms' },
      data: { key: 'YQ==' },
    });
    expect(first.draft.prerequisites).toEqual([first.object]);
    const again = withPrerequisite(first.draft, SecretModel, {
      metadata: { name: 'key' },
      data: { key: 'Yg==' },
    } as never);
    expect(again.draft.prerequisites).toHaveLength(1);
    expect(again.draft.prerequisites[0]).toMatchObject({ data: { key: 'Yg==' } });
  });
});

describe('withoutUnusedPrerequisites', () => {
  it('drops the Secrets and ConfigMaps the VM no longer names, keeping the project key', () => {
    const base = draft();
    const named = setAt(base.vm, ['metadata', 'annotations'], { uses: 'used-key' });
    const withObjects = {
      ...base,
      vm: patchDraftVm(base.vm, named),
      projectSshKey: 'project-key',
      prerequisites: [
        { kind: SecretModel.kind, metadata: { name: 'used-key' } },
        { kind: SecretModel.kind, metadata: { name: 'replaced-key' } },
        { kind: SecretModel.kind, metadata: { name: 'project-key' } },
        { kind: ConfigMapModel.kind, metadata: { name: 'old-sysprep' } },
        { kind: 'DataVolume', metadata: { name: 'kept-anyway' } },
      ],
    };
    expect(
      withoutUnusedPrerequisites(withObjects).prerequisites.map((o) => o.metadata?.name),
    ).toEqual(['used-key', 'project-key', 'kept-anyway']);
    const clean = { ...withObjects, prerequisites: withObjects.prerequisites.slice(0, 1) };
    expect(withoutUnusedPrerequisites(clean)).toBe(clean);
  });
});
