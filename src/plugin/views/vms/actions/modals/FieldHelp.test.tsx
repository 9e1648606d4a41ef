// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FieldHelp } from './FieldHelp';

describe('FieldHelp', () => {
  it('shows the error before the warning and the hint', () => {
    render(
      <FieldHelp error="Enter a name." warning="Low">
        Hint
      </FieldHelp>,
    );
    expect(screen.getByText('Enter a name.')).toBeVisible();
    expect(screen.queryByText('Low')).toBeNull();
    expect(screen.queryByText('Hint')).toBeNull();
  });

  it('shows the warning before the hint, and the hint alone', () => {
    const { rerender } = render(<FieldHelp warning="Low">Hint</FieldHelp>);
    expect(screen.getByText('Low')).toBeVisible();
    expect(screen.queryByText('Hint')).toBeNull();
    rerender(<FieldHelp>Hint</FieldHelp>);
    expect(screen.getByText('Hint')).toBeVisible();
  });

  it('renders nothing without a message', () => {
    const { container } = render(<FieldHelp error={undefined} />);
    expect(container).toBeEmptyDOMElement();
  });
});
