import {
  Button,
  DataList,
  DataListAction,
  DataListCell,
  DataListControl,
  DataListDragButton,
  DataListItem,
  DataListItemCells,
  DataListItemRow,
  Label,
} from '@patternfly/react-core';
import { ArrowDownIcon, ArrowUpIcon, TimesIcon } from '@patternfly/react-icons';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { usePluginTranslation } from '../../../../../../i18n';
import { bootTypeLabel, deviceId, moveItem, type BootDevice } from './bootOrder';

type Control = 'handle' | 'up' | 'down';

export interface BootOrderListProps {
  items: BootDevice[];
  /** The new order, after a drag, a key press or a move button. */
  onReorder(items: BootDevice[], moved: BootDevice, to: number): void;
  onRemove(device: BootDevice): void;
  /** The id of the text that explains how to reorder. */
  instructionsId: string;
}

/**
 * The chosen boot sources, first first. Reorder by dragging an item (HTML5 drag and drop), by
 * the arrow keys on a focused handle, or with the move buttons.
 */
export const BootOrderList = ({
  items,
  onReorder,
  onRemove,
  instructionsId,
}: BootOrderListProps) => {
  const { t } = usePluginTranslation();
  const prefix = `virtualization-plugin-boot-${useId().replace(/:/g, '')}`;
  const [dragging, setDragging] = useState<string>();
  const focusAfterMove = useRef<{ id: string; control: Control }>(undefined);
  const controlId = (id: string, control: Control) => `${prefix}-${id}-${control}`;

  // A moved node may lose focus when the list is redrawn: give it back to the control that
  // moved it, or to its handle when that control is now disabled (at the top or bottom).
  useEffect(() => {
    const wanted = focusAfterMove.current;
    if (!wanted) return;
    focusAfterMove.current = undefined;
    const control = document.getElementById(controlId(wanted.id, wanted.control));
    const target =
      control && !(control as HTMLButtonElement).disabled
        ? control
        : document.getElementById(controlId(wanted.id, 'handle'));
    target?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items]);

  const move = (from: number, to: number, control?: Control) => {
    const device = items[from];
    if (!device || to < 0 || to >= items.length || from === to) return;
    onReorder(moveItem(items, from, to), device, to);
    focusAfterMove.current = control && { id: deviceId(device), control };
  };

  const onHandleKey = (event: KeyboardEvent, index: number) => {
    if (event.key === 'ArrowUp') {
      event.preventDefault();
      move(index, index - 1, 'handle');
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      move(index, index + 1, 'handle');
    }
  };

  return (
    <DataList aria-label={t('Boot order')} isCompact>
      {items.map((device, index) => {
        const id = deviceId(device);
        const nameId = `${prefix}-${index}`;
        return (
          <DataListItem
            key={id}
            aria-labelledby={nameId}
            draggable
            onDragStart={(event) => {
              event.dataTransfer?.setData('text/plain', id);
              if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
              setDragging(id);
            }}
            onDragOver={(event) => {
              if (dragging === undefined) return;
              event.preventDefault();
              const from = items.findIndex((item) => deviceId(item) === dragging);
              if (from !== index) move(from, index);
            }}
            onDrop={(event) => {
              event.preventDefault();
              setDragging(undefined);
            }}
            onDragEnd={() => setDragging(undefined)}
          >
            <DataListItemRow>
              <DataListControl>
                <DataListDragButton
                  id={controlId(id, 'handle')}
                  aria-label={t('Reorder {{name}}', { name: device.name })}
                  aria-describedby={instructionsId}
                  onKeyDown={(event: KeyboardEvent) => onHandleKey(event, index)}
                />
              </DataListControl>
              <DataListItemCells
                dataListCells={[
                  <DataListCell key="name">
                    <span id={nameId}>
                      {t('{{index}}. {{name}}', { index: index + 1, name: device.name })}
                    </span>{' '}
                    <Label isCompact>{bootTypeLabel(device.type, t)}</Label>
                  </DataListCell>,
                ]}
              />
              <DataListAction
                id={`${nameId}-actions`}
                aria-labelledby={`${nameId} ${nameId}-actions`}
                aria-label={t('Actions')}
              >
                <Button
                  variant="plain"
                  id={controlId(id, 'up')}
                  icon={<ArrowUpIcon />}
                  aria-label={t('Move {{name}} up', { name: device.name })}
                  isDisabled={index === 0}
                  onClick={() => move(index, index - 1, 'up')}
                />
                <Button
                  variant="plain"
                  id={controlId(id, 'down')}
                  icon={<ArrowDownIcon />}
                  aria-label={t('Move {{name}} down', { name: device.name })}
                  isDisabled={index === items.length - 1}
                  onClick={() => move(index, index + 1, 'down')}
                />
                <Button
                  variant="plain"
                  icon={<TimesIcon />}
                  aria-label={t('Remove {{name}}', { name: device.name })}
                  onClick={() => onRemove(device)}
                />
              </DataListAction>
            </DataListItemRow>
          </DataListItem>
        );
      })}
    </DataList>
  );
};
