import { Alert, List, ListItem } from '@patternfly/react-core';
import { useMemo } from 'react';
import { usePluginTranslation } from '../../../i18n';
import { formatBytes } from '../../vms/details/overview/formatQuantity';
import type { VmDraft } from '../draft/vmDraft';
import type { QuotaHint } from './quotaHints';
import { useInstancetypeSize } from './useInstancetypeSize';
import { useQuotaHints } from './useQuotaHints';
import { vmDemand } from './vmDemand';

type Translate = ReturnType<typeof usePluginTranslation>['t'];

const amount = (t: Translate, hint: QuotaHint, value: number) => {
  if (hint.kind === 'bytes') return formatBytes(value);
  if (hint.kind === 'cpu') return t('{{cores}} cores', { cores: Number(value.toFixed(3)) });
  return String(value);
};

export const quotaHintText = (t: Translate, hint: QuotaHint): string =>
  t(
    '{{resource}}: this VirtualMachine needs at least {{requested}}, and quota {{quota}} has {{left}} left of {{hard}}.',
    {
      resource: hint.resource,
      requested: amount(t, hint, hint.requested),
      quota: hint.quota,
      left: amount(t, hint, Math.max(hint.hard - hint.used, 0)),
      hard: amount(t, hint, hint.hard),
    },
  );

export interface QuotaAlertProps {
  draft: VmDraft | undefined;
}

/**
 * A warning before creation when the project's quotas leave too little for the VM: Kubernetes
 * would refuse its disks or its launcher pod, and the VM would not start.
 */
export const QuotaAlert = ({ draft }: QuotaAlertProps) => {
  const { t } = usePluginTranslation();
  const size = useInstancetypeSize(draft?.vm);
  const demand = useMemo(() => (draft ? vmDemand(draft, size) : undefined), [draft, size]);
  const hints = useQuotaHints(draft?.vm.metadata?.namespace, demand);
  if (!hints.length) return null;
  return (
    <Alert
      variant="warning"
      isInline
      title={t('This VirtualMachine may exceed the quota of project {{namespace}}', {
        namespace: draft?.vm.metadata?.namespace,
      })}
    >
      <List>
        {hints.map((hint) => (
          <ListItem key={`${hint.quota}/${hint.resource}`}>{quotaHintText(t, hint)}</ListItem>
        ))}
      </List>
      {t(
        'Kubernetes refuses what goes over a quota: the disks would not be created or the VirtualMachine would not start. Choose a smaller size, or ask an administrator to raise the quota.',
      )}
    </Alert>
  );
};
