// The shared switchboard's numbers, used when the settings name none (first run). The lab and
// production both reach Essunga on 0512-570 00 and Grästorp on 0514-580 00; staff dial "9".
import type { Switchboard } from '../settings/schema';

export const DEFAULT_SWITCHBOARDS: readonly Switchboard[] = [
  { id: 'essunga', municipality: 'essunga', numbers: ['0512-570 00'], dialledFrom: ['to', 'request-uri', 'diversion', 'history-info'] },
  { id: 'grastorp', municipality: 'grastorp', numbers: ['0514-580 00'], dialledFrom: ['to', 'request-uri', 'diversion', 'history-info'] },
  { id: 'internal', municipality: 'internal', numbers: ['9'], dialledFrom: ['to', 'request-uri'] },
];
