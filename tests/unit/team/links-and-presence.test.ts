/** Team links and presence are read from untrusted input: only what has the right shape is taken. */
import { describe, expect, it } from 'vitest';
import { parseTeamLink, serverUrl, syncUrl, teamLink } from '../../../electron/services/team/server-client';
import { readPresence } from '../../../electron/services/team/presence';

describe('team casefile links', () => {
  it('round-trips a link and finds the WebSocket address', () => {
    const address = { serverUrl: 'https://team.example.org/corroborate/', team: 'desk', casefileId: 'cf_drones' };
    const link = teamLink(address);
    expect(link).toBe('https://team.example.org/corroborate/open/desk/cf_drones');
    expect(parseTeamLink(link)).toEqual({ serverUrl: 'https://team.example.org/corroborate', team: 'desk', casefileId: 'cf_drones' });
    expect(syncUrl('http://127.0.0.1:4000')).toBe('ws://127.0.0.1:4000/sync');
  });

  it('refuses what is not a team link or not a web server', () => {
    expect(() => parseTeamLink('https://team.example.org/cf_drones')).toThrow(/open/);
    expect(() => parseTeamLink('https://team.example.org/open/Desk!/cf')).toThrow(/team name/);
    expect(() => serverUrl('file:///etc/passwd')).toThrow(/http/);
    expect(() => serverUrl('not a url')).toThrow(/not a server address/);
  });
});

describe('presence', () => {
  it('lists teammates once each, with the article they read, and ignores bad states and myself', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { analyst: { analystId: 'dana', name: 'Dana', articleId: 'a_1' } }],
      [2, { analyst: { analystId: 'ben', name: 'Ben', articleId: null } }],
      [3, { analyst: { analystId: 'ben', name: 'Ben', articleId: 'a_2' } }],
      [4, { analyst: { analystId: '__proto__', name: 'x' } }],
      [5, { analyst: { analystId: 'eve', name: 'E'.repeat(500) } }],
      [6, { analyst: { analystId: 'cleo', name: 'Cleo', articleId: '../../etc' } }],
      [7, { something: 'else' }],
    ]);
    expect(readPresence(states, 1, 'dana')).toEqual([
      { analystId: 'ben', name: 'Ben', articleId: 'a_2' },
      { analystId: 'cleo', name: 'Cleo', articleId: null },
    ]);
  });
});
