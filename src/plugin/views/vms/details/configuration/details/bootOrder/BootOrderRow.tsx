import { List, ListItem } from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../../../i18n';
import { EditableRow } from '../../editor/EditableRow';
import type { VmEditor } from '../../editor/vmEditor';
import { isRestartPending } from '../restartPending';
import { PendingValue } from '../RestartPending';
import { bootOrderOf, bootTypeLabel, deviceId } from './bootOrder';
import { BootOrderModal } from './BootOrderModal';

/** "1. rootdisk (Disk)", one line per device that has a boot order. */
export const BootOrderRow = ({ editor }: { editor: VmEditor }) => {
  const { t } = usePluginTranslation();
  const [open, setOpen] = useState(false);
  const order = bootOrderOf(editor.vm);
  const pending = isRestartPending('bootOrder', editor.vm, editor.vmi);
  return (
    <>
      <EditableRow label={t('Boot order')} editor={editor} onEdit={() => setOpen(true)}>
        {order.length > 0 || pending ? (
          <PendingValue pending={pending}>
            {order.length > 0 && (
              <List isPlain aria-label={t('Boot order')}>
                {order.map((device, index) => (
                  <ListItem key={deviceId(device)}>
                    {t('{{index}}. {{name}} ({{type}})', {
                      index: index + 1,
                      name: device.name,
                      type: bootTypeLabel(device.type, t),
                    })}
                  </ListItem>
                ))}
              </List>
            )}
          </PendingValue>
        ) : undefined}
      </EditableRow>
      {open && <BootOrderModal editor={editor} onClose={() => setOpen(false)} />}
    </>
  );
};
