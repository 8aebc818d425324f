// Builds RFC 4662 list NOTIFY bodies as Kamailio's rls module sends them (multipart/related, an
// RLMI root, one part per active resource), for the parser tests, the stand-in server and benches.
export interface BuiltResource {
  readonly ext: string;
  /** 'ringing' | 'busy' | 'idle' for dialog-info; omit `state` and give `pidf` for presence. */
  readonly state?: 'ringing' | 'busy' | 'idle';
  readonly pidf?: string;
  readonly instanceState?: 'active' | 'pending' | 'terminated';
}

export interface BuiltBody {
  readonly contentType: string;
  readonly body: string;
}

const DIALOG_STATE = { ringing: 'early', busy: 'confirmed', idle: 'terminated' } as const;

export function dialogInfoOf(ext: string, domain: string, state: 'ringing' | 'busy' | 'idle', version = 1): string {
  return `<?xml version="1.0"?>\n<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="${version}" state="full" entity="sip:${ext}@${domain}"><dialog id="d${ext}" call-id="c${ext}" local-tag="l${ext}" remote-tag="r${ext}" direction="recipient"><state>${DIALOG_STATE[state]}</state></dialog></dialog-info>`;
}

export function rlmiBody(opts: { listUri: string; domain: string; version: number; full: boolean; resources: readonly BuiltResource[]; boundary?: string }): BuiltBody {
  const b = opts.boundary ?? 'UniqueVaxelBoundary';
  const parts: string[] = [];
  const resources = opts.resources.map((r, i) => {
    const uri = `sip:${r.ext}@${opts.domain}`;
    const state = r.instanceState ?? 'active';
    if (state !== 'active') return `<resource uri="${uri}"><instance id="i${i}" state="${state}" reason="noresource"/></resource>`;
    const cid = `${r.ext}.${i}@vaxel.invalid`;
    const isPidf = r.pidf !== undefined;
    const content = isPidf ? r.pidf! : dialogInfoOf(r.ext, opts.domain, r.state ?? 'idle');
    parts.push(
      `--${b}\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <${cid}>\r\nContent-Type: ${isPidf ? 'application/pidf+xml' : 'application/dialog-info+xml'};charset="UTF-8"\r\n\r\n${content}\r\n`,
    );
    return `<resource uri="${uri}"><instance id="i${i}" state="active" cid="${cid}"/></resource>`;
  });
  const rlmi = `<?xml version="1.0" encoding="UTF-8"?>\n<list xmlns="urn:ietf:params:xml:ns:rlmi" uri="${opts.listUri}" version="${opts.version}" fullState="${opts.full}">${resources.join('')}</list>`;
  const root = `--${b}\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <rlmi@vaxel.invalid>\r\nContent-Type: application/rlmi+xml;charset="UTF-8"\r\n\r\n${rlmi}\r\n`;
  return {
    contentType: `multipart/related;type="application/rlmi+xml";start="<rlmi@vaxel.invalid>";boundary="${b}"`,
    body: `${root}${parts.join('')}--${b}--\r\n`,
  };
}
