/**
 * Runs `work` over `items` with at most `limit` at once, in order of the items, and starts no
 * new item once `stopped()` says so. Each item is one job's whole exchange (a DELETE, maybe a
 * follow-up GET, retries with their pauses), which is why the limit lives here and not only in
 * the connection pool: the pool bounds sockets, this bounds jobs and knows which never started.
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
  stopped: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stopped()) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * `work`'s results over `items`, at most `limit` at once, in the items' order. The first
 * failure stops it: no item starts after it, and it is thrown once the running ones are done.
 */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let failure: { error: unknown } | null = null;
  await forEachLimited(
    items,
    limit,
    async (item, index) => {
      try {
        results[index] = await work(item);
      } catch (error) {
        failure ??= { error };
      }
    },
    () => failure !== null,
  );
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}
