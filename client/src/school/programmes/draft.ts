import type { Programme, ProgrammeContent } from './api';
import { targetOfValue, targetValue } from './targets';

/** A measure being written: its target as the select's value, and the words of «другой показатель» kept apart. */
export interface MeasureDraft {
  /** React's key: a new measure has no id yet. */
  key: number;
  id?: number;
  action: string;
  deadline: string;
  responsible: string;
  expectedResult: string;
  target: string;
  externalText: string;
  /** The saved target in the server's words, for a target the list does not offer. */
  savedTitle?: string;
}

export interface ProgrammeDraft {
  goal: string;
  tasks: { key: number; text: string }[];
  measures: MeasureDraft[];
}

let lastKey = 0;
const nextKey = () => ++lastKey;

export function draftOf(p: Programme): ProgrammeDraft {
  return {
    goal: p.goal,
    tasks: p.tasks.map((text) => ({ key: nextKey(), text })),
    measures: p.measures.map((m) => ({
      key: nextKey(),
      id: m.id,
      action: m.action,
      deadline: m.deadline,
      responsible: m.responsible,
      expectedResult: m.expectedResult,
      target: targetValue(m.target),
      externalText: m.target.kind === 'external' ? m.target.text : '',
      savedTitle: m.targetTitle,
    })),
  };
}

export const newTask = () => ({ key: nextKey(), text: '' });

/** A new measure aims at the programme's own factor until the team says otherwise. */
export function newMeasure(factorId: string): MeasureDraft {
  return { key: nextKey(), action: '', deadline: '', responsible: '', expectedResult: '', target: `factor:${factorId}`, externalText: '' };
}

export function contentOf(draft: ProgrammeDraft, version: number): ProgrammeContent {
  return {
    goal: draft.goal,
    tasks: draft.tasks.map((t) => t.text),
    measures: draft.measures.map((m) => ({
      ...(m.id === undefined ? {} : { id: m.id }),
      action: m.action,
      deadline: m.deadline,
      responsible: m.responsible,
      expectedResult: m.expectedResult,
      target: targetOfValue(m.target, m.externalText),
    })),
    version,
  };
}

/** Whether the draft says something the saved programme does not. */
export const differs = (draft: ProgrammeDraft, saved: Programme) =>
  JSON.stringify(contentOf(draft, saved.version)) !== JSON.stringify(contentOf(draftOf(saved), saved.version));
