/**
 * Buying an offered side: reads what the confirmation needs (the bank's fee model, the buyer's
 * settlement account, position and limit), shows it, then signs with the connected account and
 * waits for the block. Every step shows where it is; a refusal shows its sentence.
 */
import { FeeKind, type FeeModel, type GridledgerClient } from "@gridledger/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";

import { chainKey, useChain } from "../chain/ChainProvider.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { ErrorNote, Loading, TestKeyBadge } from "../components/Status.js";
import { useNames } from "../components/useNames.js";
import { formatMoney } from "../format/units.js";
import { useWallet } from "../wallet/WalletProvider.js";
import { BuyConfirmation, blocked } from "./BuyConfirmation.js";
import type { Offer } from "./offers.js";
import { purchasePreview } from "./purchase.js";
import type { Bank } from "../chain/reads.js";

/** feeText describes a bank's fee model: "5 basis points of the payment", "CHF 0.01 per payment". */
export function feeText(model: FeeModel, bank: Bank): string {
  switch (model.kind) {
    case FeeKind.FEE_KIND_BASIS_POINTS:
      return `${model.basisPoints} basis point${model.basisPoints === 1 ? "" : "s"} of the payment, to the bank that issues ${bank.denom}`;
    case FeeKind.FEE_KIND_FIXED:
      return `${formatMoney(BigInt(model.fixedAmount || "0"), bank)} per payment, to the bank that issues ${bank.denom}`;
    default:
      return "this bank charges no fee";
  }
}

async function buyerState(client: GridledgerClient, buyer: string, offer: Offer) {
  const [account, positions, participant] = await Promise.all([
    client.query.fiat.settlementAccount(buyer, offer.denom),
    client.query.energy.position(buyer, offer.token.firstPeriod, offer.token.lastPeriod),
    client.query.balancing.participant(buyer).catch(() => undefined),
  ]);
  return { available: BigInt(account.balance || "0") - BigInt(account.locked || "0"), positions, participant };
}

export function BuyDialog({ offer, bank, periodSeconds, onClose }: { readonly offer: Offer; readonly bank: Bank; readonly periodSeconds: bigint; readonly onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { chain } = useChain();
  const { account, signer } = useWallet();
  const name = useNames();
  const queryClient = useQueryClient();
  const buyer = account?.address ?? "";
  const state = useChainQuery(["buyer", buyer, offer.token.id, offer.side], (client) => buyerState(client, buyer, offer), { enabled: buyer !== "" });
  const buy = useMutation({
    mutationFn: async () => {
      if (signer === undefined || account === undefined) throw new Error("Choose an account first.");
      return signer.buySide(account.address, { tokenId: offer.token.id, side: offer.side, maxPricePerMwh: offer.pricePerMwh, denom: offer.denom });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: chainKey(chain) }),
  });

  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open && typeof dialog.showModal === "function") dialog.showModal();
  }, []);

  const preview =
    state.data === undefined
      ? undefined
      : purchasePreview({
          offer,
          buyer,
          feeModel: bank.entity.feeModel ?? { kind: FeeKind.FEE_KIND_NONE, basisPoints: 0, fixedAmount: "0" },
          available: state.data.available,
          positions: state.data.positions,
          positionLimitWh: state.data.participant?.positionLimitWh,
        });

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="buy-title" onClose={onClose} onCancel={() => onClose()}>
      <h2 id="buy-title">
        Buy token #{offer.token.id.toString()} {account?.testKey ? <TestKeyBadge /> : null}
      </h2>
      {buy.isSuccess ? (
        <div role="status" className="success" data-testid="buy-done">
          Bought. {preview === undefined ? null : <>Paid {formatMoney(buy.data, bank)} to {name(offer.seller)}, and the bank&apos;s fee of {formatMoney(preview.fee, bank)}.</>} The side is in your
          portfolio.
        </div>
      ) : state.isError ? (
        <ErrorNote error={state.error} rpc={chain.rpc} />
      ) : preview === undefined || state.data === undefined ? (
        <Loading label="Reading your settlement account and position…" height="12rem" />
      ) : (
        <BuyConfirmation
          offer={offer}
          preview={preview}
          unit={bank}
          periodSeconds={periodSeconds}
          feeText={feeText(bank.entity.feeModel ?? { kind: FeeKind.FEE_KIND_NONE, basisPoints: 0, fixedAmount: "0" }, bank)}
          sellerName={name(offer.seller)}
          buyerName={account === undefined ? "You" : name(account.address)}
          participant={state.data.participant}
        />
      )}
      {buy.isError ? <ErrorNote error={buy.error} rpc={chain.rpc} title="Not bought." /> : null}
      {buy.isPending ? <Loading label={`Signing as ${account?.name ?? "you"} and waiting for the block…`} height="2rem" /> : null}
      <div className="dialog-actions">
        {buy.isSuccess ? (
          <button type="button" className="primary" onClick={onClose} autoFocus>
            Close
          </button>
        ) : (
          <>
            <button type="button" onClick={onClose} disabled={buy.isPending}>
              Cancel
            </button>
            <button
              type="button"
              className="primary"
              data-testid="confirm-buy"
              disabled={preview === undefined || buy.isPending || (state.data !== undefined && blocked(preview, state.data.participant))}
              onClick={() => buy.mutate()}
            >
              {preview === undefined ? "Buy" : preview.price < 0n ? `Buy and receive ${formatMoney(preview.buyerReceives, bank)}` : `Buy for ${formatMoney(preview.buyerPays, bank)}`}
            </button>
          </>
        )}
      </div>
    </dialog>
  );
}
