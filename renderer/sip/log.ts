import type { LogReport } from '../../common/ipc/contract';

/** Where the engine reports. Codes and safe fields only: never numbers or names (P-SECRECY). */
export type ReportLog = (entry: LogReport) => void;

/** The error's class name is safe to log; its message may carry a SIP URI, so it is dropped. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name.slice(0, 60) : typeof error;
}
