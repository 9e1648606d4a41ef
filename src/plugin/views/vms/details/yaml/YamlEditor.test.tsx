// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import YamlEditor from './YamlEditor';

// jsdom has no layout: CodeMirror measures text ranges, which here are empty.
beforeAll(() => {
  const empty = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
  Range.prototype.getClientRects = empty;
  Range.prototype.getBoundingClientRect = () => new DOMRect();
});

describe('YamlEditor', () => {
  it('shows the document in CodeMirror and replaces it, without an edit, when the value changes', async () => {
    const onChange = vi.fn();
    const { rerender } = render(
      <YamlEditor value={'kind: VirtualMachine\n'} onChange={onChange} ariaLabel="YAML" />,
    );
    const content = screen.getByRole('textbox', { name: 'YAML' });
    expect(content).toHaveTextContent('kind: VirtualMachine');
    rerender(<YamlEditor value={'kind: Other\n'} onChange={onChange} ariaLabel="YAML" />);
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'YAML' })).toHaveTextContent('kind: Other'),
    );
    // A value from outside (Reload, Save) is not an edit: the tab already holds it.
    expect(onChange).not.toHaveBeenCalled();
  });
});
