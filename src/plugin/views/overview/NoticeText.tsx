import { Content, Icon } from '@patternfly/react-core';
import { LockIcon } from '@patternfly/react-icons';

/** A card's calm notice instead of its content: needs an administrator, choose a project, … */
export const NoticeText = ({ children, locked }: { children: string; locked?: boolean }) => (
  <Content component="p">
    {locked && (
      <>
        <Icon isInline>
          <LockIcon />
        </Icon>{' '}
      </>
    )}
    {children}
  </Content>
);
