// RFC 7386 JSON merge patch (`application/merge-patch+json`): objects merge recursively, null
// deletes a member, and anything else (arrays included) replaces the target wholesale.
import {
  cloneJson,
  deleteOwn,
  getOwn,
  isObject,
  setOwn,
  type JsonObject,
} from '../../common/patch/json';

/** Returns doc with patch merged in; neither argument is modified. */
export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  return merge(cloneJson(doc), patch);
}

/** target is already a private copy, so it may be changed in place. */
function merge(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return cloneJson(patch);
  // A non-object target is replaced by an empty object first (RFC 7386 section 2), which is
  // also what strips nulls out of objects that the patch adds.
  const result: JsonObject = isObject(target) ? target : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) deleteOwn(result, key);
    else setOwn(result, key, merge(getOwn(result, key), value));
  }
  return result;
}
