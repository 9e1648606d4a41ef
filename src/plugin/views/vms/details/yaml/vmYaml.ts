import { parseDocument, stringify } from 'yaml';
import type { VirtualMachine } from '../../../../api/types';

/** The VM as the editor shows it: without managedFields, which nobody edits by hand. */
export const vmToYaml = (vm: VirtualMachine): string => {
  const { managedFields: _managed, ...metadata } = vm.metadata ?? {};
  return stringify({ ...vm, metadata }, { lineWidth: 0 });
};

export type ParsedYaml =
  | { ok: true; object: VirtualMachine }
  | { ok: false; line?: number; column?: number; message: string; kind: 'syntax' | 'shape' };

/** Parses the editor's text; syntax errors carry their line, shape errors say what is wrong. */
export const parseVmYaml = (
  text: string,
  expected: { namespace: string; name: string },
): ParsedYaml => {
  const doc = parseDocument(text);
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    // The message repeats the position and an excerpt; the first sentence is what to show.
    const message = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:$/, '') ?? '';
    return { ok: false, kind: 'syntax', line: pos?.line, column: pos?.col, message };
  }
  const object = doc.toJS() as unknown;
  if (!object || typeof object !== 'object' || Array.isArray(object))
    return { ok: false, kind: 'shape', message: 'not-an-object' };
  const vm = object as VirtualMachine;
  if (vm.kind !== 'VirtualMachine') return { ok: false, kind: 'shape', message: 'kind' };
  if (
    vm.metadata?.name !== expected.name ||
    (vm.metadata?.namespace ?? expected.namespace) !== expected.namespace
  )
    return { ok: false, kind: 'shape', message: 'identity' };
  return { ok: true, object: vm };
};
