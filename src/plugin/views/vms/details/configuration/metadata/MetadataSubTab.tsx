import {
  DescriptionList,
  HelperText,
  HelperTextItem,
  Label,
  LabelGroup,
  List,
  ListItem,
  Truncate,
} from '@patternfly/react-core';
import { useState } from 'react';
import { VirtualMachineModel } from '../../../../../api/models';
import { usePluginTranslation } from '../../../../../i18n';
import { EditMetadataModal } from '../../../actions/modals/EditMetadataModal';
import { EditableRow } from '../editor/EditableRow';
import type { ConfigSubTabProps } from '../subTabs';
import { metadataOps, sortedEntries, type MetadataField } from './metadataOps';

const hasEntries = (map?: Record<string, string>) => Object.keys(map ?? {}).length > 0;

const LabelList = ({ labels, name }: { labels?: Record<string, string>; name: string }) => {
  const { t } = usePluginTranslation();
  const entries = sortedEntries(labels);
  if (!entries.length) return null;
  return (
    <LabelGroup
      aria-label={name}
      numLabels={20}
      collapsedText={t('{{remaining}} more', { remaining: '${remaining}' })}
      expandedText={t('Show less')}
    >
      {entries.map(([key, value]) => (
        <Label key={key} isCompact>
          {value ? `${key}=${value}` : key}
        </Label>
      ))}
    </LabelGroup>
  );
};

const AnnotationList = ({ annotations }: { annotations?: Record<string, string> }) => {
  const { t } = usePluginTranslation();
  const entries = sortedEntries(annotations);
  if (!entries.length) return null;
  return (
    <List isPlain aria-label={t('Annotations')}>
      {entries.map(([key, value]) => (
        <ListItem key={key}>
          <Truncate content={`${key}=${value}`} maxCharsDisplayed={120} position="end" />
        </ListItem>
      ))}
    </List>
  );
};

/**
 * The VM's labels and annotations, each editable as key/value rows; and the labels of its
 * template, which its instances carry, shown read-only.
 */
export const MetadataSubTab = ({ editor }: ConfigSubTabProps) => {
  const { t } = usePluginTranslation();
  const [editing, setEditing] = useState<MetadataField>();
  const { vm } = editor;
  const close = () => setEditing(undefined);
  return (
    <>
      <DescriptionList>
        <EditableRow label={t('Labels')} editor={editor} onEdit={() => setEditing('labels')}>
          {hasEntries(vm.metadata?.labels) ? (
            <LabelList labels={vm.metadata?.labels} name={t('Labels')} />
          ) : undefined}
        </EditableRow>
        <EditableRow
          label={t('Annotations')}
          editor={editor}
          onEdit={() => setEditing('annotations')}
        >
          {hasEntries(vm.metadata?.annotations) ? (
            <AnnotationList annotations={vm.metadata?.annotations} />
          ) : undefined}
        </EditableRow>
        <EditableRow label={t('Template labels')} editor={editor}>
          {hasEntries(vm.spec?.template?.metadata?.labels) ? (
            <LabelList labels={vm.spec?.template?.metadata?.labels} name={t('Template labels')} />
          ) : (
            t('None')
          )}
          <HelperText>
            <HelperTextItem>
              {t(
                'Set on the VirtualMachineInstance and its pod when the VirtualMachine starts; services select the VirtualMachine by them. Edit them in the YAML.',
              )}
            </HelperTextItem>
          </HelperText>
        </EditableRow>
      </DescriptionList>
      {editing && (
        <EditMetadataModal
          model={VirtualMachineModel}
          object={vm}
          field={editing}
          close={close}
          // A draft changes in memory, through the editor.
          save={editor.live ? undefined : (next) => editor.patch(metadataOps(vm, editing, next))}
        />
      )}
    </>
  );
};
