// The web host's wire format: the contract carried as JSON text frames over a loopback WebSocket.
// Client → server: a request. Server → client: the response to a request, or a pushed event.
import { z } from 'zod';
import type { Envelope, EventName } from './contract';

export const WEB_IPC_PATH = '/ipc';
/** Offered and selected as the WebSocket subprotocol; the server never echoes the token. */
export const WEB_IPC_PROTOCOL = 'vaxel.v1';
/** The token travels as a second offered subprotocol, `vaxel-token.<64 hex>`, never in a URL. */
export const WEB_TOKEN_PROTOCOL_PREFIX = 'vaxel-token.';

export const WireRequest = z.object({
  id: z.union([z.string().max(64), z.number().int()]),
  method: z.string().max(64),
  input: z.unknown().optional(),
});
export type WireRequest = z.infer<typeof WireRequest>;

/** `id` is null when the frame was too broken to read an id from. */
export type WireResponse = { id: string | number | null; envelope: Envelope<unknown> };
export type WireEvent = { event: EventName; payload: unknown };
