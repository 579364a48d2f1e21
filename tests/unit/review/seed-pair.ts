/**
 * Two casefiles of the five real seed articles (copies of corpus/seeds in
 * tests/fixtures/seeds), annotated by two analysts who differ in
 * planted, known ways. Built through applyCommand, as the app builds them.
 *
 * Dana's casefile is "mine"; Sam's is "theirs". Sam imported a later version
 * of article 002 (an update paragraph added, one word changed).
 */
import { createSelectors } from '../../../shared/anchoring';
import { applyCommand, type Actor } from '../../../shared/commands/apply';
import type { Command } from '../../../shared/commands/commands';
import { emptyCasefile } from '../../../shared/model/casefile';
import type { Casefile, Hop, SourceKind, Stance } from '../../../shared/model/schema';
import { textHash } from '../../../shared/text/hash';

import { seedText } from '../../support/fixtures';
export { seedText };
export const DANA = 'Dana Whitfield';
export const SAM = 'Sam Okafor';
export const DANA_TIME = '2026-03-01T09:00:00.000Z';
export const SAM_TIME = '2026-03-02T14:30:00.000Z';

const UPDATE = 'Update: The Chinese embassy in London called the Times report "groundless speculation" on Friday.';

/** Sam's later copy of 002: an update paragraph, and "long-range" written "long range". */
export function samsVersionOf002(): string {
  return seedText('002')
    .replace('This report was corroborated by the official.', `This report was corroborated by the official.\n\n${UPDATE}`)
    .replace('deploy long-range attack drones', 'deploy long range attack drones');
}

const TITLES: Record<string, { title: string; outlet: string; publishedAt: string }> = {
  '000': { title: 'Allies believe China allegedly developing attack drones to aid Russia, Bloomberg reports', outlet: 'Kyiv Independent', publishedAt: '2024-07-03' },
  '001': { title: 'Allies believe China allegedly developing attack drones (clean copy)', outlet: 'Kyiv Independent', publishedAt: '2024-07-03' },
  '002': { title: 'China reportedly provides Russia with drone equipment', outlet: 'Aggregator', publishedAt: '2024-09-26' },
  '003': { title: 'US raises concerns over alleged Russian drone production in China', outlet: 'Kyiv Independent', publishedAt: '2024-09-26' },
  '004': { title: 'Russia has reportedly established a weapons programme in China', outlet: 'The Spectator', publishedAt: '2024-09-26' },
};

/** A hop: sourcing type, source name (null: type only), hedging. */
type HopSpec = [typeId: string, source: string | null, hedging?: string];

const SOURCE_KINDS: Record<string, SourceKind> = {
  Bloomberg: 'outlet', Reuters: 'outlet', 'The Times': 'outlet',
  'European officials familiar with the matter': 'anonymous-group', Insiders: 'anonymous-group', 'a western official': 'anonymous-group',
  'Liu Pengyu': 'person', 'Julianne Smith': 'person', 'Fabian Hinz': 'person',
  'White House spokesperson': 'institution', 'NSC spokesperson': 'institution', 'NATO spokesperson': 'institution',
  'Chinese foreign ministry': 'institution', 'Chinese embassy in the UK': 'institution', 'Kupol report': 'document',
  'Vladimir Putin': 'person',
};

export class CasefileBuilder {
  cf: Casefile;
  private readonly sources = new Map<string, string>();
  private n = 0;

  constructor(id: string, title: string, private readonly actor: Actor) {
    this.cf = emptyCasefile({ id, title, analyst: actor.name, now: actor.now });
  }

  run(command: Command): this {
    this.cf = applyCommand(this.cf, command, this.actor).state;
    return this;
  }

  article(seed: string, text = seedText(seed)): this {
    const meta = TITLES[seed]!;
    return this.run({
      type: 'article.add',
      article: {
        id: `a${seed}`, ...meta, author: '', url: '', language: 'en', notes: '', text, textHash: textHash(text),
        origin: { fileName: `${seed}.txt`, format: 'txt' }, excluded: [],
      },
    });
  }

  private source(name: string): string {
    let id = this.sources.get(name);
    if (!id) {
      id = `${this.cf.meta.id}-s${this.sources.size + 1}`;
      this.sources.set(name, id);
      this.run({ type: 'source.add', source: { id, name, kind: SOURCE_KINDS[name] ?? 'other', role: '', affiliation: '', aliases: [], notes: '' } });
    }
    return id;
  }

  /** A claim on the (first) occurrence of `phrase` in article `seed`. */
  claim(id: string, seed: string, phrase: string, hops: HopSpec[], notes = ''): this {
    const article = this.cf.articles[`a${seed}`]!;
    const at = article.text.indexOf(phrase);
    if (at < 0) throw new Error(`"${phrase}" is not in article ${seed}`);
    const chain: Hop[] = hops.map(([typeId, source, hedging], i) => ({
      id: `${id}-h${i}`, sourceId: source ? this.source(source) : null, typeId, cue: '', hedging: hedging ?? '',
      quoteMode: null, sourceCount: null, anonymityReasonGiven: null, reliability: null, credibility: null, note: '',
    }));
    this.n++;
    return this.run({
      type: 'claim.add',
      claim: { id, articleId: article.id, ...createSelectors(article.text, at, at + phrase.length), textHash: article.textHash, anchor: 'exact', chain, notes },
    });
  }

  proposition(id: string, statement: string, members: [string, Stance][], rating: string | null = null): this {
    return this.run({
      type: 'proposition.add',
      proposition: {
        id, statement,
        members: members.map(([claimId, stance]) => ({ claimId, stance, addedBy: this.actor.name, addedAt: this.actor.now })),
        assessment: { rating, reliability: null, credibility: null, notes: '' },
      },
    });
  }
}

// Phrases of the claims, by seed article.
export const P = {
  allegedly: 'Chinese companies are allegedly developing attack drones similar to the Iranian-produced Shahed-type drone to aid Russia in its war against Ukraine',
  liu: 'Liu Pengyu, spokesperson for China’s embassy in the U.S., denied that China is providing lethal aid to Russia',
  smith: 'the PRC is no longer a neutral player',
  iran: 'Iran has been producing Shahed-type drones for Russia since the beginning of the full-scale invasion in February 2022',
  talks: 'Chinese and Russian companies held talks in 2023 to develop an attack drone similar to the mass-produced Shahed drone',
  notUsed: 'the drones have not yet been used in Ukraine',
  covertly: 'Chinese businesses have covertly provided weapons to Russia',
  programme002: 'Russia has established a weapons program in China to manufacture and deploy long-range attack drones',
  programme002Theirs: 'Russia has established a weapons program in China to manufacture and deploy long range attack drones',
  irrefutable: 'irrefutable evidence that Chinese companies are providing Russia with lethal weapons for use in Ukraine',
  update: UPDATE,
  hinz: 'if the Chinese government was aware of the situation, it would represent "a new level of support for Russia\'s war efforts"',
  exportControls: 'China imposes rigorous export controls on drones and strictly regulates military and dual-use drones',
  concern: 'the U.S. expressed deep concern over a report claiming that Russia has established a secret drone production project in China',
  noIndication: 'there is no indication that the Chinese government was aware of these transactions',
  consulting: 'These reports are deeply concerning and Allies are consulting on this matter.',
  programme004: 'Russia has reportedly established a weapons programme in China to build drones for use against Ukraine',
  programme004Short: 'Russia has reportedly established a weapons programme in China',
  kupolTold: 'Kupol told the Russian defence ministry it could use the Chinese factory to produce drones at scale to use in Ukraine',
  notAware: 'The Chinese foreign ministry told Reuters it wasn’t aware of the project',
  dualUse: 'China is believed to be sending hundreds of millions of dollars of ‘dual-use equipment’',
  putinMine: 'Last week Vladimir Putin said Russia was aiming to produce 1.4 million drones this year',
  putinTheirs: '1.4 million drones this year, a ten-fold increase on 2023',
};

const OUTLET = 'outlet-citing-outlet';

export function danasCasefile(): Casefile {
  const b = new CasefileBuilder('cf-dana', 'Drones for Russia (Dana)', { name: DANA, now: DANA_TIME });
  for (const s of ['000', '001', '002', '003', '004']) b.article(s);
  b.claim('m1', '000', P.allegedly, [[OUTLET, 'Bloomberg'], ['anonymous', 'European officials familiar with the matter', 'allegedly']])
    .claim('m2', '000', P.liu, [['named-official', 'Liu Pengyu']])
    .claim('m3', '000', P.smith, [['named-official', 'Julianne Smith']])
    .claim('m4', '000', P.iran, [['unattributed', null]])
    .claim('m5', '000', P.talks, [[OUTLET, 'Bloomberg'], ['anonymous', 'European officials familiar with the matter']])
    .claim('m6', '001', P.notUsed, [['anonymous', 'European officials familiar with the matter']])
    .claim('m7', '001', P.liu, [['named-official', 'Liu Pengyu']])
    .claim('m8', '002', P.covertly, [[OUTLET, 'The Times'], ['anonymous', 'Insiders']])
    .claim('m9', '002', P.programme002, [[OUTLET, 'Reuters'], ['document', 'Kupol report']])
    .claim('m10', '002', P.irrefutable, [[OUTLET, 'The Times'], ['anonymous', 'a western official']])
    .claim('m12', '002', P.hinz, [['named-expert', 'Fabian Hinz']])
    .claim('m14', '003', P.concern, [['official-statement', 'White House spokesperson']])
    .claim('m15', '003', P.noIndication, [['official-statement', 'NSC spokesperson']])
    .claim('m16', '003', P.consulting, [['official-statement', 'NATO spokesperson']])
    .claim('m17', '004', P.programme004, [[OUTLET, 'Reuters'], ['document', 'Kupol report']])
    .claim('m18', '004', P.kupolTold, [[OUTLET, 'Reuters'], ['document', 'Kupol report']])
    .claim('m19', '004', P.notAware, [['official-statement', 'Chinese foreign ministry']])
    .claim('m20', '004', P.dualUse, [['unattributed', null]])
    .claim('m21', '004', P.putinMine, [['named-official', 'Vladimir Putin']]);
  b.proposition('dp1', 'Russia set up a drone programme in China', [['m9', 'supports'], ['m17', 'supports'], ['m18', 'supports']], 'single source');
  b.proposition('dp2', 'China provides lethal aid to Russia', [['m2', 'contradicts'], ['m10', 'supports']]);
  return b.cf;
}

export function samsCasefile(): Casefile {
  const b = new CasefileBuilder('cf-sam', 'Drones (second coder)', { name: SAM, now: SAM_TIME });
  for (const s of ['000', '001']) b.article(s);
  b.article('002', samsVersionOf002());
  for (const s of ['003', '004']) b.article(s);
  b.claim('t1', '000', P.allegedly, [[OUTLET, 'Bloomberg'], ['anonymous', 'European officials familiar with the matter', 'allegedly']])
    .claim('t2', '000', P.liu, [['official-statement', 'Liu Pengyu']])
    .claim('t3', '000', P.smith, [['named-official', 'Julianne Smith']])
    .claim('t4', '000', P.iran, [['unattributed', null]], 'Background, not about China.')
    .claim('t6', '001', P.notUsed, [['anonymous', 'European officials familiar with the matter']])
    .claim('t7', '001', P.liu, [['named-official', 'Liu Pengyu']])
    .claim('t8', '002', P.covertly, [[OUTLET, 'The Times'], ['anonymous', 'a western official']])
    .claim('t9', '002', P.programme002Theirs, [[OUTLET, 'Reuters'], ['document', 'Kupol report']])
    .claim('t10', '002', P.irrefutable, [[OUTLET, 'The Times'], ['anonymous', 'a western official']])
    .claim('t11', '002', P.update, [['official-statement', 'Chinese embassy in the UK']])
    .claim('t12', '002', P.hinz, [['named-expert', 'Fabian Hinz']])
    .claim('t13', '002', P.exportControls, [['official-statement', 'Chinese embassy in the UK']])
    .claim('t14', '003', P.concern, [['official-statement', 'White House spokesperson']])
    .claim('t15', '003', P.noIndication, [['anonymous', 'NSC spokesperson']])
    .claim('t16', '003', P.consulting, [['official-statement', 'NATO spokesperson']])
    .claim('t17', '004', P.programme004Short, [[OUTLET, 'Reuters'], ['document', 'Kupol report']])
    .claim('t18', '004', P.kupolTold, [[OUTLET, 'Reuters'], ['document', 'Kupol report']])
    .claim('t19', '004', P.notAware, [['official-statement', 'Chinese foreign ministry']])
    .claim('t20', '004', P.dualUse, [])
    .claim('t21', '004', P.putinTheirs, [['named-official', 'Vladimir Putin']]);
  b.proposition('sp1', 'Russia set up a drone programme in China.', [['t9', 'supports'], ['t17', 'supports']], 'corroborated');
  b.proposition('sp2', 'China provides lethal aid to Russia', [['t2', 'contradicts'], ['t10', 'mentions'], ['t13', 'contradicts']]);
  b.run({
    type: 'review.set',
    review: { id: 'rv-sam-1', target: { kind: 'claim', id: 't19' }, status: 'needs-work', comment: 'The chain should start at Reuters.', by: SAM, at: SAM_TIME },
  });
  return b.cf;
}

/**
 * The planted differences, as difference keys (see shared/review/differences.ts).
 * Hand count: 14.
 */
export const PLANTED_KEYS = [
  'only-mine:m5', // Dana marked the 2023 talks; Sam did not
  'only-mine:m21', // Putin's figure: the spans overlap by 28 of 57 characters, under half
  'only-theirs:t13', // Sam marked the embassy's export-control statement
  'only-theirs:t21',
  'orphan:t11', // on the update paragraph, which Dana's version of 002 lacks
  'type:m2:t2', // Liu Pengyu: named official / official statement
  'type:m15:t15', // NSC: official statement / anonymous
  'type:m20:t20', // unattributed / no sourcing recorded
  'chain:m8:t8', // same root type, a different anonymous source
  'notes:m4:t4',
  'stance:m10:t10:dp2:sp2', // supports / mentions
  'member:m18:t18:dp1:sp1', // in Dana's proposition, not in Sam's
  'assessment:dp1:sp1', // single source / corroborated
  'review:rv-sam-1', // Sam's comment on the foreign ministry claim
].sort();
