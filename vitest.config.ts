import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests never write into the working copy's var/: the bots and processes they start record unanswered
// messages in a temporary folder instead (a test that needs the file passes its own path).
const scratch = mkdtempSync(join(tmpdir(), 'pandawa-tests-'));

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    env: { UNANSWERED_FILE: join(scratch, 'unanswered.jsonl'), EDITOR_AUDIT_FILE: join(scratch, 'editor-audit.jsonl'),
      CONTENT_PARSE_CACHE: join(scratch, 'content-parse-cache.bin') },
  },
});
