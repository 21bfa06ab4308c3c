/**
 * About how many minutes each group's questionnaire takes, as its own description in surveys/*.json says («Около 3
 * минут»). The printed sheets and the parents' chat text promise the same; tests/surveys checks that they agree.
 * Files in this folder import nothing, so the client may run them as they are.
 */
export const SURVEY_MINUTES = { principal: 3, teacher: 3, student: 3, parent: 3 } as const satisfies Record<string, number>;
