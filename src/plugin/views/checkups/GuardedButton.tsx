import { Button, Tooltip, type ButtonProps } from '@patternfly/react-core';
import { useId } from 'react';
import { usePluginTranslation } from '../../i18n';

export interface GuardedButtonProps extends Omit<ButtonProps, 'isDisabled' | 'isAriaDisabled'> {
  /** Why the user may not (each thing missing); empty: they may. */
  blockers: readonly string[];
  /** The access reviews have not answered yet. */
  checking?: boolean;
}

/**
 * A button offered only when the user may use it. Otherwise it stays visible but disabled
 * (still focusable), and its tooltip and description say exactly what is missing.
 */
export const GuardedButton = ({ blockers, checking, children, ...props }: GuardedButtonProps) => {
  const { t } = usePluginTranslation();
  const descriptionId = useId();
  const blocked = blockers.length > 0 && !checking;
  const button = (
    <Button
      {...props}
      isAriaDisabled={blocked || checking || props.isLoading}
      isLoading={props.isLoading || checking}
      spinnerAriaValueText={checking ? t('Checking your permissions') : undefined}
      aria-describedby={blocked ? descriptionId : undefined}
    >
      {children}
    </Button>
  );
  if (!blocked) return button;
  return (
    <>
      <Tooltip content={blockers.join(' ')}>{button}</Tooltip>
      <span id={descriptionId} hidden>
        {blockers.join(' ')}
      </span>
    </>
  );
};
