// One NOTIFY body in, only what the lamps need out: the work the renderer's parse worker does (and
// the inline fallback where no Worker exists). A per-extension body gives one change; an RLMI body
// gives one change per resource that carries news. Rejections come back as codes safe to log
// (P-SECRECY: never a number, a name or a note of the body).
import { parsePidf, type Absence } from './absence';
import { parseDialogInfo, type DialogRef, type LampState } from './dialog-info';
import { mediaType, parseRlmiNotify, type RlmiRejectCode } from './rlmi';

export type NotifyEvent = 'dialog' | 'presence';

export interface ParseJob {
  /** The caller's own key for the subscription; returned untouched. */
  readonly key: string;
  readonly event: NotifyEvent;
  /** 'single': one extension's body; 'list': an RLMI multipart/related body. */
  readonly kind: 'single' | 'list';
  readonly contentType: string;
  readonly body: string;
}

export type LampChange =
  | { readonly ext: string; readonly event: 'dialog'; readonly lamp: LampState; readonly dialog: DialogRef | null; readonly version: number }
  /** absence undefined: the resource is in the list but not known (pending/terminated): last-known. */
  | { readonly ext: string; readonly event: 'presence'; readonly absence: Absence | null | undefined; readonly version: number };

export interface ParseResult {
  readonly key: string;
  readonly event: NotifyEvent;
  readonly kind: 'single' | 'list';
  /** The RLMI version and fullState (list), or the document's own version (single, -1 when none). */
  readonly version: number;
  readonly full: boolean;
  readonly changes: readonly LampChange[];
  /** The whole body was refused (nothing in `changes`). */
  readonly rejected: RlmiRejectCode | null;
  /** Parts refused inside an otherwise good list body (their resources are left as they were). */
  readonly partsRejected: number;
  /** Every extension a list body names, news or not (a full state names the whole list). */
  readonly named: readonly string[];
}

const rejectedResult = (job: ParseJob, code: RlmiRejectCode): ParseResult => ({
  key: job.key,
  event: job.event,
  kind: job.kind,
  version: -1,
  full: false,
  changes: [],
  rejected: code,
  partsRejected: 0,
  named: [],
});

/** Reads one body; null change when the body says nothing about a lamp. */
function single(ext: string, event: NotifyEvent, body: string, onReject: (code: RlmiRejectCode) => void): LampChange | null {
  let code: RlmiRejectCode | null = null;
  const reject = (r: { code: RlmiRejectCode }) => {
    code = r.code;
  };
  if (event === 'dialog') {
    const info = parseDialogInfo(body, reject);
    if (code) onReject(code);
    if (!info) return null;
    return { ext, event, lamp: info.lamp, dialog: info.dialog, version: info.version };
  }
  // an empty presence body: the presentity published nothing (or it expired): available
  if (!body.trim()) return { ext, event, absence: null, version: -1 };
  const doc = parsePidf(body, reject);
  if (code) onReject(code);
  if (!doc) return null;
  return { ext, event, absence: doc.absence, version: -1 };
}

/** `ext` of a single job is its key's extension: the caller passes it in the key after the last ':'. */
export function parseNotify(job: ParseJob): ParseResult {
  if (job.kind === 'single') {
    const ext = job.key.slice(job.key.lastIndexOf(':') + 1);
    let rejected: RlmiRejectCode | null = null;
    const change = single(ext, job.event, job.body, (c) => (rejected = c));
    if (rejected) return rejectedResult(job, rejected);
    return { key: job.key, event: job.event, kind: 'single', version: change?.version ?? -1, full: true, changes: change ? [change] : [], rejected: null, partsRejected: 0, named: [] };
  }
  const parsed = parseRlmiNotify(job.contentType, job.body);
  if (!parsed.ok) return rejectedResult(job, parsed.code);
  const changes: LampChange[] = [];
  let partsRejected = 0;
  const named: string[] = [];
  const want = job.event === 'dialog' ? 'application/dialog-info+xml' : 'application/pidf+xml';
  for (const r of parsed.notify.resources) {
    if (!r.ext) continue;
    named.push(r.ext);
    // an active presence resource without a part: the presentity published nothing: available
    if (r.state === 'active' && !r.part && job.event === 'presence') {
      changes.push({ ext: r.ext, event: 'presence', absence: null, version: -1 });
      continue;
    }
    if (r.state !== 'active' || !r.part) {
      // pending or terminated back-end subscription: nothing current to show
      if (r.state === 'pending' || r.state === 'terminated')
        changes.push(job.event === 'dialog' ? { ext: r.ext, event: 'dialog', lamp: 'unknown', dialog: null, version: -1 } : { ext: r.ext, event: 'presence', absence: undefined, version: -1 });
      continue;
    }
    const type = mediaType(r.part.contentType);
    if (type && type !== want) {
      partsRejected++;
      continue;
    }
    const change = single(r.ext, job.event, r.part.body, () => partsRejected++);
    if (change) changes.push(change);
  }
  return { key: job.key, event: job.event, kind: 'list', version: parsed.notify.version, full: parsed.notify.full, changes, rejected: null, partsRejected, named };
}
