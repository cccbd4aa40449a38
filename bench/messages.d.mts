// Types of bench/messages.mjs (plain JavaScript, so the benchmark's worker processes load it without tsx).
export function baseConversations(root?: string): string[][];
export function messageMaker(seed?: number): (text: string) => string;
export function distinctRounds(base: string[][], rounds: number, seed?: number): string[][][];
