import {
  Content,
  Dropdown,
  DropdownItem,
  DropdownList,
  HelperText,
  HelperTextItem,
  MenuToggle,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { PlusCircleIcon } from '@patternfly/react-icons';
import { useEffect, useId, useRef, useState } from 'react';
import { usePluginTranslation } from '../../../../../../i18n';
import { fieldErrorOf } from '../../editor/fieldErrors';
import { FormModal } from '../../editor/FormModal';
import type { VmEditor } from '../../editor/vmEditor';
import { FieldHelp } from '../../../../actions/modals/FieldHelp';
import { RestartHint } from '../../editor/RestartHint';
import {
  bootDevices,
  bootOrderOf,
  bootOrderOps,
  bootTypeLabel,
  deviceId,
  type BootDevice,
} from './bootOrder';
import { BootOrderList } from './BootOrderList';

/** Choose and order the devices the VM boots from; saved as `bootOrder` 1..n. */
export const BootOrderModal = ({ editor, onClose }: { editor: VmEditor; onClose(): void }) => {
  const { t } = usePluginTranslation();
  const instructionsId = `virtualization-plugin-boot-help-${useId().replace(/:/g, '')}`;
  const [order, setOrder] = useState<BootDevice[]>(() => bootOrderOf(editor.vm));
  const [adding, setAdding] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const chosen = new Set(order.map(deviceId));
  const available = bootDevices(editor.vm).filter((device) => !chosen.has(deviceId(device)));
  const sourceLabel = (device: BootDevice) =>
    t('{{name}} ({{type}})', { name: device.name, type: bootTypeLabel(device.type, t) });

  const add = (id: string) => {
    const device = available.find((candidate) => deviceId(candidate) === id);
    setAdding(false);
    if (!device) return;
    setOrder((current) => [...current, device]);
    setAnnouncement(
      t('{{name}} added at position {{position}}.', {
        name: device.name,
        position: order.length + 1,
      }),
    );
  };

  // Escape closes the menu only. The dialog listens for Escape on the page, so the key is
  // stopped here, on its way out of the menu (a native listener: React's sits too far out).
  const menuArea = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const node = menuArea.current;
    if (!node || !adding) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      setAdding(false);
      node.querySelector<HTMLElement>('button')?.focus();
    };
    node.addEventListener('keydown', onKeyDown);
    return () => node.removeEventListener('keydown', onKeyDown);
  }, [adding]);

  const addSource = (
    <span ref={menuArea}>
      <Dropdown
        isOpen={adding}
        onOpenChange={setAdding}
        // Inside the dialog, so its focus trap and screen-reader scope include the menu.
        popperProps={{ appendTo: 'inline' }}
        onSelect={(_, value) => add(String(value))}
        toggle={(ref) => (
          <MenuToggle
            ref={ref}
            variant="secondary"
            icon={<PlusCircleIcon />}
            isExpanded={adding}
            isDisabled={!available.length}
            onClick={() => setAdding((open) => !open)}
          >
            {t('Add source')}
          </MenuToggle>
        )}
      >
        <DropdownList>
          {available.map((device) => (
            <DropdownItem key={deviceId(device)} value={deviceId(device)}>
              {sourceLabel(device)}
            </DropdownItem>
          ))}
        </DropdownList>
      </Dropdown>
    </span>
  );

  return (
    <FormModal
      title={t('Edit boot order')}
      isValid
      onSubmit={async () => {
        await editor.patch(bootOrderOps(editor.vm, order));
      }}
      onClose={onClose}
    >
      {(error) => (
        <Stack hasGutter>
          {order.length ? (
            <>
              <StackItem>
                <Content component="p" id={instructionsId}>
                  {t(
                    'The VirtualMachine tries the sources from the top. Drag a source by its handle, or focus the handle and press the up or down arrow key.',
                  )}
                </Content>
              </StackItem>
              <StackItem>
                <BootOrderList
                  items={order}
                  instructionsId={instructionsId}
                  onReorder={(items, moved, to) => {
                    setOrder(items);
                    setAnnouncement(
                      t('{{name}} moved to position {{position}} of {{count}}.', {
                        name: moved.name,
                        position: to + 1,
                        count: items.length,
                      }),
                    );
                  }}
                  onRemove={(device) => {
                    setOrder((current) =>
                      current.filter((item) => deviceId(item) !== deviceId(device)),
                    );
                    setAnnouncement(
                      t('{{name}} removed from the boot order.', { name: device.name }),
                    );
                  }}
                />
              </StackItem>
            </>
          ) : (
            <StackItem>
              <Content component="p">
                {t(
                  'No resource selected. VM will attempt to boot from disks by order of appearance in YAML file',
                )}
              </Content>
            </StackItem>
          )}
          <StackItem>{addSource}</StackItem>
          {!available.length && (
            <StackItem>
              <FieldHelp>{t('Every disk and network interface is in the boot order.')}</FieldHelp>
            </StackItem>
          )}
          <StackItem>
            <HelperText isLiveRegion>
              {announcement && <HelperTextItem>{announcement}</HelperTextItem>}
            </HelperText>
          </StackItem>
          <StackItem>
            <FieldHelp error={fieldErrorOf(error, 'spec.template.spec.domain.devices')} />
          </StackItem>
          <StackItem>
            <RestartHint editor={editor} />
          </StackItem>
        </Stack>
      )}
    </FormModal>
  );
};
