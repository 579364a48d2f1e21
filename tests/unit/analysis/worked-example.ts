/**
 * The worked example of the domain guide (shared/domain.md) built on the real
 * seed articles: sources, attribution chains and propositions exactly as an
 * analyst would record them. Used by the unit tests and, saved as a casefile
 * file, by the end-to-end tests.
 */
import type { Casefile } from '../../../shared/model/schema';
import { CasefileBuilder } from './build';

import { seedText } from '../../support/fixtures';
export { seedText };

/** Where each seed's page chrome begins (it runs to the end of the text). */
const CHROME_FROM: Record<string, string> = {
  '000': 'Xi, Putin to participate in Shanghai Cooperation Organization meeting',
  '001': 'Read also:',
  '002': 'Read also:',
  '003': 'US to announce $8 billion military aid package',
};

export const SEED_ARTICLES = [
  { seed: '000', id: 'a000', outlet: 'Kyiv Independent', date: '2024-07-03', title: 'Allies believe China allegedly developing attack drones to aid Russia, Bloomberg reports' },
  { seed: '001', id: 'a001', outlet: 'Kyiv Independent', date: '2024-07-03', title: 'Allies believe China allegedly developing attack drones to aid Russia, Bloomberg reports (copy)' },
  { seed: '002', id: 'a002', outlet: 'Aggregator (002)', date: '2024-09-26', title: 'China reportedly provides Russia with drone equipment' },
  { seed: '003', id: 'a003', outlet: 'Kyiv Independent', date: '2024-09-25', title: 'US raises concerns over alleged Russian drone production in China' },
  { seed: '004', id: 'a004', outlet: 'Digest (004)', date: '2024-09-25', title: 'Russia has reportedly established a weapons programme in China' },
] as const;

/** The propositions of the worked example, by id. */
export const P = {
  attackDrones: 'p_attack_drones',
  programme: 'p_programme',
  delivered: 'p_delivered',
  lethalAid: 'p_lethal_aid',
} as const;

/** The seeds as articles (chrome marked), with 000 and 001 linked as copies, and the sources of the domain guide. */
export function seedArticles(): CasefileBuilder {
  const b = new CasefileBuilder();
  for (const a of SEED_ARTICLES) {
    const text = seedText(a.seed);
    b.article(a.id, a.outlet, text);
    b.apply({ type: 'article.update', articleId: a.id, patch: { title: a.title, publishedAt: a.date } });
    const chrome = CHROME_FROM[a.seed];
    if (chrome) {
      const start = text.indexOf(chrome);
      if (start < 0) throw new Error(`chrome start not found in ${a.seed}`);
      b.apply({ type: 'article.setExcluded', articleId: a.id, ranges: [{ id: `x${a.seed}`, start, end: text.length, reason: 'page chrome' }] });
    }
  }
  b.linkCopies('a000', 'a001');
  return b
    .source('bloomberg', 'Bloomberg', 'outlet')
    .source('eu_officials', 'European officials familiar with the matter', 'anonymous-group')
    .source('liu', 'Liu Pengyu', 'person')
    .source('times', 'The Times', 'outlet')
    .source('western', 'a western official', 'anonymous-group')
    .source('reuters', 'Reuters', 'outlet')
    .source('kupol_docs', 'Kupol documents seen by Reuters', 'document')
    .source('intel', 'Intelligence sources (Reuters)', 'anonymous-group')
    .source('nato', 'NATO spokesperson', 'institution')
    .source('nsc', 'White House NSC spokesperson', 'institution')
    .source('china_mfa', 'Chinese foreign ministry', 'institution');
}

/** The seed articles with the claims and propositions of the worked example. */
export function workedExample(): Casefile {
  const b = seedArticles();
  b
    // 000 and its copy 001: the Bloomberg story.
    .claim('c000_drones', 'a000', ['bloomberg', 'eu_officials'], 'Chinese companies are allegedly developing attack drones similar to the Iranian-produced Shahed-type drone')
    .claim('c001_drones', 'a001', ['bloomberg', 'eu_officials'], 'Chinese companies are allegedly developing attack drones similar to the Iranian-produced Shahed-type drone')
    .claim('c000_denial', 'a000', ['bloomberg', 'liu'], 'denied that China is providing lethal aid to Russia')
    .claim('c001_denial', 'a001', ['bloomberg', 'liu'], 'denied that China is providing lethal aid to Russia')
    .claim('c000_iran', 'a000', [{ type: 'unattributed' }], 'Iran has been producing Shahed-type drones for Russia since the beginning of the full-scale invasion in February 2022.')
    // 002: The Times' western official, and Reuters.
    .claim('c002_shipped', 'a002', ['times', 'western'], 'a Chinese company shipped a batch of specialized military drones to Russia for testing')
    .claim('c002_lethal', 'a002', ['times', 'western'], 'irrefutable evidence that Chinese companies are providing Russia with lethal weapons for use in Ukraine')
    .claim('c002_programme', 'a002', ['reuters', 'kupol_docs'], 'Russia has established a weapons program in China to manufacture and deploy long-range attack drones for use in the war against Ukraine')
    .claim('c002_corroborated', 'a002', ['times', 'western'], 'This report was corroborated by the official.')
    .claim('c002_speculation', 'a002', [{ type: 'unattributed' }], 'The Commission will likely be involved in investigating the allegations')
    // 003 and 004: Reuters relayed, official statements, China's denial.
    .claim('c003_programme', 'a003', ['reuters', 'kupol_docs'], 'Russia has established a secret drone production project in China')
    .claim('c003_lethal', 'a003', ['reuters', 'kupol_docs'], 'a Chinese company is providing lethal assistance to a U.S.- sanctioned Russian firm, IEMZ Kupol')
    .claim('c003_nato', 'a003', ['nato'], 'These reports are deeply concerning and Allies are consulting on this matter.')
    .claim('c003_delivered', 'a003', ['reuters', 'intel'], 'these drones have been delivered to Russia')
    .claim('c004_programme', 'a004', ['reuters', 'kupol_docs'], 'Russia has reportedly established a weapons programme in China to build drones for use against Ukraine.')
    .claim('c004_delivered', 'a004', ['reuters', 'intel'], 'Kupol has reportedly received seven military drones made in China at its Russian headquarters')
    .claim('c004_denial', 'a004', ['china_mfa'], 'has repeatedly denied supplying Russia with weapons')
    .proposition(P.attackDrones, [['c000_drones', 'supports'], ['c001_drones', 'supports']], 'Chinese companies are developing Shahed-type attack drones for Russia')
    .proposition(P.programme, [['c002_programme', 'supports'], ['c003_programme', 'supports'], ['c004_programme', 'supports'], ['c002_corroborated', 'supports'], ['c003_nato', 'mentions']], 'Russia set up a drone programme in China')
    .proposition(P.delivered, [['c003_delivered', 'supports'], ['c004_delivered', 'supports'], ['c002_shipped', 'supports']], 'Chinese-made attack drones have been delivered to Russia')
    .proposition(P.lethalAid, [['c000_denial', 'contradicts'], ['c001_denial', 'contradicts'], ['c002_lethal', 'supports'], ['c003_lethal', 'supports'], ['c004_denial', 'contradicts']], 'China provides lethal aid to Russia');
  return b.cf;
}
