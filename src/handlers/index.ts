// Routing in one place: intent -> handler. Intents not listed here answer with their "default" response.
// At load, both directions are checked: every listed intent exists, every intent has its answers.
import type { ResponseSpec } from '../content/load.js';
import type { HandlerEntry } from './types.js';
import { coverageHandlers } from './coverage.js';
import { awardHandlers } from './award.js';
import { simpleHandlers, answerDefault } from './simple.js';

export const HANDLERS: Readonly<Record<string, HandlerEntry>> = {
  ...coverageHandlers,
  ...awardHandlers,
  ...simpleHandlers,
};

export function handlerFor(intent: string): HandlerEntry {
  return HANDLERS[intent] ?? { handle: answerDefault, cases: { default: [] } };
}

export const RESPONSE_SPEC: ResponseSpec = new Map(Object.entries(HANDLERS).map(([k, v]) => [k, v.cases]));
