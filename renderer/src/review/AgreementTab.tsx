import type { Casefile } from '../../../shared/model/schema';
import { findType } from '../../../shared/model/casefile';
import { colleagueName, formatFigure, type Agreement, type KappaResult, type SpanAgreement } from '../../../shared/review';
import { casefileStore } from '../app/casefile-store';
import { useStore } from '../lib/store';
import type { OpenReview } from './review-store';

/** Agreement between me and the colleague: kappa on sourcing types, span agreement, per type and per article. */
export function AgreementTab({ review }: { review: OpenReview }) {
  const { casefile } = useStore(casefileStore)!;
  const { agreement, articles } = review.comparison;
  const colleague = colleagueName(review.comparison);
  const matchOf = new Map(articles.matched.map((m) => [m.myArticleId, m]));
  return (
    <div className="review-agreement">
      <div className="agreement-cards">
        <KappaCard kappa={agreement.kappa} minItems={agreement.minItems} />
        <SpanCard spans={agreement.spans} minItems={agreement.minItems} />
        <LeftOutCard agreement={agreement} />
      </div>
      <section className="agreement-section">
        <h3>Confusion matrix of root sourcing types</h3>
        <p className="muted">Rows: your type. Columns: {colleague}’s type. Matched claims typed by both of you.</p>
        <ConfusionMatrix kappa={agreement.kappa} casefile={casefile} />
      </section>
      <section className="agreement-section">
        <h3>Per sourcing type</h3>
        <table className="agreement-table">
          <thead><tr><th scope="col">Type</th><th scope="col">Yours</th><th scope="col">Theirs</th><th scope="col">Both</th><th scope="col" title="2 × both / (yours + theirs)">Specific agreement</th></tr></thead>
          <tbody>
            {agreement.perType.map((t) => (
              <tr key={t.typeId}>
                <th scope="row"><span className="type-swatch" style={{ background: t.color }} aria-hidden="true" />{t.label}</th>
                <td>{t.mine}</td><td>{t.theirs}</td><td>{t.both}</td>
                <td>{formatFigure(t.specific)}{t.lowItems && <Few />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="agreement-section">
        <h3>Per article</h3>
        <table className="agreement-table">
          <thead>
            <tr><th scope="col">Article</th><th scope="col">Claims (yours / theirs / matched)</th><th scope="col">F1</th><th scope="col">Alpha</th><th scope="col">Kappa (items)</th></tr>
          </thead>
          <tbody>
            {agreement.perArticle.map((a) => {
              const match = matchOf.get(a.articleId);
              return (
                <tr key={a.articleId}>
                  <th scope="row" className="agreement-article">
                    {casefile.articles[a.articleId]?.title || a.title}
                    {match?.kind === 'similar-text' && <span className="badge" title="Their version of the text differs: their claims were re-anchored onto yours">other version, {Math.round(match.similarity * 100)}% alike</span>}
                  </th>
                  <td>{a.spans.mine} / {a.spans.theirs} / {a.spans.matched}</td>
                  <td>{formatFigure(a.spans.f1)}{a.spans.lowItems && <Few />}</td>
                  <td>{formatFigure(a.spans.alpha)}</td>
                  <td>{formatFigure(a.kappa.kappa)} ({a.kappa.items}){a.kappa.lowItems && <Few />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {(articles.onlyTheirs.length > 0 || articles.onlyMine.length > 0) && (
          <div className="agreement-unmatched">
            {articles.onlyTheirs.length > 0 && (
              <p><strong>Only in their casefile</strong> (not compared): {articles.onlyTheirs.map((a) => `${a.title} (${a.claims} claims)`).join('; ')}</p>
            )}
            {articles.onlyMine.length > 0 && (
              <p><strong>Only in yours</strong> (not compared): {articles.onlyMine.map((a) => `${a.title} (${a.claims} claims)`).join('; ')}</p>
            )}
          </div>
        )}
      </section>
    </div>
  );
}

function Few() {
  return <span className="few-items" title="Too few items for this figure to mean much"> ⚠</span>;
}

function Warning({ low, minItems }: { low: boolean; minItems: number }) {
  return low ? <p className="agreement-warning" role="note">⚠ Fewer than {minItems} items: this figure says little.</p> : null;
}

function KappaCard({ kappa, minItems }: { kappa: KappaResult; minItems: number }) {
  return (
    <section className="agreement-card" aria-label="Cohen's kappa">
      <h3>Sourcing type</h3>
      <p className="agreement-figure" data-testid="kappa">κ = {formatFigure(kappa.kappa)}</p>
      <p className="muted">Cohen’s kappa on the root sourcing type of {kappa.items} matched claims.</p>
      <dl className="agreement-dl">
        <dt>Observed agreement</dt><dd>{formatFigure(kappa.observed)}</dd>
        <dt>Expected by chance</dt><dd>{formatFigure(kappa.expected)}</dd>
        <dt>Items</dt><dd>{kappa.items}</dd>
      </dl>
      {kappa.kappa === null && kappa.items > 0 && <p className="agreement-warning">Both of you used one type only: kappa is undefined.</p>}
      <Warning low={kappa.lowItems} minItems={minItems} />
    </section>
  );
}

function SpanCard({ spans, minItems }: { spans: SpanAgreement; minItems: number }) {
  return (
    <section className="agreement-card" aria-label="What counts as a claim">
      <h3>What counts as a claim</h3>
      <p className="agreement-figure">F1 = {formatFigure(spans.f1)}</p>
      <p className="muted">{spans.matched} matched of your {spans.mine} and their {spans.theirs} claims.</p>
      <dl className="agreement-dl">
        <dt title="Of their claims, the share you also marked">Precision</dt><dd>{formatFigure(spans.precision)}</dd>
        <dt title="Of your claims, the share they also marked">Recall</dt><dd>{formatFigure(spans.recall)}</dd>
        <dt title="Krippendorff's alpha on 'inside a claim or not', character by character (page chrome left out)">Alpha (characters)</dt>
        <dd>{formatFigure(spans.alpha)} <span className="muted">over {spans.alphaChars.toLocaleString()}</span></dd>
      </dl>
      <Warning low={spans.lowItems} minItems={minItems} />
    </section>
  );
}

function LeftOutCard({ agreement }: { agreement: Agreement }) {
  const l = agreement.leftOut;
  const total = l.onlyMine + l.onlyTheirs + l.matchedUntyped + l.orphaned + l.onUnmatchedArticles;
  return (
    <section className="agreement-card" aria-label="Claims left out of kappa">
      <h3>Left out of kappa</h3>
      <p className="agreement-figure">{total}</p>
      <p className="muted">Kappa counts only claims both of you marked and typed; leaving these out makes it look better than it is.</p>
      <dl className="agreement-dl">
        <dt>Only in yours</dt><dd>{l.onlyMine}</dd>
        <dt>Only in theirs</dt><dd>{l.onlyTheirs}</dd>
        <dt>Matched, without a type</dt><dd>{l.matchedUntyped}</dd>
        <dt>Theirs with no place in your text</dt><dd>{l.orphaned}</dd>
        <dt>On articles one of you lacks</dt><dd>{l.onUnmatchedArticles}</dd>
      </dl>
    </section>
  );
}

function ConfusionMatrix({ kappa, casefile }: { kappa: KappaResult; casefile: Casefile }) {
  if (!kappa.items) return <p className="muted">No matched claims typed by both of you yet.</p>;
  const label = (id: string) => findType(casefile, id)?.label ?? id;
  const cols = kappa.categories.map((_, j) => kappa.matrix.reduce((s, r) => s + r[j]!, 0));
  return (
    <div className="matrix-scroll">
      <table className="agreement-table confusion-matrix">
        <thead>
          <tr><th scope="col"><span className="review-sr-only">Your type</span></th>{kappa.categories.map((c) => <th key={c} scope="col">{label(c)}</th>)}<th scope="col">Total</th></tr>
        </thead>
        <tbody>
          {kappa.categories.map((c, i) => (
            <tr key={c}>
              <th scope="row">{label(c)}</th>
              {kappa.matrix[i]!.map((n, j) => <td key={j} className={i === j ? 'diagonal' : n ? 'off-diagonal' : ''}>{n || ''}</td>)}
              <td className="total">{kappa.matrix[i]!.reduce((s, v) => s + v, 0)}</td>
            </tr>
          ))}
          <tr><th scope="row">Total</th>{cols.map((n, j) => <td key={j} className="total">{n}</td>)}<td className="total">{kappa.items}</td></tr>
        </tbody>
      </table>
    </div>
  );
}
