import { useRef, useState, type InputHTMLAttributes, type KeyboardEvent, type Ref } from 'react';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement & HTMLTextAreaElement>, 'value' | 'onChange' | 'ref'> {
  value: string;
  onCommit: (value: string) => void;
  multiline?: boolean;
  rows?: number;
  fieldRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
}

/**
 * A text field that saves when the analyst leaves it or presses Enter
 * (Ctrl+Enter in a multi-line field), so each edit is one undo step rather
 * than one per keystroke. Esc puts back the saved value.
 */
export function CommitField({ value, onCommit, multiline, rows, fieldRef, onKeyDown, ...rest }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  // What Enter last sent: until the saved value catches up, Esc must not take it back.
  const committed = useRef<string | null>(null);
  const commit = () => {
    if (draft !== null && draft !== value && draft !== committed.current) {
      committed.current = draft;
      onCommit(draft);
    }
  };
  const keyDown = (e: KeyboardEvent<HTMLInputElement & HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape' && draft !== null && draft !== value && draft !== committed.current) {
      e.preventDefault();
      e.stopPropagation();
      setDraft(value);
    }
    onKeyDown?.(e);
  };
  const props = {
    ...rest,
    value: draft ?? value,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onFocus: () => setDraft(value),
    onBlur: () => {
      commit();
      setDraft(null);
      committed.current = null;
    },
    onKeyDown: keyDown,
  };
  return multiline ? <textarea ref={fieldRef} rows={rows} {...props} /> : <input ref={fieldRef} type="text" {...props} />;
}
