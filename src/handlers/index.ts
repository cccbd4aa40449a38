// Routing in one place: intent -> handler. Intents not listed here answer with the case their question
// asks for (the `asks` of responses/) or their "default" response, so a new FAQ needs no code.
// At load, both directions are checked: every listed intent exists, every intent has its answers.
import type { ResponseSpec } from '../content/load.js';
import type { Handler } from './types.js';
import { coverageHandlers } from './coverage.js';
import { awardHandlers } from './award.js';
import { simpleHandlers, answerAsked } from './simple.js';

export const HANDLERS: Readonly<Record<string, Handler>> = {
  ...coverageHandlers,
  ...awardHandlers,
  ...simpleHandlers,
};

const ANSWER_ASKED: Handler = { cases: { default: [] }, answer: answerAsked };

export function handlerFor(intent: string): Handler {
  return HANDLERS[intent] ?? ANSWER_ASKED;
}

export const RESPONSE_SPEC: ResponseSpec = new Map(Object.entries(HANDLERS).map(([k, v]) => [k, v.cases]));
