/** True for MongoDB's (and FerretDB's) duplicate-key error, raised by a unique index. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === 11000;
}
