/**
 * Cancelling a token (seed §3.2.4): alone and free when both sides are yours; otherwise paying
 * the cancellation fee agreed in the token's terms to the other owner, or jointly without a fee,
 * the other owner co-signing what you signed first.
 */
import { cancelTokenJointlyMsg, Side, type Token } from "@gridledger/client";
import { useEffect, useId, useRef, useState } from "react";

import { useChain } from "../chain/ChainProvider.js";
import { ErrorNote, Loading, TestKeyBadge } from "../components/Status.js";
import { formatWindow } from "../format/periods.js";
import { type FiatUnit, formatEnergy, formatMoney } from "../format/units.js";
import { sideName } from "../market/categories.js";
import { useWallet } from "../wallet/WalletProvider.js";
import { cancelPlan, heldSides, type Rules } from "./actions.js";
import { HandOver } from "./HandOver.js";
import { Problems } from "./Parts.js";
import { signedEnergy } from "./position.js";
import { usePrepareJoint, useSign } from "./useJointAction.js";

/** positionEffect is how the owner's net position moves in each period when it loses its sides. */
export function positionEffect(token: Token, owner: string): bigint {
  return heldSides(token, owner).reduce((net, s) => net + (s === Side.SIDE_CONSUMER ? -token.whPerPeriod : token.whPerPeriod), 0n);
}

export function CancelDialog(props: { readonly token: Token; readonly rules: Rules; readonly unit: FiatUnit | undefined; readonly name: (a: string) => string; readonly onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const { chain } = useChain();
  const { account } = useWallet();
  const owner = account?.address ?? "";
  const t = props.token;
  const plan = cancelPlan(t, owner, props.rules);
  const [how, setHow] = useState<"fee" | "jointly">(plan.fee > 0n ? "fee" : "jointly");
  const run = useSign((signer, address) => signer.cancelToken(address, t.id));
  const prepare = usePrepareJoint(
    () => [cancelTokenJointlyMsg({ producerOwner: t.producer?.owner ?? "", consumerOwner: t.consumer?.owner ?? "" }, t.id)],
    `cancel token #${t.id.toString()}`,
  );
  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open && typeof dialog.showModal === "function") dialog.showModal();
  }, []);

  const pending = run.isPending || prepare.isPending;
  const done = run.isSuccess || prepare.isSuccess;
  const effect = positionEffect(t, owner);
  const held = heldSides(t, owner);
  const other = props.name(plan.other);
  const fee = props.unit === undefined ? `${plan.fee.toString()} ${t.faceValuePerMwh?.denom ?? ""}` : formatMoney(plan.fee, props.unit);
  const close = (
    <button type="button" onClick={props.onClose} disabled={pending} autoFocus={done}>
      {done ? "Close" : "Back"}
    </button>
  );
  const periods = t.lastPeriod - t.firstPeriod + 1n;
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="cancel-title" onClose={props.onClose} onCancel={() => props.onClose()}>
      <h2 id="cancel-title">
        Cancel token #{t.id.toString()} {account?.testKey ? <TestKeyBadge /> : null}
      </h2>
      {run.isSuccess ? (
        <p role="status" className="success" data-testid="cancel-done">
          Cancelled: token #{t.id.toString()} is gone{plan.alone || how === "jointly" ? "" : `, and ${fee} went to ${other}`}.
        </p>
      ) : prepare.isSuccess ? (
        <HandOver prepared={prepare.data} name={props.name} demo={account?.testKey === true} />
      ) : (
        <form
          className="action-form"
          data-testid="cancel-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (plan.alone || how === "fee") run.mutate();
            else prepare.mutate();
          }}
        >
          <p className="lead">
            Token #{t.id.toString()}: {formatEnergy(t.whPerPeriod)} per period, {formatWindow(t.firstPeriod, t.lastPeriod, props.rules.params.periodSeconds)}. You hold its{" "}
            {held.map(sideName).join(" and ")}
            {plan.alone ? "." : `; ${other} holds the other.`}
          </p>
          {plan.alone || plan.problems.length > 0 ? null : (
            <fieldset>
              <legend>How</legend>
              <label>
                <input type="radio" name={`${id}-how`} checked={how === "fee"} onChange={() => setHow("fee")} disabled={plan.fee === 0n} /> Alone, paying the agreed cancellation fee of {fee}{" "}
                to {other}
                {plan.fee === 0n ? <span className="hint"> (none was agreed for this token, so it takes both signatures)</span> : null}
              </label>
              <label>
                <input type="radio" name={`${id}-how`} checked={how === "jointly"} onChange={() => setHow("jointly")} /> Jointly with {other}, without a fee: you sign first, {other} co-signs
              </label>
            </fieldset>
          )}
          <Problems problems={plan.problems} />
          {plan.problems.length === 0 ? (
            <dl className="costs" data-testid="cancel-effect">
              <dt>The token</dt>
              <dd>is cancelled: nobody delivers or takes its energy{t.backedBy?.tokenIds.length ? `, and the sides it was emitted against are released` : ""}.</dd>
              <dt>You pay</dt>
              <dd>{plan.alone || how === "jointly" ? "nothing" : `${fee}, plus the bank's fee, from your settlement account`}</dd>
              <dt>Your position</dt>
              <dd>{effect === 0n ? "does not change" : `moves by ${signedEnergy(effect)} in each of its ${periods.toString()} periods`}</dd>
            </dl>
          ) : null}
          <div className="dialog-actions">
            {close}
            <button type="submit" className="primary" disabled={plan.problems.length > 0 || pending} data-testid="confirm-cancel">
              {plan.alone ? "Cancel the token" : how === "fee" ? `Pay ${fee} and cancel` : `Sign and prepare for ${other}`}
            </button>
          </div>
        </form>
      )}
      {run.isError ? <ErrorNote error={run.error} rpc={chain.rpc} title="Not cancelled." /> : null}
      {prepare.isError ? <ErrorNote error={prepare.error} rpc={chain.rpc} title="Not prepared." /> : null}
      {pending ? <Loading label={`Signing as ${account?.name ?? "you"} and waiting for the block…`} height="2rem" /> : null}
      {done ? <div className="dialog-actions">{close}</div> : null}
    </dialog>
  );
}
