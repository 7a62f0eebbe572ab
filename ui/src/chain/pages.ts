/**
 * readPages reads a paged chain query page after page until the chain says there is no more, or
 * `limit` items were kept (a view reads what it can show, not an unbounded list).
 */

/** Paged is what every paged gridledger query answers besides its items. */
interface Paged {
  readonly pagination?: { readonly nextKey: Uint8Array } | undefined;
}

/** PageKey is spread into a query's request: empty for the first page. */
export type PageKey = { readonly paginationKey?: Uint8Array };

export async function readPages<P extends Paged, T>(read: (page: PageKey) => Promise<P>, items: (page: P) => readonly T[], limit: number): Promise<T[]> {
  const out: T[] = [];
  let key: Uint8Array | undefined;
  do {
    const page = await read(key === undefined ? {} : { paginationKey: key });
    out.push(...items(page));
    key = page.pagination !== undefined && page.pagination.nextKey.length > 0 ? page.pagination.nextKey : undefined;
  } while (key !== undefined && out.length < limit);
  return out;
}
