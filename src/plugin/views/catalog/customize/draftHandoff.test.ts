// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { bootableVolume, U1_MEDIUM, vmDetails } from '../draft/draftFixtures';
import { instanceTypeDraft } from '../draft/instanceTypeDraft';
import {
  DRAFT_MAX_AGE_MS,
  dropCustomizeDraft,
  loadCustomizeDraft,
  saveDraftForCustomize,
  updateCustomizeDraft,
} from './draftHandoff';

const draft = () => instanceTypeDraft(bootableVolume(), U1_MEDIUM, vmDetails());
const idOf = (url: string) => new URL(url, 'http://x').searchParams.get('draft') ?? '';

beforeEach(() => window.sessionStorage.clear());

describe('draft handoff', () => {
  it('stores the draft and returns the Customize URL of its project, which loads it', () => {
    const url = saveDraftForCustomize(draft(), 1000);
    expect(url).toMatch(/^\/k8s\/ns\/developer-vms\/catalog\/customize\?draft=[a-z0-9]{12}$/);
    expect(loadCustomizeDraft(idOf(url), 2000)).toEqual(draft());
  });

  it('has nothing for an unknown, dropped or expired id', () => {
    expect(loadCustomizeDraft('nope')).toBeUndefined();
    const id = idOf(saveDraftForCustomize(draft(), 1000));
    expect(loadCustomizeDraft(id, 1000 + DRAFT_MAX_AGE_MS + 1)).toBeUndefined();
    // Expired drafts are forgotten, not only hidden.
    expect(loadCustomizeDraft(id, 1000)).toBeUndefined();
    const other = idOf(saveDraftForCustomize(draft(), 1000));
    dropCustomizeDraft(other);
    expect(loadCustomizeDraft(other, 1000)).toBeUndefined();
  });

  it('keeps the page’s edits under the same id, and only the newest few drafts', () => {
    const id = idOf(saveDraftForCustomize(draft(), 1000));
    const edited = { ...draft(), projectSshKey: 'my-key' };
    updateCustomizeDraft(id, edited, 2000);
    expect(loadCustomizeDraft(id, 3000)).toEqual(edited);
    const ids = [1, 2, 3, 4, 5].map((n) => idOf(saveDraftForCustomize(draft(), 2000 + n)));
    expect(loadCustomizeDraft(id, 3000)).toBeUndefined();
    expect(ids.every((kept) => loadCustomizeDraft(kept, 3000))).toBe(true);
  });

  it('ignores what is not a stored draft', () => {
    window.sessionStorage.setItem('virtualization-plugin/customize/broken', '{not json');
    expect(loadCustomizeDraft('broken')).toBeUndefined();
  });
});
