import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { GenioError } from '../errors/index.js';
import { envName, flagName, keyFromFlag } from './names.js';
import { type ConfigInput, type ConfigKey, configSchema, configShape, type GenioConfig } from './schema.js';

/** Where the configuration comes from; later sources win. */
export interface ConfigSources {
  /** Path to a YAML file; defaults to ./genio.yaml when it exists. */
  file?: string;
  /** Environment (GENIO_* variables are read). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Parsed command-line flags, keyed by config key. */
  flags?: ConfigInput;
  /** Values set by code (tests, embedding), applied last. */
  overrides?: Partial<GenioConfig>;
}

type Origin = 'default' | 'file' | 'env' | 'flag' | 'code';

const keys = Object.keys(configShape) as ConfigKey[];

function describeOrigin(key: string, origin: Origin | undefined, file: string | undefined): string {
  switch (origin) {
    case 'env':
      return envName(key);
    case 'flag':
      return flagName(key);
    case 'file':
      return `${key} in ${file ?? 'genio.yaml'}`;
    case 'code':
      return key;
    default:
      return `${flagName(key)} (default)`;
  }
}

function readFile(path: string): ConfigInput {
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new GenioError('config_invalid', {
      detail: `${path} is not valid YAML: ${(error as Error).message}`,
    });
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new GenioError('config_invalid', { detail: `${path} must hold a mapping of settings` });
  }
  return parsed as ConfigInput;
}

function readEnv(env: Readonly<Record<string, string | undefined>>): ConfigInput {
  const out: ConfigInput = {};
  for (const key of keys) {
    const value = env[envName(key)];
    if (value !== undefined && value !== '') out[key] = value;
  }
  if (env.GENIO_ADMIN_TOKEN) out.adminToken = env.GENIO_ADMIN_TOKEN;
  return out;
}

function formatIssue(issue: z.core.$ZodIssue, origins: Map<string, Origin>, file?: string): string {
  const key = String(issue.path[0] ?? '');
  if (issue.code === 'unrecognized_keys') {
    const unknown = issue.keys.map((k) => (origins.get(k) === 'file' ? `${k} in ${file}` : flagName(k)));
    return `unknown setting ${unknown.join(', ')}; known settings: ${keys.map(flagName).join(', ')}`;
  }
  return `${describeOrigin(key, origins.get(key), file)}: ${issue.message}`;
}

/** Merge defaults, genio.yaml, GENIO_* and flags into one validated configuration, or throw config_invalid. */
export function loadConfig(sources: ConfigSources = {}): GenioConfig {
  const origins = new Map<string, Origin>();
  const merged: Record<string, unknown> = {};
  const apply = (input: ConfigInput | Partial<GenioConfig> | undefined, origin: Origin) => {
    for (const [key, value] of Object.entries(input ?? {})) {
      if (value === undefined) continue;
      merged[key] = value;
      origins.set(key, origin);
    }
  };

  const filePath = sources.file ?? (existsSync('genio.yaml') ? 'genio.yaml' : undefined);
  if (sources.file && !existsSync(sources.file)) {
    throw new GenioError('config_invalid', { detail: `config file ${sources.file} does not exist` });
  }
  if (filePath) apply(readFile(resolve(filePath)), 'file');
  apply(readEnv(sources.env ?? {}), 'env');
  apply(sources.flags, 'flag');
  apply(sources.overrides, 'code');

  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const detail = result.error.issues.map((issue) => formatIssue(issue, origins, filePath)).join('; ');
    throw new GenioError('config_invalid', { detail, field: String(result.error.issues[0]?.path[0] ?? '') });
  }
  return result.data;
}

/** Turn `--http-port 9000 --log-level=debug` into config flags; throws config_invalid on unknown flags. */
export function parseConfigFlags(argv: readonly string[]): {
  flags: ConfigInput;
  configFile?: string;
  rest: string[];
} {
  const flags: ConfigInput = {};
  const rest: string[] = [];
  let configFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      rest.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const takeValue = (): string => {
      if (eq !== -1) return arg.slice(eq + 1);
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        throw new GenioError('config_invalid', { detail: `${name} needs a value` });
      }
      i++;
      return next;
    };
    if (name === '--config') {
      configFile = takeValue();
      continue;
    }
    const key = keyFromFlag(name);
    if (!(key in configShape)) {
      rest.push(arg);
      continue;
    }
    flags[key as ConfigKey] = takeValue();
  }
  return { flags, rest, ...(configFile ? { configFile } : {}) };
}
