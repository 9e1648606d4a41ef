import { ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import { usePluginTranslation } from '../../../i18n';
import { LATCH_MODIFIERS, type LatchModifier } from './keys';

const NAMES: Record<LatchModifier, string> = {
  ctrl: 'Ctrl',
  alt: 'Alt',
  shift: 'Shift',
  super: 'Super',
};

/** Ctrl, Alt, Shift and Super toggles that stay pressed in the guest until the next key. */
export const ModifierToggles = ({
  latched,
  onToggle,
  isDisabled,
}: {
  latched: ReadonlySet<LatchModifier>;
  onToggle: (modifier: LatchModifier) => void;
  isDisabled: boolean;
}) => {
  const { t } = usePluginTranslation();
  return (
    <ToggleGroup isCompact aria-label={t('Latched modifier keys')}>
      {LATCH_MODIFIERS.map((modifier) => (
        <ToggleGroupItem
          key={modifier}
          text={NAMES[modifier]}
          aria-label={t('Hold {{key}} until the next key', { key: NAMES[modifier] })}
          isSelected={latched.has(modifier)}
          isDisabled={isDisabled}
          onChange={() => onToggle(modifier)}
        />
      ))}
    </ToggleGroup>
  );
};
