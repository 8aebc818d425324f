// Media assertions for calls: SIP.js can say Established while no audio flows (ICE stuck in
// "new"), so tests prove audio with getStats counters growing over time.
import assert from 'node:assert/strict';

export interface MediaSample {
  ice: string;
  inboundBytes: number;
  outboundBytes: number;
}

export interface AudioFlowOptions {
  /** Also require outbound bytes to grow (this side is sending). Default false. */
  bothWays?: boolean;
  intervalMs?: number;
  label?: string;
}

export interface AudioFlow {
  first: MediaSample;
  second: MediaSample;
  inboundDelta: number;
  outboundDelta: number;
}

export async function assertAudioFlows(getStats: () => Promise<MediaSample | null>, opts: AudioFlowOptions = {}): Promise<AudioFlow> {
  const label = opts.label ? `${opts.label}: ` : '';
  const first = await getStats();
  assert.ok(first, `${label}no peer connection (no call, or not established)`);
  await new Promise((r) => setTimeout(r, opts.intervalMs ?? 1500));
  const second = await getStats();
  assert.ok(second, `${label}the peer connection went away`);
  assert.ok(['connected', 'completed'].includes(second.ice), `${label}ICE is "${second.ice}", not connected/completed`);
  const inboundDelta = second.inboundBytes - first.inboundBytes;
  const outboundDelta = second.outboundBytes - first.outboundBytes;
  assert.ok(inboundDelta > 0, `${label}inbound audio bytes did not grow (${first.inboundBytes} -> ${second.inboundBytes})`);
  if (opts.bothWays) {
    assert.ok(outboundDelta > 0, `${label}outbound audio bytes did not grow (${first.outboundBytes} -> ${second.outboundBytes})`);
  }
  return { first, second, inboundDelta, outboundDelta };
}
