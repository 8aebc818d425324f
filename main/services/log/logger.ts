// Structured log lines: an event code plus a few fields. Never free text from calls or messages
// (P-SECRECY): fields that look like phone numbers, SIP URIs or e-mail addresses are masked here,
// as a last line of defence behind the rule that callers pass codes, not content.
// Files are written by electron-log (its Node build, so the web host and tests use the same code
// as Electron): size-limited, rotated to a fixed number of kept files, created 0600.
import electronLog from 'electron-log/node';
import { rotateLogFiles } from './rotation';

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
  /tel:[^\s;>,"]+/gi, // tel: links
  /[\w.+-]+@[\w-]+\.[\w.-]+/g, // e-mail addresses
  /\+?\d[\d\s-]{5,}\d/g, // phone numbers in any common format
];

export function maskSensitive(value: string): string {
  return SENSITIVE.reduce((text, pattern) => text.replace(pattern, '[redacted]'), value);
}

/** Codes are short dotted identifiers; anything else in a code is masked like a field. */
const CODE = /^[a-z0-9._-]{1,80}$/i;

function format(level: LogLevel, code: string, fields: LogFields | undefined, now: Date): string {
  const safe: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (value === undefined) continue;
    safe[key] = typeof value === 'string' ? maskSensitive(value) : value;
  }
  const safeCode = CODE.test(code) ? code : maskSensitive(code);
  return JSON.stringify({ t: now.toISOString(), level, code: safeCode, ...safe });
}

/** One megabyte per file and four old files kept: a few weeks of a busy switchboard, under 5 MB. */
export const DEFAULT_LOG_MAX_BYTES = 1024 * 1024;
export const DEFAULT_LOG_KEEP_FILES = 4;

export interface LoggerOptions {
  /** Append lines to this file (created with mode 0600). Omit to write only to the sink. */
  file?: string;
  /** Rotate when the file is larger than this (bytes). */
  maxBytes?: number;
  /** How many rotated files (name.1.log … name.N.log) are kept beside the current one. */
  keepFiles?: number;
  /** Extra sink, e.g. stderr in development or an array in tests. */
  sink?: (line: string) => void;
  minLevel?: LogLevel;
  now?: () => Date;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
let instances = 0;

export function createLogger(options: LoggerOptions = {}): Logger {
  const min = ORDER[options.minLevel ?? 'info'];
  const now = options.now ?? (() => new Date());
  const fileLog = options.file ? openFileLog(options.file, options.maxBytes ?? DEFAULT_LOG_MAX_BYTES, options.keepFiles ?? DEFAULT_LOG_KEEP_FILES) : undefined;
  const write = (level: LogLevel) => (code: string, fields?: LogFields) => {
    if (ORDER[level] < min) return;
    const line = format(level, code, fields, now());
    fileLog?.(level, line);
    options.sink?.(line);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

function openFileLog(file: string, maxBytes: number, keepFiles: number): (level: LogLevel, line: string) => void {
  // Each logger gets its own electron-log instance so two files never share settings.
  const instance = electronLog.create({ logId: `vaxel-${process.pid}-${++instances}` });
  instance.transports.console.level = false;
  instance.errorHandler.stopCatching();
  const transport = instance.transports.file;
  transport.level = 'debug';
  transport.resolvePathFn = () => file;
  transport.maxSize = maxBytes;
  transport.sync = true;
  transport.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  // Our line is already formatted (and masked); electron-log adds nothing to it.
  transport.format = ({ data }) => [String(data[0])];
  transport.archiveLogFn = (current) => rotateLogFiles(current.path, keepFiles);
  return (level, line) => instance[level](line);
}

/** A logger that keeps lines in memory; for tests and for hosts that have not opened a file yet. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger({ sink: (line) => lines.push(line), minLevel: 'debug' }), { lines });
}
