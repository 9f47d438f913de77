/** The data of a device-level evaluation set (bench/data/homes/<name>/): the home and its cases. */

export const evalLanguages = ['zh', 'en', 'it', 'fr'] as const;
export type EvalLanguage = (typeof evalLanguages)[number];

/** Names per language: the first is the name, the rest are aliases. */
export type Names = Record<EvalLanguage, string[]>;

export type Scalar = number | string | boolean;
/** An inclusive range for a number that may land anywhere in it (e.g. a percent scaled onto 0..255). */
export interface Range {
  min: number;
  max: number;
}
/** What a property must receive: a value, a range, or the fields of a struct. */
export type ExpectedValue = Scalar | Range | { [field: string]: Scalar | Range };

/** What one device must (or, when optional, may) receive during a case. */
export interface Expectation {
  device: string;
  /** Properties that must arrive, each with the last value it received. */
  set: Record<string, ExpectedValue>;
  /** The one service that must be called, by its TSL identifier. */
  call: string | null;
  /** Properties that may also arrive (checked when they do), e.g. power on beside a brightness. */
  may: Record<string, ExpectedValue>;
  /** When true the device may receive nothing (it already is in that state); what it receives is still checked. */
  optional: boolean;
}

export interface EvalCase {
  id: string;
  /** The turns of one conversation, said in order. */
  turns: string[];
  /** Every device that may move; any other device receiving anything is a wrong action. */
  expect: Expectation[];
  /** Names of the timers that must be running afterwards (exactly these); null: timers are not judged. */
  timers: string[] | null;
  /** Strings the last reply must contain (case-insensitive). */
  answerIncludes: string[];
}

export interface CaseFile {
  language: EvalLanguage;
  cases: EvalCase[];
}

export interface AreaSpec {
  id: string;
  names: Names;
}

export interface ProductSpec {
  id: string;
  name: string;
  category: string;
  /** The parsed Alink TSL from the product's JSON file. */
  thingModel: unknown;
  capabilities: Record<string, string> | null;
  /** Properties the device reports after a service call, as the real device would. */
  serviceEffects: Record<string, Record<string, unknown>>;
}

export interface DeviceSpec {
  id: string;
  area: string | null;
  product: string;
  names: Names;
  /** Properties reported before every case. */
  initial: Record<string, unknown>;
}

export interface HomeSet {
  /** Folder name, e.g. villa-rosa. */
  name: string;
  title: string;
  areas: AreaSpec[];
  products: ProductSpec[];
  devices: DeviceSpec[];
  caseFiles: CaseFile[];
}
