import { roleFigures } from '../../../server/participation/participation-report';

/** Respondents still missing for the target: the coordinator's rule (METHODOLOGY §3), from the same function. */
export const needed = (target: number, expected: number, responses: number) => roleFigures(expected, responses, target).needed;
