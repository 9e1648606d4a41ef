// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { MetadataRow, RowErrors } from '../metadataValidation';
import { KeyValueRows } from './KeyValueRows';

const Rows = ({ trimValues, errors = [] }: { trimValues?: boolean; errors?: RowErrors[] }) => {
  const [rows, setRows] = useState<MetadataRow[]>([{ key: 'zone', value: 'a' }]);
  return (
    <>
      <KeyValueRows
        rows={rows}
        setRows={setRows}
        errors={errors}
        trimValues={trimValues}
        removeLabel={(row, at) => `Remove ${row.key || at + 1}`}
        empty="Nothing"
        addLabel="Add"
      />
      <output>{JSON.stringify(rows)}</output>
    </>
  );
};

describe('KeyValueRows', () => {
  it('edits, adds and removes rows', async () => {
    const user = userEvent.setup();
    render(<Rows />);
    await user.type(screen.getByRole('textbox', { name: 'Value 1' }), ' b');
    expect(screen.getByRole('status')).toHaveTextContent('[{"key":"zone","value":"a b"}]');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('textbox', { name: 'Key 2' })).toHaveValue('');
    await user.click(screen.getByRole('button', { name: 'Remove zone' }));
    await user.click(screen.getByRole('button', { name: 'Remove 1' }));
    expect(screen.getByText('Nothing')).toBeVisible();
  });

  it('trims values when asked, and shows row errors', async () => {
    const user = userEvent.setup();
    render(<Rows trimValues errors={[{ key: 'Enter a key.' }]} />);
    await user.type(screen.getByRole('textbox', { name: 'Value 1' }), ' b');
    expect(screen.getByRole('status')).toHaveTextContent('[{"key":"zone","value":"ab"}]');
    expect(screen.getByText('Enter a key.')).toBeVisible();
  });
});
