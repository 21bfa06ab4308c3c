import { missingRespondents } from '../../../server/shared/rules/participation-target';

/** Respondents still missing for the target: the coordinator's rule (docs/methodology.md §3), from the same function. */
export const needed = (target: number, expected: number, responses: number) => missingRespondents(expected, responses, target);
