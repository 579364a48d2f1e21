import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { createSourceMatcher, sourceOptions, type SourceMatcher, type SourceOption } from '../../../shared/claims/source-match';
import type { Casefile } from '../../../shared/model/schema';
import { casefileStore } from '../app/casefile-store';
import { notify } from '../app/notices';
import { holdDraft } from '../lib/pending-edits';
import { useStore } from '../lib/store';
import './sources.css';
import { memoizeWeak } from '../../../shared/lib/collections';

/** One fuzzy matcher per state of the source registry. */
export const sourceMatcher = memoizeWeak((sources: Casefile['sources']): SourceMatcher => createSourceMatcher(Object.values(sources)));

export const MAX_SOURCE_NAME = 20_000;

interface Props {
  value: string | null;
  onPick: (sourceId: string) => void;
  /** When given, typing a new name offers "Create source …". */
  onCreate?: (name: string) => void;
  /** When given, emptying the field and pressing Enter clears the source. */
  onClear?: () => void;
  exclude?: string;
  label: string;
  placeholder?: string;
  inputRef?: Ref<HTMLInputElement>;
  disabled?: boolean;
  testId?: string;
}

/**
 * A source field with fuzzy autocomplete over the registry's names and
 * aliases. Enter takes exactly what was typed: the source with that name or
 * alias (case and punctuation aside), else, where allowed, a new source of
 * that name; a near match is only taken when chosen with ↓/↑. Where new
 * sources may be created, leaving the field (Tab, Esc, a click elsewhere,
 * another command) takes what was typed the same way, so nothing typed is lost.
 */
export function SourcePicker({ value, onPick, onCreate, onClear, exclude, label, placeholder, inputRef, disabled, testId }: Props) {
  const { casefile } = useStore(casefileStore)!;
  const listId = useId();
  const [query, setQueryState] = useState<string | null>(null);
  // null until the analyst moves with ↓/↑: then Enter takes what was typed.
  const [active, setActiveState] = useState<number | null>(null);
  // The name just taken, shown until the saved value changes.
  const [taken, setTaken] = useState<string | null>(null);
  const [savedValue, setSavedValue] = useState(value);
  if (savedValue !== value) {
    setSavedValue(value);
    setTaken(null);
  }
  const current = value ? casefile.sources[value] : undefined;
  const open = query !== null && query.trim() !== '';
  const keepsTyping = !!onCreate;

  const { options, first } = useMemo(
    () => (open ? sourceOptions(sourceMatcher(casefile.sources), query, { canCreate: keepsTyping, exclude }) : { options: [], first: null }),
    [open, query, casefile.sources, exclude, keepsTyping],
  );
  const chosen = active ?? first;

  // Read by a save that runs outside a render (flush before another command, unmount).
  const live = useRef({ query, active, options, value, onPick, onCreate, onClear, takeTyped: () => {} });
  const release = useRef<(() => void) | null>(null);
  const letGo = () => {
    release.current?.();
    release.current = null;
  };
  const setQuery = (next: string | null) => {
    live.current.query = next;
    setQueryState(next);
  };
  const setActive = (next: number | null) => {
    live.current.active = next;
    setActiveState(next);
  };
  const close = () => {
    setQuery(null);
    setActive(null);
    letGo();
  };

  const take = (option: SourceOption | undefined) => {
    if (!option) return;
    const { onPick: pick, onCreate: create } = live.current;
    if (option.kind === 'create' && option.name.length > MAX_SOURCE_NAME) return;
    close();
    setTaken(option.kind === 'source' ? option.source.name : option.name);
    if (option.kind === 'source') pick(option.source.id);
    else create?.(option.name);
  };
  /** Leaving the field: what was typed is taken as Enter would take it (only where new sources may be created). */
  const takeTyped = () => {
    const l = live.current;
    if (!l.onCreate || l.query === null) return close();
    if (!l.query.trim()) {
      close();
      if (l.value) l.onClear?.();
      return;
    }
    // Without ↓/↑ the choice is made from the latest text and registry, never from a list drawn before the last keystroke.
    const { options: fresh, first: typed } = sourceOptions(sourceMatcher(casefileStore.get()?.casefile.sources ?? {}), l.query, { canCreate: true, exclude });
    take(l.active === null ? (typed === null ? undefined : fresh[typed]) : l.options[l.active]);
  };
  useLayoutEffect(() => {
    Object.assign(live.current, { query, active, options, value, onPick, onCreate, onClear, takeTyped });
  });
  useEffect(() => {
    const state = live.current;
    return () => state.takeTyped();
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!options.length) return;
      const from = chosen ?? (e.key === 'ArrowDown' ? -1 : 0);
      setActive((from + (e.key === 'ArrowDown' ? 1 : -1) + options.length) % options.length);
    } else if (e.key === 'Enter') {
      if (open) {
        if (chosen === null) notify('info', 'No source has exactly this name: choose one of the matches with ↓/↑, then Enter.');
        else take(options[chosen]);
      } else if (query !== null && onClear && value) {
        close();
        onClear();
      } else return;
    } else if (e.key === 'Escape' && query !== null) {
      // Where typing is kept, Esc keeps it too and goes on (the chain editor gives the keyboard back to the article).
      if (keepsTyping) {
        takeTyped();
        return;
      }
      close();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const tooLong = (query?.length ?? 0) > MAX_SOURCE_NAME;
  return (
    <div className="source-picker">
      <input
        ref={inputRef}
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && chosen !== null ? `${listId}-${chosen}` : undefined}
        data-testid={testId}
        data-field="source"
        placeholder={placeholder ?? 'Type a name…'}
        disabled={disabled}
        value={query ?? taken ?? current?.name ?? ''}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(null);
          if (keepsTyping) release.current ??= holdDraft(takeTyped);
        }}
        onFocus={(e) => e.target.select()}
        onBlur={takeTyped}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul className="source-options" role="listbox" id={listId} aria-label={`${label}: matches`}>
          {options.map((o, i) => (
            <li key={o.kind === 'source' ? o.source.id : '__create'} id={`${listId}-${i}`} role="option" aria-selected={i === chosen}
              className={o.kind === 'create' ? 'create' : o.exact ? 'exact' : 'near'}
              title={o.kind === 'create' ? `Create source “${o.name}”` : o.source.name}
              onMouseDown={(e) => { e.preventDefault(); take(o); }}>
              {o.kind === 'create'
                ? <>Create source “<bdi className="source-option-name">{o.name}</bdi>”</>
                : <OptionLabel option={o} first={i === 0} firstSuggestion={i === options.findIndex((x) => x.kind === 'source' && !x.exact)} />}
            </li>
          ))}
          {!options.length && <li className="muted" role="option" aria-selected={false} aria-disabled>No source matches.</li>}
          {tooLong && <li className="error" role="option" aria-selected={false} aria-disabled>Names are limited to {MAX_SOURCE_NAME.toLocaleString()} characters.</li>}
        </ul>
      )}
    </div>
  );
}

function OptionLabel({ option, first, firstSuggestion }: { option: Extract<SourceOption, { kind: 'source' }>; first: boolean; firstSuggestion: boolean }) {
  const s = option.source;
  const detail = [s.kind, s.role, s.affiliation].filter(Boolean).join(' · ');
  return (
    <>
      {firstSuggestion && <span className="source-option-hint">Similar: </span>}
      <bdi className="source-option-name">{s.name}</bdi>
      {detail && <span className="muted"> · {detail}</span>}
      {option.exact && first && <span className="muted"> · this name</span>}
    </>
  );
}
