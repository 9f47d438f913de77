import { type Static, Type } from 'typebox';

/** The languages Genio speaks. */
export const languages = ['zh', 'en', 'it', 'fr'] as const;

/** One of the languages Genio speaks. */
export const LanguageSchema = Type.Enum(languages);
/** One of the languages Genio speaks. */
export type Language = Static<typeof LanguageSchema>;

/** Whether a value names a language Genio speaks. */
export function isLanguage(value: unknown): value is Language {
  return (languages as readonly unknown[]).includes(value);
}
