// A module resolve hook: workspace packages resolve to their TypeScript source (the "genio-source"
// condition in their exports) instead of a build, so the CLI always runs this checkout's code.
export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, 'genio-source'] });
}
