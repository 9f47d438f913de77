import { languages } from '@genio/contracts';

export { isLanguage, type Language } from '@genio/contracts';
/** The languages the hub speaks, from the contract. */
export const LANGUAGES = languages;

/** Fill `{name}` placeholders. */
export function format(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}
