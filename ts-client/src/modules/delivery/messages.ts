import type { EncodeObject, GeneratedType } from "@cosmjs/proto-signing";

import { MsgSubmitReadings, MsgUpdateParams } from "../../generated/gridledger/delivery/v1/tx.js";

// Type URLs are "/" + the proto full name; the chain's interface registry resolves Anys by them.
export const msgUpdateDeliveryParamsTypeUrl = "/gridledger.delivery.v1.MsgUpdateParams";
export const msgSubmitReadingsTypeUrl = "/gridledger.delivery.v1.MsgSubmitReadings";
export const msgSubmitReadingsResponseTypeUrl = "/gridledger.delivery.v1.MsgSubmitReadingsResponse";

/** deliveryTypes are the registry entries of x/delivery's messages. */
export const deliveryTypes: ReadonlyArray<[string, GeneratedType]> = [
  [msgUpdateDeliveryParamsTypeUrl, MsgUpdateParams],
  [msgSubmitReadingsTypeUrl, MsgSubmitReadings],
];

export interface MsgUpdateDeliveryParamsEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgUpdateDeliveryParamsTypeUrl;
  readonly value: Partial<MsgUpdateParams>;
}

export interface MsgSubmitReadingsEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgSubmitReadingsTypeUrl;
  readonly value: Partial<MsgSubmitReadings>;
}

export function isMsgSubmitReadingsEncodeObject(o: EncodeObject): o is MsgSubmitReadingsEncodeObject {
  return o.typeUrl === msgSubmitReadingsTypeUrl;
}
