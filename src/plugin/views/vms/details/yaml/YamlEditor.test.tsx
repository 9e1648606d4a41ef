// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { redo, undo } from '@codemirror/commands';
import { EditorView } from '@codemirror/view';
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

  it('undoes and redoes edits, but not a value from outside', async () => {
    const onChange = vi.fn();
    const { rerender } = render(
      <YamlEditor value={'a: 1\n'} onChange={onChange} ariaLabel="YAML" />,
    );
    const view = EditorView.findFromDOM(screen.getByRole('textbox', { name: 'YAML' }))!;
    view.dispatch({ changes: { from: 3, to: 4, insert: '2' }, userEvent: 'input' });
    expect(view.state.doc.toString()).toBe('a: 2\n');
    expect(undo(view)).toBe(true);
    expect(view.state.doc.toString()).toBe('a: 1\n');
    expect(redo(view)).toBe(true);
    expect(view.state.doc.toString()).toBe('a: 2\n');
    expect(onChange).toHaveBeenLastCalledWith('a: 2\n');
    rerender(<YamlEditor value={'b: 3\n'} onChange={onChange} ariaLabel="YAML" />);
    await waitFor(() => expect(view.state.doc.toString()).toBe('b: 3\n'));
    undo(view);
    // The reloaded text stays: the reload is not in the history.
    expect(view.state.doc.toString()).toBe('b: 3\n');
  });

  it('lets the keyboard reach and scroll the editor, read only too', () => {
    render(<YamlEditor value={'a: 1\n'} onChange={vi.fn()} ariaLabel="YAML" readOnly />);
    const scroller = screen.getByRole('region', { name: 'YAML' });
    expect(scroller).toHaveClass('cm-scroller');
    expect(scroller).toHaveAttribute('tabindex', '0');
  });
});
