/**
 * The participants: who they are, their roles, where they stand and their position limit; the
 * operator admits new ones, changes a limit, and suspends, reinstates or excludes (each after a
 * confirmation, with a reason code for the audit trail).
 */
import { type Participant, ParticipantStatus } from "@gridledger/client";
import { useState } from "react";

import { useChain } from "../chain/ChainProvider.js";
import { useParticipants } from "../chain/reads.js";
import { Empty, ErrorNote, Loading, shortAddress } from "../components/Status.js";
import { formatEnergy } from "../format/units.js";
import { categoryName } from "../market/categories.js";
import { AdmitForm } from "./AdmitForm.js";
import { ConfirmDialog } from "./ConfirmDialog.js";
import { useOperatorAct } from "./useOperator.js";
import { checkReasonCode, parsePositionLimit, roleName } from "./validation.js";

type Act = "suspend" | "reinstate" | "exclude" | "limit";

export function statusName(status: ParticipantStatus): string {
  switch (status) {
    case ParticipantStatus.PARTICIPANT_STATUS_ACTIVE:
      return "active";
    case ParticipantStatus.PARTICIPANT_STATUS_SUSPENDED:
      return "suspended";
    case ParticipantStatus.PARTICIPANT_STATUS_EXCLUDED:
      return "excluded";
    default:
      return "unknown";
  }
}

const ACT_WORDS: Readonly<Record<Act, { title: string; confirm: string; lead: string }>> = {
  suspend: { title: "Suspend", confirm: "Suspend", lead: "A suspended participant may send no transactions until you reinstate it; its tokens stay its own." },
  reinstate: { title: "Reinstate", confirm: "Reinstate", lead: "The participant may trade again at once." },
  exclude: { title: "Exclude", confirm: "Exclude for good", lead: "Exclusion is final: the participant can never be reinstated or changed again." },
  limit: { title: "Change the position limit of", confirm: "Change limit", lead: "The limit caps the participant's open position in every period; trades that would exceed it are refused." },
};

function ActDialog({ act, participant, onClose }: { readonly act: Act; readonly participant: Participant; readonly onClose: () => void }) {
  const [reason, setReason] = useState("");
  const [limit, setLimit] = useState((Number(participant.positionLimitWh) / 1000).toString());
  const parsedLimit = parsePositionLimit(limit);
  const reasonError = checkReasonCode(reason);
  const mutation = useOperatorAct(async (signer, operator, _: void) => {
    const address = participant.address;
    switch (act) {
      case "suspend":
        return signer.suspendParticipant(operator, address, reason);
      case "reinstate":
        return signer.reinstateParticipant(operator, address);
      case "exclude":
        return signer.excludeParticipant(operator, address, reason);
      case "limit":
        return signer.updateParticipant(operator, {
          address,
          displayName: participant.displayName,
          roles: participant.roles,
          positionLimitWh: parsedLimit.wh ?? participant.positionLimitWh,
          tradedCategories: participant.tradedCategories,
        });
    }
  });
  const words = ACT_WORDS[act];
  if (mutation.isSuccess) {
    return (
      <ConfirmDialog title={`${words.title} ${participant.displayName}`} confirm="Close" onConfirm={onClose} onClose={onClose} pending={false} error={undefined} done>
        <p className="success" role="status" data-testid="act-done">
          Done: {participant.displayName} is {act === "limit" ? `limited to ${formatEnergy(parsedLimit.wh ?? 0n)} per period` : act === "reinstate" ? "active again" : act === "suspend" ? "suspended" : "excluded"}.
        </p>
      </ConfirmDialog>
    );
  }
  const needsReason = act === "suspend" || act === "exclude";
  return (
    <ConfirmDialog
      title={`${words.title} ${participant.displayName}`}
      confirm={words.confirm}
      onConfirm={() => mutation.mutate()}
      onClose={onClose}
      pending={mutation.isPending}
      error={mutation.error}
      danger={act === "exclude"}
      disabled={(needsReason && reasonError !== undefined) || (act === "limit" && parsedLimit.wh === undefined)}
    >
      <p className="lead">
        <code>{participant.address}</code>
      </p>
      <p>{words.lead}</p>
      {needsReason ? (
        <div className="field">
          <label htmlFor="act-reason">Reason code (for the audit trail, no free text)</label>
          <input id="act-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="collateral" autoComplete="off" aria-invalid={reasonError !== undefined} />
          {reasonError === undefined ? null : <span className="field-error">{reasonError}</span>}
        </div>
      ) : null}
      {act === "limit" ? (
        <div className="field">
          <label htmlFor="act-limit">Position limit (kWh per period)</label>
          <input id="act-limit" inputMode="decimal" value={limit} onChange={(e) => setLimit(e.target.value)} aria-invalid={parsedLimit.error !== undefined} />
          {parsedLimit.error === undefined ? null : <span className="field-error">{parsedLimit.error}</span>}
        </div>
      ) : null}
    </ConfirmDialog>
  );
}

export function ParticipantsSection({ acting, operator }: { readonly acting: boolean; readonly operator: string | undefined }) {
  const { chain } = useChain();
  const participants = useParticipants();
  const [open, setOpen] = useState<{ act: Act; participant: Participant } | undefined>(undefined);
  const [admitted, setAdmitted] = useState(0);
  const admit = useOperatorAct((signer, op, input: Parameters<typeof signer.admitParticipant>[1]) => signer.admitParticipant(op, input));
  const list = [...(participants.data?.values() ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName));

  return (
    <section className="card" aria-labelledby="participants-title">
      <h2 id="participants-title">Participants</h2>
      {participants.isError ? (
        <ErrorNote error={participants.error} rpc={chain.rpc} />
      ) : participants.data === undefined ? (
        <Loading label="Reading the participants…" height="10rem" />
      ) : list.length === 0 ? (
        <Empty title="No participant yet">Admit the first one below.</Empty>
      ) : (
        <div className="table-scroll" tabIndex={0} aria-label="Participants">
          <table className="offers" data-testid="participants">
            <thead>
              <tr>
                <th scope="col">Participant</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Position limit
                </th>
                <th scope="col">Trades</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => {
                const status = statusName(p.status);
                return (
                  <tr key={p.address} data-testid={`participant-${p.address}`}>
                    <td>
                      <strong>{p.displayName}</strong>
                      <br />
                      <code title={p.address}>{shortAddress(p.address)}</code> <span className="hint">{p.legalId}</span>
                    </td>
                    <td>{p.roles.map(roleName).join(", ")}</td>
                    <td>
                      <span className={`status ${status}`} data-testid="status">
                        {status}
                      </span>
                    </td>
                    <td className="num">{p.positionLimitWh === 0n ? <span className="hint">no position</span> : `${formatEnergy(p.positionLimitWh)}/period`}</td>
                    <td>{p.tradedCategories.length === 0 ? <span className="hint">—</span> : p.tradedCategories.map(categoryName).join(", ")}</td>
                    <td className="actions">
                      {status === "excluded" ? null : (
                        <>
                          {status === "active" ? (
                            <button type="button" disabled={!acting} onClick={() => setOpen({ act: "suspend", participant: p })}>
                              Suspend…
                            </button>
                          ) : (
                            <button type="button" disabled={!acting} onClick={() => setOpen({ act: "reinstate", participant: p })}>
                              Reinstate…
                            </button>
                          )}
                          <button type="button" disabled={!acting} onClick={() => setOpen({ act: "limit", participant: p })}>
                            Limit…
                          </button>
                          <button type="button" disabled={!acting} onClick={() => setOpen({ act: "exclude", participant: p })}>
                            Exclude…
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {open === undefined ? null : <ActDialog key={`${open.act}-${open.participant.address}`} act={open.act} participant={open.participant} onClose={() => setOpen(undefined)} />}
      <details className="admit-box" open={acting && list.length === 0 ? true : undefined}>
        <summary>Admit a participant</summary>
        {acting ? null : <p className="hint">Only the grid operator {operator === undefined ? "" : <code>{shortAddress(operator)}</code>} admits participants.</p>}
        <AdmitForm
          key={admitted}
          disabled={!acting}
          pending={admit.isPending}
          known={(a) => participants.data?.has(a) === true}
          onAdmit={(input) =>
            admit.mutate(input, {
              onSuccess: () => setAdmitted((n) => n + 1),
            })
          }
        />
        {admit.isError ? <ErrorNote error={admit.error} rpc={chain.rpc} title="Not admitted." /> : null}
        {admit.isSuccess ? (
          <p className="success" role="status" data-testid="admit-done">
            Admitted {admit.variables.displayName}: it may trade now{admit.variables.tradedCategories?.length ? " through its virtual meters" : ""}.
          </p>
        ) : null}
      </details>
    </section>
  );
}
