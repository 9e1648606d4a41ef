import {
  Breadcrumb,
  BreadcrumbItem,
  Flex,
  FlexItem,
  Label,
  PageSection,
  Skeleton,
  Title,
} from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { VirtualMachineModel } from '../../../../api/models';
import type { VirtualMachine, VirtualMachineInstance } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import { vmListPath } from '../detailsPaths';
import { PendingChangesAlert } from './PendingChangesAlert';
import { ProvisioningAlert } from './ProvisioningAlert';
import { VmStatusLabel } from './VmStatusLabel';

interface VmDetailsHeaderProps {
  namespace: string;
  name: string;
  vm?: VirtualMachine;
  vmi?: VirtualMachineInstance;
  /** The actions menu (helper E's `VmActionsDropdown`), shown once the VM is loaded. */
  actions?: ReactNode;
  loading?: boolean;
}

/** Breadcrumbs, the VM's name with its badge and status, its actions, and pending changes. */
export const VmDetailsHeader = ({
  namespace,
  name,
  vm,
  vmi,
  actions,
  loading,
}: VmDetailsHeaderProps) => {
  const { t } = usePluginTranslation();
  return (
    <PageSection>
      <Breadcrumb>
        <BreadcrumbItem
          render={({ className }) => (
            <Link className={className} to={vmListPath(namespace)}>
              {t('VirtualMachines')}
            </Link>
          )}
        />
        <BreadcrumbItem isActive>{name}</BreadcrumbItem>
      </Breadcrumb>
      <Flex
        className="virtualization-plugin__vm-details-title"
        alignItems={{ default: 'alignItemsCenter' }}
        justifyContent={{ default: 'justifyContentSpaceBetween' }}
      >
        <Flex alignItems={{ default: 'alignItemsCenter' }} spaceItems={{ default: 'spaceItemsSm' }}>
          <FlexItem>
            <Label color="blue" isCompact aria-label={t('VirtualMachine')}>
              {VirtualMachineModel.abbr}
            </Label>
          </FlexItem>
          <FlexItem>
            <Title headingLevel="h1">{name}</Title>
          </FlexItem>
          <FlexItem>
            {loading ? (
              <Skeleton width="6rem" screenreaderText={t('Loading status')} />
            ) : (
              vm && <VmStatusLabel vm={vm} />
            )}
          </FlexItem>
        </Flex>
        {vm && actions && <FlexItem>{actions}</FlexItem>}
      </Flex>
      {vm && <PendingChangesAlert vm={vm} vmi={vmi} />}
      {vm && <ProvisioningAlert vm={vm} />}
    </PageSection>
  );
};
