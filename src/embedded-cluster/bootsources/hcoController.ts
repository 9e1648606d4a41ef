import { isDeepStrictEqual } from 'node:util';
import { WorkQueue } from '../controllers/workQueue';
import { recordEvent } from '../events';
import type { ClusterContext } from '../modules/clusterModule';
import type { KubeObject } from '../types';
import {
  commonDataImportCronTemplates,
  CRON_LABEL,
  type DataImportCronTemplate,
  type DataImportCronTemplateStatus,
  DICT_ENABLE_ANNOTATION,
  IMMEDIATE_BIND_ANNOTATION,
  isOwnedBySsp,
  randomDataImportSchedule,
  sspDataSource,
  sspDataSourceNames,
  sspDataSourceSpec,
  SSP_LABELS,
} from './dataImportCronTemplates';
import {
  createObject,
  DATA_IMPORT_CRONS,
  DATA_SOURCES,
  deleteObject,
  GOLDEN_IMAGES_NAMESPACE,
  HCO_NAME,
  HCO_NAMESPACE,
  HYPERCONVERGEDS,
  keyOf,
  mutate,
  PVCS,
} from './objects';

interface HcoSpec {
  featureGates?: { enableCommonBootImageImport?: boolean };
  enableCommonBootImageImport?: boolean;
  commonBootImageNamespace?: string;
  dataImportCronTemplates?: DataImportCronTemplate[];
}

const isEnabled = (dict: DataImportCronTemplate) => {
  const value = dict.metadata.annotations?.[DICT_ENABLE_ANNOTATION];
  return value === undefined || value.toLowerCase() === 'true';
};

/** The feature gate, where HCO 4.16 has it (featureGates), or where newer HCO versions do. */
export const commonBootImageImportEnabled = (hco: KubeObject) => {
  const spec = (hco.spec ?? {}) as HcoSpec;
  return spec.featureGates?.enableCommonBootImageImport ?? spec.enableCommonBootImageImport ?? true;
};

/**
 * HCO's `getDataImportCronTemplates`: the system templates (when the gate is on) as customised
 * by same-named entries of the spec, then the custom entries; disabled ones left out; sorted
 * by name. Throws on a name listed twice, as HCO does.
 */
export const dataImportCronTemplateStatuses = (
  hco: KubeObject,
  schedule: string,
): DataImportCronTemplateStatus[] => {
  const spec = (hco.spec ?? {}) as HcoSpec;
  const fromSpec = new Map<string, DataImportCronTemplate>();
  for (const dict of spec.dataImportCronTemplates ?? []) {
    if (fromSpec.has(dict.metadata.name))
      throw new Error(`${dict.metadata.name} DataImportCronTable is already defined`);
    fromSpec.set(dict.metadata.name, dict);
  }
  const common = commonDataImportCronTemplates(schedule);
  const list: DataImportCronTemplateStatus[] = [];
  if (commonBootImageImportEnabled(hco)) {
    for (const template of common) {
      const custom = fromSpec.get(template.metadata.name);
      const target: DataImportCronTemplateStatus = {
        ...structuredClone(template),
        status: { commonTemplate: true },
      };
      if (custom) {
        if (!isEnabled(custom)) continue;
        const customSpec = structuredClone(custom.spec ?? {});
        if (!customSpec.schedule) customSpec.schedule = template.spec?.schedule;
        target.metadata.annotations = {
          ...target.metadata.annotations,
          ...custom.metadata.annotations,
        };
        target.spec = customSpec;
        if (custom.metadata.namespace) target.metadata.namespace = custom.metadata.namespace;
        target.status.modified = true;
      } else if (spec.commonBootImageNamespace) {
        target.metadata.namespace = spec.commonBootImageNamespace;
      }
      list.push(target);
    }
  }
  const commonNames = new Set(common.map((t) => t.metadata.name));
  for (const [name, dict] of fromSpec) {
    if (!isEnabled(dict) || commonNames.has(name)) continue;
    list.push({ ...structuredClone(dict), status: {} });
  }
  return list.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
};

/** The DataImportCron SSP creates for a template. */
const cronFor = (dict: DataImportCronTemplate): KubeObject => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataImportCron',
  metadata: {
    name: dict.metadata.name,
    namespace: dict.metadata.namespace || GOLDEN_IMAGES_NAMESPACE,
    labels: { ...dict.metadata.labels, ...SSP_LABELS },
    annotations: { [IMMEDIATE_BIND_ANNOTATION]: 'true', ...dict.metadata.annotations },
  },
  spec: structuredClone(dict.spec ?? {}),
});

/**
 * The HyperConverged's boot-source part (HCO and SSP's data-sources operand in one): turns
 * `spec.featureGates.enableCommonBootImageImport` and `spec.dataImportCronTemplates` into
 * DataImportCrons in the boot-source namespace, keeps SSP's DataSources (labelled for the cron
 * that feeds them, or reset to their own golden-image PVC when none does) and reports
 * `status.dataImportCronTemplates` and `status.dataImportSchedule`.
 */
export class HcoBootSourcesController {
  readonly queue: WorkQueue;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly dataSourceNames = new Set(sspDataSourceNames());

  constructor(private readonly context: ClusterContext) {
    this.queue = new WorkQueue(
      () => this.reconcile(),
      (_key, error) => console.error('hco boot sources:', error),
    );
  }

  start() {
    const { store } = this.context;
    const kick = () => this.queue.add(HCO_NAME);
    this.unsubscribe.push(
      store.subscribe(HYPERCONVERGEDS, kick),
      store.subscribe(DATA_IMPORT_CRONS, (event) => {
        // SSP puts back what others delete or edit in the crons it owns.
        if (isOwnedBySsp(event.object)) kick();
      }),
      store.subscribe(DATA_SOURCES, (event) => {
        const { namespace, name = '' } = event.object.metadata;
        if (namespace === GOLDEN_IMAGES_NAMESPACE && this.dataSourceNames.has(name)) kick();
      }),
      store.subscribe(PVCS, (event) => {
        const { namespace, name = '' } = event.object.metadata;
        if (namespace === GOLDEN_IMAGES_NAMESPACE && this.dataSourceNames.has(name)) kick();
      }),
    );
    kick();
  }

  stop() {
    for (const off of this.unsubscribe.splice(0)) off();
    this.queue.stop();
  }

  private async reconcile() {
    const { store } = this.context;
    const hco = store.get(HYPERCONVERGEDS, HCO_NAMESPACE, HCO_NAME);
    if (!hco || hco.metadata.deletionTimestamp) return;
    const hcoStatus = (hco.status ?? {}) as { dataImportSchedule?: string };
    const schedule = hcoStatus.dataImportSchedule || randomDataImportSchedule();
    let statuses: DataImportCronTemplateStatus[];
    try {
      statuses = dataImportCronTemplateStatuses(hco, schedule);
    } catch (error) {
      await recordEvent(store, {
        involvedObject: hco,
        type: 'Warning',
        reason: 'ReconcileError',
        message: (error as Error).message,
        component: 'hyperconverged-cluster-operator',
      });
      return;
    }
    const crons = statuses.map(cronFor);
    await this.reconcileCrons(crons);
    await this.reconcileDataSources(crons);
    await mutate(store, HYPERCONVERGEDS, HCO_NAMESPACE, HCO_NAME, (copy) => {
      copy.status = {
        ...(copy.status as object),
        dataImportSchedule: schedule,
        dataImportCronTemplates: statuses,
      };
      return copy;
    });
  }

  /** SSP: create or update the wanted crons, delete the ones it owns and no longer wants. */
  private async reconcileCrons(crons: KubeObject[]) {
    const { store } = this.context;
    const wanted = new Set(crons.map(keyOf));
    for (const existing of store.list(DATA_IMPORT_CRONS)) {
      if (isOwnedBySsp(existing) && !wanted.has(keyOf(existing)))
        await deleteObject(this.context, existing);
    }
    for (const cron of crons) {
      const { namespace, name = '' } = cron.metadata;
      if (!store.get(DATA_IMPORT_CRONS, namespace, name)) {
        await createObject(store, DATA_IMPORT_CRONS, cron);
        continue;
      }
      await mutate(store, DATA_IMPORT_CRONS, namespace, name, (copy) => {
        // CDI keeps its own annotations (digest, poll times) on the cron: merge, never replace.
        copy.metadata.labels = { ...copy.metadata.labels, ...cron.metadata.labels };
        copy.metadata.annotations = { ...copy.metadata.annotations, ...cron.metadata.annotations };
        if (!isDeepStrictEqual(copy.spec, cron.spec)) copy.spec = cron.spec;
        return copy;
      });
    }
  }

  /**
   * SSP's DataSources: auto-updated ones carry the label of their cron (CDI then points them
   * at the newest import); the others are reset to the golden-image PVC of their own name.
   */
  private async reconcileDataSources(crons: KubeObject[]) {
    const { store } = this.context;
    for (const name of this.dataSourceNames) {
      const cron = crons.find(
        (c) =>
          c.metadata.namespace === GOLDEN_IMAGES_NAMESPACE &&
          (c.spec as { managedDataSource?: string }).managedDataSource === name,
      );
      const existing = store.get(DATA_SOURCES, GOLDEN_IMAGES_NAMESPACE, name);
      // A golden-image PVC an admin provided wins over auto-update, as in SSP.
      const autoUpdate =
        !!cron &&
        (existing?.metadata.labels?.[CRON_LABEL] !== undefined ||
          !store.get(PVCS, GOLDEN_IMAGES_NAMESPACE, name));
      if (!existing) {
        const fresh = sspDataSource(name);
        if (autoUpdate && cron?.metadata.name)
          fresh.metadata.labels = { ...fresh.metadata.labels, [CRON_LABEL]: cron.metadata.name };
        await createObject(store, DATA_SOURCES, fresh);
        continue;
      }
      await mutate(store, DATA_SOURCES, GOLDEN_IMAGES_NAMESPACE, name, (copy) => {
        if (autoUpdate && cron?.metadata.name) {
          copy.metadata.labels = { ...copy.metadata.labels, [CRON_LABEL]: cron.metadata.name };
        } else {
          const labels = Object.entries({ ...copy.metadata.labels, ...SSP_LABELS });
          copy.metadata.labels = Object.fromEntries(labels.filter(([key]) => key !== CRON_LABEL));
          copy.spec = sspDataSourceSpec(name);
        }
        return copy;
      });
    }
  }
}
