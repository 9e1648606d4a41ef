import {
  Alert,
  Card,
  CardBody,
  CardTitle,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
  Icon,
  Skeleton,
} from '@patternfly/react-core';
import {
  CheckCircleIcon,
  ExclamationCircleIcon,
  ExclamationTriangleIcon,
  InProgressIcon,
  UnknownIcon,
} from '@patternfly/react-icons';
import type { TFunction } from 'i18next';
import { useAccessReview } from '../../../api/access';
import { errorMessage } from '../../../api/bff';
import { HYPERCONVERGED_REF, HyperConvergedModel } from '../../../api/models';
import type { HyperConverged } from '../../../api/types';
import { useK8sWatchObject } from '../../../api/watch';
import { usePluginTranslation } from '../../../i18n';
import { errorCode } from '../errorCode';
import { NoticeText } from '../NoticeText';
import {
  conditionOf,
  conditionTone,
  HCO_CONDITION_TYPES,
  operatorVersion,
  overallHealth,
  type HealthTone,
  type OverallHealth,
} from './hcoHealth';

const ToneIcon = ({ tone }: { tone: HealthTone }) => {
  if (tone === 'success')
    return (
      <Icon status="success" isInline>
        <CheckCircleIcon />
      </Icon>
    );
  if (tone === 'danger')
    return (
      <Icon status="danger" isInline>
        <ExclamationCircleIcon />
      </Icon>
    );
  if (tone === 'warning')
    return (
      <Icon status="warning" isInline>
        <ExclamationTriangleIcon />
      </Icon>
    );
  if (tone === 'info')
    return (
      <Icon status="info" isInline>
        <InProgressIcon />
      </Icon>
    );
  return (
    <Icon isInline>
      <UnknownIcon />
    </Icon>
  );
};

const OVERALL: Record<OverallHealth, { tone: HealthTone; text: (t: TFunction) => string }> = {
  healthy: { tone: 'success', text: (t) => t('Healthy') },
  degraded: { tone: 'danger', text: (t) => t('Degraded') },
  unavailable: { tone: 'danger', text: (t) => t('Not available') },
  progressing: { tone: 'info', text: (t) => t('Progressing') },
  warning: { tone: 'warning', text: (t) => t('Needs attention') },
};

const Health = ({ hco }: { hco: HyperConverged }) => {
  const { t } = usePluginTranslation();
  const overall = OVERALL[overallHealth(hco)];
  return (
    <>
      <Flex spaceItems={{ default: 'spaceItemsLg' }}>
        <FlexItem>
          <ToneIcon tone={overall.tone} /> <strong>{overall.text(t)}</strong>
        </FlexItem>
        <FlexItem>
          {t('Version: {{version}}', { version: operatorVersion(hco) ?? t('Not reported') })}
        </FlexItem>
      </Flex>
      <DescriptionList
        isCompact
        isHorizontal
        style={{ marginBlockStart: 'var(--pf-t--global--spacer--md)' }}
      >
        {HCO_CONDITION_TYPES.map((type) => {
          const condition = conditionOf(hco, type);
          return (
            <DescriptionListGroup key={type}>
              <DescriptionListTerm>{type}</DescriptionListTerm>
              <DescriptionListDescription>
                <ToneIcon tone={conditionTone(type, condition)} />{' '}
                {condition ? condition.status : t('Not reported')}
                {condition?.reason ? ` (${condition.reason})` : ''}
                {condition?.message && (
                  <>
                    <br />
                    <small>{condition.message}</small>
                  </>
                )}
              </DescriptionListDescription>
            </DescriptionListGroup>
          );
        })}
      </DescriptionList>
    </>
  );
};

/**
 * The health of the virtualization components: the HyperConverged's conditions and version.
 * Reading it takes cluster rights; others are told so, not shown an error.
 */
export const HealthCard = () => {
  const { t } = usePluginTranslation();
  const access = useAccessReview({
    verb: 'list',
    group: HyperConvergedModel.group,
    resource: HyperConvergedModel.plural,
    namespace: HYPERCONVERGED_REF.namespace,
  });
  const hco = useK8sWatchObject<HyperConverged>(
    HyperConvergedModel,
    access.allowed ? HYPERCONVERGED_REF : null,
  );

  const body = () => {
    if (access.loading || (access.allowed && !hco.loaded))
      return <Skeleton width="60%" screenreaderText={t('Loading the health of virtualization')} />;
    if (!access.allowed || errorCode(hco.error) === 403)
      return (
        <NoticeText locked>
          {t('Only an administrator can see the health of the virtualization components.')}
        </NoticeText>
      );
    if (hco.data) return <Health hco={hco.data} />;
    if (errorCode(hco.error) === 404)
      return (
        <NoticeText>
          {t(
            'OpenShift Virtualization is not installed: there is no HyperConverged {{name}} in {{namespace}}.',
            HYPERCONVERGED_REF,
          )}
        </NoticeText>
      );
    return (
      <Alert variant="danger" isInline isPlain title={t('The health could not be read')}>
        {errorMessage(hco.error)}
      </Alert>
    );
  };

  return (
    <Card>
      <CardTitle component="h2">{t('Virtualization health')}</CardTitle>
      <CardBody>{body()}</CardBody>
    </Card>
  );
};
