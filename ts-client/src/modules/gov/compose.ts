/**
 * Governance for any module: wrap messages whose signer is the x/gov module account (bank
 * approvals, parameter changes) into a proposal, and vote on it.
 */
import type { EncodeObject, Registry } from "@cosmjs/proto-signing";
import type { VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";

import { type CoinInput, toCoin } from "../fiat/compose.js";
import {
  msgSubmitProposalV1TypeUrl,
  type MsgSubmitProposalV1EncodeObject,
  msgVoteV1TypeUrl,
  type MsgVoteV1EncodeObject,
} from "./messages.js";

/** ProposalOptions are the optional parts of a proposal. */
export interface ProposalOptions {
  /** metadata is free text or a link (the SDK suggests a JSON document on IPFS). Default "". */
  readonly metadata?: string;
  /** expedited proposals have a shorter voting period, a higher deposit and a higher threshold. */
  readonly expedited?: boolean;
}

/**
 * submitProposalMsg builds a gov v1 MsgSubmitProposal. Each message is encoded into an Any with
 * `registry`, which must know its type (gridledgerRegistry knows the SDK's and gridledger's); the
 * messages' authority must be the x/gov module address (GOV_AUTHORITY).
 */
export function submitProposalMsg(
  registry: Registry,
  proposer: string,
  messages: readonly EncodeObject[],
  deposit: readonly CoinInput[],
  title: string,
  summary: string,
  options: ProposalOptions = {},
): MsgSubmitProposalV1EncodeObject {
  return {
    typeUrl: msgSubmitProposalV1TypeUrl,
    value: {
      messages: messages.map((m) => registry.encodeAsAny(m)),
      initialDeposit: deposit.map(toCoin),
      proposer,
      metadata: options.metadata ?? "",
      title,
      summary,
      expedited: options.expedited ?? false,
    },
  };
}

/** voteMsg builds a gov v1 MsgVote; option is e.g. VoteOption.VOTE_OPTION_YES. */
export function voteMsg(
  voter: string,
  proposalId: bigint | number,
  option: VoteOption,
  metadata = "",
): MsgVoteV1EncodeObject {
  return { typeUrl: msgVoteV1TypeUrl, value: { proposalId: BigInt(proposalId), voter, option, metadata } };
}
