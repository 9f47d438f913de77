import { type ErrorCode, errorCodes, type Language } from './codes.js';
import { messages } from './messages.js';

/** Parameters that fill an error's message; kept as data so every rendering uses the same facts. */
export type ErrorParams = Readonly<Record<string, unknown>>;

/** The one error type of Genio: a stable code plus params, rendered for HTTP, Alink and speech. */
export class GenioError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}, options?: { cause?: unknown }) {
    super(messages[code].en(params), options);
    this.name = 'GenioError';
    this.code = code;
    this.params = params;
  }

  /** The HTTP status this error maps to. */
  get status(): number {
    return errorCodes[this.code].http;
  }

  /** The sentence for this error in a language. */
  messageIn(language: Language): string {
    return messages[this.code][language](this.params);
  }

  /** RFC 9457 problem details. */
  toProblem(instance?: string): ProblemDetails {
    const problem: ProblemDetails = {
      type: `https://genio.dev/problems/${this.code}`,
      title: errorCodes[this.code].title,
      status: this.status,
      code: this.code,
      detail: this.message,
    };
    if (instance) problem.instance = instance;
    const field = this.params.field;
    if (typeof field === 'string') problem.field = field;
    return problem;
  }

  /** The Alink reply fields for this error. */
  toAlink(): { code: number; message: string } {
    return { code: errorCodes[this.code].alink, message: this.message };
  }
}

/** RFC 9457 problem+json body, with Genio's stable code and, for validation, the field at fault. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance?: string;
  field?: string;
}

/** True when a value is a GenioError with the given code (or any code). */
export function isGenioError(value: unknown, code?: ErrorCode): value is GenioError {
  return value instanceof GenioError && (code === undefined || value.code === code);
}
