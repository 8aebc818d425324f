// Renders lab/kamailio/kamailio.cfg (a template with {{NAME}} placeholders) into the run dir.
import fs from 'node:fs';
import path from 'node:path';
import { LAB_DIR, type LabManifest } from '../manifest.js';

export const KAMAILIO_TEMPLATE = path.join(LAB_DIR, 'kamailio', 'kamailio.cfg');

export function renderKamailioCfg(m: LabManifest, runDir: string, dbPath: string, rpcToken: string): string {
  const values: Record<string, string> = {
    RUN_DIR: runDir,
    DB_PATH: dbPath,
    GATEWAY_USER: m.gateway.username,
    // for a regex alternation: operator names are plain account names, anything else escaped
    OPERATOR_USERS: m.operators.map((o) => o.username.replace(/[^A-Za-z0-9_-]/g, (c) => `\\${c}`)).join('|'),
    SIP_IP: m.sipDomain,
    SIP_UDP_PORT: String(m.ports.sipUdp),
    SIP_WS_PORT: String(m.ports.sipWs),
    RTPENGINE_NG_PORT: String(m.ports.rtpengineNg),
    PSTN_PREFIX: m.pstnOut.prefix,
    PSTN_PREFIX_LEN: String(m.pstnOut.prefix.length),
    PSTN_HOST: m.pstnOut.host,
    PSTN_PORT: String(m.pstnOut.sipPort),
    // the PBX control's JSON-RPC token: letters, digits, - and _ only (it sits in a cfg string)
    RPC_TOKEN: /^[A-Za-z0-9_-]{16,}$/.test(rpcToken)
      ? rpcToken
      : (() => {
          throw new Error('kamailio.cfg: bad RPC token');
        })(),
  };
  const text = fs.readFileSync(KAMAILIO_TEMPLATE, 'utf8').replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`kamailio.cfg: unknown placeholder ${whole}`);
    return v;
  });
  const out = path.join(runDir, 'kamailio.cfg');
  fs.writeFileSync(out, text);
  return out;
}
