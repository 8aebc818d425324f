// What the console does with an invalid state transition (states.ts). Always: report it to main's
// log with the machine and state names only (P-SECRECY) and refuse the step, so the store keeps
// its last valid state and the SIP.js callback that asked for it is not broken by a throw. In a
// development build (not NODE_ENV=production, scripts/build.mjs) it is also raised as an uncaught
// error outside that callback, so it is loud in the devtools and in browser tests' page errors.
import { InvalidTransitionError, reportInvalidTransition, type OnInvalidTransition } from '../../common/state/machine';
import type { ReportLog } from './log';

declare const __VAXEL_STRICT_STATES__: boolean | undefined;

/** True in development builds (the build defines it); false in production and where undefined. */
export const STRICT_STATES = typeof __VAXEL_STRICT_STATES__ !== 'undefined' && __VAXEL_STRICT_STATES__ === true;

/** Throws the error from a task of its own: an uncaught error, reported by renderer/main.tsx. */
function raiseLater(error: InvalidTransitionError): void {
  setTimeout(() => {
    throw error;
  }, 0);
}

export function consoleTransitionHandler(log: ReportLog, strict = STRICT_STATES, raise: (error: InvalidTransitionError) => void = raiseLater): OnInvalidTransition {
  const report = reportInvalidTransition(log);
  return (error) => {
    report(error);
    if (strict) raise(error);
  };
}
