// The operator's night-service switch per municipality, kept in the data folder so a restarted
// console pushes the same state (the PBX holds it too). A file that fails validation is set aside,
// logged, and treated as "no night service": the schedule still rules.
import fs from 'node:fs';
import { z } from 'zod';
import { NightService } from '../../../common/switchboard/pbxState';
import type { HoursMunicipality } from '../../../common/switchboard/schema';
import type { Logger } from '../log/logger';

const NightFile = z.object({ essunga: NightService.nullable().default(null), grastorp: NightService.nullable().default(null) }).strict();
export type NightState = Record<HoursMunicipality, NightService | null>;

export function readNightState(file: string, log: Logger): NightState {
  if (!fs.existsSync(file)) return { essunga: null, grastorp: null };
  try {
    return NightFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (error) {
    const backup = `${file}.bad-${Date.now()}`;
    fs.renameSync(file, backup);
    log.warn('switchboard.night-file-invalid', { error: error instanceof Error ? error.name : 'unknown', backup });
    return { essunga: null, grastorp: null };
  }
}

export function writeNightState(file: string, state: NightState): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
  fs.renameSync(tmp, file);
}
