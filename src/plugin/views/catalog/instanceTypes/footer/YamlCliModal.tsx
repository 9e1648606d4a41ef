import {
  Alert,
  Button,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Tab,
  Tabs,
  TabTitleText,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { usePluginTranslation } from '../../../../i18n';
import { manifestFileName, manifestYaml } from '../../draft/manifestYaml';
import { virtctlCommand, type VirtctlGap } from '../../draft/virtctlCommand';
import type { VmDraft } from '../../draft/vmDraft';
import { CodePanel } from './CodePanel';

const TITLE_ID = 'virtualization-plugin-yaml-cli-title';

type Translate = ReturnType<typeof usePluginTranslation>['t'];

const gapLabel = (t: Translate, gap: VirtctlGap): string =>
  gap === 'storageClass' ? t('the storage class') : t('labels');

/**
 * "YAML & CLI": the exact manifests "Create VirtualMachine" sends, and the equivalent
 * `virtctl create vm` command, each to copy or download.
 */
export const YamlCliModal = ({ draft, onClose }: { draft: VmDraft; onClose(): void }) => {
  const { t } = usePluginTranslation();
  const [tab, setTab] = useState<'yaml' | 'cli'>('yaml');
  const yaml = useMemo(() => manifestYaml(draft), [draft]);
  const cli = useMemo(() => virtctlCommand(draft), [draft]);
  const name = draft.vm.metadata?.name || 'virtualmachine';

  return (
    <Modal isOpen variant="large" onClose={onClose} aria-labelledby={TITLE_ID}>
      <ModalHeader title={t('YAML & CLI')} labelId={TITLE_ID} />
      <ModalBody>
        <Tabs
          activeKey={tab}
          onSelect={(_event, key) => setTab(key === 'cli' ? 'cli' : 'yaml')}
          aria-label={t('YAML & CLI')}
        >
          <Tab eventKey="yaml" title={<TabTitleText>{t('YAML')}</TabTitleText>}>
            <CodePanel
              label={t('YAML')}
              text={yaml}
              fileName={manifestFileName(draft)}
              type="application/yaml"
            />
          </Tab>
          <Tab eventKey="cli" title={<TabTitleText>{t('CLI')}</TabTitleText>}>
            {cli.gaps.length > 0 && (
              <Alert
                variant="info"
                isInline
                isPlain
                title={t('virtctl cannot set {{what}}', {
                  what: cli.gaps.map((gap) => gapLabel(t, gap)).join(', '),
                })}
              >
                {t(
                  'The VirtualMachine this command creates leaves them out. To create exactly the VirtualMachine shown, use the YAML.',
                )}
              </Alert>
            )}
            <CodePanel
              label={t('CLI command')}
              text={cli.command}
              fileName={`${name}-virtctl.sh`}
              type="text/x-shellscript"
            />
          </Tab>
        </Tabs>
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={onClose}>
          {t('Close')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
