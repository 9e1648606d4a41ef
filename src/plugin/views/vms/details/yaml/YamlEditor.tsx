// CodeMirror 6 for YAML. This module is loaded only with the YAML tab (React.lazy), so the list
// and the other tabs do not pay for the editor.
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import {
  bracketMatching,
  foldGutter,
  HighlightStyle,
  foldKeymap,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { EditorState, type Extension } from '@codemirror/state';
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
  // As high as the window allows with the header, tabs and the Save/Reload bar still in view.
  '&': {
    height: 'calc(100vh - 24rem)',
    minHeight: '16rem',
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
  const extensionsRef = useRef<Extension[]>([]);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return undefined;
    const extensions: Extension[] = [
      lineNumbers(),
      highlightActiveLineGutter(),
      foldGutter(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      syntaxHighlighting(highlight),
      history(),
      keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap]),
      yaml(),
      theme,
      EditorState.readOnly.of(readOnly),
      EditorView.contentAttributes.of({ 'aria-label': ariaLabel }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged && !applying.current)
          onChangeRef.current(update.state.doc.toString());
      }),
    ];
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({ doc: value, extensions }),
    });
    extensionsRef.current = extensions;
    // The scroller is reachable by keyboard and named, so a reader (read only: the content is
    // not editable, hence not focusable) can scroll it with the arrow keys.
    editor.scrollDOM.tabIndex = 0;
    editor.scrollDOM.setAttribute('role', 'region');
    editor.scrollDOM.setAttribute('aria-label', ariaLabel);
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
        // A fresh state, so the history starts over: Undo after Reload must not bring the
        // discarded edits back into the new version.
        // Where the reader was (a save brings a new resourceVersion, not a new place to read).
        const { scrollTop } = editor.scrollDOM;
        const head = Math.min(editor.state.selection.main.head, value.length);
        editor.setState(
          EditorState.create({
            doc: value,
            selection: { anchor: head },
            extensions: extensionsRef.current,
          }),
        );
        editor.scrollDOM.scrollTop = scrollTop;
      } finally {
        applying.current = false;
      }
    }
  }, [value]);

  return <div ref={host} className="virtualization-plugin__yaml-editor" />;
};

export default YamlEditor;
