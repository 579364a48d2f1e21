/**
 * The words the attribution detector knows: reporting verbs in all their
 * forms, the phrases that introduce a source, and the nouns that tell what
 * kind of source a noun phrase names. Lower case throughout.
 */

/** Lemma → its forms. Regular forms are generated; irregular ones are listed. */
const VERBS: Record<string, string[]> = {
  say: ['say', 'says', 'said', 'saying'],
  tell: ['tell', 'tells', 'told', 'telling'],
  write: ['write', 'writes', 'wrote', 'writing'],
  find: ['find', 'finds', 'found'],
  show: ['show', 'shows', 'showed', 'shown'],
  believe: ['believe', 'believes', 'believed'],
  think: ['think', 'thinks', 'thought'],
  see: ['saw', 'witnessed'],
  understand: ['understands', 'understood'],
  learn: ['learned', 'learnt'],
  // Verbs whose other forms are common nouns ("the rule", "fears grew"): only the past tense is a cue.
  rule: ['ruled'],
  fear: ['feared'],
  hope: ['hoped'],
  promise: ['promised'],
  counter: ['countered'],
};
const REGULAR = [
  'add', 'state', 'claim', 'deny', 'confirm', 'report', 'announce', 'note', 'explain', 'argue', 'insist',
  'warn', 'assert', 'declare', 'suggest', 'indicate', 'reveal', 'allege', 'acknowledge', 'admit', 'estimate',
  'predict', 'caution', 'emphasize', 'emphasise', 'stress', 'reply', 'respond', 'testify', 'tweet', 'post',
  'disclose', 'concede', 'complain', 'contend', 'quote', 'inform', 'assure', 'recall', 'observe', 'remark',
  'boast', 'affirm', 'reiterate', 'maintain', 'point', 'publish', 'speculate', 'conclude', 'forecast', 'agree',
  'mention', 'hint', 'predict', 'signal', 'acknowledge', 'underline', 'highlight', 'specify', 'clarify',
  'worry', 'vow', 'pledge', 'expect', 'determine', 'recount', 'reckon',
];

function regularForms(lemma: string): string[] {
  const stem = lemma.endsWith('e') ? lemma.slice(0, -1) : lemma;
  if (lemma.endsWith('y') && !/[aeiou]y$/.test(lemma)) {
    const base = lemma.slice(0, -1);
    return [lemma, `${base}ies`, `${base}ied`, `${lemma}ing`];
  }
  const s = /(s|sh|ch|x|z)$/.test(lemma) ? `${lemma}es` : `${lemma}s`;
  return [lemma, s, `${stem}ed`, `${stem}ing`];
}

/** Every form of every reporting verb, mapped to its lemma. */
export const CUE_VERBS: ReadonlyMap<string, string> = new Map([
  ...Object.entries(VERBS).flatMap(([lemma, forms]) => forms.map((f): [string, string] => [f, lemma])),
  ...REGULAR.flatMap((lemma) => regularForms(lemma).map((f): [string, string] => [f, lemma])),
]);

/** Verbs that report what evidence shows: a cue only when a document, study or outlet is the subject. */
export const EVIDENCE_VERBS = new Set(['show', 'find', 'suggest', 'indicate', 'reveal', 'conclude']);
/** Verbs whose object is the listener ("told Reuters …"). */
export const TELL_VERBS = new Set(['tell', 'inform', 'assure', 'quote']);
/** Verbs that need a clause or a quote after them to report speech ("maintain", "point" alone are too common). */
export const CLAUSE_ONLY_VERBS = new Set(['understand', 'learn', 'announce', 'warn', 'insist', 'respond', 'reply', 'confirm', 'admit', 'acknowledge', 'maintain', 'point', 'think', 'believe', 'agree', 'publish', 'post', 'mention', 'signal', 'highlight', 'underline', 'recall', 'observe',
  'worry', 'fear', 'hope', 'vow', 'pledge', 'promise', 'expect', 'rule', 'determine', 'recount', 'counter', 'reckon']);

/** Verbs whose object is often a noun phrase ("denied any wrongdoing", "forecast more rain"): a cue only before a clause. */
export const NP_OBJECT_VERBS = new Set(['add', 'deny', 'forecast', 'predict', 'estimate', 'reveal', 'disclose', 'report', 'publish', 'cite']);
/** Heads after "according to" that are a manner, not a source: "according to plan". */
export const NOT_SOURCES = new Set(['plan', 'plans', 'schedule', 'script', 'expectations', 'expectation', 'tradition', 'custom', 'form', 'design', 'protocol', 'instructions', 'taste', 'need', 'needs', 'size', 'age', 'rank', 'type', 'order', 'context', 'circumstances', 'merit']);

/** Cue phrases before the source: "according to Reuters", "as per a western official". */
export const PREPOSITION_CUES = ['according to', 'as per', 'as demonstrated in', 'as shown in', 'as reported by', 'as stated in', 'as quoted by', 'as cited by', 'as seen in'];

export const AUXILIARIES = new Set([
  'is', 'was', 'were', 'are', 'be', 'been', 'being', 'am', 'has', 'have', 'had', 'will', 'would', 'can', 'could',
  'shall', 'should', 'may', 'might', 'must', 'did', 'does', 'do', "'s", "'re", "'ve", "'d", "'ll",
]);

export const ADVERBS = new Set([
  'also', 'later', 'then', 'currently', 'previously', 'earlier', 'repeatedly', 'again', 'once', 'still', 'further', 'often',
  'publicly', 'privately', 'separately', 'recently', 'already', 'first', 'initially', 'reportedly', 'allegedly',
  'not', 'never', 'ever', 'just', 'now', 'firmly', 'flatly', 'strongly', 'openly', 'formally', 'officially',
]);

export const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you']);
export const CLAUSE_START_PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'there', 'this', 'these', 'those', 'that']);

/** Sentence-initial words that open an introductory phrase ending in a comma ("In a statement, …"). */
export const INTRO_WORDS = new Set([
  'in', 'on', 'at', 'during', 'after', 'before', 'speaking', 'asked', 'earlier', 'later', 'last', 'however',
  'but', 'and', 'meanwhile', 'separately', 'recently', 'also', 'yet', 'still', 'despite', 'while', 'although',
  'when', 'since', 'instead', 'indeed', 'moreover', 'citing', 'according', 'as', 'writing', 'responding',
  'addressing', 'in', 'by', 'for', 'with', 'under', 'following', 'yesterday', 'today', 'overnight', 'so', 'still',
  'now', 'then', 'thus', 'furthermore', 'nevertheless', 'nonetheless', 'similarly', 'likewise', 'previously',
]);

export const DAYS_AND_MONTHS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar',
  'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'week', 'month', 'year', 'morning', 'evening',
  'night', 'afternoon', 'weekend', 'yesterday', 'today', 'tonight', 'statement', 'interview', 'email', 'e-mail',
  'telephone', 'phone', 'note', 'filing', 'briefing', 'conference', 'post', 'video', 'letter', 'speech', 'x',
  'twitter', 'media', 'podcast', 'broadcast', 'reporters', 'journalists',
]);

/** Head nouns of sources that are documents, data or filings. */
export const DOCUMENT_NOUNS = new Set([
  'document', 'documents', 'report', 'reports', 'study', 'studies', 'data', 'figures', 'figure', 'statistics',
  'audit', 'filing', 'filings', 'records', 'record', 'survey', 'poll', 'polls', 'rules', 'memo', 'memos',
  'letter', 'letters', 'email', 'emails', 'files', 'file', 'paper', 'papers', 'analysis', 'assessment',
  'estimates', 'estimate', 'pricing', 'transcript', 'transcripts', 'minutes', 'research', 'review', 'trial',
  'investigation', 'inquiry', 'census', 'contract', 'contracts', 'cables', 'cable', 'indictment', 'complaint',
  'lawsuit', 'database', 'images', 'imagery', 'footage', 'photos', 'logs', 'invoices', 'draft', 'dossier',
  'evidence', 'findings', 'index', 'forecast', 'projections', 'model', 'recording', 'recordings', 'leak', 'intelligence',
  'results', 'tests', 'satellite',
]);

/** Words that mark an unnamed source described by its role. */
export const ANONYMOUS_MARKERS = [
  'source', 'sources', 'official', 'officials', 'people', 'person', 'insider', 'insiders', 'familiar',
  'anonymity', 'anonymous', 'unnamed', 'not to be named', 'to be named', 'to be identified', 'not to be identified', 'not authorised', 'not authorized',
  'diplomat', 'diplomats', 'employees', 'employee', 'engineers', 'workers', 'staff', 'aides', 'aide', 'analysts',
  'experts', 'scientists', 'economists', 'lawmakers', 'members', 'leaders', 'residents', 'observers', 'critics',
  'researchers', 'investigators', 'executives', 'bankers', 'traders', 'doctors', 'activists', 'colleagues',
  'friend', 'friends', 'relative', 'relatives', 'associate', 'associates', 'confidant', 'adviser',
  'advisers', 'advisor', 'advisors', 'campaigners', 'protesters', 'protestors', 'organisers', 'organizers',
];

export const WITNESS_MARKERS = [
  'witness', 'witnesses', 'eyewitness', 'eyewitnesses', 'who lives', 'resident', 'residents', 'locals', 'villagers',
  'shopkeeper', 'farmer', 'our reporter', 'our correspondent', 'correspondent', 'reporter', 'journalist', 'standing',
  'survivor', 'survivors', 'passenger', 'passengers', 'bystander', 'bystanders', 'onlooker', 'onlookers', 'neighbour',
  'neighbours', 'neighbor', 'neighbors',
];

export const EXPERT_MARKERS = [
  'analyst', 'professor', 'prof.', 'prof ', 'dr ', 'dr.', 'economist', 'scientist', 'researcher', 'research',
  'expert', 'fellow', 'academic', 'think tank', 'university', 'institute', 'lecturer', 'epidemiologist',
  'author', 'historian', 'strategist', 'consultant', 'specialist', 'scholar', 'physician', 'analysts', 'economists',
  'scientists', 'researchers', 'experts', 'strategists', 'professors', 'academics',
];

export const INSTITUTION_WORDS = [
  'ministry', 'department', 'government', 'police', 'agency', 'company', 'union', 'council', 'embassy',
  'commission', 'office', 'service', 'association', 'house', 'administration', 'army', 'military', 'court',
  'parliament', 'congress', 'senate', 'party', 'committee', 'authority', 'authorities', 'bank', 'board',
  'corporation', 'group', 'firm', 'foundation', 'organization', 'organisation', 'council', 'kremlin', 'pentagon',
  'nato', 'un', 'u.n.', 'eu', 'spokesperson', 'spokesman', 'spokeswoman', 'spokespeople', 'mission', 'force',
  'prosecutors', 'prosecutor', 'regulator', 'regulators', 'cabinet', 'presidency', 'state', 'inc', 'ltd', 'plc',
  'tank', 'charity', 'ngo', 'institute',
];

/** A single office holder named by the office: "the minister", "the company's chief executive" (on the record, unnamed). */
export const OFFICE_HOLDERS = [
  'minister', 'president', 'prime minister', 'premier', 'mayor', 'governor', 'chancellor', 'secretary', 'ambassador',
  'chief executive', 'ceo', 'chairman', 'chairwoman', 'chair', 'commissioner', 'prosecutor', 'judge', 'attorney general',
  'chief constable', 'police chief', 'coroner', 'director', 'general', 'commander', 'head', 'leader', 'owner', 'founder',
  'manager', 'headteacher', 'principal', 'sheriff', 'chief',
];

/** Words that make a proper name an outlet ("the Financial Ledger", "Bloomberg Television"). */
export const OUTLET_NAME_WORDS = [
  'times', 'post', 'news', 'journal', 'herald', 'tribune', 'gazette', 'telegraph', 'courier', 'star', 'ledger',
  'independent', 'chronicle', 'daily', 'press', 'wire', 'radio', 'tv', 'television', 'guardian', 'mail',
  'observer', 'express', 'mirror', 'sun', 'economist', 'review', 'monitor', 'dispatch', 'inquirer', 'bulletin',
  'broadcasting', 'today', 'insider', 'magazine', 'weekly', 'diario', 'zeitung', 'blick', 'post-dispatch', 'pravda', 'gazeta', 'izvestia', 'kurier', 'nachrichten', 'politiken',
];
/** Common nouns that introduce or refer to an outlet ("Polish broadcaster TVN24", "the news agency"). */
export const OUTLET_NOUNS = [
  'newspaper', 'paper', 'daily', 'broadcaster', 'outlet', 'news outlet', 'news agency', 'magazine',
  'tabloid', 'weekly', 'website', 'news site', 'channel', 'network', 'publication', 'media', 'local media',
  'state media', 'state television', 'public broadcaster', 'journal', 'trade journal', 'news service', 'wire service',
  'radio station', 'station', 'programme', 'blog', 'news website',
];
/** Outlets known by name. */
export const KNOWN_OUTLETS = [
  'reuters', 'bloomberg', 'associated press', 'ap', 'afp', 'agence france-presse', 'bbc', 'cnn', 'nbc', 'cbs', 'abc news',
  'fox news', 'the new york times', 'new york times', 'nyt', 'the washington post', 'washington post',
  'the wall street journal', 'wall street journal', 'wsj', 'the guardian', 'financial times', 'ft', 'politico',
  'axios', 'the kyiv independent', 'kyiv independent', 'le monde', 'der spiegel', 'spiegel', 'al jazeera',
  'xinhua', 'tass', 'ria novosti', 'interfax', 'ukrinform', 'the times', 'times', 'the telegraph', 'sky news',
  'the economist', 'yonhap', 'kyodo', 'nikkei', 'dpa', 'efe', 'ansa', 'lrt', 'tvn24', 'público', 'publico',
  'el país', 'el pais', 'the information', 'semafor', 'the atlantic', 'the hill', 'npr', 'pbs', 'cnbc', 'msnbc',
  'euronews', 'deutsche welle', 'dw', 'rfe/rl', 'radio free europe', 'meduza', 'novaya gazeta', 'kommersant',
  'vedomosti', 'haaretz', 'the times of israel', 'south china morning post', 'scmp', 'global times', 'nhk',
  'the independent', 'daily mail', 'the sun', 'the mirror', 'usa today', 'los angeles times', 'bild', 'la repubblica',
  'corriere della sera', 'le figaro', 'the hindu', 'times of india', 'dawn', 'the straits times', 'wion', 'rt',
  'le parisien', 'france info', 'franceinfo', 'bfmtv', 'france 24', 'rfi', 'libération', 'liberation', 'les echos',
  'mediapart', 'la stampa', 'el mundo', 'la vanguardia', 'süddeutsche zeitung', 'frankfurter allgemeine', 'handelsblatt',
  'die zeit', 'die welt', 'der standard', 'de telegraaf', 'the irish times', 'rte', 'cbc', 'sbs', 'asahi', 'yomiuri',
  'caixin', "people's daily", 'cctv', 'kyiv post', 'ukrainska pravda', 'al arabiya', 'anadolu', 'irna', 'tasnim',
  'pti', 'bernama', 'antara', 'yle', 'svt', 'nrk', 'orf', 'rai', 'tvp', 'lusa', 'infobae', 'folha', 'o globo',
  'clarín', 'clarin', 'bangkok post', 'jakarta post', 'rappler', 'the moscow times', 'bellingcat', 'propublica',
  'the intercept', 'huffpost', 'business insider', 'forbes', 'newsweek', 'the new yorker', 'marketwatch', 'itv',
  'channel 4', 'lbc', 'the scotsman', 'evening standard', 'the spectator', 'new statesman', 'anp', 'belga', 'pap',
];

export const HEDGES = [
  'allegedly', 'reportedly', 'supposedly', 'apparently', 'purportedly', 'seemingly', 'likely', 'probably',
  'possibly', 'presumably', 'ostensibly', 'it is alleged', "it's alleged", 'is said to', 'are said to', 'was said to',
  'were said to', 'is believed to', 'are believed to', 'is thought to', 'are thought to', 'unconfirmed', 'rumoured',
  'rumored', 'alleged',
];

export const NUMBER_WORDS = [
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'dozens',
  'several', 'multiple', 'many', 'numerous', 'some', 'a few', 'a number of', 'a handful of', 'both', 'a dozen',
  'a couple of', 'hundreds', 'scores',
];
