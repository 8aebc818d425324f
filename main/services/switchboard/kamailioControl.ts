// Switchboard hours in Kamailio: JSON-RPC 2.0 over HTTP (module jsonrpcs, dispatched by xhttp
// under /RPC) into the htable "sb" that route[AFTERHOURS] of lab/kamailio/kamailio.cfg reads per
// call. Keys (Unix seconds, int32: fine until 2038):
//   num::<E.164>    municipality the number belongs to
//   closed::<m>     "from-to;from-to;..." closed intervals
//   night::<m>      1 while the operator has closed the switchboard (night service), else 0
//   nightby::<m>, nightat::<m>   who switched it and when (ms), for display
//   generated, valid             when the state was made and until when the intervals are known
// Order of writes: intervals and flags first, numbers next, validity last, stale keys deleted at
// the end, so a call in between sees either the old or the new rule for its municipality.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { PbxSwitchboardState, type PbxMunicipalityState } from '../../../common/switchboard/pbxState';
import type { HoursMunicipality } from '../../../common/switchboard/schema';
import type { PbxSwitchboardControl } from './control';

export interface KamailioControlOptions {
  /** e.g. http://127.0.0.1:8080/RPC */
  url: string;
  token: string;
  table?: string;
  /** Where the announcer reads closed-<municipality>.wav; without it installPrompt fails clearly. */
  promptDir?: string;
  timeoutMs?: number;
}

interface Slot {
  name: string;
  value: string | number;
  type: 'str' | 'int';
}

export class KamailioRpcError extends Error {
  override name = 'KamailioRpcError';
}

export function createKamailioControl(options: KamailioControlOptions): PbxSwitchboardControl {
  const table = options.table ?? 'sb';
  let id = 0;

  async function rpc(method: string, params: (string | number)[]): Promise<unknown> {
    let res: { status: number; text: string };
    try {
      res = await postJson(options.url, { 'x-vaxel-rpc-token': options.token }, JSON.stringify({ jsonrpc: '2.0', method, params, id: ++id }), options.timeoutMs ?? 5000);
    } catch (e) {
      throw new KamailioRpcError(`the PBX's JSON-RPC at ${options.url} is not reachable (${e instanceof Error ? e.message : String(e)})`);
    }
    if (res.status === 403) throw new KamailioRpcError('the PBX refused the JSON-RPC call (wrong token, or this host is not allowed)');
    if (res.status < 200 || res.status > 299) throw new KamailioRpcError(`the PBX answered HTTP ${res.status} to ${method}`);
    const body = JSON.parse(res.text) as { result?: unknown; error?: { code: number; message: string } };
    if (body.error) throw new KamailioRpcError(`${method} failed: ${body.error.code} ${body.error.message}`);
    return body.result;
  }

  const sets = (key: string, value: string) => rpc('htable.sets', [table, key, value]);
  const seti = (key: string, value: number) => rpc('htable.seti', [table, key, value]);

  async function dump(): Promise<Map<string, string | number>> {
    const result = (await rpc('htable.dump', [table])) as { slot?: Slot[] }[] | null;
    const out = new Map<string, string | number>();
    for (const entry of result ?? []) for (const slot of entry.slot ?? []) out.set(slot.name, slot.value);
    return out;
  }

  const seconds = (ms: number) => Math.floor(ms / 1000);
  const intervals = (m: PbxMunicipalityState) => m.closed.map((i) => `${seconds(i.from)}-${Math.ceil(i.to / 1000)}`).join(';');

  return {
    kind: 'kamailio-jsonrpc',
    playsMessage: true,
    async apply(input) {
      const state = PbxSwitchboardState.parse(input);
      const before = await dump();
      const keep = new Set<string>(['generated', 'valid']);
      for (const m of state.municipalities) {
        const k = m.municipality;
        await sets(`closed::${k}`, intervals(m));
        await seti(`night::${k}`, m.nightService?.closed ? 1 : 0);
        keep.add(`closed::${k}`).add(`night::${k}`);
        if (m.nightService) {
          await sets(`nightby::${k}`, m.nightService.by);
          await sets(`nightat::${k}`, String(m.nightService.at));
          keep.add(`nightby::${k}`).add(`nightat::${k}`);
        }
      }
      for (const m of state.municipalities) {
        for (const n of m.numbers) {
          await sets(`num::${n}`, m.municipality);
          keep.add(`num::${n}`);
        }
      }
      await seti('generated', seconds(state.generatedAt));
      await seti('valid', seconds(state.validUntil));
      for (const key of before.keys()) if (!keep.has(key)) await rpc('htable.delete', [table, key]);
    },
    async read() {
      const d = await dump();
      if (typeof d.get('valid') !== 'number') return null;
      const byMunicipality = new Map<string, string[]>();
      for (const [key, value] of d) {
        if (!key.startsWith('num::')) continue;
        const list = byMunicipality.get(String(value)) ?? [];
        list.push(key.slice(5));
        byMunicipality.set(String(value), list);
      }
      const municipalities = [...byMunicipality].map(([m, numbers]) => {
        const list = String(d.get(`closed::${m}`) ?? '');
        const by = d.get(`nightby::${m}`);
        return {
          municipality: m,
          numbers: numbers.sort(),
          nightService: by === undefined ? null : { closed: d.get(`night::${m}`) === 1, by: String(by), at: Number(d.get(`nightat::${m}`)) },
          closed: list
            ? list.split(';').map((iv) => {
                const [a, b] = iv.split('-').map(Number) as [number, number];
                return { from: a * 1000, to: b * 1000 };
              })
            : [],
        };
      });
      municipalities.sort((a, b) => a.municipality.localeCompare(b.municipality));
      const parsed = PbxSwitchboardState.safeParse({ generatedAt: Number(d.get('generated')) * 1000, validUntil: Number(d.get('valid')) * 1000, municipalities });
      if (!parsed.success) throw new KamailioRpcError(`the PBX holds a switchboard state this console cannot read: ${parsed.error.issues[0]?.message ?? ''}`);
      return parsed.data;
    },
    async installPrompt(municipality: HoursMunicipality, wav: Uint8Array) {
      if (!options.promptDir) throw new Error('no prompt directory is configured for the PBX: copy the WAV to the announcement server by hand');
      fs.mkdirSync(options.promptDir, { recursive: true });
      const file = path.join(options.promptDir, `closed-${municipality}.wav`);
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, wav);
      fs.renameSync(tmp, file); // the announcer never reads half a file
    },
  };
}

/**
 * One POST on a connection of its own (no keep-alive pool): Kamailio's xhttp closes connections
 * when it likes, and a pooled socket it had closed made requests fail ("fetch failed") at random.
 */
function postJson(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      { method: 'POST', agent: false, timeout: timeoutMs, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
