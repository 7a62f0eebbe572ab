import type { SignedReading } from "../../generated/gridledger/delivery/v1/types.js";
import { msgSubmitReadingsTypeUrl, type MsgSubmitReadingsEncodeObject } from "./messages.js";

/** submitReadingsMsg carries signed readings; the submitter is a data hub, an aggregator or the operator. */
export function submitReadingsMsg(submitter: string, readings: readonly SignedReading[]): MsgSubmitReadingsEncodeObject {
  return { typeUrl: msgSubmitReadingsTypeUrl, value: { submitter, readings: [...readings] } };
}
