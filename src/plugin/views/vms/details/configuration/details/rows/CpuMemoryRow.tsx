import {
  Checkbox,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  TextInput,
} from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../../../i18n';
import { cpuCount } from '../../../overview/vmFacts';
import { EditableRow } from '../../editor/EditableRow';
import { fieldErrorOf } from '../../editor/fieldErrors';
import { FormModal } from '../../editor/FormModal';
import type { VmEditor } from '../../editor/vmEditor';
import {
  cpuWithTopology,
  cpuWithVcpus,
  TOPOLOGY_FIELDS,
  topologyOf,
  usesTopology,
  validateCount,
  vcpuField,
  type Topology,
} from '../cpuTopology';
import { cpuMemoryOps, cpuOf, memoryOf } from '../detailsOps';
import { FieldHelp } from '../../../../actions/modals/FieldHelp';
import {
  LOW_MEMORY_MIB,
  MEMORY_UNITS,
  memoryLabel,
  memoryMiB,
  memoryQuantity,
  splitMemory,
  validateMemory,
  type MemoryUnit,
} from '../memory';
import { isRestartPending } from '../restartPending';
import { RestartHint } from '../../editor/RestartHint';
import { PendingValue } from '../RestartPending';

type Counts = Record<keyof Topology, string>;

const CpuMemoryModal = ({ editor, onClose }: { editor: VmEditor; onClose(): void }) => {
  const { t } = usePluginTranslation();
  const cpu = cpuOf(editor.vm);
  const [detailed, setDetailed] = useState(() => usesTopology(cpu));
  const [vcpus, setVcpus] = useState(() => String(cpuCount(cpu)));
  const [counts, setCounts] = useState<Counts>(() => {
    const topology = topologyOf(cpu);
    return {
      sockets: String(topology.sockets),
      cores: String(topology.cores),
      threads: String(topology.threads),
    };
  });
  const [memory, setMemory] = useState(() => splitMemory(memoryOf(editor.vm)));

  const countErrors = detailed
    ? Object.fromEntries(TOPOLOGY_FIELDS.map((field) => [field, validateCount(counts[field], t)]))
    : { vcpus: validateCount(vcpus, t) };
  const memoryError = validateMemory(memory.value, memory.unit, t);
  const mib = memoryMiB(memory.value, memory.unit);
  const lowMemory =
    !memoryError && mib !== undefined && mib < LOW_MEMORY_MIB
      ? t('Less than 128 MiB is rarely enough for a guest operating system to boot.')
      : undefined;
  const isValid = !memoryError && Object.values(countErrors).every((error) => !error);

  const fieldLabels: Record<keyof Topology, string> = {
    sockets: t('Sockets'),
    cores: t('Cores'),
    threads: t('Threads'),
  };

  const submit = async () => {
    const nextCpu = detailed
      ? cpuWithTopology(cpu, {
          sockets: Number(counts.sockets),
          cores: Number(counts.cores),
          threads: Number(counts.threads),
        })
      : cpuWithVcpus(cpu, Number(vcpus));
    await editor.patch(cpuMemoryOps(editor.vm, nextCpu, memoryQuantity(mib ?? 0)));
  };

  const toggleDetailed = (on: boolean) => {
    // Carry the count across: vCPUs become sockets × cores × threads and back.
    if (on && !validateCount(vcpus, t))
      setCounts({ sockets: '1', cores: '1', threads: '1', [vcpuField(cpu)]: vcpus });
    if (!on && TOPOLOGY_FIELDS.every((field) => !validateCount(counts[field], t)))
      setVcpus(
        String(TOPOLOGY_FIELDS.reduce((product, field) => product * Number(counts[field]), 1)),
      );
    setDetailed(on);
  };

  return (
    <FormModal title={t('Edit CPU | Memory')} isValid={isValid} onSubmit={submit} onClose={onClose}>
      {(error) => {
        const cpuServerError = fieldErrorOf(error, 'spec.template.spec.domain.cpu');
        const memoryServerError = fieldErrorOf(
          error,
          'spec.template.spec.domain.memory',
          'spec.template.spec.domain.resources',
        );
        return (
          <>
            {detailed ? (
              <Grid hasGutter>
                {TOPOLOGY_FIELDS.map((field) => (
                  <GridItem key={field} span={4}>
                    <FormGroup
                      label={fieldLabels[field]}
                      fieldId={`virtualization-plugin-cpu-${field}`}
                      isRequired
                    >
                      <TextInput
                        id={`virtualization-plugin-cpu-${field}`}
                        type="number"
                        min={1}
                        value={counts[field]}
                        onChange={(_, value) =>
                          setCounts((current) => ({ ...current, [field]: value }))
                        }
                        validated={countErrors[field] ? 'error' : 'default'}
                      />
                      <FieldHelp error={countErrors[field]} />
                    </FormGroup>
                  </GridItem>
                ))}
              </Grid>
            ) : (
              <FormGroup label={t('vCPUs')} fieldId="virtualization-plugin-vcpus" isRequired>
                <TextInput
                  id="virtualization-plugin-vcpus"
                  type="number"
                  min={1}
                  value={vcpus}
                  onChange={(_, value) => setVcpus(value)}
                  validated={countErrors.vcpus || cpuServerError ? 'error' : 'default'}
                />
                <FieldHelp error={countErrors.vcpus} />
              </FormGroup>
            )}
            <Checkbox
              id="virtualization-plugin-cpu-topology"
              label={t('Set sockets, cores and threads')}
              isChecked={detailed}
              onChange={(_, on) => toggleDetailed(on)}
            />
            <FieldHelp error={cpuServerError} />
            <FormGroup label={t('Memory')} fieldId="virtualization-plugin-memory" isRequired>
              <Grid hasGutter>
                <GridItem span={8}>
                  <TextInput
                    id="virtualization-plugin-memory"
                    type="number"
                    min={1}
                    value={memory.value}
                    onChange={(_, value) => setMemory((current) => ({ ...current, value }))}
                    validated={
                      memoryError || memoryServerError ? 'error' : lowMemory ? 'warning' : 'default'
                    }
                  />
                </GridItem>
                <GridItem span={4}>
                  <FormSelect
                    aria-label={t('Memory unit')}
                    value={memory.unit}
                    onChange={(_, unit) =>
                      setMemory((current) => ({ ...current, unit: unit as MemoryUnit }))
                    }
                  >
                    {MEMORY_UNITS.map((unit) => (
                      <FormSelectOption key={unit} value={unit} label={unit} />
                    ))}
                  </FormSelect>
                </GridItem>
              </Grid>
              <FieldHelp error={memoryError ?? memoryServerError} warning={lowMemory} />
            </FormGroup>
            <RestartHint editor={editor} />
          </>
        );
      }}
    </FormModal>
  );
};

/** CPU and memory of a VM sized by itself (no instance type). */
export const CpuMemoryRow = ({ editor }: { editor: VmEditor }) => {
  const { t } = usePluginTranslation();
  const [open, setOpen] = useState(false);
  const memory = memoryOf(editor.vm);
  return (
    <>
      <EditableRow label={t('CPU | Memory')} editor={editor} onEdit={() => setOpen(true)}>
        <PendingValue pending={isRestartPending('cpuMemory', editor.vm, editor.vmi)}>
          {t('{{count}} CPU | {{memory}} Memory', {
            count: cpuCount(cpuOf(editor.vm)),
            memory: memoryLabel(memory) ?? '—',
          })}
        </PendingValue>
      </EditableRow>
      {open && <CpuMemoryModal editor={editor} onClose={() => setOpen(false)} />}
    </>
  );
};
