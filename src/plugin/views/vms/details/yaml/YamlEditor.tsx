// CodeMirror 6 for YAML. This module is loaded only with the YAML tab (React.lazy), so the list
// and the other tabs do not pay for the editor.
import { yaml } from '@codemirror/lang-yaml';
import {
  bracketMatching,
  foldGutter,
  HighlightStyle,
  foldKeymap,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { tags } from '@lezer/highlight';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { useEffect, useRef } from 'react';

export interface YamlEditorProps {
  value: string;
  onChange(value: string): void;
  readOnly?: boolean;
  ariaLabel: string;
}

// PatternFly tokens only, so the editor follows the light and dark themes.
const token = (name: string) => `var(--pf-t--global--${name})`;
const theme = EditorView.theme({
  '&': {
    height: '60vh',
    fontSize: token('font--size--body--sm'),
    color: token('text--color--regular'),
    backgroundColor: token('background--color--primary--default'),
    border: `${token('border--width--regular')} solid ${token('border--color--default')}`,
  },
  '.cm-scroller': { fontFamily: token('font--family--mono') },
  '.cm-content': { caretColor: token('text--color--regular') },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: token('text--color--regular') },
  '.cm-gutters': {
    backgroundColor: token('background--color--secondary--default'),
    color: token('text--color--subtle'),
    borderRight: `${token('border--width--regular')} solid ${token('border--color--default')}`,
  },
  '.cm-activeLine, .cm-activeLineGutter': {
    backgroundColor: token('background--color--primary--hover'),
  },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': {
    backgroundColor: token('background--color--secondary--hover'),
  },
});

const highlight = HighlightStyle.define([
  {
    tag: [tags.propertyName, tags.definition(tags.propertyName)],
    color: token('text--color--link--default'),
  },
  {
    tag: [tags.string, tags.special(tags.string)],
    color: token('color--status--success--default'),
  },
  {
    tag: [tags.number, tags.bool, tags.null, tags.atom],
    color: token('color--nonstatus--purple--default'),
  },
  { tag: [tags.comment, tags.meta], color: token('text--color--subtle'), fontStyle: 'italic' },
  {
    tag: [tags.keyword, tags.typeName, tags.labelName],
    color: token('color--status--info--default'),
  },
]);

/** The editor; `value` changes from outside (Reload) replace the document. */
const YamlEditor = ({ value, onChange, readOnly = false, ariaLabel }: YamlEditorProps) => {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(undefined);
  const onChangeRef = useRef(onChange);
  // Set while `value` is applied from outside: that is not an edit (it would clear "Saved").
  const applying = useRef(false);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return undefined;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          foldGutter(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          syntaxHighlighting(highlight),
          keymap.of(foldKeymap),
          yaml(),
          theme,
          EditorState.readOnly.of(readOnly),
          EditorView.contentAttributes.of({ 'aria-label': ariaLabel }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !applying.current)
              onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => editor.destroy();
    // The editor is made once per mode; later values arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [readOnly, ariaLabel]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      applying.current = true;
      try {
        editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
      } finally {
        applying.current = false;
      }
    }
  }, [value]);

  return <div ref={host} className="virtualization-plugin__yaml-editor" />;
};

export default YamlEditor;
