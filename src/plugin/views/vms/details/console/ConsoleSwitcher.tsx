import { ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import type { TFunction } from 'i18next';
import { usePluginTranslation } from '../../../../i18n';
import { CONSOLE_KINDS, type ConsoleKind } from './consoleChoice';

/** The switcher's labels, as the product documentation names the consoles. */
export const consoleKindLabel = (t: TFunction, kind: ConsoleKind): string =>
  ({
    vnc: t('VNC console'),
    serial: t('Serial console'),
    desktop: t('Desktop viewer'),
  })[kind];

/** VNC console, Serial console, Desktop viewer: one pressed at a time. */
export const ConsoleSwitcher = ({
  value,
  onChange,
}: {
  value: ConsoleKind;
  onChange: (kind: ConsoleKind) => void;
}) => {
  const { t } = usePluginTranslation();
  return (
    <ToggleGroup aria-label={t('Console type')}>
      {CONSOLE_KINDS.map((kind) => (
        <ToggleGroupItem
          key={kind}
          text={consoleKindLabel(t, kind)}
          buttonId={`virtualization-plugin-console-${kind}`}
          isSelected={value === kind}
          onChange={() => onChange(kind)}
        />
      ))}
    </ToggleGroup>
  );
};
