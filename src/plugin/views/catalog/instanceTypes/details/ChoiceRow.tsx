import {
  Button,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
} from '@patternfly/react-core';
import { PencilAltIcon } from '@patternfly/react-icons';
import type { ReactNode } from 'react';
import { usePluginTranslation } from '../../../../i18n';

/** A choice made in a dialog: its label with a pencil that opens the dialog, and what is chosen. */
export const ChoiceRow = ({
  label,
  onEdit,
  isDisabled,
  children,
}: {
  label: string;
  onEdit(): void;
  /** No project yet: the dialog lists the project's objects. */
  isDisabled?: boolean;
  children: ReactNode;
}) => {
  const { t } = usePluginTranslation();
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>
        <Flex spaceItems={{ default: 'spaceItemsSm' }} alignItems={{ default: 'alignItemsCenter' }}>
          <FlexItem>{label}</FlexItem>
          <FlexItem>
            <Button
              variant="plain"
              size="sm"
              aria-label={t('Edit {{label}}', { label })}
              icon={<PencilAltIcon />}
              isAriaDisabled={isDisabled}
              onClick={onEdit}
            />
          </FlexItem>
        </Flex>
      </DescriptionListTerm>
      <DescriptionListDescription>{children}</DescriptionListDescription>
    </DescriptionListGroup>
  );
};
