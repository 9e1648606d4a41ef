import {
  Alert,
  Badge,
  Card,
  CardBody,
  CardTitle,
  Content,
  Grid,
  GridItem,
  List,
  ListItem,
  Skeleton,
  Title,
} from '@patternfly/react-core';
import { Link } from 'react-router';
import { errorMessage } from '../../../api/bff';
import { useVmIndexPage, type VmSummary } from '../../../api/vmIndex';
import { usePluginTranslation } from '../../../i18n';
import { osOf, rankBy, TEMPLATE_LABEL, templateOf } from './runningVms';
import { filteredVmListPath } from './vmStatusGroups';

/** The index answers at most this many rows at once; beyond, the ranking says it is partial. */
const SAMPLE = 1000;

const Ranking = ({
  title,
  vms,
  keyOf,
  noneText,
  hrefOf,
}: {
  title: string;
  vms: VmSummary[];
  keyOf: (vm: VmSummary) => string | undefined;
  noneText: string;
  hrefOf: (key: string) => string;
}) => {
  const { t } = usePluginTranslation();
  const { ranked, rest } = rankBy(vms, keyOf);
  return (
    <>
      <Title headingLevel="h3" size="md">
        {title}
      </Title>
      <List isPlain aria-label={title}>
        {ranked.map(({ key, count }) => (
          <ListItem key={key}>
            {key ? <Link to={hrefOf(key)}>{key}</Link> : noneText} <Badge isRead>{count}</Badge>
          </ListItem>
        ))}
        {rest > 0 && <ListItem>{t('{{count}} more', { count: rest })}</ListItem>}
      </List>
    </>
  );
};

/** Running VMs per template and per guest OS, a short ranked list each, from the VM index. */
export const RunningVmsCard = ({ namespace }: { namespace?: string }) => {
  const { t } = usePluginTranslation();
  const { page, loading, error } = useVmIndexPage({
    namespace: namespace ? [namespace] : undefined,
    status: ['Running'],
    limit: SAMPLE,
  });

  const body = () => {
    if (loading) return <Skeleton width="60%" screenreaderText={t('Loading running VMs')} />;
    if (error || !page)
      return (
        <Alert variant="danger" isInline isPlain title={t('Running VMs could not be listed')}>
          {errorMessage(error)}
        </Alert>
      );
    if (!page.items.length)
      return <Content component="p">{t('No VirtualMachine is running.')}</Content>;
    return (
      <>
        <Grid hasGutter>
          <GridItem md={6}>
            <Ranking
              title={t('Per template')}
              vms={page.items}
              keyOf={templateOf}
              noneText={t('No template')}
              hrefOf={(template) =>
                filteredVmListPath(namespace, {
                  status: ['Running'],
                  label: `${TEMPLATE_LABEL}=${template}`,
                })
              }
            />
          </GridItem>
          <GridItem md={6}>
            <Ranking
              title={t('Per operating system')}
              vms={page.items}
              keyOf={osOf}
              noneText={t('Unknown operating system')}
              hrefOf={(os) => filteredVmListPath(namespace, { status: ['Running'], os })}
            />
          </GridItem>
        </Grid>
        {page.total > page.items.length && (
          <Content component="small">
            {t('Counted over the first {{count}} of {{total}} running VMs.', {
              count: page.items.length,
              total: page.total,
            })}
          </Content>
        )}
      </>
    );
  };

  return (
    <Card>
      <CardTitle component="h2">{t('Running VirtualMachines')}</CardTitle>
      <CardBody>{body()}</CardBody>
    </Card>
  );
};
