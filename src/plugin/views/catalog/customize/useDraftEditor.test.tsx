// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ConfigMapModel } from '../../../api/models';
import type { VirtualMachine } from '../../../api/types';
import { fieldErrorOf, isStaleEdit } from '../../vms/details/configuration/editor/fieldErrors';
import { setAt } from '../../vms/details/configuration/editor/vmPatch';
import { bootableVolume, U1_MEDIUM, vmDetails } from '../draft/draftFixtures';
import { instanceTypeDraft } from '../draft/instanceTypeDraft';
import type { VmDraft } from '../draft/vmDraft';
import { useDraftEditor } from './useDraftEditor';

const renderEditor = () =>
  renderHook(() => {
    const [draft, setDraft] = useState<VmDraft>(() =>
      instanceTypeDraft(bootableVolume(), U1_MEDIUM, vmDetails()),
    );
    return { draft, editor: useDraftEditor(draft, setDraft) };
  });

describe('useDraftEditor', () => {
  it('is a draft the user may change, with nothing to hot-plug', () => {
    const { result } = renderEditor();
    expect(result.current.editor.live).toBe(false);
    expect(result.current.editor.access).toEqual({ allowed: true, loading: false });
    expect(result.current.editor.vm).toBe(result.current.draft.vm);
  });

  it('applies a patch in memory, updates the draft and resolves with the new VM', async () => {
    const { result } = renderEditor();
    const { editor } = result.current;
    let patched: VirtualMachine | undefined;
    await act(async () => {
      patched = await editor.patch(setAt(editor.vm, ['spec', 'runStrategy'], 'Halted'));
    });
    expect(patched?.spec?.runStrategy).toBe('Halted');
    expect(result.current.draft.vm).toEqual(patched);
    expect(result.current.editor.vm.spec?.runStrategy).toBe('Halted');
  });

  it('rejects a failing test with a Status the forms show as a stale edit, changing nothing', async () => {
    const { result } = renderEditor();
    const before = result.current.draft;
    let error: unknown;
    await act(async () => {
      await result.current.editor
        .patch([{ op: 'test', path: '/spec/runStrategy', value: 'Manual' }])
        .catch((caught: unknown) => {
          error = caught;
        });
    });
    expect(error).toMatchObject({ code: 422, json: { kind: 'Status', reason: 'Invalid' } });
    expect(isStaleEdit(error)).toBe(true);
    expect(fieldErrorOf(error, 'spec')).toBeUndefined();
    expect(result.current.draft).toBe(before);
  });

  it('keeps an object and a patch sent in one submit, before any render', async () => {
    const { result } = renderEditor();
    const { editor } = result.current;
    await act(async () => {
      const created = await editor.createObject!(ConfigMapModel, {
        metadata: { name: 'answers' },
      });
      expect(created).toMatchObject({
        kind: 'ConfigMap',
        metadata: { namespace: 'developer-vms' },
      });
      await editor.patch(setAt(editor.vm, ['metadata', 'annotations'], { sysprep: 'answers' }));
      editor.projectSshKey!.set('team-key');
    });
    expect(result.current.draft.prerequisites).toEqual([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'answers', namespace: 'developer-vms' },
      },
    ]);
    expect(result.current.draft.vm.metadata?.annotations).toEqual({ sysprep: 'answers' });
    expect(result.current.draft.projectSshKey).toBe('team-key');
    expect(result.current.editor.projectSshKey?.secretName).toBe('team-key');
    act(() => result.current.editor.projectSshKey!.set(undefined));
    expect(result.current.draft).not.toHaveProperty('projectSshKey');
  });
});
