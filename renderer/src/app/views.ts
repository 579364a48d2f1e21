/**
 * The workbench's switchable areas. The centre shows one main view (reading,
 * matrix, graph, review...); the right side shows one panel (claim, claims,
 * sources, propositions...). A feature adds its view or panel to these lists.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { ReadingView } from '../reading/ReadingView';
import { Inspector } from '../inspector/Inspector';
import { AnchorsPanel } from '../anchoring/AnchorsPanel';
import { TaxonomyPanel } from '../taxonomy/TaxonomyPanel';
import { ArticleDetails } from '../articles/ArticleDetails';
import { ClaimsPanel } from '../claims/ClaimsPanel';
import { SourcesPanel } from '../sources/SourcesPanel';
import { PropositionsPanel } from '../propositions/PropositionsPanel';
import { ProposedPanel } from '../proposals/ProposedPanel';

export interface WorkbenchArea {
  id: string;
  label: string;
  /** Keyboard shortcut shown in the tab's tooltip and the shortcut sheet, if any. */
  shortcut?: string;
  component: ComponentType | LazyExoticComponent<ComponentType>;
}

// Views that are not the first one seen load when first opened, which keeps the start-up bundle small.
const MatrixView = lazy(() => import('../matrix/MatrixView').then((m) => ({ default: m.MatrixView })));
const GraphView = lazy(() => import('../graph/GraphView').then((m) => ({ default: m.GraphView })));
const ReviewView = lazy(() => import('../review/ReviewView').then((m) => ({ default: m.ReviewView })));

export const MAIN_VIEWS: WorkbenchArea[] = [
  { id: 'read', label: 'Read', component: ReadingView },
  { id: 'matrix', label: 'Matrix', component: MatrixView },
  { id: 'graph', label: 'Graph', component: GraphView },
  { id: 'review', label: 'Review', component: ReviewView },
];

export const SIDE_PANELS: WorkbenchArea[] = [
  { id: 'claim', label: 'Claim', shortcut: 'Enter', component: Inspector },
  { id: 'claims', label: 'Claims', shortcut: '/', component: ClaimsPanel },
  { id: 'proposed', label: 'Proposed', shortcut: 'P', component: ProposedPanel },
  { id: 'sources', label: 'Sources', shortcut: 'R', component: SourcesPanel },
  { id: 'propositions', label: 'Propositions', component: PropositionsPanel },
  { id: 'article', label: 'Article', component: ArticleDetails },
  { id: 'anchors', label: 'Anchors', component: AnchorsPanel },
  { id: 'types', label: 'Types', component: TaxonomyPanel },
];
