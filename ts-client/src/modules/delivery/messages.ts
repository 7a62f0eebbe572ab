import type { EncodeObject, GeneratedType } from "@cosmjs/proto-signing";

import { MsgPublishReferencePrice, MsgSubmitReadings, MsgUpdateParams } from "../../generated/gridledger/delivery/v1/tx.js";

// Type URLs are "/" + the proto full name; the chain's interface registry resolves Anys by them.
export const msgUpdateDeliveryParamsTypeUrl = "/gridledger.delivery.v1.MsgUpdateParams";
export const msgSubmitReadingsTypeUrl = "/gridledger.delivery.v1.MsgSubmitReadings";
export const msgSubmitReadingsResponseTypeUrl = "/gridledger.delivery.v1.MsgSubmitReadingsResponse";
export const msgPublishReferencePriceTypeUrl = "/gridledger.delivery.v1.MsgPublishReferencePrice";

/** deliveryTypes are the registry entries of x/delivery's messages. */
export const deliveryTypes: ReadonlyArray<[string, GeneratedType]> = [
  [msgUpdateDeliveryParamsTypeUrl, MsgUpdateParams],
  [msgSubmitReadingsTypeUrl, MsgSubmitReadings],
  [msgPublishReferencePriceTypeUrl, MsgPublishReferencePrice],
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

/**
 * MsgPublishReferencePriceEncodeObject publishes the price imbalances of a category are priced at
 * when its market traded too little; only the grid operator may sign it.
 */
export interface MsgPublishReferencePriceEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgPublishReferencePriceTypeUrl;
  readonly value: Partial<MsgPublishReferencePrice>;
}

export function isMsgPublishReferencePriceEncodeObject(o: EncodeObject): o is MsgPublishReferencePriceEncodeObject {
  return o.typeUrl === msgPublishReferencePriceTypeUrl;
}
