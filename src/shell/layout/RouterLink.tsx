import { forwardRef, type AnchorHTMLAttributes } from 'react';
import { Link } from 'react-router';

/** An anchor for PatternFly's `component` props that navigates inside the app instead of reloading. */
export const RouterLink = forwardRef<HTMLAnchorElement, AnchorHTMLAttributes<HTMLAnchorElement>>(
  ({ href = '/', ...props }, ref) => <Link ref={ref} to={href} {...props} />,
);
RouterLink.displayName = 'RouterLink';
