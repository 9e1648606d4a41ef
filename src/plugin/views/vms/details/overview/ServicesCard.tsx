import { Card, CardBody, CardTitle, Content, List, ListItem } from '@patternfly/react-core';
import { errorMessage } from '../../../../api/bff';
import { ServiceModel } from '../../../../api/models';
import type { Service, VirtualMachine } from '../../../../api/types';
import { useK8sWatchList } from '../../../../api/watch';
import { usePluginTranslation } from '../../../../i18n';
import { LoadingSkeleton } from '../DetailsStates';
import { selects, vmPodLabels } from './vmFacts';

/** Services whose selector matches the VM's pod labels. */
export const ServicesCard = ({ namespace, vm }: { namespace: string; vm: VirtualMachine }) => {
  const { t } = usePluginTranslation();
  const list = useK8sWatchList<Service>(ServiceModel, { namespace });
  const labels = vmPodLabels(vm);
  const services = list.data.filter((s) => selects(s.spec?.selector, labels));
  const body = () => {
    if (list.error) return <Content component="p">{errorMessage(list.error)}</Content>;
    if (!list.loaded) return <LoadingSkeleton label={t('Loading services')} rows={2} />;
    if (!services.length)
      return <Content component="p">{t('No services select this VirtualMachine')}</Content>;
    return (
      <List isPlain>
        {services.map((s) => (
          <ListItem key={s.metadata?.name}>
            <strong>{s.metadata?.name}</strong>{' '}
            {t('{{type}}, {{ip}}, ports {{ports}}', {
              type: s.spec?.type ?? 'ClusterIP',
              ip: s.spec?.clusterIP ?? '—',
              ports:
                (s.spec?.ports ?? [])
                  .map(
                    (p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`,
                  )
                  .join(', ') || '—',
            })}
          </ListItem>
        ))}
      </List>
    );
  };
  return (
    <Card>
      <CardTitle component="h2">{t('Services')}</CardTitle>
      <CardBody>{body()}</CardBody>
    </Card>
  );
};
