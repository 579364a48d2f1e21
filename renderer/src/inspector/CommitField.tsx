import { useEffect, useLayoutEffect, useRef, useState, type InputHTMLAttributes, type KeyboardEvent, type Ref } from 'react';
import { holdDraft } from '../lib/pending-edits';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement & HTMLTextAreaElement>, 'value' | 'onChange' | 'ref'> {
  value: string;
  /** Saves the typed value; `false` refuses it (the field keeps it, marked invalid, for the analyst to correct). */
  onCommit: (value: string) => boolean | void;
  multiline?: boolean;
  rows?: number;
  fieldRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
}

/**
 * A text field that saves what was typed however the analyst leaves it: Enter
 * (Ctrl+Enter in a multi-line field), Esc, Tab, a click elsewhere, a shortcut
 * that sends another command, or the field going away (another claim, another
 * article, the casefile closed). Each edit is one undo step, and undo is the
 * way back.
 */
export function CommitField({ value, onCommit, multiline, rows, fieldRef, onKeyDown, ...rest }: Props) {
  const [draft, setDraftState] = useState<string | null>(null);
  // What was last sent, shown until the saved value changes.
  const [sent, setSentState] = useState<{ text: string } | null>(null);
  const [invalid, setInvalid] = useState(false);
  // Saves run outside a render (flush before another command, unmount): they read these.
  const live = useRef({ draft: null as string | null, sent: null as { text: string } | null, refused: null as string | null, value, onCommit });
  // Once the saved value changes (saved, undone, changed elsewhere), it is what the field shows.
  const [savedValue, setSavedValue] = useState(value);
  if (savedValue !== value) {
    setSavedValue(value);
    setSentState(null);
  }
  useLayoutEffect(() => {
    if (live.current.value !== value) live.current.sent = null;
    live.current.value = value;
    live.current.onCommit = onCommit;
  });
  const release = useRef<(() => void) | null>(null);

  const setDraft = (next: string | null) => {
    live.current.draft = next;
    setDraftState(next);
  };
  const commit = (): boolean => {
    const l = live.current;
    const typed = l.draft;
    const pending = l.sent?.text ?? null;
    if (typed === null || typed === l.value || typed === pending) return true;
    if (typed === l.refused) return false;
    // Marked as sent before it is sent: sending flushes pending edits, this one included.
    const before = l.sent;
    l.sent = { text: typed };
    const ok = l.onCommit(typed) !== false;
    if (ok) setSentState(l.sent);
    else {
      l.sent = before;
      l.refused = typed;
    }
    setInvalid(!ok);
    return ok;
  };
  const letGo = () => {
    release.current?.();
    release.current = null;
  };
  // A field that goes away while it holds a typed value saves it first.
  useEffect(() => () => {
    commit();
    letGo();
  }, []);

  const shown = sent?.text ?? value;
  const keyDown = (e: KeyboardEvent<HTMLInputElement & HTMLTextAreaElement>) => {
    if ((e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) || e.key === 'Escape') {
      if (e.key === 'Enter') e.preventDefault();
      // Esc saves too, then goes on to the chain editor, which gives the keyboard back to the article.
      if (!commit() && e.key === 'Escape') e.stopPropagation();
    }
    onKeyDown?.(e);
  };
  const onChange = (e: { target: { value: string } }) => {
    setDraft(e.target.value);
    release.current ??= holdDraft(commit);
  };
  const onFocus = () => {
    if (live.current.draft === null) setDraft(shown);
  };
  const onBlur = () => {
    if (!commit()) return;
    setDraft(null);
    letGo();
  };
  const common = { ...rest, 'aria-invalid': invalid || undefined, value: draft ?? shown, onChange, onFocus, onBlur, onKeyDown: keyDown };
  return multiline ? <textarea ref={fieldRef} rows={rows} {...common} /> : <input ref={fieldRef} type="text" {...common} />;
}
