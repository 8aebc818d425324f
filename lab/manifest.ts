// Typed loader for lab/lab.json: the one place tests and tools learn the lab's addresses,
// ports and accounts. Validated with zod so a typo in the manifest fails loudly, not as a 404.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const LAB_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(LAB_DIR, '..');

const Account = z.object({ username: z.string().min(1), password: z.string().min(1) });
const Municipality = z.enum(['essunga', 'grastorp']);

export const LabManifest = z.object({
  sipDomain: z.string().min(1),
  ports: z.object({
    sipUdp: z.number().int(),
    sipWs: z.number().int(),
    rtpengineNg: z.number().int(),
    rtpMin: z.number().int(),
    rtpMax: z.number().int(),
  }),
  wsUrl: z.string().regex(/^wss?:\/\//),
  /** Fixed namespace that `npm run lab` creates and `npm run lab -- call` joins. */
  netns: z.string().min(1),
  operators: z.array(Account.extend({ displayName: z.string().min(1) })).min(1),
  /** Simulated PSTN trunk: authenticates as itself, may assert any caller number in From. */
  gateway: Account,
  switchboards: z
    .array(
      z.object({
        id: z.string().min(1),
        municipality: z.enum(['essunga', 'grastorp', 'internal']),
        numbers: z.array(z.string().min(1)).min(1),
        display: z.string().min(1),
      }),
    )
    .min(1),
  extensionRanges: z
    .array(
      z.object({
        municipality: Municipality,
        first: z.number().int(),
        last: z.number().int(),
        /** Direct number = directPrefix + extension (E.164). */
        directPrefix: z.string().regex(/^\+\d+$/),
      }),
    )
    .min(1),
  /** SIP password of employee accounts; {ext} is replaced by the extension. */
  employeePasswordTemplate: z.string().includes('{ext}'),
  voicemailUriTemplate: z.string().includes('{ext}'),
  /**
   * The PSTN gateway side for dial-outs (P-DIALOUT): an INVITE to `prefix` + a number as dialled from
   * Sweden is sent to host:sipPort, where the external subscriber (SIPp, lab/sipp/external.xml) answers.
   */
  pstnOut: z.object({
    prefix: z.string().regex(/^[0-9]{1,4}$/),
    host: z.string().min(1),
    sipPort: z.number().int(),
    mediaPort: z.number().int(),
  }),
  /** The shared team store (issue 13): PostgreSQL on 127.0.0.1:port, one role per operator. */
  teamStore: z.object({ port: z.number().int(), database: z.string().min(1), passwordTemplate: z.string().includes('{user}') }).optional(),
  demoOrg: z.object({
    seed: z.number().int(),
    defaultSize: z.number().int().positive(),
    /** Where the default demo directory (JSON + CSV) is written, relative to the repo root. */
    dir: z.string().min(1),
  }),
});
export type LabManifest = z.infer<typeof LabManifest>;

export function loadLabManifest(file = path.join(LAB_DIR, 'lab.json')): LabManifest {
  return LabManifest.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** Absolute path of the generated demo directory. */
export function demoOrgDir(m: LabManifest): string {
  return path.resolve(REPO_ROOT, m.demoOrg.dir);
}

export function employeePassword(m: LabManifest, ext: string): string {
  return m.employeePasswordTemplate.replaceAll('{ext}', ext);
}

export function voicemailUri(m: LabManifest, ext: string): string {
  return m.voicemailUriTemplate.replaceAll('{ext}', ext);
}
