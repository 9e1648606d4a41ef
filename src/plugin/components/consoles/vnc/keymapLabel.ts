import type { usePluginTranslation } from '../../../i18n';
import type { GuestKeymapId } from './keymaps';

/** The translated name of a guest keyboard layout. */
export const keymapLabel = (
  t: ReturnType<typeof usePluginTranslation>['t'],
  id: GuestKeymapId,
): string =>
  ({
    'en-us': t('English (US), Korean'),
    ja: t('Japanese (JIS)'),
    fr: t('French (AZERTY)'),
  })[id];
