/**
 * The workbench's switchable areas. The centre shows one main view (reading,
 * matrix, graph, review...); the right side shows one panel (claim, claims,
 * sources, propositions...). A feature adds its view or panel to these lists.
 */
import type { ComponentType } from 'react';
import { ReadingView } from '../reading/ReadingView';
import { Inspector } from '../inspector/Inspector';

export interface WorkbenchArea {
  id: string;
  label: string;
  /** Keyboard shortcut shown in the tab's tooltip and the shortcut sheet, if any. */
  shortcut?: string;
  component: ComponentType;
}

export const MAIN_VIEWS: WorkbenchArea[] = [
  { id: 'read', label: 'Read', component: ReadingView },
];

export const SIDE_PANELS: WorkbenchArea[] = [
  { id: 'claim', label: 'Claim', component: Inspector },
];
