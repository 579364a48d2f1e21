import { JSDOM } from 'jsdom';
import { describe, expect, test } from 'vitest';
import { buildCitationGraph, layoutCitationGraph, renderCitationGraphSvg, type CitationGraph } from '../../../shared/analysis/citation-graph';
import { CasefileBuilder } from './build';
import { workedExample } from './worked-example';

/** Every node reachable from `from` along edges. */
function downstream(graph: CitationGraph, from: string): Set<string> {
  const seen = new Set<string>();
  const todo = [from];
  while (todo.length) {
    const at = todo.pop()!;
    for (const e of graph.edges) {
      if (e.from === at && !seen.has(e.to)) {
        seen.add(e.to);
        todo.push(e.to);
      }
    }
  }
  return seen;
}

function parseSvg(svg: string): Document {
  return new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;
}

describe('the citation graph of the seeds', () => {
  const cf = workedExample();
  const graph = buildCitationGraph(cf);
  const node = (label: string) => {
    const n = graph.nodes.find((x) => x.label === label);
    if (!n) throw new Error(`no node ${label}: ${graph.nodes.map((x) => x.label).join(', ')}`);
    return n;
  };

  test('the Reuters relays converge on Reuters and its sources', () => {
    const reuters = node('Reuters');
    const reporting = graph.edges.filter((e) => e.to === reuters.id && e.kind === 'reports').map((e) => graph.nodes.find((n) => n.id === e.from)!.label);
    expect(reporting.sort()).toEqual(['Aggregator (002)', 'Digest (004)', 'Kyiv Independent']);
    const cited = graph.edges.filter((e) => e.from === reuters.id && e.kind === 'cites').map((e) => graph.nodes.find((n) => n.id === e.to)!.label);
    expect(cited.sort()).toEqual(['Intelligence sources (Reuters)', 'Kupol documents seen by Reuters']);
    expect(node('Kupol documents seen by Reuters')).toMatchObject({ kind: 'document', rootOf: 4, typeId: 'document' });
  });

  test('the Bloomberg story stands apart from the Reuters sources', () => {
    const bloomberg = node('Bloomberg');
    expect(graph.edges.filter((e) => e.to === bloomberg.id).map((e) => e.from)).toEqual([node('Kyiv Independent').id]);
    const fromBloomberg = downstream(graph, bloomberg.id);
    expect([...fromBloomberg].map((id) => graph.nodes.find((n) => n.id === id)!.label).sort()).toEqual(['European officials familiar with the matter', 'Liu Pengyu']);
    for (const id of downstream(graph, node('Reuters').id)) expect(fromBloomberg.has(id)).toBe(false);
  });

  test('the reporting outlets list their articles and unnamed hops hang off their citer', () => {
    expect(node('Kyiv Independent').articleIds.sort()).toEqual(['a000', 'a001', 'a003']);
    expect(node('Unattributed (not named)').kind).toBe('unnamed');
    expect(graph.nodes.some((n) => n.onCycle)).toBe(false);
  });

  test('a report scope limits the graph to its claims', () => {
    const scoped = buildCitationGraph(cf, { claimIds: ['c000_drones'] });
    expect(scoped.nodes.map((n) => n.label).sort()).toEqual(['Bloomberg', 'European officials familiar with the matter', 'Kyiv Independent']);
    expect(scoped.edges.map((e) => e.kind).sort()).toEqual(['cites', 'reports']);
  });

  test('the layout runs left to right in layers without overlapping nodes', () => {
    const layout = layoutCitationGraph(graph);
    const box = (label: string) => layout.nodes[node(label).id]!;
    expect(box('Kyiv Independent').x).toBeLessThan(box('Reuters').x);
    expect(box('Reuters').x).toBeLessThan(box('Kupol documents seen by Reuters').x);
    const boxes = Object.values(layout.nodes);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const apart = Math.abs(a.x - b.x) >= (a.width + b.width) / 2 || Math.abs(a.y - b.y) >= (a.height + b.height) / 2;
        expect(apart).toBe(true);
      }
    }
    for (const b of boxes) {
      expect(b.x - b.width / 2).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width / 2).toBeLessThanOrEqual(layout.width);
    }
    for (const e of graph.edges) expect(layout.edges[e.id]!.length).toBeGreaterThanOrEqual(2);
  });

  test('the SVG is a well-formed standalone document with every node label and a legend', () => {
    const layout = layoutCitationGraph(graph);
    const svg = renderCitationGraphSvg(graph, layout, { taxonomy: cf.taxonomy, title: 'Who cites whom: drones for Russia' });
    const doc = parseSvg(svg);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    const text = doc.documentElement.textContent ?? '';
    for (const label of ['Reuters', 'Bloomberg', 'Kupol documents seen', 'Who cites whom', 'Anonymous group', 'cites (hop → next hop)']) expect(text).toContain(label);
    expect(svg).not.toMatch(/href=|<script|<foreignObject/i);
  });
});

describe('hostile and looping input', () => {
  test('labels are XML-escaped, forbidden characters dropped, and nothing becomes markup', () => {
    const hostile = '<script>alert(1)</script> & "quotes" \'apos\' \u0001end';
    const b = new CasefileBuilder()
      .source('evil', hostile, 'person')
      .article('a1', '</text><image href="x"/>')
      .claim('c1', 'a1', ['evil']);
    const graph = buildCitationGraph(b.cf);
    const svg = renderCitationGraphSvg(graph, layoutCitationGraph(graph), { taxonomy: b.cf.taxonomy, title: '<b>title</b>' });
    const doc = parseSvg(svg);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.getElementsByTagName('script')).toHaveLength(0);
    expect(doc.getElementsByTagName('image')).toHaveLength(0);
    expect(doc.getElementsByTagName('b')).toHaveLength(0);
    expect(doc.documentElement.textContent).toContain('<script>alert(1)</script>');
    expect(svg).not.toContain('\u0001');
  });

  test('a loop of citations is drawn and marked as circular', () => {
    const b = new CasefileBuilder()
      .source('reuters', 'Reuters', 'outlet').source('bloomberg', 'Bloomberg', 'outlet')
      .article('a1', 'Reuters').article('a2', 'Bloomberg').article('a3', 'AP')
      .claim('c1', 'a1', ['bloomberg']).claim('c2', 'a2', ['reuters']).claim('c3', 'a3', ['reuters']);
    const graph = buildCitationGraph(b.cf);
    expect(graph.nodes.filter((n) => n.onCycle).map((n) => n.label).sort()).toEqual(['Bloomberg', 'Reuters']);
    expect(graph.edges.filter((e) => e.onCycle)).toHaveLength(2);
    const layout = layoutCitationGraph(graph);
    expect(Object.keys(layout.nodes)).toHaveLength(3);
    expect(renderCitationGraphSvg(graph, layout, { taxonomy: b.cf.taxonomy })).toContain('arrow-cycle');
  });

  test('a chain citing its own outlet (a self-loop) still lays out', () => {
    const b = new CasefileBuilder().source('times', 'The Times', 'outlet').article('a1', 'The Times').claim('c1', 'a1', ['times']);
    const graph = buildCitationGraph(b.cf);
    expect(graph.nodes).toHaveLength(1);
    expect(graph.edges[0]).toMatchObject({ onCycle: true });
    const layout = layoutCitationGraph(graph);
    expect(layout.edges[graph.edges[0]!.id]!.length).toBeGreaterThanOrEqual(2);
  });

  test('an empty casefile gives an empty graph and a valid SVG', () => {
    const b = new CasefileBuilder();
    const graph = buildCitationGraph(b.cf);
    expect(graph).toEqual({ nodes: [], edges: [] });
    const doc = parseSvg(renderCitationGraphSvg(graph, layoutCitationGraph(graph), { taxonomy: b.cf.taxonomy }));
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  });
});
