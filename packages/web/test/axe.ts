import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: string | undefined;

/** One serious or critical axe finding, reduced to what a failure message needs. */
export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  targets: string[];
}

interface AxeResults {
  violations: Array<{
    id: string;
    impact?: string | null;
    help: string;
    helpUrl: string;
    nodes: Array<{ target: unknown[]; failureSummary?: string }>;
  }>;
}

/**
 * Inject axe-core into the page (once per document) and audit it; returns only serious and critical
 * violations. `disable` names rules to skip: each needs a reason at the call site.
 */
export async function audit(page: Page, options: { disable?: string[] } = {}): Promise<AxeViolation[]> {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.addScriptTag({ content: source });
  const rules = Object.fromEntries((options.disable ?? []).map((id) => [id, { enabled: false }]));
  const results = (await page.evaluate(
    (rules) =>
      (
        window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<unknown> } }
      ).axe.run(document, { rules, resultTypes: ['violations'] }),
    rules,
  )) as AxeResults;
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((node) => node.target.map(String).join(' ')),
    }));
}

/** Violations as readable lines: "[serious] color-contrast: help\n    .selector". */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.targets.map((target) => `    ${target}`).join('\n')}`,
    )
    .join('\n');
}
