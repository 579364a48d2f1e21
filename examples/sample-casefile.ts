/**
 * The sample casefile that ships with the app: five short articles written for
 * the project (a fictional story: every country, company, outlet and person in
 * them is invented), annotated the way the domain guide's worked example is.
 * It shows a story echoed by copies and relays, "6 appearances, 3 independent
 * roots", a denial, page chrome and an unattributed aside.
 *
 * `npm run sample` writes examples/sample.corroborate from this script; a test
 * checks that the committed file is what the script builds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCasefile, type CasefileScript } from '../shared/commands/script';
import type { Casefile } from '../shared/model/schema';
import { normaliseText } from '../shared/text/normalise';

export const SAMPLE_ANALYST = 'Mira Holt';
const REVIEWER = 'Jonas Eker';
const FICTION = 'A fictional article written for Corroborate’s sample casefile.';

export const SAMPLE_ARTICLES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'articles');

function text(fileName: string): string {
  return normaliseText(readFileSync(path.join(SAMPLE_ARTICLES_DIR, fileName), 'utf8'));
}

export function sampleScript(): CasefileScript {
  return {
    id: 'cf_sample_kessland',
    title: 'Sample: underwater drones for Kessland (fictional)',
    analyst: SAMPLE_ANALYST,
    startedAt: '2026-03-14T08:00:00.000Z',
    articles: [
      { id: 'a_meridian', fileName: '01-meridian-post.txt', text: text('01-meridian-post.txt'), notes: FICTION,
        title: 'Valdorian firm allegedly shipping underwater drones to Kessland’s navy, Northbridge reports', outlet: 'The Meridian Post', author: 'Ilse Varga', publishedAt: '2026-03-12',
        chromeFrom: { line: 'Read also:', reason: 'Links and headlines from the web page' } },
      { id: 'a_meridian_copy', fileName: '02-meridian-post-copy.txt', text: text('02-meridian-post-copy.txt'), notes: `${FICTION} The same article as saved by a colleague, without the page’s links.`,
        title: 'Valdorian firm allegedly shipping underwater drones to Kessland’s navy, Northbridge reports (copy)', outlet: 'The Meridian Post', author: 'Ilse Varga', publishedAt: '2026-03-12' },
      { id: 'a_digest', fileName: '03-daily-digest.txt', text: text('03-daily-digest.txt'), notes: FICTION,
        title: 'Kessland navy reportedly receives Valdorian underwater drones', outlet: 'Daily Digest 24' },
      { id: 'a_herald', fileName: '04-harbour-herald.txt', text: text('04-harbour-herald.txt'), notes: FICTION,
        title: 'Concern grows over drone shipments from Valdoria to Kessland', outlet: 'Harbour Herald', author: 'Pieter Lund', publishedAt: '2026-03-13' },
      { id: 'a_brief', fileName: '05-weekly-brief.txt', text: text('05-weekly-brief.txt'), notes: FICTION,
        title: 'Weekly brief: Kessland reportedly gets Valdorian drones', outlet: 'Weekly Brief', publishedAt: '2026-03-14' },
    ],
    linkedCopies: [{ id: 'f_meridian_copy', articleA: 'a_meridian', articleB: 'a_meridian_copy', similarity: 0.96 }],
    sources: [
      { id: 's_northbridge', name: 'Northbridge Wire', kind: 'outlet' },
      { id: 's_officials', name: 'Officials familiar with the matter (Northbridge)', kind: 'anonymous-group' },
      { id: 's_customs', name: 'Customs records reviewed by Northbridge', kind: 'document' },
      { id: 's_coastline', name: 'The Coastline Times', kind: 'outlet' },
      { id: 's_diplomat', name: 'A European diplomat (Coastline Times)', kind: 'anonymous-group' },
      { id: 's_brenn', name: 'Tomas Brenn', kind: 'person', role: 'spokesperson', affiliation: 'Valdoria’s trade ministry' },
      { id: 's_osei', name: 'Amara Osei', kind: 'person', role: 'naval analyst', affiliation: 'Institute for Maritime Security' },
      { id: 's_commission', name: 'European Commission spokesperson', kind: 'institution' },
      { id: 's_embassy', name: 'Valdoria’s embassy in Brussels', kind: 'institution' },
      { id: 's_tarnfield', name: 'Tarnfield Marine Systems', kind: 'institution' },
    ],
    claims: [
      { id: 'c_ship_meridian', articleId: 'a_meridian', exact: 'A Valdorian marine engineering company is allegedly shipping autonomous underwater drones to Kessland\'s navy despite an export ban',
        chain: [['s_northbridge', 'outlet-citing-outlet', 'reported', 'allegedly'], ['s_officials', 'anonymous', 'citing', '', 3]],
        notes: 'Three unnamed officials; the reason for anonymity is given (investigation continuing).' },
      { id: 'c_ship_copy', articleId: 'a_meridian_copy', exact: 'A Valdorian marine engineering company is allegedly shipping autonomous underwater drones to Kessland\'s navy despite an export ban',
        chain: [['s_northbridge', 'outlet-citing-outlet', 'reported', 'allegedly'], ['s_officials', 'anonymous', 'citing', '', 3]] },
      { id: 'c_deny_meridian', articleId: 'a_meridian', exact: 'denied that Valdoria is supplying military equipment to Kessland',
        chain: [['s_northbridge', 'outlet-citing-outlet', 'in a statement to Northbridge'], ['s_brenn', 'named-official', 'denied']] },
      { id: 'c_convert_meridian', articleId: 'a_meridian', exact: 'converting it for military use would not be difficult',
        chain: [['s_osei', 'named-expert', 'said']] },
      { id: 'c_embargo_meridian', articleId: 'a_meridian', exact: 'Kessland has been under a Valdorian and European arms embargo since its seizure of the Orsund islands in 2024.',
        chain: [[null, 'unattributed']] },
      { id: 'c_ship_digest', articleId: 'a_digest', exact: 'Kessland\'s navy has reportedly taken delivery of underwater drones built by the Valdorian company Tarnfield Marine Systems',
        chain: [['s_northbridge', 'outlet-citing-outlet', 'reported', 'reportedly'], ['s_customs', 'document', 'citing customs records it reviewed']] },
      { id: 'c_tested_digest', articleId: 'a_digest', exact: 'the drones were already being tested in the Orsund strait',
        chain: [['s_coastline', 'outlet-citing-outlet', 'quoted'], ['s_diplomat', 'anonymous', 'said']],
        notes: 'The aggregator says the diplomat “corroborated” the Northbridge story: a second root, known only through the aggregator.' },
      { id: 'c_controls_digest', articleId: 'a_digest', exact: 'Valdoria applies strict export controls on dual-use marine technology in accordance with its laws and the embargo',
        chain: [['s_embassy', 'official-statement', 'said']] },
      { id: 'c_sanctions_digest', articleId: 'a_digest', exact: 'The European Commission may have to consider sanctions against Tarnfield if the shipments are confirmed',
        chain: [[null, 'unattributed']], notes: 'Speculation by the aggregator; no source.' },
      { id: 'c_ship_herald', articleId: 'a_herald', exact: 'Kessland has been receiving autonomous underwater drones from Tarnfield Marine Systems',
        chain: [['s_northbridge', 'outlet-citing-outlet', 'a Northbridge Wire report said'], ['s_customs', 'document', 'citing customs records reviewed by the agency']] },
      { id: 'c_concern_herald', articleId: 'a_herald', exact: 'These reports are deeply concerning and we are in contact with the Valdorian authorities',
        chain: [['s_commission', 'official-statement', 'said via email']] },
      { id: 'c_complies_herald', articleId: 'a_herald', exact: 'complies with all applicable export rules',
        chain: [['s_tarnfield', 'official-statement', 'said in a statement']] },
      { id: 'c_ship_brief', articleId: 'a_brief', exact: 'Kessland\'s navy has reportedly received underwater drones made by Tarnfield Marine Systems',
        chain: [['s_northbridge', 'outlet-citing-outlet', 'seen by', 'reportedly'], ['s_customs', 'document', 'according to customs records']] },
      { id: 'c_licence_brief', articleId: 'a_brief', exact: 'it had issued no licence for the exports',
        chain: [['s_northbridge', 'outlet-citing-outlet', 'told Northbridge'], ['s_brenn', 'named-official', 'told']] },
    ],
    propositions: [
      { id: 'p_shipments', statement: 'Tarnfield Marine Systems ships underwater drones to Kessland’s navy',
        members: [['c_ship_meridian', 'supports'], ['c_ship_copy', 'supports'], ['c_ship_digest', 'supports'], ['c_ship_herald', 'supports'], ['c_ship_brief', 'supports'], ['c_tested_digest', 'supports'], ['c_complies_herald', 'contradicts']],
        notes: 'Six supporting appearances, but the copy and the three relays of Northbridge’s customs records count once each: three roots, one of them an anonymous diplomat known only through an aggregator.' },
      { id: 'p_state_supply', statement: 'Valdoria’s government supplies military equipment to Kessland',
        members: [['c_deny_meridian', 'contradicts'], ['c_licence_brief', 'contradicts'], ['c_controls_digest', 'contradicts']],
        rating: 'contested', notes: 'Only denials so far; nothing on the record says the government knew.' },
      { id: 'p_military_use', statement: 'The Seawren drones can be converted for military use',
        members: [['c_convert_meridian', 'supports']], rating: 'single source' },
    ],
    reviews: [
      { id: 'r_tested', claimId: 'c_tested_digest', status: 'disputed', comment: 'Is “the diplomat” the Coastline Times’ source or the aggregator’s guess? Check the Coastline Times piece.', by: REVIEWER },
    ],
  };
}

export function buildSampleCasefile(): Casefile {
  return buildCasefile(sampleScript());
}
