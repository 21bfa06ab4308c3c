/** How an indicator turns answers into a value (docs/methodology.md §2); the model file and the profile both name them. */
export const INDICATOR_KINDS = ['share', 'mean', 'choice', 'ratio', 'rate'] as const;
