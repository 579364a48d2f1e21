import type { SourcingType } from './schema';

/**
 * The default sourcing taxonomy of the domain guide. Ids are stable: a casefile
 * may rename, recolour, reorder or hide types, and annotations keep pointing at ids.
 * Colours are the Okabe–Ito palette (safe for the common colour-vision deficiencies),
 * with grey for claims that carry no source.
 */
export const DEFAULT_TAXONOMY: readonly SourcingType[] = [
  { id: 'named-official', label: 'Named official', color: '#0072B2', hidden: false,
    description: 'A named person speaking in an official role.' },
  { id: 'official-statement', label: 'Official statement', color: '#56B4E9', hidden: false,
    description: 'An institution or an unnamed spokesperson on the record.' },
  { id: 'anonymous', label: 'Anonymous', color: '#D55E00', hidden: false,
    description: 'Unnamed people described by role; keep the description and the count.' },
  { id: 'named-expert', label: 'Named expert', color: '#009E73', hidden: false,
    description: 'A named non-official: analyst, academic, think tank.' },
  { id: 'outlet-citing-outlet', label: 'Outlet citing outlet', color: '#CC79A7', hidden: false,
    description: 'Relayed from another outlet; the hop normally continues.' },
  { id: 'document', label: 'Document', color: '#E69F00', hidden: false,
    description: 'Documents, data, filings.' },
  { id: 'direct-observation', label: 'Direct observation', color: '#F0E442', hidden: false,
    description: 'The reporter or an eyewitness saw it.' },
  { id: 'unattributed', label: 'Unattributed', color: '#999999', hidden: false,
    description: 'Stated as fact with no source.' },
];

export const DEFAULT_ASSESSMENT_SCALE: readonly string[] = [
  'corroborated',
  'single source',
  'contested',
  'unverified',
];
