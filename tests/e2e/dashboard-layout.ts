/**
 * Grafana's dashboard grid in pixels (shared by the page host and the test, which sizes the screenshot):
 * 24 columns, 30 px rows, 8 px gaps (public/app/core/constants.ts), positions as react-grid-layout's
 * calcGridItemPosition computes them with no container padding.
 */
export const GRID_CELL_HEIGHT = 30;
export const GRID_CELL_MARGIN = 8;
export const GRID_COLUMNS = 24;
/** the page around the grid: a header line with title, variables and time range, then padding */
export const PAGE_PADDING = 16;
export const HEADER_HEIGHT = 48;

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function gridItemPosition(gridPos: GridPos, gridWidth: number) {
  const colWidth = (gridWidth - GRID_CELL_MARGIN * (GRID_COLUMNS - 1)) / GRID_COLUMNS;
  return {
    left: Math.round((colWidth + GRID_CELL_MARGIN) * gridPos.x),
    top: Math.round((GRID_CELL_HEIGHT + GRID_CELL_MARGIN) * gridPos.y),
    width: Math.round(colWidth * gridPos.w + Math.max(0, gridPos.w - 1) * GRID_CELL_MARGIN),
    height: Math.round(GRID_CELL_HEIGHT * gridPos.h + Math.max(0, gridPos.h - 1) * GRID_CELL_MARGIN),
  };
}

/** Height of the grid for these panels, px. */
export function gridHeight(panels: Array<{ gridPos: GridPos }>): number {
  const rows = Math.max(...panels.map((p) => p.gridPos.y + p.gridPos.h));
  return rows * (GRID_CELL_HEIGHT + GRID_CELL_MARGIN) - GRID_CELL_MARGIN;
}

/** Height of the whole page (header, padding, grid), px: what a full-page screenshot needs. */
export function pageHeight(panels: Array<{ gridPos: GridPos }>): number {
  return HEADER_HEIGHT + 2 * PAGE_PADDING + gridHeight(panels);
}
