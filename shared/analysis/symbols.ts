/**
 * Symbols that carry stance and sourcing type without relying on colour
 * (matrix cells, graph legend, reports).
 */
import type { SourcingType, Stance } from '../model/schema';

export const STANCE_SYMBOLS: Record<Stance, string> = { supports: '+', contradicts: '−', mentions: '○' };
export const STANCE_LABELS: Record<Stance, string> = { supports: 'supports', contradicts: 'contradicts / denies', mentions: 'mentions' };

const TYPE_SYMBOLS: Record<string, string> = {
  'named-official': '●',
  'official-statement': '■',
  anonymous: '?',
  'named-expert': '◆',
  'outlet-citing-outlet': '↪',
  document: '▤',
  'direct-observation': '◉',
  unattributed: '∅',
};

/** The symbol of a sourcing type: fixed for the default types, the label's first letter for a casefile's own. */
export function typeSymbol(type: Pick<SourcingType, 'id' | 'label'> | undefined): string {
  if (!type) return '·';
  return TYPE_SYMBOLS[type.id] ?? (type.label.trim()[0]?.toUpperCase() || '·');
}
