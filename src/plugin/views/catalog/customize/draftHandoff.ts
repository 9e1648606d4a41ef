// How a creation flow hands its draft to the Customize page: kept in this tab's sessionStorage
// under an id that the page URL carries, so a reload keeps it and another tab does not see it.
import { randomText } from '../../vms/details/configuration/editor/randomText';
import type { VmDraft } from '../draft/vmDraft';

const KEY_PREFIX = 'virtualization-plugin/customize/';
/** A draft older than this is gone: the page says so and links back to the Catalog. */
export const DRAFT_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Drafts kept at once; saving another drops the oldest. */
const MAX_DRAFTS = 5;

interface Stored {
  savedAt: number;
  draft: VmDraft;
}

/** When sessionStorage refuses (private mode, quota), drafts live as long as the page does. */
const fallback = new Map<string, Stored>();

const storage = (): Storage | undefined => {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
};

const read = (id: string): Stored | undefined => {
  const text = storage()?.getItem(KEY_PREFIX + id);
  if (!text) return fallback.get(id);
  try {
    const stored = JSON.parse(text) as Stored;
    return stored && typeof stored.savedAt === 'number' && stored.draft?.vm ? stored : undefined;
  } catch {
    return undefined;
  }
};

const write = (id: string, stored: Stored): void => {
  try {
    const store = storage();
    if (!store) throw new Error('no sessionStorage');
    store.setItem(KEY_PREFIX + id, JSON.stringify(stored));
    fallback.delete(id);
  } catch {
    fallback.set(id, stored);
  }
};

/** The ids of the stored drafts, oldest first. */
const storedIds = (): string[] => {
  const store = storage();
  const ids = new Set(fallback.keys());
  for (let index = 0; store && index < store.length; index++) {
    const key = store.key(index);
    if (key?.startsWith(KEY_PREFIX)) ids.add(key.slice(KEY_PREFIX.length));
  }
  return [...ids].sort((a, b) => (read(a)?.savedAt ?? 0) - (read(b)?.savedAt ?? 0));
};

/** The Customize page of a stored draft: `/k8s/ns/NS/catalog/customize?draft=ID`. */
export const customizePath = (namespace: string, id: string): string =>
  `/k8s/ns/${encodeURIComponent(namespace)}/catalog/customize?draft=${encodeURIComponent(id)}`;

/** Forgets a draft (created, or abandoned). */
export const dropCustomizeDraft = (id: string): void => {
  fallback.delete(id);
  try {
    storage()?.removeItem(KEY_PREFIX + id);
  } catch {
    // Nothing to forget.
  }
};

/**
 * Keeps `draft` for the Customize page and returns that page's URL. Expired drafts, and the
 * oldest beyond the few kept, are dropped.
 */
export const saveDraftForCustomize = (draft: VmDraft, now = Date.now()): string => {
  const id = randomText(12, 'abcdefghijklmnopqrstuvwxyz0123456789');
  for (const old of storedIds()) {
    const stored = read(old);
    if (!stored || now - stored.savedAt > DRAFT_MAX_AGE_MS) dropCustomizeDraft(old);
  }
  storedIds()
    .slice(0, -(MAX_DRAFTS - 1))
    .forEach(dropCustomizeDraft);
  write(id, { savedAt: now, draft });
  return customizePath(draft.vm.metadata?.namespace ?? '', id);
};

/** The draft stored under `id`; undefined when there is none or it has expired. */
export const loadCustomizeDraft = (id: string, now = Date.now()): VmDraft | undefined => {
  const stored = read(id);
  if (!stored) return undefined;
  if (now - stored.savedAt > DRAFT_MAX_AGE_MS) {
    dropCustomizeDraft(id);
    return undefined;
  }
  return stored.draft;
};

/** Stores the page's edits under the same id, so a reload of the page keeps them. */
export const updateCustomizeDraft = (id: string, draft: VmDraft, now = Date.now()): void =>
  write(id, { savedAt: now, draft });
