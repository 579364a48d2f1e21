/**
 * The HTML report's one stylesheet. It is a constant so that its SHA-256 can
 * be named in Content-Security-Policy headers: the report's own meta tag, and
 * the app's policy (electron/services/csp.ts and renderer/index.html), which
 * the live preview's srcdoc frame inherits. Change it freely: the app's policy
 * follows through REPORT_STYLE_HASH, and a unit test checks renderer/index.html.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

export const REPORT_CSS = `
:root{--ink:#1b1f24;--muted:#5b6470;--rule:#d5dae0;--soft:#f4f6f8;--accent:#0b5cad;--warn:#9a4a00;--bad:#a3161b;--good:#1d6b37}
*{box-sizing:border-box}
html{font-size:15px}
body{margin:0 auto;max-width:62rem;padding:2.5rem 2rem 4rem;color:var(--ink);background:#fff;font:1rem/1.5 "Source Serif Pro",Georgia,"Times New Roman",serif;overflow-wrap:anywhere}
h1,h2,h3,h4,.kicker,table,.meta,.chain,.where,.facts,.legend,nav,.badge,figcaption,.flags{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:2rem;line-height:1.2;margin:.2rem 0 .6rem}
h2{font-size:1.45rem;margin:2.6rem 0 .8rem;padding-bottom:.3rem;border-bottom:2px solid var(--ink)}
h3{font-size:1.12rem;margin:1.8rem 0 .4rem}
h4{font-size:.95rem;margin:1.2rem 0 .3rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
p{margin:.4rem 0 .8rem}
a{color:var(--accent)}
.kicker{margin:0;color:var(--muted);text-transform:uppercase;letter-spacing:.08em;font-size:.8rem;font-weight:600}
.meta{color:var(--muted);font-size:.9rem;margin:.2rem 0}
.muted{color:var(--muted)}
.cover{border-bottom:1px solid var(--rule);padding-bottom:1rem;margin-bottom:1rem}
.counts{display:flex;flex-wrap:wrap;gap:.6rem;margin:1rem 0 0;padding:0;list-style:none}
.counts li{background:var(--soft);border:1px solid var(--rule);border-radius:6px;padding:.45rem .8rem;font-family:system-ui,sans-serif;font-size:.9rem}
.counts b{display:block;font-size:1.35rem;line-height:1.1}
nav ol{margin:.3rem 0 0;padding-left:1.4rem;columns:2;font-size:.92rem}
.howto{background:var(--soft);border-left:4px solid var(--accent);padding:.8rem 1rem;margin:1rem 0}
.howto p{margin:.3rem 0}
table{width:100%;table-layout:fixed;border-collapse:collapse;font-size:.88rem;margin:.4rem 0 1rem}
th:first-child{width:4.2rem}
th,td{text-align:left;vertical-align:top;padding:.38rem .5rem;border-bottom:1px solid var(--rule)}
th{background:var(--soft);font-weight:600;border-bottom:2px solid var(--rule)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
table.independence th.num{width:7.5rem}
table.independence th:last-child{width:10rem}
table.independence .muted{font-size:.82rem}
.ref{font-family:system-ui,sans-serif;font-weight:600;color:var(--muted);white-space:nowrap}
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1.1rem;list-style:none;padding:0;margin:.4rem 0;font-size:.85rem}
.legend svg{vertical-align:-1px}
.mix-chart{max-width:100%;height:auto;display:block;margin:.4rem 0}
.mix-chart text{font-family:system-ui,sans-serif;font-size:11px}
.mix-chart .lbl{fill:#1b1f24}
.mix-chart .seg{font-size:10px;font-weight:600}
figure{margin:1rem 0}
figure svg{max-width:100%;height:auto;border:1px solid var(--rule);border-radius:6px;background:#fff}
figcaption{font-size:.85rem;color:var(--muted);margin-top:.4rem}
.graph svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:12px;fill:#1d232b}
.graph svg .muted{fill:#5b6470;font-size:11px}
.prop{margin:2rem 0 1.4rem;padding-top:.2rem}
.prop h3{margin-top:0}
.verdict{font-family:system-ui,sans-serif;font-size:.92rem;background:var(--soft);border:1px solid var(--rule);border-radius:6px;padding:.55rem .8rem}
.verdict b{font-size:1.05rem}
.flags{list-style:none;padding:0;margin:.3rem 0 .6rem;font-size:.88rem;color:var(--warn)}
.flags li::before{content:"⚠ "}
.claim{border:1px solid var(--rule);border-left:4px solid var(--rule);border-radius:4px;padding:.55rem .8rem;margin:.6rem 0}
.claim.supports{border-left-color:var(--good)}
.claim.contradicts{border-left-color:var(--bad)}
.claim.mentions{border-left-color:var(--muted)}
.claim blockquote{margin:0 0 .35rem;font-size:1.02rem}
.where,.chain,.facts{font-size:.84rem;margin:.15rem 0}
.where{color:var(--muted)}
.chain .hop{white-space:normal}
.chain .arrow{color:var(--muted);padding:0 .2rem}
.chain svg{vertical-align:-1px;margin-right:.15rem}
.facts{display:flex;flex-wrap:wrap;gap:.2rem .9rem}
.facts span b{font-weight:600}
.badge{display:inline-block;font-size:.75rem;font-weight:600;border-radius:999px;padding:.05rem .5rem;border:1px solid var(--rule);background:var(--soft);white-space:nowrap}
.badge.supports,.badge.approved{color:var(--good);border-color:currentColor;background:#fff}
.badge.contradicts,.badge.disputed{color:var(--bad);border-color:currentColor;background:#fff}
.badge.needs-work,.badge.orphaned,.badge.moved{color:var(--warn);border-color:currentColor;background:#fff}
.note{font-size:.88rem;margin:.3rem 0 0;padding:.3rem .6rem;background:#fffbea;border-radius:4px}
.article-meta{display:grid;grid-template-columns:9rem 1fr;gap:.1rem .8rem;font-size:.86rem;margin:.3rem 0 .6rem}
.article-meta dt{color:var(--muted)}
.article-meta dd{margin:0}
.appendix-article{border-top:1px solid var(--rule);padding-top:.6rem;margin-top:1rem}
.empty{color:var(--muted);font-style:italic}
.claims-table td,.articles-table td{font-size:.84rem}
.claims-table th:nth-child(2){width:46%}
.articles-table th:nth-child(2){width:30%}
.articles-table th:nth-child(4){width:7rem}
.articles-table th.num{width:4.5rem}
.claims-table td:nth-child(2){font-family:"Source Serif Pro",Georgia,serif;font-size:.9rem}
.claims-table .muted,.articles-table .muted{font-family:system-ui,sans-serif;font-size:.78rem}
footer{margin-top:3rem;padding-top:.8rem;border-top:1px solid var(--rule);color:var(--muted);font-size:.8rem;font-family:system-ui,sans-serif}
@media print{
  @page{size:A4;margin:16mm 14mm 18mm}
  html{font-size:10.5pt}
  body{max-width:none;padding:0}
  a{color:inherit;text-decoration:none}
  h2{break-before:page;break-after:avoid}
  h3,h4{break-after:avoid}
  .cover+nav+h2,.no-break{break-before:auto}
  .claim,.verdict,tr,figure,.howto{break-inside:avoid}
  .graph svg{max-height:200mm;width:auto}
  .claims-table th,.claims-table td,.articles-table th,.articles-table td{padding:2pt 4pt;font-size:8pt}
  .claims-table td:nth-child(2){font-size:8.5pt}
  .claims-table .muted,.articles-table .muted{font-size:7pt}
  thead{display:table-header-group}
  .counts li,.verdict,th,.howto{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`.trim();

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** CSP source expression for a stylesheet, e.g. 'sha256-…'. */
function styleHash(css: string): string {
  return `'sha256-${base64(sha256(utf8ToBytes(css)))}'`;
}

/** CSP source expression for REPORT_CSS, e.g. 'sha256-…'. */
export const REPORT_STYLE_HASH = styleHash(REPORT_CSS);

function reportCsp(styleHashes: string): string {
  return [
    "default-src 'none'",
    `style-src ${styleHashes}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The report file's own policy: nothing runs, nothing is fetched, only our stylesheet applies. */
export const REPORT_CSP = reportCsp(REPORT_STYLE_HASH);

/**
 * The second stylesheet of the documents a PDF is printed from (and of no
 * other): blank on a screen, so that the browser lays the report out once,
 * for the print, and not also while the document loads. The print does not
 * see it.
 */
export const PRINT_ONLY_CSS = '@media screen{html{display:none}}';

/** The policy of those documents: the same, with PRINT_ONLY_CSS allowed too. */
export const PRINT_ONLY_CSP = reportCsp(`${REPORT_STYLE_HASH} ${styleHash(PRINT_ONLY_CSS)}`);
