// The presence parse worker: RLMI, dialog-info and PIDF bodies read with the hardened XML reader
// (common/presence/xml: no DOCTYPE, no entities, size and element caps), off the page's thread.
// Jobs arriving in one turn are answered in one message, so a burst costs the page one task.
import { parseNotify, type ParseJob, type ParseResult } from '../../../common/presence';
import type { WorkerReply } from './body-parser';

interface Scope {
  onmessage: ((e: MessageEvent<{ id: number; job: ParseJob }>) => void) | null;
  postMessage(reply: WorkerReply): void;
}
const scope = self as unknown as Scope;

let first = -1;
let results: ParseResult[] = [];

function flush(): void {
  const reply: WorkerReply = { first, results };
  first = -1;
  results = [];
  scope.postMessage(reply);
}

scope.onmessage = (e) => {
  const { id, job } = e.data;
  let result: ParseResult;
  try {
    result = parseNotify(job);
  } catch {
    // parseNotify throws nothing by design; should it, the lamps stay and the page hears a code
    result = { key: job.key, event: job.event, kind: job.kind, version: -1, full: false, changes: [], rejected: 'malformed', partsRejected: 0, named: [] };
  }
  if (first < 0) {
    first = id;
    setTimeout(flush, 0);
  }
  results.push(result);
};
