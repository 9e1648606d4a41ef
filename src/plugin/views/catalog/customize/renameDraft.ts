import type { VirtualMachine } from '../../../api/types';
import type { VmDraft } from '../draft/vmDraft';

type Labels = Record<string, string> | undefined;

/** Labels whose value is the old name (`app`, `vm.kubevirt.io/name`, `kubevirt.io/domain` …). */
const relabel = (labels: Labels, from: string, to: string): Labels =>
  labels &&
  Object.fromEntries(
    Object.entries(labels).map(([key, value]) => [key, value === from ? to : value]),
  );

/** `<old>-volume` → `<new>-volume`: the DataVolumes a VM creates are named after it. */
const renamed = (name: string | undefined, from: string, to: string): string | undefined =>
  name?.startsWith(`${from}-`) ? `${to}${name.slice(from.length)}` : name;

/**
 * The draft with its VM named `name`, and what carries the old name following it: labels (of
 * the VM, its template and the objects made for it), the hostname, and the DataVolume templates
 * named `<old name>-…` with the volumes using them.
 */
export const renameDraft = (draft: VmDraft, name: string): VmDraft => {
  const { vm } = draft;
  const from = vm.metadata?.name ?? '';
  if (!from || from === name) return draft;
  const spec = vm.spec;
  const template = spec?.template;
  const templateNames = new Set((spec?.dataVolumeTemplates ?? []).map((tpl) => tpl.metadata?.name));
  const next: VirtualMachine = {
    ...vm,
    metadata: { ...vm.metadata, name, labels: relabel(vm.metadata?.labels, from, name) },
    spec: spec && {
      ...spec,
      dataVolumeTemplates: spec.dataVolumeTemplates?.map((tpl) => ({
        ...tpl,
        metadata: { ...tpl.metadata, name: renamed(tpl.metadata?.name, from, name) },
      })),
      template: template && {
        ...template,
        metadata: template.metadata && {
          ...template.metadata,
          labels: relabel(template.metadata.labels, from, name),
        },
        spec: template.spec && {
          ...template.spec,
          hostname: template.spec.hostname === from ? name : template.spec.hostname,
          volumes: template.spec.volumes?.map((volume) =>
            volume.dataVolume && templateNames.has(volume.dataVolume.name)
              ? {
                  ...volume,
                  dataVolume: {
                    ...volume.dataVolume,
                    name: renamed(volume.dataVolume.name, from, name) ?? '',
                  },
                }
              : volume,
          ),
        },
      },
    },
  };
  return {
    ...draft,
    vm: withoutUndefined(next),
    prerequisites: draft.prerequisites.map((object) =>
      object.metadata?.labels
        ? {
            ...object,
            metadata: { ...object.metadata, labels: relabel(object.metadata.labels, from, name) },
          }
        : object,
    ),
  };
};

/** Drops the `undefined` members the spreads above add, so the YAML shows no `null`s. */
const withoutUndefined = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
