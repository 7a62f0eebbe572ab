import type { SignedReading } from "../../generated/gridledger/delivery/v1/types.js";

/**
 * splitReadings cuts readings into batches of at most `maxPerTx`, keeping their order; each
 * batch's `offset` is the index of its first reading in `readings`.
 */
export function splitReadings(
  readings: readonly SignedReading[],
  maxPerTx: number,
): Array<{ offset: number; readings: SignedReading[] }> {
  if (!Number.isInteger(maxPerTx) || maxPerTx < 1) throw new Error("maxPerTx must be a positive integer");
  const out: Array<{ offset: number; readings: SignedReading[] }> = [];
  for (let offset = 0; offset < readings.length; offset += maxPerTx) {
    out.push({ offset, readings: readings.slice(offset, offset + maxPerTx) });
  }
  return out;
}

/** ReadingResult is what became of one reading submitted through GridledgerClient.submitReadings. */
export interface ReadingResult {
  /** index is the reading's position in the list given to submitReadings. */
  readonly index: number;
  readonly meterId: string;
  readonly period: bigint;
  readonly accepted: boolean;
  /** code is the x/delivery error code of a refusal (0 when accepted). */
  readonly code: number;
  /** reason is the chain's sentence for a refusal ("" when accepted). */
  readonly reason: string;
  /** explanation says, for a refusal, what to do (from the client's error sentences). */
  readonly explanation: string | undefined;
  /** transactionHash is the transaction that carried the reading. */
  readonly transactionHash: string;
}

/** SubmitReadingsResult sums up a submitReadings call. */
export interface SubmitReadingsResult {
  readonly accepted: number;
  readonly refused: number;
  /** outcomes has one entry per reading, in the order given. */
  readonly outcomes: readonly ReadingResult[];
  /** transactionHashes are the transactions sent, in order. */
  readonly transactionHashes: readonly string[];
}
