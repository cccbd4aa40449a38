// One catalogue of coded errors. Each says where the problem came from and how to fix it.

export interface ContentIssue {
  file: string;
  line: number;
  column: number;
  /** Dotted path of the field, e.g. "intents[2].examples". */
  field: string;
  message: string;
  hint?: string;
}

export function formatIssue(i: ContentIssue): string {
  return `${i.file}:${i.line}:${i.column} ${i.field || '(file)'}: ${i.message}${i.hint ? ` (hint: ${i.hint})` : ''}`;
}

export class BotError extends Error {
  constructor(readonly code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Content files did not load; `issues` lists every problem found, not just the first. */
export class ContentError extends BotError {
  constructor(readonly issues: ContentIssue[]) {
    super('E_CONTENT', `content has ${issues.length} problem(s):\n` + issues.map((i) => '  ' + formatIssue(i)).join('\n'));
  }
}

/** The environment configuration is invalid. */
export class ConfigError extends BotError {
  constructor(problems: string[]) {
    super('E_CONFIG', `configuration has ${problems.length} problem(s):\n` + problems.map((p) => '  ' + p).join('\n') +
      '\n  (every key is documented in .env.example)');
  }
}

/** The WhatsApp login on disk is damaged: the bot refuses to start rather than link a new device silently. */
export class AuthStateError extends BotError {
  constructor(readonly file: string, reason: string) {
    super('E_WHATSAPP_AUTH', `WhatsApp credentials in ${file} cannot be read (${reason}). ` +
      'Restore that file from a backup, or delete its folder (WHATSAPP_AUTH_DIR) and start again to link the number anew.');
  }
}

/** A handler threw while answering; the user still gets a polite reply. */
export class HandlerError extends BotError {
  constructor(intent: string, cause: unknown) {
    super('E_HANDLER', `handler for ${intent} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
