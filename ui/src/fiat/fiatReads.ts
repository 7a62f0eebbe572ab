/** The Fiat view's paged reads: a bank's redemptions and the newest entries of its audit trail. */
import type { AuditEntry, GridledgerClient, Redemption } from "@gridledger/client";
import { readPages } from "../chain/pages.js";

/** READ_REDEMPTIONS: at most this many redemptions are read per bank and block. */
const READ_REDEMPTIONS = 2_000;

export async function allRedemptions(client: GridledgerClient, denom: string): Promise<Redemption[]> {
  const out = await readPages((page) => client.query.fiat.redemptions(denom, page), (p) => p.redemptions, READ_REDEMPTIONS);
  return out.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** AUDIT_SHOWN: the bank sees its latest audit entries; the whole trail is in query.fiat.auditTrail. */
export const AUDIT_SHOWN = 20;

/** latestAudit reads a bank's audit trail (oldest first, paged) and keeps the newest entries. */
export async function latestAudit(client: GridledgerClient, denom: string): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let key: Uint8Array | undefined;
  do {
    const page = await client.query.fiat.auditTrail(denom, key === undefined ? {} : { paginationKey: key });
    out.push(...page.entries);
    if (out.length > 4 * AUDIT_SHOWN) out.splice(0, out.length - AUDIT_SHOWN);
    key = page.pagination?.nextKey !== undefined && page.pagination.nextKey.length > 0 ? page.pagination.nextKey : undefined;
  } while (key !== undefined);
  return out.slice(-AUDIT_SHOWN).reverse();
}
