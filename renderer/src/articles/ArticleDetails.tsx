import { useMemo, useState, type FormEvent } from 'react';
import { LANGUAGE_NAMES } from '../../../shared/articles/language';
import { READ_FIELD_NAMES, type Article, type CopyFlag, type ReadFieldName } from '../../../shared/model/schema';
import { api } from '../lib/api';
import { useStore } from '../lib/store';
import { casefileStore, dispatch } from '../app/casefile-store';
import { claimCountOf } from '../claims/claim-lists';
import { notify } from '../app/notices';
import { selectArticle, uiStore } from '../app/ui-store';
import { CopyFlagActions, flagSummary, SharedPassageList } from './copy-flags';
import { ChromeProposals, FieldReading, OutletEntryEditor } from './ImportReading';
import './articles.css';

type MetaField = 'title' | 'outlet' | 'author' | 'publishedAt' | 'url' | 'language' | 'notes';
type Draft = Pick<Article, MetaField>;
const FIELDS: MetaField[] = ['title', 'outlet', 'author', 'publishedAt', 'url', 'language', 'notes'];

/** The side panel with the selected article's metadata, its origin and its copy flags. */
export function ArticleDetails() {
  const { casefile } = useStore(casefileStore)!;
  const { articleId } = useStore(uiStore);
  const article = articleId ? casefile.articles[articleId] : undefined;
  if (!article) {
    return (
      <div className="article-details">
        <div className="pane-header"><h2>Article details</h2></div>
        <div className="empty-state">
          <p><strong>No article selected.</strong></p>
          <p className="muted">Choose an article to see and edit its outlet, title, author, date, URL, language and notes.</p>
        </div>
      </div>
    );
  }
  // Keyed by article: switching articles starts a fresh form.
  return <DetailsForm key={article.id} article={article} />;
}

function DetailsForm({ article }: { article: Article }) {
  const { casefile, readOnly } = useStore(casefileStore)!;
  const [draft, setDraft] = useState<Draft | null>(null);
  const values: Draft = draft ?? pickMeta(article);
  const changed = FIELDS.filter((f) => values[f] !== article[f]);
  const outlets = useMemo(() => [...new Set(Object.values(casefile.articles).map((a) => a.outlet).filter(Boolean))].sort(), [casefile.articles]);
  const flags = useMemo(
    () => Object.values(casefile.copyFlags).filter((f) => f.articleA === article.id || f.articleB === article.id).sort((a, b) => order(a) - order(b) || b.similarity - a.similarity),
    [casefile.copyFlags, article.id],
  );
  const claims = claimCountOf(casefile, article.id);
  const set = (field: MetaField, value: string) => setDraft({ ...values, [field]: value });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!changed.length) return;
    const patch = Object.fromEntries(changed.map((f) => [f, values[f].trim()]));
    if (await dispatch({ type: 'article.update', articleId: article.id, patch })) setDraft(null);
  };

  const languages = { ...LANGUAGE_NAMES, ...(article.language && !LANGUAGE_NAMES[article.language] ? { [article.language]: article.language } : {}) };
  const reading = (field: MetaField) => (isReadField(field) ? <FieldReading article={article} field={field} value={values[field]} readOnly={readOnly} /> : null);
  const text = (field: MetaField, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div className="field-with-origin">
      <label className={`field${values[field] !== article[field] ? ' changed' : ''}`}>
        <span>{label}</span>
        <input value={values[field]} readOnly={readOnly} onChange={(e) => set(field, e.target.value)} {...props} />
      </label>
      {reading(field)}
    </div>
  );

  return (
    <div className="article-details" data-testid="article-details">
      <div className="pane-header"><h2>Article details</h2></div>
      <form className="details-form" onSubmit={save} aria-label="Article details">
        <label className={`field${values.title !== article.title ? ' changed' : ''}`}>
          <span>Title</span>
          <textarea rows={3} value={values.title} readOnly={readOnly} onChange={(e) => set('title', e.target.value)} />
        </label>
        {reading('title')}
        {text('outlet', 'Outlet', { list: 'known-outlets', placeholder: 'e.g. Reuters' })}
        <OutletEntryEditor key={article.outlet} outlet={article.outlet} entries={casefile.outlets ?? []} readOnly={readOnly} />
        {article.citedOutlets?.length ? <p className="field-origin cited">Cites or credits: {article.citedOutlets.join(', ')} (wire or cited sources, not the publisher)</p> : null}
        <datalist id="known-outlets">{outlets.map((o) => <option key={o} value={o} />)}</datalist>
        {text('author', 'Author', { placeholder: 'As in the byline' })}
        <div className="details-row">
          {text('publishedAt', article.publishedTime && values.publishedAt === article.publishedAt ? `Published (at ${article.publishedTime})` : 'Published', { type: 'date' })}
          <label className={`field${values.language !== article.language ? ' changed' : ''}`}>
            <span>Language</span>
            <select value={values.language} disabled={readOnly} onChange={(e) => set('language', e.target.value)}>
              <option value="">Unknown</option>
              {Object.entries(languages).map(([code, name]) => <option key={code} value={code}>{name} ({code})</option>)}
            </select>
          </label>
        </div>
        <div className="details-url">
          {text('url', 'URL', { type: 'url', placeholder: 'https://' })}
          <button type="button" disabled={!/^https?:\/\//i.test(article.url)} onClick={() => void openLink(article.url)} title="Open the original in your browser">Open</button>
        </div>
        <label className={`field${values.notes !== article.notes ? ' changed' : ''}`}>
          <span>Notes</span>
          <textarea rows={3} value={values.notes} readOnly={readOnly} onChange={(e) => set('notes', e.target.value)} placeholder="Anything a colleague should know about this article" />
        </label>
        {!readOnly && (
          <div className="details-actions">
            <button type="submit" className="primary" disabled={!changed.length}>Save changes</button>
            <button type="button" disabled={!changed.length} onClick={() => setDraft(null)}>Discard</button>
            {changed.length > 0 && <span className="muted">{changed.length} unsaved</span>}
          </div>
        )}
      </form>

      <ChromeProposals article={article} readOnly={readOnly} />

      <section className="details-section" aria-labelledby="details-copies">
        <h3 id="details-copies">Copies and shared passages</h3>
        {flags.length === 0 ? (
          <p className="muted">No other article in the casefile repeats this one.</p>
        ) : (
          <ul className="copy-flags">
            {flags.map((flag) => {
              const otherId = flag.articleA === article.id ? flag.articleB : flag.articleA;
              const other = casefile.articles[otherId];
              return (
                <li key={flag.id} className={`copy-flag flag-${flag.kind} status-${flag.status}`}>
                  <span className="flag-text">{flagSummary(flag)}</span>
                  <button type="button" className="link-button" onClick={() => selectArticle(otherId)}>
                    {other ? `${other.outlet ? `${other.outlet}: ` : ''}${other.title}` : 'an article no longer in the casefile'}
                  </button>
                  <CopyFlagActions flag={flag} readOnly={readOnly} />
                  <SharedPassageList passages={flag.passages ?? []} text={article.text} side={flag.articleA === article.id ? 'a' : 'b'} />
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="details-section" aria-labelledby="details-origin">
        <h3 id="details-origin">Origin</h3>
        <dl className="details-facts">
          <dt>File</dt><dd>{article.origin.fileName} ({article.origin.format})</dd>
          {article.origin.fetchedUrl && (
            <>
              <dt>Fetched</dt>
              <dd className="origin-link">
                {article.origin.fetchedUrl}
                {article.origin.retrievedAt && ` on ${new Date(article.origin.retrievedAt).toLocaleString()}`}
                {article.origin.link && article.origin.link !== article.origin.fetchedUrl && ` (link given: ${article.origin.link})`}
              </dd>
            </>
          )}
          {article.origin.snapshot && <><dt>Snapshot</dt><dd className="origin-link">{article.origin.snapshot}, in the snapshots folder beside the casefile</dd></>}
          <dt>Imported</dt><dd>{new Date(article.createdAt).toLocaleString()} by {article.createdBy || 'unknown'}</dd>
          {article.modifiedAt && <><dt>Edited</dt><dd>{new Date(article.modifiedAt).toLocaleString()} by {article.modifiedBy}</dd></>}
          <dt>Text</dt><dd>{article.text.length.toLocaleString()} characters, {claims} claim{claims === 1 ? '' : 's'}{article.excluded.length ? `, ${article.excluded.length} page-chrome range${article.excluded.length === 1 ? '' : 's'}` : ''}</dd>
          <dt>SHA-256</dt><dd className="hash" title={article.textHash}>{article.textHash.slice(0, 16)}…</dd>
        </dl>
        {!readOnly && <RemoveArticle article={article} claims={claims} />}
      </section>
    </div>
  );
}

function RemoveArticle({ article, claims }: { article: Article; claims: number }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) return <button type="button" className="danger-button" onClick={() => setConfirming(true)}>Remove article…</button>;
  return (
    <div className="confirm-remove" role="alert">
      <p>Remove “{article.title}”{claims ? ` and its ${claims} claim${claims === 1 ? '' : 's'}` : ''}? You can undo this.</p>
      <button type="button" className="danger-button" onClick={() => void dispatch({ type: 'article.remove', articleId: article.id })}>Remove</button>
      <button type="button" onClick={() => setConfirming(false)}>Keep it</button>
    </div>
  );
}

function isReadField(field: MetaField): field is ReadFieldName {
  return (READ_FIELD_NAMES as readonly string[]).includes(field);
}

function pickMeta(article: Article): Draft {
  return { title: article.title, outlet: article.outlet, author: article.author, publishedAt: article.publishedAt, url: article.url, language: article.language, notes: article.notes };
}

/** Open flags first, then linked, then dismissed. */
function order(flag: CopyFlag): number {
  return flag.status === 'open' ? 0 : flag.status === 'linked' ? 1 : 2;
}

async function openLink(url: string): Promise<void> {
  try {
    const { opened } = await api.openExternal({ url });
    if (!opened) window.open(url, '_blank', 'noopener,noreferrer');
  } catch (error) {
    notify('error', error instanceof Error ? error.message : String(error));
  }
}
