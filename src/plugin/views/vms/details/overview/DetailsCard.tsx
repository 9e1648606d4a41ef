import {
  Card,
  CardBody,
  CardTitle,
  ClipboardCopy,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
} from '@patternfly/react-core';
import type { ReactNode } from 'react';
import type {
  Pod,
  VirtualMachine,
  VirtualMachineInstance,
  VirtualMachineInstanceMigration,
} from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import { VmStatusLabel } from '../header/VmStatusLabel';
import { Time } from '../Time';
import {
  cpuCount,
  internalFQDN,
  vcpuCount,
  vmHostname,
  vmiIPAddresses,
  vmMemory,
  vmOperatingSystem,
  vmTemplate,
  vmTimeZone,
} from './vmFacts';

const Row = ({ term, children }: { term: string; children: ReactNode }) => (
  <DescriptionListGroup>
    <DescriptionListTerm>{term}</DescriptionListTerm>
    <DescriptionListDescription>{children}</DescriptionListDescription>
  </DescriptionListGroup>
);

/** Name, status, OS, sizing, template, where it runs and how to reach it. */
export const DetailsCard = ({
  vm,
  vmi,
  pod,
  migration,
}: {
  vm: VirtualMachine;
  vmi?: VirtualMachineInstance;
  pod?: Pod;
  migration?: VirtualMachineInstanceMigration;
}) => {
  const { t } = usePluginTranslation();
  const os = vmOperatingSystem(vm, vmi);
  const ips = vmiIPAddresses(vmi);
  const fqdn = internalFQDN(vm);
  const timeZone = vmTimeZone(vm);
  const template = vmTemplate(vm);
  const notRunning = t('Not running');
  const osSource =
    os?.source === 'guest'
      ? t('from the guest agent')
      : os?.source === 'preference'
        ? t('from the preference')
        : t('from the VirtualMachine labels');

  return (
    <Card>
      <CardTitle component="h2">{t('Details')}</CardTitle>
      <CardBody>
        <DescriptionList isCompact columnModifier={{ default: '1Col', lg: '2Col' }}>
          <Row term={t('Name')}>{vm.metadata?.name}</Row>
          <Row term={t('Status')}>
            <VmStatusLabel vm={vm} />
          </Row>
          <Row term={t('Created')}>
            <Time value={vm.metadata?.creationTimestamp as string | undefined} />
          </Row>
          <Row term={t('Operating system')}>
            {os ? t('{{os}} ({{source}})', { os: os.name, source: osSource }) : t('Unknown')}
          </Row>
          {vm.spec?.instancetype || vm.spec?.preference ? (
            <>
              <Row term={t('Instance type')}>{vm.spec?.instancetype?.name ?? t('None')}</Row>
              <Row term={t('Preference')}>{vm.spec?.preference?.name ?? t('None')}</Row>
              {vmi?.spec?.domain && (
                <Row term={t('CPU | Memory')}>
                  {t('{{count}} CPU | {{memory}} Memory', {
                    count: cpuCount(vmi.spec.domain.cpu),
                    memory: vmi.spec.domain.memory?.guest ?? '—',
                  })}
                </Row>
              )}
            </>
          ) : (
            <Row term={t('CPU | Memory')}>
              {t('{{count}} CPU | {{memory}} Memory', {
                count: vcpuCount(vm),
                memory: vmMemory(vm) ?? '—',
              })}
            </Row>
          )}
          <Row term={t('Template')}>{template ?? t('None')}</Row>
          <Row term={t('Hostname')}>{vmHostname(vm)}</Row>
          <Row term={t('Node')}>{vmi?.status?.nodeName ?? notRunning}</Row>
          {migration && (
            <Row term={t('Migration')}>
              {t('{{phase}}: to {{target}}', {
                phase: migration.status?.phase ?? t('Pending'),
                target: vmi?.status?.migrationState?.targetNode ?? t('a node to be chosen'),
              })}
            </Row>
          )}
          <Row term={t('Pod')}>{pod?.metadata?.name ?? notRunning}</Row>
          <Row term={t('IP addresses')}>
            {ips.length ? ips.map((ip) => <div key={ip}>{ip}</div>) : notRunning}
          </Row>
          {fqdn && (
            <Row term={t('Internal FQDN')}>
              <ClipboardCopy
                isReadOnly
                hoverTip={t('Copy')}
                clickTip={t('Copied')}
                variant="inline-compact"
              >
                {fqdn}
              </ClipboardCopy>
            </Row>
          )}
          {timeZone && <Row term={t('Time zone')}>{timeZone}</Row>}
        </DescriptionList>
      </CardBody>
    </Card>
  );
};
