import type { EncodeObject } from "@cosmjs/proto-signing";
import type { MsgSubmitProposal, MsgVote } from "cosmjs-types/cosmos/gov/v1/tx";

// x/gov v1 messages. CosmJS's default registry already holds their types (govTypes); these are the
// typed EncodeObjects it offers only for v1beta1.
export const msgSubmitProposalV1TypeUrl = "/cosmos.gov.v1.MsgSubmitProposal";
export const msgSubmitProposalV1ResponseTypeUrl = "/cosmos.gov.v1.MsgSubmitProposalResponse";
export const msgVoteV1TypeUrl = "/cosmos.gov.v1.MsgVote";

/** MsgSubmitProposalV1EncodeObject is a gov v1 proposal whose `messages` are Anys of any module. */
export interface MsgSubmitProposalV1EncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgSubmitProposalV1TypeUrl;
  readonly value: Partial<MsgSubmitProposal>;
}

export interface MsgVoteV1EncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgVoteV1TypeUrl;
  readonly value: Partial<MsgVote>;
}

export function isMsgSubmitProposalV1EncodeObject(o: EncodeObject): o is MsgSubmitProposalV1EncodeObject {
  return o.typeUrl === msgSubmitProposalV1TypeUrl;
}

export function isMsgVoteV1EncodeObject(o: EncodeObject): o is MsgVoteV1EncodeObject {
  return o.typeUrl === msgVoteV1TypeUrl;
}
