/**
 * approx-string-match's `search` (Myers' bit-parallel approximate matching).
 * The package is ES-module only with a default export; when the Node side is
 * bundled as CommonJS (scripts/build-node.mjs keeps packages external), that
 * default arrives one level deeper, so both shapes are accepted here.
 */
import * as approx from 'approx-string-match';

type Search = typeof approx.default;

const exported: unknown = approx.default;
export const search: Search =
  typeof exported === 'function' ? (exported as Search) : (exported as { default: Search }).default;
