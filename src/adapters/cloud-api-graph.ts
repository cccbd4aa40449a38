// The Graph API side of the Cloud API channel: what a reply looks like on the wire (text, or the menu as an
// interactive list), sending it with bounded retries on 429/5xx (honouring Retry-After), and reading Meta's
// error objects (Graph responses and webhook errors) into one masked shape for logs and metrics.
import { redact } from '../nlu/pii.js';

/** A Meta error, as in Graph responses (`error`) and webhooks (`errors[]`), masked for logging. */
export interface MetaError { code: string; title?: string; message?: string; details?: string; subcode?: string; fbtraceId?: string }

const mask = (v: unknown) => (typeof v === 'string' && v ? redact(v).slice(0, 300) : undefined);

/** Reads one Meta error object (either shape); personal data in its texts is masked. */
export function metaError(e: unknown): MetaError {
  const o = (e ?? {}) as { code?: unknown; title?: unknown; message?: unknown; type?: unknown; error_user_title?: unknown; error_subcode?: unknown;
    error_data?: { details?: unknown }; fbtrace_id?: unknown };
  return {
    code: String(o.code ?? 'unknown'),
    title: mask(o.title ?? o.error_user_title ?? o.type),
    message: mask(o.message),
    details: mask(o.error_data?.details),
    subcode: o.error_subcode === undefined ? undefined : String(o.error_subcode),
    fbtraceId: typeof o.fbtrace_id === 'string' ? o.fbtrace_id : undefined,
  };
}

/** The body the Graph API sends back on an error, read whatever it is (JSON with `error`, or not). */
export function graphError(status: number, body: string): MetaError {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (parsed && typeof parsed === 'object' && parsed.error) return metaError(parsed.error);
  } catch { /* not JSON */ }
  return { code: `http_${status}`, message: mask(body) };
}

/** Meta's throttling error codes, retried like a 429 whatever the HTTP status. */
const THROTTLED = new Set(['4', '80007', '130429', '131056']);

export const retryable = (status: number, err: MetaError) => status === 429 || status >= 500 || THROTTLED.has(err.code);

/** Milliseconds to wait from a Retry-After header (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** One reply as a Graph API message body. */
export type GraphMessage = { type: 'text'; text: { preview_url: false; body: string } }
  | { type: 'interactive'; interactive: { type: 'list'; body: { text: string }; action: { button: string; sections: Array<{ title: string; rows: Array<{ id: string; title: string; description?: string }> }> } } };

/** Row ids of the menu list: a tap comes back as the item's number, which the bot reads as the menu choice. */
export const MENU_ROW = 'menu:';
const ITEM = /^(\d{1,2})\.\s+(.+)$/;

/**
 * The menu reply ("intro, 1. ..., 2. ..., closing line") as an interactive list the user can tap; undefined when
 * the text is not such a list or does not fit WhatsApp's limits (10 rows, 24-character titles, 72-character descriptions).
 */
export function menuAsList(text: string, lang: string): GraphMessage | undefined {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => ITEM.test(l));
  if (first < 0) return undefined;
  const items: Array<{ n: string; label: string }> = [];
  let i = first;
  for (; i < lines.length; i++) {
    const m = ITEM.exec(lines[i] ?? '');
    if (!m || Number(m[1]) !== items.length + 1) break;
    items.push({ n: m[1] as string, label: (m[2] as string).trim() });
  }
  if (items.length < 2 || items.length > 10 || items.some((x) => x.label.length > 72)) return undefined;
  const body = [...lines.slice(0, first), ...lines.slice(i)].join('\n').trim();
  if (!body || body.length > 1024) return undefined;
  const short = (s: string) => (s.length <= 24 ? s : `${s.slice(0, 23).trimEnd()}…`);
  return {
    type: 'interactive',
    interactive: {
      type: 'list', body: { text: body },
      action: { button: lang === 'en' ? 'Choose' : 'Pilih', sections: [{ title: 'Menu', rows: items.map((x) => ({
        id: `${MENU_ROW}${x.n}`, title: short(x.label), ...(x.label.length > 24 ? { description: x.label } : {}) })) }] },
    },
  };
}

export const textMessage = (body: string): GraphMessage => ({ type: 'text', text: { preview_url: false, body } });
