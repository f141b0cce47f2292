/** Output formats every command accepts with `-o`. */
export const OUTPUT_FORMATS = ['text', 'json', 'yaml'] as const;
