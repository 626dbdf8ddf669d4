/** The languages a code cell may be written in (a small module: the notebook's document schema reads it). */
export const CODE_LANGUAGES = ['javascript', 'typescript'] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];
