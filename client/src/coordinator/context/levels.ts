import type { Level } from '../../../../server/shared/vocabulary';

/** The levels' colours of app.css (--level-*), for the canvas, which cannot read CSS variables by name. */
export const LEVEL_COLORS: Record<Level, string> = { low: '#2e8b57', medium: '#e0a100', high: '#c62828', insufficient: '#9aa3b2' };
