import {
  Card,
  CardBody,
  CardFooter,
  CardHeader,
  CardTitle,
  Content,
  Flex,
  FlexItem,
  Label,
  LabelGroup,
  Tooltip,
} from '@patternfly/react-core';
import { usePluginTranslation } from '../../../i18n';
import { OsLogo, type LogoOs } from '../instanceTypes/volumes/OsLogo';
import { sourceProblemText } from './catalogTexts';
import type { CatalogEntry } from './templateFilters';

const LOGOS: readonly LogoOs[] = ['rhel', 'fedora', 'centos', 'windows'];

/** The tile's OS mark: the template's family, else its icon class (`icon-rhel`), else Linux. */
export const logoOf = (entry: CatalogEntry): LogoOs => {
  const fromIcon = entry.iconClass?.replace(/^icon-/, '');
  return (
    LOGOS.find((logo) => logo === entry.osFamily) ??
    LOGOS.find((logo) => logo === fromIcon) ??
    'linux'
  );
};

const DESCRIPTION_LENGTH = 120;

/** The first 120 characters, cut at a word. */
export const shortDescription = (text?: string): string | undefined => {
  if (!text || text.length <= DESCRIPTION_LENGTH) return text;
  const cut = text.slice(0, DESCRIPTION_LENGTH);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 60 ? cut.lastIndexOf(' ') : cut.length)}…`;
};

/** The boot source's label: "Source available" (green) or "Boot source required" (orange). */
export const SourceLabel = ({ entry }: { entry: CatalogEntry }) => {
  const { t } = usePluginTranslation();
  switch (entry.source.availability) {
    case 'available':
      return <Label color="green">{t('Source available')}</Label>;
    case 'missing':
      return (
        <Tooltip content={sourceProblemText(t, entry.source.problem)}>
          <Label color="orange">{t('Boot source required')}</Label>
        </Tooltip>
      );
    default:
      return (
        <Tooltip content={sourceProblemText(t, entry.source.problem)}>
          <Label color="grey">{t('Boot source unknown')}</Label>
        </Tooltip>
      );
  }
};

export interface TemplateTileProps {
  entry: CatalogEntry;
  isSelected: boolean;
  onSelect(entry: CatalogEntry): void;
}

/** One template of the catalog: a clickable card (a button for keyboards and readers). */
export const TemplateTile = ({ entry, isSelected, onSelect }: TemplateTileProps) => {
  const { t } = usePluginTranslation();
  const titleId = `virtualization-plugin-template-tile-${entry.namespace}-${entry.name}`;
  return (
    <Card isClickable isClicked={isSelected} isCompact isFullHeight>
      <CardHeader
        selectableActions={{
          onClickAction: () => onSelect(entry),
          // Several templates share a display name (sizes of one OS): the name tells them apart.
          selectableActionAriaLabelledby: `${titleId} ${titleId}-name`,
          selectableActionId: `${titleId}-open`,
        }}
      >
        <Flex alignItems={{ default: 'alignItemsCenter' }} flexWrap={{ default: 'nowrap' }}>
          <FlexItem>
            <OsLogo os={logoOf(entry)} />
          </FlexItem>
          <FlexItem>
            <CardTitle id={titleId}>{entry.displayName}</CardTitle>
            <Content component="small" id={`${titleId}-name`}>
              {entry.name}
            </Content>
            <Content component="small">
              {entry.provider
                ? t('Provided by {{provider}}', { provider: entry.provider })
                : entry.namespace}
            </Content>
          </FlexItem>
        </Flex>
      </CardHeader>
      <CardBody>
        <Content component="p">{shortDescription(entry.description)}</Content>
      </CardBody>
      <CardFooter>
        <LabelGroup>
          <SourceLabel entry={entry} />
          {entry.deprecated && <Label color="yellow">{t('Deprecated')}</Label>}
        </LabelGroup>
      </CardFooter>
    </Card>
  );
};
