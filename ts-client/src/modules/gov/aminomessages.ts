import type { AminoMsg } from "@cosmjs/amino";
import type { Registry } from "@cosmjs/proto-signing";
import type { AminoConverters, AminoTypes } from "@cosmjs/stargate";
import type { VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { MsgSubmitProposal, MsgVote } from "cosmjs-types/cosmos/gov/v1/tx";

import { compact, omitBool, omitNumber, omitString } from "../../aminojson.js";
import { type AminoCoin, coinFromAmino, coinToAmino } from "../fiat/aminomessages.js";
import { msgSubmitProposalV1TypeUrl, msgVoteV1TypeUrl } from "./messages.js";

// CosmJS converts only gov v1beta1 to amino; these are the v1 messages, so that proposals can be
// signed with Ledger or Keplr too. See ../../aminojson.ts for the encoding rules.

export interface AminoMsgSubmitProposalV1 extends AminoMsg {
  readonly type: "cosmos-sdk/v1/MsgSubmitProposal";
  readonly value: {
    /** messages are the proposal's messages in their own amino JSON, {type, value} each. */
    readonly messages?: AminoMsg[];
    /** initial_deposit is always present (legacy_coins), [] when empty. */
    readonly initial_deposit: AminoCoin[];
    readonly proposer?: string;
    readonly metadata?: string;
    readonly title?: string;
    readonly summary?: string;
    readonly expedited?: boolean;
  };
}

export interface AminoMsgVoteV1 extends AminoMsg {
  readonly type: "cosmos-sdk/v1/MsgVote";
  readonly value: {
    /** proposal_id is always present (dont_omitempty), a uint64 as a decimal string. */
    readonly proposal_id: string;
    readonly voter?: string;
    readonly option?: VoteOption;
    readonly metadata?: string;
  };
}

export function isAminoMsgSubmitProposalV1(msg: AminoMsg): msg is AminoMsgSubmitProposalV1 {
  return msg.type === "cosmos-sdk/v1/MsgSubmitProposal";
}

export function isAminoMsgVoteV1(msg: AminoMsg): msg is AminoMsgVoteV1 {
  return msg.type === "cosmos-sdk/v1/MsgVote";
}

/**
 * createGovV1AminoConverters converts gov v1 MsgSubmitProposal and MsgVote. A proposal's messages
 * are Anys: `registry` decodes and encodes them, `inner` converts them to and from amino (it must
 * know every message type a proposal carries; createGridledgerAminoTypes wires both).
 */
export function createGovV1AminoConverters(registry: Registry, inner: AminoTypes): AminoConverters {
  return {
    [msgSubmitProposalV1TypeUrl]: {
      aminoType: "cosmos-sdk/v1/MsgSubmitProposal",
      toAmino: (value: Partial<MsgSubmitProposal>): AminoMsgSubmitProposalV1["value"] => {
        const m = MsgSubmitProposal.fromPartial(value);
        const messages = m.messages.map((any) =>
          inner.toAmino({ typeUrl: any.typeUrl, value: registry.decode(any) as unknown }),
        );
        return compact({
          messages: messages.length === 0 ? undefined : messages,
          initial_deposit: m.initialDeposit.map(coinToAmino),
          proposer: omitString(m.proposer),
          metadata: omitString(m.metadata),
          title: omitString(m.title),
          summary: omitString(m.summary),
          expedited: omitBool(m.expedited),
        });
      },
      fromAmino: (value: AminoMsgSubmitProposalV1["value"]): MsgSubmitProposal => ({
        messages: (value.messages ?? []).map((msg) => registry.encodeAsAny(inner.fromAmino(msg))),
        initialDeposit: value.initial_deposit.map(coinFromAmino),
        proposer: value.proposer ?? "",
        metadata: value.metadata ?? "",
        title: value.title ?? "",
        summary: value.summary ?? "",
        expedited: value.expedited ?? false,
      }),
    },
    [msgVoteV1TypeUrl]: {
      aminoType: "cosmos-sdk/v1/MsgVote",
      toAmino: (value: Partial<MsgVote>): AminoMsgVoteV1["value"] => {
        const m = MsgVote.fromPartial(value);
        return compact({
          proposal_id: m.proposalId.toString(),
          voter: omitString(m.voter),
          option: omitNumber(m.option),
          metadata: omitString(m.metadata),
        });
      },
      fromAmino: (value: AminoMsgVoteV1["value"]): MsgVote => ({
        proposalId: BigInt(value.proposal_id),
        voter: value.voter ?? "",
        option: value.option ?? 0,
        metadata: value.metadata ?? "",
      }),
    },
  };
}
