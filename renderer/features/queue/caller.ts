// How a caller is shown: the number in national format, the raw SIP number too when it reads
// differently (an operator calling back abroad needs it), and the display name when it adds something.
import { displayNumber } from '../../../common/phone';
import type { QueueEntry } from '../../sip';

export interface CallerText {
  /** "070-123 45 67", or null when the number is withheld. */
  readonly number: string | null;
  readonly raw: string | null;
  readonly name: string | null;
}

export function callerText(call: Pick<QueueEntry, 'callerNumber' | 'callerName'>): CallerText {
  const number = call.callerNumber ? displayNumber(call.callerNumber) : null;
  const raw = call.callerNumber && call.callerNumber !== number ? call.callerNumber : null;
  const name = call.callerName && call.callerName !== number && call.callerName !== call.callerNumber ? call.callerName : null;
  return { number, raw, name };
}
