// Structured log lines: an event code plus a few fields. Never free text from calls or messages
// (P-SECRECY): fields that look like phone numbers, SIP URIs or e-mail addresses are masked here,
// as a last line of defence behind the rule that callers pass codes, not content.
import fs from 'node:fs';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(code: string, fields?: LogFields): void;
  info(code: string, fields?: LogFields): void;
  warn(code: string, fields?: LogFields): void;
  error(code: string, fields?: LogFields): void;
}

const SENSITIVE = [
  /sips?:[^\s;>,"]+/gi, // SIP URIs
  /[\w.+-]+@[\w-]+\.[\w.-]+/g, // e-mail addresses
  /\+?\d[\d\s-]{5,}\d/g, // phone numbers in any common format
];

export function maskSensitive(value: string): string {
  return SENSITIVE.reduce((text, pattern) => text.replace(pattern, '[redacted]'), value);
}

function format(level: LogLevel, code: string, fields: LogFields | undefined, now: Date): string {
  const safe: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (value === undefined) continue;
    safe[key] = typeof value === 'string' ? maskSensitive(value) : value;
  }
  return JSON.stringify({ t: now.toISOString(), level, code, ...safe });
}

export interface LoggerOptions {
  /** Append lines to this file (created with mode 0600). Omit to write only to the sink. */
  file?: string;
  /** Extra sink, e.g. stderr in development or an array in tests. */
  sink?: (line: string) => void;
  minLevel?: LogLevel;
  now?: () => Date;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function createLogger(options: LoggerOptions = {}): Logger {
  const min = ORDER[options.minLevel ?? 'info'];
  const now = options.now ?? (() => new Date());
  let fd: number | undefined;
  if (options.file) {
    fs.mkdirSync(path.dirname(options.file), { recursive: true });
    fd = fs.openSync(options.file, 'a', 0o600);
  }
  const write = (level: LogLevel) => (code: string, fields?: LogFields) => {
    if (ORDER[level] < min) return;
    const line = format(level, code, fields, now());
    if (fd !== undefined) fs.writeSync(fd, line + '\n');
    options.sink?.(line);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** A logger that keeps lines in memory; for tests and for hosts that have not opened a file yet. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger({ sink: (line) => lines.push(line), minLevel: 'debug' }), { lines });
}
