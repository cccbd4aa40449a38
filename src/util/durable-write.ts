// Writing a file that a kill or a power cut cannot leave half-written: the data goes to a temporary name,
// is flushed to disk and renamed over the old file (rename is atomic on one file system), then the folder is
// flushed so the rename survives too. Used for WhatsApp credentials and for content saved by the workbench.
import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Temporary files of an interrupted write end in this; a store may remove them at start. */
export const TEMP_SUFFIX = '.tmp';

export async function writeDurably(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
  const file = await open(tmp, 'w');
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, path);
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } catch {
    /* some file systems cannot flush a folder; the rename is still atomic */
  } finally {
    await dir.close();
  }
}
