/**
 * The journal's files hold something that cannot have come from a crash of this code: a damaged
 * record with intact ones after it, a damaged snapshot, a missing file. Loading around it would
 * serve half a state, so opening refuses; a person has to look (the message says where).
 */
export class JournalCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly offset: number,
    detail: string,
  ) {
    super(`journal file ${file}, byte ${offset}: ${detail}`);
    this.name = 'JournalCorruptError';
  }
}

/**
 * A write or fsync of the log failed. After a failed fsync the kernel may have dropped the dirty
 * pages, so what is on disk is unknown: every later append is refused until the journal is
 * reopened, which re-reads the truth from disk.
 */
export class JournalFailedError extends Error {
  constructor(cause: unknown) {
    super(`journal: a write to the log failed, reopen the journal (${String(cause)})`, { cause });
    this.name = 'JournalFailedError';
  }
}

/** Another live process (or this one) has the data directory open. */
export class JournalLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JournalLockedError';
  }
}
