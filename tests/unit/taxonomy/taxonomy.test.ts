import { describe, expect, test } from 'vitest';
import { applyCommand, CommandError, type Actor } from '../../../shared/commands/apply';
import { emptyCasefile } from '../../../shared/model/casefile';
import type { Casefile, SourcingType } from '../../../shared/model/schema';
import { DEFAULT_TAXONOMY } from '../../../shared/model/taxonomy';
import {
  addType, mergeImportedTaxonomy, moveType, removeType, taxonomyFromCsv, taxonomyProblems, taxonomyToCsv, typeUsage, updateType,
} from '../../../shared/taxonomy';
import { textHash } from '../../../shared/text/hash';

const dana: Actor = { name: 'Dana', now: '2026-01-01T10:00:00.000Z' };
const defaults = DEFAULT_TAXONOMY.map((t) => ({ ...t }));

function read(csv: string): SourcingType[] {
  const result = taxonomyFromCsv(csv);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.types;
}

function errorsOf(csv: string): string[] {
  const result = taxonomyFromCsv(csv);
  if (result.ok) throw new Error('expected the CSV to be refused');
  return result.errors;
}

describe('default taxonomy', () => {
  test('holds the eight types of the domain guide with stable ids and distinct colours', () => {
    expect(defaults.map((t) => t.id)).toEqual([
      'named-official', 'official-statement', 'anonymous', 'named-expert', 'outlet-citing-outlet', 'document', 'direct-observation', 'unattributed',
    ]);
    expect(new Set(defaults.map((t) => t.color)).size).toBe(8);
    expect(defaults.every((t) => !t.hidden && t.description.length > 0)).toBe(true);
  });
});

describe('taxonomy CSV', () => {
  test('round trip: export then import gives the same taxonomy, hostile labels included', () => {
    const types: SourcingType[] = [
      ...defaults,
      { id: 'state-media', label: '=HYPERLINK("http://evil")', color: '#000000', description: 'Says "hi", then\nbreaks, lines', hidden: true },
      { id: 'x.rtl', label: '\u202Eevil\u202C <script>alert(1)</script> 🚀', color: '#ABCDEF', description: '+1 @ mention', hidden: false },
    ];
    const csv = taxonomyToCsv(types);
    expect(csv.split('\n')[0]).toBe('id,label,color,description,hidden');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(read(csv)).toEqual(types);
  });

  test('reads what a spreadsheet saves: BOM, CRLF, any column order and case, short colours, yes/no, blank lines', () => {
    const csv = '\uFEFFLabel,ID,Hidden,Colour,Color\r\nNamed official,named-official,no,,#0072b2\r\n\r\nLeak,leak,yes,,#f0a\r\n';
    const result = taxonomyFromCsv(csv);
    expect(result).toEqual({
      ok: true,
      warnings: ['Ignored the column colour.'],
      types: [
        { id: 'named-official', label: 'Named official', color: '#0072B2', description: '', hidden: false },
        { id: 'leak', label: 'Leak', color: '#FF00AA', description: '', hidden: true },
      ],
    });
  });

  test('refuses a file without the required columns, naming them', () => {
    expect(errorsOf('name,colour\nAnonymous,#D55E00\n')).toEqual([
      'The file needs the columns id, label, color in its first row; id, label, color are missing.',
    ]);
    expect(errorsOf('')).toEqual([expect.stringContaining('needs the columns')]);
    expect(errorsOf('id,label,color\n')).toEqual(['The file has no sourcing types below its header row.']);
  });

  test('lists every bad row with its row number and imports nothing', () => {
    const csv = [
      'id,label,color,hidden',
      'anonymous,Anonymous,#D55E00,false',
      'bad id,Bad,#000000,false',
      'anonymous,Again,#000000,false',
      'red,Red,red,false',
      'named,,#000000,maybe',
      'copy,anonymous,#123456,',
    ].join('\n');
    expect(errorsOf(csv)).toEqual([
      'Row 3: the id “bad id” may only use letters, digits, “-”, “_” and “.” (at most 100).',
      'Row 4: the id “anonymous” is already used on row 2.',
      'Row 5: the colour “red” is not a hex colour like #0072B2.',
      'Row 6: the label is empty.',
      'Row 6: hidden is “maybe”; use true or false.',
      'Row 7: the label “anonymous” is already used on row 2.',
    ]);
  });

  test('reports malformed CSV (an unclosed quote, a short row) instead of guessing', () => {
    const errors = errorsOf('id,label,color\nanonymous,"Anonymous,#D55E00\nunattributed,Unattributed,#999999\n');
    expect(errors.some((e) => /^Row \d+: .*quote/i.test(e))).toBe(true);
    expect(errorsOf('id,label,color\nanonymous,Anonymous\n')).toEqual(expect.arrayContaining([expect.stringMatching(/^Row 2: .*field/i)]));
  });

  test('refuses a built-in name as an id (the id rule of shared/model/ids.ts)', () => {
    expect(errorsOf('id,label,color\nconstructor,Builder,#000000\nprototype,Model,#111111\n')).toEqual([
      'Row 2: the id “constructor” is a name every object has built in; choose another.',
      'Row 3: the id “prototype” is a name every object has built in; choose another.',
    ]);
  });

  test('refuses an oversized label and more than 200 types', () => {
    expect(errorsOf(`id,label,color\nlong,${'x'.repeat(201)},#000000\n`)).toEqual(['Row 2: the label is 201 characters long; at most 200.']);
    const rows = Array.from({ length: 201 }, (_, i) => `t${i},Type ${i},#000000`);
    expect(errorsOf(`id,label,color\n${rows.join('\n')}`)).toEqual(['The file has 201 types; a taxonomy holds at most 200.']);
  });
});

describe('editing the taxonomy', () => {
  function casefileUsing(typeId: string): Casefile {
    const text = 'Officials familiar with the matter said so.';
    let cf = emptyCasefile({ id: 'cf', title: 'Drones', analyst: 'Dana', now: dana.now });
    cf = applyCommand(cf, {
      type: 'article.add',
      article: { id: 'a1', title: 't', outlet: '', author: '', publishedAt: '', url: '', language: '', notes: '', text, textHash: textHash(text), origin: { fileName: 'a.txt', format: 'txt' }, excluded: [] },
    }, dana).state;
    cf = applyCommand(cf, {
      type: 'claim.add',
      claim: {
        id: 'c1', articleId: 'a1', textHash: textHash(text), anchor: 'exact', chain: [], notes: '',
        quote: { type: 'TextQuoteSelector', exact: text, prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 0, end: text.length },
      },
    }, dana).state;
    return applyCommand(cf, { type: 'claim.setRootType', claimId: 'c1', typeId, hopId: 'h1' }, dana).state;
  }

  test('rename, recolour, reorder, add and hide keep ids, and the claim keeps its type', () => {
    const cf = casefileUsing('anonymous');
    let types = updateType(cf.taxonomy, 'anonymous', { label: 'Unnamed sources', color: '#000000' });
    types = moveType(types, 'anonymous', -1);
    types = addType(types, 'State media (RT, CGTN)');
    types = updateType(types, 'direct-observation', { hidden: true });
    expect(taxonomyProblems(types, typeUsage(cf))).toEqual([]);
    const next = applyCommand(cf, { type: 'taxonomy.set', types }, dana).state;
    expect(next.taxonomy.map((t) => t.id).slice(0, 3)).toEqual(['named-official', 'anonymous', 'official-statement']);
    expect(next.taxonomy.find((t) => t.id === 'anonymous')).toMatchObject({ label: 'Unnamed sources', color: '#000000' });
    expect(next.taxonomy.at(-1)).toEqual({ id: 'state-media-rt-cgtn', label: 'State media (RT, CGTN)', color: '#D55E00', description: '', hidden: false });
    expect(next.claims.c1!.chain[0]!.typeId).toBe('anonymous');
  });

  test('a new type gets a unique id and a palette colour not yet used', () => {
    const once = addType(removeType(defaults, 'unattributed'), 'Anonymous');
    expect(once.at(-1)).toMatchObject({ id: 'anonymous-2', color: '#999999' });
    // A label that would make a built-in name is numbered, so the type can be saved.
    expect(addType(defaults, 'Constructor').at(-1)!.id).toBe('constructor-2');
    expect(addType(defaults, 'Prototype').at(-1)!.id).toBe('prototype-2');
  });

  test('a type in use cannot be removed, only hidden', () => {
    const cf = casefileUsing('anonymous');
    const without = removeType(cf.taxonomy, 'anonymous');
    expect(taxonomyProblems(without, typeUsage(cf))).toEqual(['The type anonymous is used by 1 claim; hide it instead of removing it.']);
    expect(() => applyCommand(cf, { type: 'taxonomy.set', types: without }, dana)).toThrow(CommandError);
    expect(taxonomyProblems(removeType(cf.taxonomy, 'document'), typeUsage(cf))).toEqual([]);
  });

  test('blank or duplicate labels and bad colours are named before saving', () => {
    const types = updateType(updateType(defaults, 'anonymous', { label: 'Named official' }), 'document', { label: ' ', color: 'blue' });
    expect(taxonomyProblems(types, new Map())).toEqual(['Two types are called “Named official”.', 'Every type needs a label.', '“” needs a colour like #0072B2.']);
  });

  test('an imported taxonomy keeps the types claims still use, hidden, at the end', () => {
    const cf = casefileUsing('anonymous');
    const imported = read('id,label,color\nnamed-official,Official (named),#0072B2\nother,Anonymous,#D55E00\n');
    const { types, kept } = mergeImportedTaxonomy(cf.taxonomy, imported, typeUsage(cf));
    expect(kept.map((t) => t.id)).toEqual(['anonymous']);
    expect(types.map((t) => [t.id, t.label, t.hidden])).toEqual([
      ['named-official', 'Official (named)', false], ['other', 'Anonymous', false], ['anonymous', 'Anonymous (earlier)', true],
    ]);
    expect(applyCommand(cf, { type: 'taxonomy.set', types }, dana).state.taxonomy).toEqual(types);
  });
});
