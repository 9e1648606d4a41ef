import {
  Button,
  Card,
  CardBody,
  Content,
  Flex,
  FlexItem,
  Gallery,
  Title,
} from '@patternfly/react-core';
import { usePluginTranslation } from '../../../../i18n';
import { OsLogo } from './OsLogo';
import { osName, type CommonOsEntry } from './operatingSystems';

/** Below the table: the common OSes with no volume to pick, each with an Add volume link. */
export const MissingOsTiles = ({
  oses,
  onAdd,
}: {
  oses: readonly CommonOsEntry[];
  onAdd(os: CommonOsEntry): void;
}) => {
  const { t } = usePluginTranslation();
  if (oses.length === 0) return null;
  return (
    <section aria-label={t('Operating systems without a volume')}>
      <Title headingLevel="h3" size="md">
        {t('Operating systems without a volume')}
      </Title>
      <Gallery hasGutter minWidths={{ default: '12rem' }}>
        {oses.map((os) => {
          const name = osName(t, os.key) ?? os.key;
          return (
            <Card key={os.key} isCompact>
              <CardBody>
                <Flex alignItems={{ default: 'alignItemsCenter' }}>
                  <FlexItem>
                    <OsLogo os={os.key} />
                  </FlexItem>
                  <FlexItem>
                    <Content component="p">{name}</Content>
                    <Button
                      variant="link"
                      isInline
                      aria-label={t('Add volume for {{os}}', { os: name })}
                      onClick={() => onAdd(os)}
                    >
                      {t('Add volume')}
                    </Button>
                  </FlexItem>
                </Flex>
              </CardBody>
            </Card>
          );
        })}
      </Gallery>
    </section>
  );
};
