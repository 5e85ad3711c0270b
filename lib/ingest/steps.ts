/**
 * What an appeal import does after it has read the file, in order. At 1 M rows these steps take about two thirds of
 * the time, so the admin page and the CLI say which one is under way instead of sitting at 100 %. 'grouping' follows
 * the commit, only for a big import (issue 21): its appeals are on the map already and join problems then.
 */
export const APPEAL_SAVE_STEPS = ['duplicates', 'problems', 'merge', 'places', 'indexes', 'grouping'] as const;
export type SaveStep = (typeof APPEAL_SAVE_STEPS)[number];

/** The step under way: its name and its place among the steps (1-based). */
export interface StepProgress {
  name: SaveStep;
  n: number;
  of: number;
}

/** `of`: 5 for an import that groups inside its transaction, 6 for one that groups after its commit. */
export const stepProgress = (name: SaveStep, of: number = APPEAL_SAVE_STEPS.length): StepProgress => ({
  name,
  n: APPEAL_SAVE_STEPS.indexOf(name) + 1,
  of,
});
