/**
 * Start-up failures (store unreadable, data folder not writable) must not leave a windowless
 * process: main shows this text in an error dialog and exits 1.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors';
import { redactSecrets } from '../logging/redact';

function plainReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file is in the way';
    case 'EISDIR':
      return 'a folder is where a file should be';
    default:
      return code ? `error ${code}` : 'an unexpected error';
  }
}

/** Creates the data folder if needed and proves DevKeys can write there. */
export function ensureWritableDataDir(dir: string): void {
  const probe = join(dir, `.devkeys-write-test-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    throw new AppError('storage', `DevKeys cannot write to its data folder ${dir} (${plainReason(error)}).`, { cause: error });
  }
}

export interface StartupFailure {
  title: string;
  message: string;
}

export function startupFailure(error: unknown, dataDir: string): StartupFailure {
  const what =
    error instanceof AppError
      ? error.message
      : `DevKeys could not open its data in ${dataDir} (${plainReason(error)}).`;
  return {
    title: 'DevKeys could not start',
    message: redactSecrets(
      `${what}\n\nCheck that this folder exists, belongs to you and is writable, then start DevKeys again:\n${dataDir}\n\nDevKeys will now close.`,
    ),
  };
}
