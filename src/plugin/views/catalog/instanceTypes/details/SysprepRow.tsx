import { Button } from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../i18n';
import type { SysprepChoice } from '../flow';
import { ChoiceRow } from './ChoiceRow';
import { SysprepChoiceModal } from './SysprepChoiceModal';

const SysprepSummary = ({ sysprep }: { sysprep: SysprepChoice }) => {
  const { t } = usePluginTranslation();
  switch (sysprep.kind) {
    case 'existing':
      return <>{t('Existing sysprep {{name}}', { name: sysprep.configMapName })}</>;
    case 'new': {
      const files = [
        sysprep.autounattend !== undefined && 'Autounattend.xml',
        sysprep.unattend !== undefined && 'Unattend.xml',
      ].filter(Boolean);
      return (
        <>
          {t('{{files}}, saved in a ConfigMap created with the VirtualMachine', {
            files: files.join(', '),
          })}
        </>
      );
    }
    default:
      return <>{t('Not configured')}</>;
  }
};

/** Sysprep answer files for a Windows volume: a choice recorded for the creation step. */
export const SysprepRow = ({
  namespace,
  sysprep,
  onChange,
}: {
  namespace: string;
  sysprep: SysprepChoice;
  onChange(sysprep: SysprepChoice): void;
}) => {
  const { t } = usePluginTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <>
      <ChoiceRow label={t('Sysprep')} isDisabled={!namespace} onEdit={() => setEditing(true)}>
        <SysprepSummary sysprep={sysprep} />
        {sysprep.kind !== 'none' && (
          <>
            {' '}
            <Button
              variant="link"
              isInline
              aria-label={t('Remove sysprep')}
              onClick={() => onChange({ kind: 'none' })}
            >
              {t('Remove')}
            </Button>
          </>
        )}
      </ChoiceRow>
      {editing && (
        <SysprepChoiceModal
          namespace={namespace}
          value={sysprep}
          onSave={onChange}
          onClose={() => setEditing(false)}
        />
      )}
    </>
  );
};
