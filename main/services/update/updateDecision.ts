// Whether the console updates itself (issue 15 point 5), decided before electron-updater is asked
// to download anything: the admin may switch updates off (IT rolls out with its own tools), the
// feed is the internal server's generic one (<url>/<channel>.yml as electron-builder writes it),
// and only a strictly newer version on the right channel is taken. Pure but for the one fetch.
import yaml from 'js-yaml';
import semver from 'semver';
import { z } from 'zod';
import type { UpdatePolicy } from '../settings/adminFile';

/** What electron-builder writes into latest.yml (only the fields the decision reads). */
export const UpdateFeed = z.object({
  version: z.string().refine((v) => semver.valid(v) !== null, 'a semantic version'),
  files: z.array(z.object({ url: z.string().min(1), sha512: z.string().min(1), size: z.number().int().optional() })).min(1),
  releaseDate: z.string().optional(),
});
export type UpdateFeed = z.infer<typeof UpdateFeed>;

export type UpdateDecision =
  | { action: 'update'; version: string; feedUrl: string }
  | { action: 'none'; reason: 'disabled-by-admin' | 'no-feed' | 'up-to-date' | 'other-channel' | 'feed-unreachable' | 'feed-invalid'; detail?: string };

/** electron-updater's file names: latest.yml (Windows), latest-linux.yml, latest-mac.yml. */
export function feedFileName(channel: string, platform: NodeJS.Platform): string {
  if (platform === 'linux') return `${channel}-linux.yml`;
  if (platform === 'darwin') return `${channel}-mac.yml`;
  return `${channel}.yml`;
}

export function feedFileUrl(base: string, channel: string, platform: NodeJS.Platform): string {
  return new URL(feedFileName(channel, platform), base.endsWith('/') ? base : `${base}/`).href;
}

export function parseFeed(text: string): { ok: true; feed: UpdateFeed } | { ok: false; detail: string } {
  let raw: unknown;
  try {
    raw = yaml.load(text, { schema: yaml.JSON_SCHEMA });
  } catch (error) {
    return { ok: false, detail: `not YAML (${error instanceof Error ? error.name : 'error'})` };
  }
  const feed = UpdateFeed.safeParse(raw);
  if (!feed.success) return { ok: false, detail: feed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ') };
  return { ok: true, feed: feed.data };
}

const CHANNEL_RANK = { latest: 0, beta: 1, alpha: 2 } as const;

/** The channel a version belongs to: 1.2.0 latest, 1.2.0-beta.1 beta, 1.2.0-alpha.3 alpha. */
export function channelOf(version: string): keyof typeof CHANNEL_RANK {
  const tag = semver.prerelease(version)?.[0];
  return tag === 'alpha' ? 'alpha' : tag === undefined ? 'latest' : 'beta';
}

/** The decision for a feed already read. A machine on beta also takes releases; latest never takes pre-releases. */
export function decideFromFeed(current: string, feed: UpdateFeed, policy: UpdatePolicy, feedUrl: string): UpdateDecision {
  if (CHANNEL_RANK[channelOf(feed.version)] > CHANNEL_RANK[policy.channel]) return { action: 'none', reason: 'other-channel', detail: feed.version };
  if (!semver.gt(feed.version, current)) return { action: 'none', reason: 'up-to-date', detail: feed.version };
  return { action: 'update', version: feed.version, feedUrl };
}

export interface CheckOptions {
  current: string;
  policy: UpdatePolicy;
  platform?: NodeJS.Platform;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Reads the feed and decides; never throws (an unreachable server is an answer, not a crash). */
export async function checkForUpdate(options: CheckOptions): Promise<UpdateDecision> {
  const { policy } = options;
  if (policy.disabled) return { action: 'none', reason: 'disabled-by-admin' };
  if (!policy.url) return { action: 'none', reason: 'no-feed' };
  const url = feedFileUrl(policy.url, policy.channel, options.platform ?? process.platform);
  let text: string;
  try {
    const response = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 15_000), redirect: 'error' });
    if (!response.ok) return { action: 'none', reason: 'feed-unreachable', detail: `HTTP ${response.status}` };
    text = await response.text();
  } catch (error) {
    return { action: 'none', reason: 'feed-unreachable', detail: error instanceof Error ? error.name : 'error' };
  }
  const parsed = parseFeed(text);
  if (!parsed.ok) return { action: 'none', reason: 'feed-invalid', detail: parsed.detail };
  return decideFromFeed(options.current, parsed.feed, policy, policy.url);
}
