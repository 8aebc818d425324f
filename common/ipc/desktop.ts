// The contract's desktop part (issue 15 point 2): the renderer reports what the tray and the
// attention signals need (never call data), main forwards global shortcuts and tel:/sip: links.
import { z } from 'zod';

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export type DesktopStateReport = z.infer<typeof DesktopStateReport>;
export const DesktopStateReport = z
  .object({
    registered: z.boolean(),
    waiting: z.number().int().min(0).max(1000),
  })
  .strict();

export const GlobalShortcutEvent = z.object({ action: z.enum(['answer', 'hangup', 'hold', 'mute']) });
export const DialRequestEvent = z.object({ target: z.string().min(1).max(300), scheme: z.enum(['tel', 'sip']) });

export const desktopContractMethods = {
  /** Registration and waiting callers, for the tray, notifications and taskbar (web host: ignored). */
  reportDesktopState: method(DesktopStateReport, z.undefined()),
} as const;

export const desktopContractEvents = {
  /** A global shortcut was pressed while another program had focus. */
  globalShortcut: GlobalShortcutEvent,
  /** A tel:/sip: link was opened: start a dial-out prefilled with the target. */
  dialRequest: DialRequestEvent,
} as const;
