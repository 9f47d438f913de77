/** Check a set's cases against its thing models: every expected property and service exists, and every fixed value is inside its range. */
import type { ExpectedValue, HomeSet } from './types.js';

interface TslSpecs {
  min?: string;
  max?: string;
}
interface TslProperty {
  identifier: string;
  dataType: { type: string; specs?: TslSpecs | unknown[] };
}
interface TslModel {
  properties?: TslProperty[];
  services?: Array<{ identifier: string }>;
}

function outOfRange(property: TslProperty, value: ExpectedValue): string | null {
  const specs = property.dataType.specs;
  if (!['int', 'float', 'double'].includes(property.dataType.type) || !specs || Array.isArray(specs))
    return null;
  const min = specs.min === undefined ? Number.NEGATIVE_INFINITY : Number(specs.min);
  const max = specs.max === undefined ? Number.POSITIVE_INFINITY : Number(specs.max);
  const bounds =
    typeof value === 'number'
      ? [value, value]
      : typeof value === 'object' &&
          'min' in value &&
          typeof value.min === 'number' &&
          typeof value.max === 'number'
        ? [value.min, value.max]
        : null;
  if (!bounds) return null;
  const [lo, hi] = bounds as [number, number];
  return lo < min || hi > max ? `${lo}..${hi} is outside ${specs.min}..${specs.max}` : null;
}

/** Problems found, as "<lang> <case id>: <what>"; empty when the set is consistent. */
export function lintHomeSet(set: HomeSet): string[] {
  const problems: string[] = [];
  const models = new Map(set.products.map((p) => [p.id, p.thingModel as TslModel]));
  const modelOf = new Map(set.devices.map((d) => [d.id, models.get(d.product) ?? {}]));
  for (const device of set.devices) {
    const model = modelOf.get(device.id) ?? {};
    for (const key of Object.keys(device.initial)) {
      if (!model.properties?.some((p) => p.identifier === key))
        problems.push(`home.yaml ${device.id}: initial ${key} is not a property of its product`);
    }
  }
  for (const file of set.caseFiles) {
    for (const c of file.cases) {
      for (const e of c.expect) {
        const model = modelOf.get(e.device) ?? {};
        for (const [key, value] of Object.entries({ ...e.set, ...e.may })) {
          const property = model.properties?.find((p) => p.identifier === key);
          if (!property) {
            problems.push(`${file.language} ${c.id}: ${e.device} has no property ${key}`);
            continue;
          }
          const range = outOfRange(property, value);
          if (range) problems.push(`${file.language} ${c.id}: ${e.device}.${key} ${range}`);
        }
        if (e.call !== null && !model.services?.some((s) => s.identifier === e.call))
          problems.push(`${file.language} ${c.id}: ${e.device} has no service ${e.call}`);
      }
    }
  }
  return problems;
}
