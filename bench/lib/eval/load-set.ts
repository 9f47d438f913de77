/** Read and check an evaluation set: bench/data/homes/<name>/home.yaml, its thing models and cases/<lang>.yaml. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  type AreaSpec,
  type CaseFile,
  type DeviceSpec,
  type EvalCase,
  type EvalLanguage,
  type Expectation,
  type ExpectedValue,
  evalLanguages,
  type HomeSet,
  type Names,
  type ProductSpec,
} from './types.js';

/** A mistake in a set's files, with the file and the path of the bad field. */
export class SetError extends Error {
  constructor(file: string, path: string, message: string) {
    super(`${file}: ${path}: ${message}`);
    this.name = 'SetError';
  }
}

type Obj = Record<string, unknown>;

class Reader {
  constructor(readonly file: string) {}
  fail(path: string, message: string): never {
    throw new SetError(this.file, path, message);
  }
  object(value: unknown, path: string): Obj {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(path, 'must be a mapping');
    return value as Obj;
  }
  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'must be a list');
    return value;
  }
  string(value: unknown, path: string): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(path, 'must be a non-empty string');
    return value;
  }
  strings(value: unknown, path: string): string[] {
    return this.array(value, path).map((item, i) => this.string(item, `${path}/${i}`));
  }
  names(value: unknown, path: string): Names {
    const o = this.object(value, path);
    const names = {} as Names;
    for (const lang of evalLanguages) {
      const list = this.strings(o[lang], `${path}/${lang}`);
      if (list.length === 0) this.fail(`${path}/${lang}`, 'needs at least one name');
      names[lang] = list;
    }
    return names;
  }
  expected(value: unknown, path: string): ExpectedValue {
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
    const o = this.object(value, path);
    if (isRangeShape(o)) {
      if (typeof o.min !== 'number' || typeof o.max !== 'number' || o.min > o.max)
        this.fail(path, 'a range needs numbers min <= max');
      return { min: o.min, max: o.max };
    }
    const fields: Record<string, ExpectedValue> = {};
    for (const [key, field] of Object.entries(o)) {
      const v = this.expected(field, `${path}/${key}`);
      if (typeof v === 'object' && !isRangeShape(v as Obj))
        this.fail(`${path}/${key}`, 'struct fields do not nest');
      fields[key] = v;
    }
    return fields as ExpectedValue;
  }
  values(value: unknown, path: string): Record<string, ExpectedValue> {
    if (value === undefined) return {};
    const o = this.object(value, path);
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, this.expected(v, `${path}/${k}`)]));
  }
}

function isRangeShape(o: Obj): boolean {
  const keys = Object.keys(o).sort();
  return keys.length === 2 && keys[0] === 'max' && keys[1] === 'min';
}

function readYaml(file: string): unknown {
  try {
    return parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SetError(file, '', `not readable YAML (${(error as Error).message})`);
  }
}

function unique(r: Reader, ids: string[], path: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) r.fail(path, `id "${id}" is used twice`);
    seen.add(id);
  }
}

function readHome(dir: string, name: string): Omit<HomeSet, 'caseFiles'> {
  const file = join(dir, 'home.yaml');
  const r = new Reader(file);
  const root = r.object(readYaml(file), '');
  const areas: AreaSpec[] = r.array(root.areas ?? [], 'areas').map((a, i) => {
    const o = r.object(a, `areas/${i}`);
    return { id: r.string(o.id, `areas/${i}/id`), names: r.names(o.names, `areas/${i}/names`) };
  });
  const products: ProductSpec[] = r.array(root.products, 'products').map((p, i) => {
    const path = `products/${i}`;
    const o = r.object(p, path);
    const modelFile = join(dir, r.string(o.thingModel, `${path}/thingModel`));
    if (!existsSync(modelFile)) r.fail(`${path}/thingModel`, `no file ${modelFile}`);
    let thingModel: unknown;
    try {
      thingModel = JSON.parse(readFileSync(modelFile, 'utf8'));
    } catch (error) {
      r.fail(`${path}/thingModel`, `${modelFile} is not JSON (${(error as Error).message})`);
    }
    const capabilities =
      o.capabilities === undefined
        ? null
        : Object.fromEntries(
            Object.entries(r.object(o.capabilities, `${path}/capabilities`)).map(([k, v]) => [
              k,
              r.string(v, `${path}/capabilities/${k}`),
            ]),
          );
    const effects =
      o.serviceEffects === undefined ? {} : r.object(o.serviceEffects, `${path}/serviceEffects`);
    return {
      id: r.string(o.id, `${path}/id`),
      name: r.string(o.name, `${path}/name`),
      category: r.string(o.category, `${path}/category`),
      thingModel,
      capabilities,
      serviceEffects: Object.fromEntries(
        Object.entries(effects).map(([k, v]) => [k, r.object(v, `${path}/serviceEffects/${k}`)]),
      ),
    };
  });
  const areaIds = new Set(areas.map((a) => a.id));
  const productIds = new Set(products.map((p) => p.id));
  const devices: DeviceSpec[] = r.array(root.devices, 'devices').map((d, i) => {
    const path = `devices/${i}`;
    const o = r.object(d, path);
    const area = o.area === undefined || o.area === null ? null : r.string(o.area, `${path}/area`);
    if (area !== null && !areaIds.has(area)) r.fail(`${path}/area`, `no area "${area}" in areas`);
    const product = r.string(o.product, `${path}/product`);
    if (!productIds.has(product)) r.fail(`${path}/product`, `no product "${product}" in products`);
    return {
      id: r.string(o.id, `${path}/id`),
      area,
      product,
      names: r.names(o.names, `${path}/names`),
      initial: o.initial === undefined ? {} : r.object(o.initial, `${path}/initial`),
    };
  });
  unique(
    r,
    areas.map((a) => a.id),
    'areas',
  );
  unique(
    r,
    products.map((p) => p.id),
    'products',
  );
  unique(
    r,
    devices.map((d) => d.id),
    'devices',
  );
  return { name, title: typeof root.name === 'string' ? root.name : name, areas, products, devices };
}

function readExpectation(r: Reader, value: unknown, path: string, deviceIds: Set<string>): Expectation {
  const o = r.object(value, path);
  for (const key of Object.keys(o)) {
    if (!['device', 'set', 'call', 'may', 'optional'].includes(key))
      r.fail(`${path}/${key}`, 'unknown field');
  }
  const device = r.string(o.device, `${path}/device`);
  if (!deviceIds.has(device)) r.fail(`${path}/device`, `no device "${device}" in home.yaml`);
  const set = r.values(o.set, `${path}/set`);
  const call = o.call === undefined ? null : r.string(o.call, `${path}/call`);
  if (Object.keys(set).length === 0 && call === null) r.fail(path, 'needs set or call');
  if (o.optional !== undefined && typeof o.optional !== 'boolean')
    r.fail(`${path}/optional`, 'must be true or false');
  return { device, set, call, may: r.values(o.may, `${path}/may`), optional: o.optional === true };
}

/** Parse one cases/<lang>.yaml against the home's device ids. */
export function readCaseFile(file: string, language: EvalLanguage, deviceIds: Set<string>): CaseFile {
  const r = new Reader(file);
  const root = r.object(readYaml(file), '');
  if (root.language !== language) r.fail('language', `must be "${language}" (the file's name)`);
  const cases: EvalCase[] = r.array(root.cases, 'cases').map((c, i) => {
    const path = `cases/${i}`;
    const o = r.object(c, path);
    for (const key of Object.keys(o)) {
      if (!['id', 'say', 'expect', 'timers', 'answerIncludes'].includes(key))
        r.fail(`${path}/${key}`, 'unknown field');
    }
    const turns =
      typeof o.say === 'string' ? [r.string(o.say, `${path}/say`)] : r.strings(o.say, `${path}/say`);
    if (turns.length === 0) r.fail(`${path}/say`, 'needs at least one turn');
    const expect = r
      .array(o.expect, `${path}/expect`)
      .map((e, j) => readExpectation(r, e, `${path}/expect/${j}`, deviceIds));
    unique(
      r,
      expect.map((e) => e.device),
      `${path}/expect`,
    );
    return {
      id: r.string(o.id, `${path}/id`),
      turns,
      expect,
      timers: o.timers === undefined ? null : r.strings(o.timers, `${path}/timers`),
      answerIncludes:
        o.answerIncludes === undefined ? [] : r.strings(o.answerIncludes, `${path}/answerIncludes`),
    };
  });
  unique(
    r,
    cases.map((c) => c.id),
    'cases',
  );
  return { language, cases };
}

/** Load bench/data/homes/<name>; every language with a cases file is included. */
export function loadHomeSet(homesDir: string, name: string): HomeSet {
  const dir = join(homesDir, name);
  if (!existsSync(join(dir, 'home.yaml'))) {
    const known = existsSync(homesDir) ? readdirSync(homesDir).join(', ') : '(none)';
    throw new SetError(dir, '', `no home.yaml; known sets: ${known}`);
  }
  const home = readHome(dir, name);
  const deviceIds = new Set(home.devices.map((d) => d.id));
  const caseFiles = evalLanguages
    .filter((lang) => existsSync(join(dir, 'cases', `${lang}.yaml`)))
    .map((lang) => readCaseFile(join(dir, 'cases', `${lang}.yaml`), lang, deviceIds));
  if (caseFiles.length === 0) throw new SetError(dir, 'cases', 'no cases/<zh|en|it|fr>.yaml');
  return { ...home, caseFiles };
}

/** Every set under the homes folder, by folder name. */
export function listHomeSets(homesDir: string): string[] {
  if (!existsSync(homesDir)) return [];
  return readdirSync(homesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(homesDir, d.name, 'home.yaml')))
    .map((d) => d.name)
    .sort();
}
