import { useId, useMemo, useState, type KeyboardEvent, type Ref } from 'react';
import { createSourceMatcher, type SourceMatcher } from '../../../shared/claims/source-match';
import type { Casefile } from '../../../shared/model/schema';
import { casefileStore } from '../app/casefile-store';
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

type Option = { kind: 'source'; id: string; name: string; detail: string } | { kind: 'create'; name: string };

/**
 * A source field with fuzzy autocomplete over the registry's names and
 * aliases (↓/↑ to choose, Enter to take, Esc to go back), and, where
 * allowed, a new source created from what was typed.
 */
export function SourcePicker({ value, onPick, onCreate, onClear, exclude, label, placeholder, inputRef, disabled, testId }: Props) {
  const { casefile } = useStore(casefileStore)!;
  const listId = useId();
  const current = value ? casefile.sources[value] : undefined;
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const open = query !== null && query.trim() !== '';

  const options = useMemo<Option[]>(() => {
    if (!open) return [];
    const matcher = sourceMatcher(casefile.sources);
    const found: Option[] = matcher.search(query, 8)
      .filter((m) => m.source.id !== exclude)
      .map((m) => ({ kind: 'source', id: m.source.id, name: m.source.name, detail: [m.source.kind, m.source.role, m.source.affiliation].filter(Boolean).join(' · ') }));
    const name = query.trim();
    if (onCreate && !matcher.exactly(name)) found.push({ kind: 'create', name });
    return found;
  }, [open, query, casefile.sources, exclude, onCreate]);

  const close = () => {
    setQuery(null);
    setActive(0);
  };
  const take = (option: Option | undefined) => {
    if (!option) return;
    close();
    if (option.kind === 'source') onPick(option.id);
    else if (option.name.length > MAX_SOURCE_NAME) return;
    else onCreate?.(option.name);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!options.length) return;
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : -1) + options.length) % options.length);
    } else if (e.key === 'Enter') {
      if (open) take(options[Math.min(active, options.length - 1)]);
      else if (query !== null && onClear && value) {
        close();
        onClear();
      } else return;
    } else if (e.key === 'Escape' && query !== null) {
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
        aria-activedescendant={open && options.length ? `${listId}-${Math.min(active, options.length - 1)}` : undefined}
        data-testid={testId}
        data-field="source"
        placeholder={placeholder ?? 'Type a name…'}
        disabled={disabled}
        value={query ?? current?.name ?? ''}
        onChange={(e) => { setQuery(e.target.value); setActive(0); }}
        onFocus={(e) => e.target.select()}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul className="source-options" role="listbox" id={listId} aria-label={`${label}: matches`}>
          {options.map((o, i) => (
            <li key={o.kind === 'source' ? o.id : '__create'} id={`${listId}-${i}`} role="option" aria-selected={i === Math.min(active, options.length - 1)}
              className={o.kind === 'create' ? 'create' : undefined}
              onMouseDown={(e) => { e.preventDefault(); take(o); }}>
              {o.kind === 'source'
                ? <><bdi className="source-option-name">{o.name}</bdi>{o.detail && <span className="muted"> · {o.detail}</span>}</>
                : <>Create source “<bdi className="source-option-name">{o.name}</bdi>”</>}
            </li>
          ))}
          {!options.length && <li className="muted" role="option" aria-selected={false} aria-disabled>No source matches.</li>}
          {tooLong && <li className="error" role="option" aria-selected={false} aria-disabled>Names are limited to {MAX_SOURCE_NAME.toLocaleString()} characters.</li>}
        </ul>
      )}
    </div>
  );
}
