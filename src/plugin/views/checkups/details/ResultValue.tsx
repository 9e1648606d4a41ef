import { List, ListItem } from '@patternfly/react-core';
import { usePluginTranslation } from '../../../i18n';
import type { DisplayValue } from '../model/checkupResults';

/** One parameter or result: text, a list ("None" when empty), or a message line by line. */
export const ResultValue = ({ value, label }: { value: DisplayValue; label: string }) => {
  const { t } = usePluginTranslation();
  switch (value.type) {
    case 'list':
      return value.items.length === 0 ? (
        <>{t('None')}</>
      ) : (
        <List isPlain aria-label={label}>
          {value.items.map((item) => (
            <ListItem key={item}>{item}</ListItem>
          ))}
        </List>
      );
    case 'lines':
      return value.lines.length === 0 ? (
        <>{'—'}</>
      ) : (
        <>
          {value.lines.map((line, index) => (
            <div key={index}>{line}</div>
          ))}
        </>
      );
    default:
      return <>{value.text || '—'}</>;
  }
};
