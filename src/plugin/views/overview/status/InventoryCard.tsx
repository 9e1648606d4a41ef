import {
  Card,
  CardBody,
  CardTitle,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
  Skeleton,
} from '@patternfly/react-core';
import { Link } from 'react-router';
import { errorMessage } from '../../../api/bff';
import { resourceListPath, vmListPath } from '../../../api/links';
import {
  DataSourceModel,
  NetworkAttachmentDefinitionModel,
  NodeModel,
  TemplateModel,
} from '../../../api/models';
import { useVmIndexPage } from '../../../api/vmIndex';
import { usePluginTranslation } from '../../../i18n';
import { OS_IMAGES_NAMESPACE } from '../../catalog/instanceTypes/volumes/bootableVolumes';
import { errorCode } from '../errorCode';
import type { OverviewScope } from '../useOverviewScope';
import { useInventoryCounts, type InventoryCount } from './useInventoryCounts';
import { filteredVmListPath, VM_STATUS_GROUPS, type VmStatusGroup } from './vmStatusGroups';

const Figure = ({
  figure,
  href,
  label,
}: {
  figure: InventoryCount;
  href: string;
  /** What is counted, for the link's and the skeleton's accessible name. */
  label: string;
}) => {
  const { t } = usePluginTranslation();
  if (figure.unavailable === 'administrator') return <>{t('Administrators only')}</>;
  if (figure.unavailable === 'project') return <>{t('Choose a project')}</>;
  if (figure.loading)
    return <Skeleton width="3rem" screenreaderText={t('Loading {{what}}', { what: label })} />;
  if (figure.error)
    return <>{errorCode(figure.error) === 403 ? t('Not permitted') : errorMessage(figure.error)}</>;
  return (
    <Link to={href} aria-label={t('{{count}} {{what}}', { count: figure.count, what: label })}>
      {figure.count}
    </Link>
  );
};

/** The VMs in a few statuses, from the VM index: one small question per status. */
const StatusCount = ({ group, namespace }: { group: VmStatusGroup; namespace?: string }) => {
  const { t } = usePluginTranslation();
  const { page, loading, error } = useVmIndexPage({
    namespace: namespace ? [namespace] : undefined,
    status: group.statuses,
    limit: 1,
  });
  const title = group.title(t);
  return (
    <FlexItem>
      {t('{{label}}:', { label: title })}{' '}
      <Figure
        figure={{ count: page?.total, loading, error }}
        href={filteredVmListPath(namespace, { status: group.statuses })}
        label={t('{{status}} VirtualMachines', { status: title })}
      />
    </FlexItem>
  );
};

const VmCounts = ({ namespace }: { namespace?: string }) => {
  const { t } = usePluginTranslation();
  const { page, loading, error } = useVmIndexPage({
    namespace: namespace ? [namespace] : undefined,
    limit: 1,
  });
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{t('VirtualMachines')}</DescriptionListTerm>
      <DescriptionListDescription>
        <Figure
          figure={{ count: page?.total, loading, error }}
          href={vmListPath(namespace)}
          label={t('VirtualMachines')}
        />
        <Flex spaceItems={{ default: 'spaceItemsMd' }} aria-label={t('VirtualMachines by status')}>
          {VM_STATUS_GROUPS.map((group) => (
            <StatusCount key={group.id} group={group} namespace={namespace} />
          ))}
        </Flex>
      </DescriptionListDescription>
    </DescriptionListGroup>
  );
};

/** What there is: VMs by status, templates, bootable volumes, nodes, networks; each a link. */
export const InventoryCard = ({ scope }: { scope: OverviewScope }) => {
  const { t } = usePluginTranslation();
  const counts = useInventoryCounts(scope);
  const rows = [
    {
      id: 'templates',
      label: t('Templates'),
      figure: counts.templates,
      href: resourceListPath(TemplateModel, scope.namespace),
    },
    {
      id: 'bootable-volumes',
      label: t('Bootable volumes'),
      figure: counts.bootableVolumes,
      href: resourceListPath(DataSourceModel, OS_IMAGES_NAMESPACE),
    },
    { id: 'nodes', label: t('Nodes'), figure: counts.nodes, href: resourceListPath(NodeModel) },
    {
      id: 'networks',
      label: t('Networks'),
      figure: counts.networks,
      href: resourceListPath(NetworkAttachmentDefinitionModel, scope.namespace),
    },
  ];
  return (
    <Card>
      <CardTitle component="h2">{t('Inventory')}</CardTitle>
      <CardBody>
        <DescriptionList isHorizontal isCompact>
          <VmCounts namespace={scope.namespace} />
          {rows.map((row) => (
            <DescriptionListGroup key={row.id}>
              <DescriptionListTerm>{row.label}</DescriptionListTerm>
              <DescriptionListDescription>
                <Figure figure={row.figure} href={row.href} label={row.label} />
              </DescriptionListDescription>
            </DescriptionListGroup>
          ))}
        </DescriptionList>
      </CardBody>
    </Card>
  );
};
