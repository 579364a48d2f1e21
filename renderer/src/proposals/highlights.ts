/** Draws the current article's proposals in the reading view (dashed, unfilled) and brings the active one into view. */
import { useEffect } from 'react';
import type { Article, Casefile } from '../../../shared/model/schema';
import { useStore } from '../lib/store';
import { liveRange, paragraphsOf, scrollRangeIntoView } from '../reading/dom-offsets';
import { LAYER, paintLayers } from '../reading/highlights';
import { detectionStore } from './detection';
import { proposalsOf, proposalUi } from './proposals-ui';

export function useProposalHighlights(ref: React.RefObject<HTMLDivElement | null>, casefile: Casefile, article: Article | undefined, showActive: boolean): void {
  const { detected } = useStore(detectionStore);
  const { activeId, spans } = useStore(proposalUi);
  const proposals = proposalsOf(casefile, article?.id ?? null, detected, spans);
  const active = showActive ? proposals.find((p) => p.id === activeId) : undefined;
  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    paintLayers(container, new Map([
      [LAYER.proposed, proposals.filter((p) => p !== active)],
      [LAYER.proposedActive, active ? [active] : []],
    ]));
  }, [ref, proposals, active]);
  const start = active?.start;
  const end = active?.end;
  useEffect(() => {
    const container = ref.current;
    if (!container || start === undefined || end === undefined) return;
    const range = liveRange(paragraphsOf(container), start, end);
    if (range) scrollRangeIntoView(container, range);
  }, [ref, activeId, start, end]);
}
