import { Card, CardBody, CardFooter, CardTitle, Content } from '@patternfly/react-core';
import { Link } from 'react-router';
import { errorMessage } from '../../../../api/bff';
import { usePluginTranslation } from '../../../../i18n';
import { LoadingSkeleton } from '../DetailsStates';
import { vmTabPath } from '../detailsPaths';
import { SnapshotPhase } from '../snapshots/SnapshotStatus';
import { useVmSnapshots } from '../snapshots/useVmSnapshots';
import { Time } from '../Time';

/** How many snapshots, the latest with its status, and the way to the Snapshots tab. */
export const SnapshotsSummaryCard = ({ namespace, name }: { namespace: string; name: string }) => {
  const { t } = usePluginTranslation();
  const { snapshots, loaded, error } = useVmSnapshots(namespace, name);
  const latest = snapshots[0];
  const body = () => {
    if (error) return <Content component="p">{errorMessage(error)}</Content>;
    if (!loaded) return <LoadingSkeleton label={t('Loading snapshots')} rows={2} />;
    if (!latest) return <Content component="p">{t('No snapshots')}</Content>;
    return (
      <Content component="p">
        {t('Latest: {{name}}', { name: latest.metadata?.name })} <SnapshotPhase snapshot={latest} />{' '}
        <Time value={latest.metadata?.creationTimestamp as string | undefined} />
      </Content>
    );
  };
  return (
    <Card>
      <CardTitle component="h2">
        {loaded ? t('Snapshots ({{count}})', { count: snapshots.length }) : t('Snapshots')}
      </CardTitle>
      <CardBody>{body()}</CardBody>
      <CardFooter>
        <Link to={vmTabPath(namespace, name, 'snapshots')}>{t('View snapshots')}</Link>
      </CardFooter>
    </Card>
  );
};
