/**
 * Which outlet published a plain text, when the text says so reliably.
 *
 * Articles name other outlets all the time ("Bloomberg reported", "told
 * Reuters"), so a mention alone proves nothing. An outlet is inferred only
 * from wording that refers to the publisher itself ("25,000 people chose to
 * be part of the Kyiv Independent community", "editor for The Kyiv
 * Independent", "© 2024 Reuters") or from a masthead-like short line that
 * names exactly one known outlet without citing it. Otherwise: no guess.
 */

interface KnownOutlet {
  name: string;
  /** Regex source matching how the outlet is written in running text. */
  pattern: string;
}

const KNOWN_OUTLETS: KnownOutlet[] = [
  ['The Kyiv Independent', '(?:[Tt]he )?Kyiv Independent'],
  ['Kyiv Post', 'Kyiv Post'],
  ['Ukrainska Pravda', 'Ukrainska Pravda'],
  ['Reuters', 'Reuters'],
  ['Associated Press', '(?:[Tt]he )?Associated Press'],
  ['AFP', 'AFP|Agence France-Presse'],
  ['Bloomberg', 'Bloomberg'],
  ['The New York Times', '(?:[Tt]he )?New York Times'],
  ['The Washington Post', '(?:[Tt]he )?Washington Post'],
  ['The Wall Street Journal', '(?:[Tt]he )?Wall Street Journal'],
  ['Financial Times', '(?:[Tt]he )?Financial Times'],
  ['The Times', 'The Times'],
  ['The Guardian', '(?:[Tt]he )?Guardian'],
  ['The Telegraph', '(?:[Tt]he )?(?:Daily )?Telegraph'],
  ['The Economist', '(?:[Tt]he )?Economist'],
  ['The Independent', 'The Independent'],
  ['BBC', 'BBC(?: News)?'],
  ['CNN', 'CNN'],
  ['Al Jazeera', 'Al Jazeera'],
  ['Politico', 'POLITICO|Politico'],
  ['Axios', 'Axios'],
  ['NPR', 'NPR'],
  ['Fox News', 'Fox News'],
  ['NBC News', 'NBC News'],
  ['CBS News', 'CBS News'],
  ['ABC News', 'ABC News'],
  ['Sky News', 'Sky News'],
  ['Deutsche Welle', 'Deutsche Welle|DW News'],
  ['Der Spiegel', '(?:Der )?Spiegel'],
  ['Le Monde', 'Le Monde'],
  ['El País', 'El País'],
  ['Euronews', 'Euronews'],
  ['Radio Free Europe/Radio Liberty', 'Radio Free Europe(?:/Radio Liberty)?|RFE/RL'],
  ['Meduza', 'Meduza'],
  ['Novaya Gazeta', 'Novaya Gazeta'],
  ['The Moscow Times', '(?:[Tt]he )?Moscow Times'],
  ['TASS', 'TASS'],
  ['RIA Novosti', 'RIA Novosti'],
  ['Xinhua', 'Xinhua'],
  ['Global Times', '(?:[Tt]he )?Global Times'],
  ['South China Morning Post', '(?:[Tt]he )?South China Morning Post|SCMP'],
  ['Nikkei Asia', 'Nikkei Asia'],
  ['Newsweek', 'Newsweek'],
  ['USA Today', 'USA Today'],
  ['Los Angeles Times', '(?:[Tt]he )?Los Angeles Times'],
  ['The Hill', 'The Hill'],
].map(([name, pattern]) => ({ name: name!, pattern: pattern! }));

/** Words right before a mention that make it a citation ("told Reuters", "according to the Times"). */
const CITED_BEFORE = /(?:according to|told|tell|tells|telling|to|by|per|via|citing|cited|quoted|in|from|with|on|of|for|at|said|says|reported|reports)\s+(?:the\s+|a\s+|an\s+)?["“'‘]?$/i;
/** Words right after a mention that make it a citation ("Bloomberg reported", "a Reuters report"). */
const CITED_AFTER = /^["”'’]?(?:'s|’s)?\s*(?:report|reports|reported|reporting|said|says|say|wrote|writes|claimed|claims|quoted|cited|revealed|learned|learnt|noted|has|had|was|is|journalist|correspondent|reporter|television|tv|news|radio|interview|article|story|investigation|analysis|editor)\b/i;
/** Lines at most this long, naming an outlet with nothing else to say, read as mastheads or byline boxes. */
const MASTHEAD_MAX_CHARS = 80;

function selfReference(outlet: KnownOutlet): RegExp {
  const o = `(?:${outlet.pattern})`;
  return new RegExp(
    [
      `\\b(?:part of|join|members of|member of) ${o} community`,
      `\\b(?:editor|reporter|correspondent|journalist|writer|columnist|contributor)s? (?:for|at|with) ${o}(?![\\p{Ll}])`,
      `©\\s*(?:\\d{4}\\s*)?${o}(?![\\p{Ll}])`,
      `\\bCopyright\\s*(?:©\\s*)?(?:\\d{4}\\s*)?${o}(?![\\p{Ll}])`,
      `\\b(?:subscribe to|support|sign up for) ${o}(?![\\p{Ll}])`,
    ].join('|'),
    'u',
  );
}

function mentions(outlet: KnownOutlet): RegExp {
  // No word boundary after: scraped pages glue names together ("The Kyiv IndependentKateryna").
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${outlet.pattern})(?![\\p{Ll}\\p{N}])`, 'gu');
}

function isCited(line: string, index: number, length: number): boolean {
  return CITED_BEFORE.test(line.slice(Math.max(0, index - 40), index)) || CITED_AFTER.test(line.slice(index + length, index + length + 30).trimStart());
}

const MATCHERS = KNOWN_OUTLETS.map((outlet) => ({ name: outlet.name, selfReference: selfReference(outlet), mentions: mentions(outlet) }));

/** The outlet that published `text`, or '' when the text does not say so reliably. */
export function inferOutlet(text: string): string {
  const selfNamed = MATCHERS.find((o) => o.selfReference.test(text));
  if (selfNamed) return selfNamed.name;

  const mastheads = new Set<string>();
  for (const line of text.split('\n')) {
    if (line.length > MASTHEAD_MAX_CHARS) continue;
    for (const outlet of MATCHERS) {
      for (const m of line.matchAll(outlet.mentions)) {
        if (!isCited(line, m.index, m[0].length)) mastheads.add(outlet.name);
      }
    }
  }
  return mastheads.size === 1 ? [...mastheads][0]! : '';
}
