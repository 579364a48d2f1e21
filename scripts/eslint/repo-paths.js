// A local ESLint rule for tests/: a test reads only files inside the repository,
// so a clone anywhere runs `npm test` with nothing beside it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The project's material kept beside the repository (the shared corpus, the W3C
 * and REFI-QDA suites) and this workplace's absolute folder. Example paths such
 * as "/home/dana/cases" in path-policy tests are data, not reads, and pass.
 */
const OUTSIDE = /^\/work\/|(^|\/)shared\/(corpus|w3c-web-annotation-tests|refi-qda|hooks|domain\.md)/;

function escapesRepo(fromDir, segments) {
  const target = path.resolve(fromDir, ...segments);
  return path.relative(REPO_ROOT, target).startsWith('..');
}

/** Literal string segments of a path.join/resolve call that starts at __dirname, or null. */
function dirnameSegments(node) {
  const callee = node.callee;
  const isPathCall = callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'path' && ['join', 'resolve'].includes(callee.property.name);
  if (!isPathCall || node.arguments[0]?.type !== 'Identifier' || node.arguments[0].name !== '__dirname') return null;
  const rest = node.arguments.slice(1);
  if (!rest.every((a) => a.type === 'Literal' && typeof a.value === 'string')) return null;
  return rest.map((a) => a.value);
}

export const noPathsOutsideRepo = {
  meta: {
    type: 'problem',
    docs: { description: 'Tests may read only files inside the repository.' },
    messages: {
      outside: 'This path leads outside the repository ({{value}}): put the fixture under tests/fixtures/ so a fresh clone can run it.',
    },
    schema: [],
  },
  create(context) {
    const fileDir = path.dirname(context.filename);
    const check = (node, value) => {
      if (OUTSIDE.test(value) || (value.startsWith('../') && escapesRepo(fileDir, [value]))) {
        context.report({ node, messageId: 'outside', data: { value } });
      }
    };
    return {
      Literal(node) {
        if (typeof node.value === 'string') check(node, node.value);
      },
      TemplateElement(node) {
        check(node, node.value.cooked ?? '');
      },
      CallExpression(node) {
        const segments = dirnameSegments(node);
        if (segments && escapesRepo(fileDir, segments)) context.report({ node, messageId: 'outside', data: { value: segments.join('/') } });
      },
    };
  },
};

export default { rules: { 'no-paths-outside-repo': noPathsOutsideRepo } };
