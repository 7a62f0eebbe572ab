/**
 * Physical metering points: registering one for an admitted participant with its public key,
 * rotating the key (after its secure element was changed) and retiring it. Keys are checked as the
 * chain checks them (parseMeterKey): 33-byte compressed secp256k1 or 32-byte ed25519.
 */
import {
  EnergyCategory,
  type GridledgerClient,
  KeyAlgorithm,
  type Meter,
  MeteringPointKind,
  MeterKind,
  MeterStatus,
  type Participant,
  ParticipantStatus,
  type RegisterMeterInput,
  Role,
} from "@gridledger/client";
import { type FormEvent, useId, useState } from "react";

import { readPages } from "../chain/pages.js";
import { useChain } from "../chain/ChainProvider.js";
import { useParticipants } from "../chain/reads.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { Empty, ErrorNote, Loading } from "../components/Status.js";
import { useNames } from "../components/useNames.js";
import { CATEGORIES, categoryName } from "../market/categories.js";
import { ConfirmDialog } from "./ConfirmDialog.js";
import { useOperatorAct } from "./useOperator.js";
import { checkLocationName, checkMeterId, checkReasonCode, parseMeterKey, toHex } from "./validation.js";

async function physicalMeters(client: GridledgerClient): Promise<Meter[]> {
  return readPages((page) => client.query.balancing.meters(page), (p) => p.meters.filter((m) => m.kind !== MeterKind.METER_KIND_VIRTUAL), 2_000);
}

const ALGORITHMS: readonly (readonly [KeyAlgorithm, string])[] = [
  [KeyAlgorithm.KEY_ALGORITHM_ED25519, "ed25519 (32 bytes)"],
  [KeyAlgorithm.KEY_ALGORITHM_SECP256K1, "secp256k1 (33 bytes, compressed)"],
];
const algorithmName = (a: KeyAlgorithm) => (a === KeyAlgorithm.KEY_ALGORITHM_ED25519 ? "ed25519" : a === KeyAlgorithm.KEY_ALGORITHM_SECP256K1 ? "secp256k1" : "—");
const POINT_KINDS: readonly (readonly [MeteringPointKind, string])[] = [
  [MeteringPointKind.METERING_POINT_KIND_COMPANY, "A company's meter"],
  [MeteringPointKind.METERING_POINT_KIND_AGGREGATION_POINT, "A retailer's aggregation point (households summed, off-chain)"],
  [MeteringPointKind.METERING_POINT_KIND_HOUSEHOLD_OPT_IN, "A household that opted in (consent hash)"],
];
const PRODUCING = [Role.ROLE_PRODUCER, Role.ROLE_PROSUMER, Role.ROLE_FLEXIBILITY_PROVIDER];
const CONSUMING = [Role.ROLE_CONSUMER, Role.ROLE_PROSUMER, Role.ROLE_RETAILER, Role.ROLE_FLEXIBILITY_PROVIDER];

/** KeyField is a public key input with its algorithm, telling at once whether the chain takes it. */
export function KeyField({ algorithm, setAlgorithm, text, setText, label }: { algorithm: KeyAlgorithm; setAlgorithm: (a: KeyAlgorithm) => void; text: string; setText: (t: string) => void; label: string }) {
  const id = useId();
  const parsed = parseMeterKey(text, algorithm);
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-alg`}>Key algorithm</label>
        <select id={`${id}-alg`} value={algorithm} onChange={(e) => setAlgorithm(Number(e.target.value) as KeyAlgorithm)}>
          {ALGORITHMS.map(([a, name]) => (
            <option key={a} value={a}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="field wide">
        <label htmlFor={`${id}-key`}>{label}</label>
        <input id={`${id}-key`} value={text} onChange={(e) => setText(e.target.value)} placeholder="hex or base64" autoComplete="off" spellCheck={false} aria-invalid={text !== "" && parsed.error !== undefined} aria-describedby={`${id}-key-note`} />
        <span id={`${id}-key-note`} className={text !== "" && parsed.error !== undefined ? "field-error" : "hint"}>
          {text === "" ? "From the meter's data sheet or secure element, in hex or base64." : (parsed.error ?? `${parsed.bytes?.length ?? 0} bytes: a valid ${algorithmName(algorithm)} key.`)}
        </span>
      </div>
    </>
  );
}

function RegisterForm({ participants, acting }: { readonly participants: readonly Participant[]; readonly acting: boolean }) {
  const { chain } = useChain();
  const id = useId();
  const [meterId, setMeterId] = useState("");
  const [owner, setOwner] = useState("");
  const [kind, setKind] = useState<MeterKind>(MeterKind.METER_KIND_PRODUCTION);
  const [category, setCategory] = useState<EnergyCategory>(EnergyCategory.ENERGY_CATEGORY_SOLAR);
  const [pointKind, setPointKind] = useState<MeteringPointKind>(MeteringPointKind.METERING_POINT_KIND_COMPANY);
  const [consent, setConsent] = useState("");
  const [area, setArea] = useState("");
  const [gridNode, setGridNode] = useState("");
  const [algorithm, setAlgorithm] = useState<KeyAlgorithm>(KeyAlgorithm.KEY_ALGORITHM_ED25519);
  const [keyText, setKeyText] = useState("");
  const [tried, setTried] = useState(false);
  const register = useOperatorAct((signer, op, input: RegisterMeterInput) => signer.registerMeter(op, input));

  const ownerP = participants.find((p) => p.address === owner);
  const fits = kind === MeterKind.METER_KIND_PRODUCTION ? PRODUCING : CONSUMING;
  const key = parseMeterKey(keyText, algorithm);
  const consentBytes = /^[0-9a-fA-F]{64}$/.test(consent.trim()) ? Uint8Array.from(consent.trim().match(/../g) ?? [], (h) => parseInt(h, 16)) : undefined;
  const errors = {
    id: checkMeterId(meterId),
    owner: ownerP === undefined ? "Choose the participant the meter belongs to." : !ownerP.roles.some((r) => fits.includes(r)) ? `${ownerP.displayName}'s roles allow no ${kind === MeterKind.METER_KIND_PRODUCTION ? "production" : "consumption"} meter.` : undefined,
    location: area === "" && gridNode === "" ? "Give a grid node or an area." : (checkLocationName(gridNode, "grid node") ?? checkLocationName(area, "area")),
    key: key.error,
    consent: pointKind === MeteringPointKind.METERING_POINT_KIND_HOUSEHOLD_OPT_IN && consentBytes === undefined ? "A household's opt-in needs the SHA-256 of its consent record: 64 hex digits." : undefined,
  };
  const ok = Object.values(errors).every((e) => e === undefined);
  const show = (e: string | undefined) => (tried && e !== undefined ? <span className="field-error">{e}</span> : null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!ok || key.bytes === undefined) return;
    register.mutate(
      {
        id: meterId,
        owner,
        kind,
        ...(kind === MeterKind.METER_KIND_PRODUCTION ? { category } : {}),
        location: { area, gridNode },
        keyAlgorithm: algorithm,
        publicKey: key.bytes,
        pointKind,
        ...(consentBytes === undefined || pointKind !== MeteringPointKind.METERING_POINT_KIND_HOUSEHOLD_OPT_IN ? {} : { consentHash: consentBytes }),
      },
      {
        onSuccess: () => {
          setMeterId("");
          setKeyText("");
          setTried(false);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Register a meter">
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-id`}>Metering point id</label>
          <input id={`${id}-id`} value={meterId} onChange={(e) => setMeterId(e.target.value)} placeholder="CH1234500000000000000000000000001" autoComplete="off" spellCheck={false} aria-invalid={tried && errors.id !== undefined} />
          {show(errors.id)}
        </div>
        <div className="field">
          <label htmlFor={`${id}-owner`}>Owner</label>
          <select id={`${id}-owner`} value={owner} onChange={(e) => setOwner(e.target.value)} aria-invalid={tried && errors.owner !== undefined}>
            <option value="">Choose a participant…</option>
            {participants
              .filter((p) => p.status !== ParticipantStatus.PARTICIPANT_STATUS_EXCLUDED)
              .map((p) => (
                <option key={p.address} value={p.address}>
                  {p.displayName}
                </option>
              ))}
          </select>
          {show(errors.owner)}
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>Measures</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(Number(e.target.value) as MeterKind)}>
            <option value={MeterKind.METER_KIND_PRODUCTION}>Production</option>
            <option value={MeterKind.METER_KIND_CONSUMPTION}>Consumption</option>
          </select>
        </div>
        {kind === MeterKind.METER_KIND_PRODUCTION ? (
          <div className="field">
            <label htmlFor={`${id}-cat`}>Category</label>
            <select id={`${id}-cat`} value={category} onChange={(e) => setCategory(Number(e.target.value) as EnergyCategory)}>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {categoryName(c)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field wide">
          <label htmlFor={`${id}-point`}>Whose energy</label>
          <select id={`${id}-point`} value={pointKind} onChange={(e) => setPointKind(Number(e.target.value) as MeteringPointKind)}>
            {POINT_KINDS.map(([k, name]) => (
              <option key={k} value={k}>
                {name}
              </option>
            ))}
          </select>
        </div>
        {pointKind === MeteringPointKind.METERING_POINT_KIND_HOUSEHOLD_OPT_IN ? (
          <div className="field wide">
            <label htmlFor={`${id}-consent`}>Consent record hash (SHA-256, hex)</label>
            <input id={`${id}-consent`} value={consent} onChange={(e) => setConsent(e.target.value)} autoComplete="off" spellCheck={false} aria-invalid={tried && errors.consent !== undefined} />
            {show(errors.consent)}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-node`}>Grid node</label>
          <input id={`${id}-node`} value={gridNode} onChange={(e) => setGridNode(e.target.value)} placeholder="UW-ZH-07" autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-area`}>Area</label>
          <input id={`${id}-area`} value={area} onChange={(e) => setArea(e.target.value)} placeholder="CH-ZH" autoComplete="off" />
          {show(errors.location)}
        </div>
        <KeyField algorithm={algorithm} setAlgorithm={setAlgorithm} text={keyText} setText={setKeyText} label="Public key" />
      </div>
      <div className="dialog-actions">
        <button type="submit" className="primary" disabled={!acting || register.isPending}>
          {register.isPending ? "Registering…" : "Register meter"}
        </button>
      </div>
      {register.isError ? <ErrorNote error={register.error} rpc={chain.rpc} title="Not registered." /> : null}
      {register.isSuccess ? (
        <p className="success" role="status" data-testid="register-done">
          Registered {register.variables.id}: its readings are accepted from now on.
        </p>
      ) : null}
    </form>
  );
}

function MeterDialog({ meter, act, onClose }: { readonly meter: Meter; readonly act: "rotate" | "retire"; readonly onClose: () => void }) {
  const [algorithm, setAlgorithm] = useState<KeyAlgorithm>(meter.keyAlgorithm === KeyAlgorithm.KEY_ALGORITHM_SECP256K1 ? KeyAlgorithm.KEY_ALGORITHM_SECP256K1 : KeyAlgorithm.KEY_ALGORITHM_ED25519);
  const [keyText, setKeyText] = useState("");
  const [reason, setReason] = useState("");
  const key = parseMeterKey(keyText, algorithm);
  const same = key.bytes !== undefined && algorithm === meter.keyAlgorithm && toHex(key.bytes) === toHex(meter.publicKey);
  const mutation = useOperatorAct((signer, op, _: void) =>
    act === "rotate" ? signer.rotateMeterKey(op, { id: meter.id, keyAlgorithm: algorithm, publicKey: key.bytes ?? new Uint8Array() }) : signer.retireMeter(op, meter.id, reason),
  );
  if (mutation.isSuccess) {
    return (
      <ConfirmDialog title={`Meter ${meter.id}`} confirm="Close" onConfirm={onClose} onClose={onClose} pending={false} error={undefined} done>
        <p className="success" role="status">
          {act === "rotate" ? "Key rotated: readings must now be signed with the new key." : "Retired: the meter's readings are no longer accepted."}
        </p>
      </ConfirmDialog>
    );
  }
  const reasonError = checkReasonCode(reason);
  return (
    <ConfirmDialog
      title={act === "rotate" ? `Rotate the key of ${meter.id}` : `Retire ${meter.id}`}
      confirm={act === "rotate" ? "Rotate key" : "Retire for good"}
      danger={act === "retire"}
      onConfirm={() => mutation.mutate()}
      onClose={onClose}
      pending={mutation.isPending}
      error={mutation.error}
      disabled={act === "rotate" ? key.bytes === undefined || same : reasonError !== undefined}
    >
      {act === "rotate" ? (
        <div className="form-grid">
          <p className="hint wide">
            Now {algorithmName(meter.keyAlgorithm)} <code className="key">{toHex(meter.publicKey)}</code>. Readings submitted after the rotation are checked against the new key only.
          </p>
          <KeyField algorithm={algorithm} setAlgorithm={setAlgorithm} text={keyText} setText={setKeyText} label="New public key" />
          {same ? <p className="field-error wide">This is the meter&apos;s current key; a rotation needs a new one.</p> : null}
        </div>
      ) : (
        <>
          <p>A retired meter keeps its record, so past tokens and readings resolve, but no reading of it is accepted any more. This cannot be undone.</p>
          <div className="field">
            <label htmlFor="retire-reason">Reason code (optional)</label>
            <input id="retire-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="replaced" autoComplete="off" aria-invalid={reasonError !== undefined} />
            {reasonError === undefined ? null : <span className="field-error">{reasonError}</span>}
          </div>
        </>
      )}
    </ConfirmDialog>
  );
}

export function MetersSection({ acting }: { readonly acting: boolean }) {
  const { chain } = useChain();
  const name = useNames();
  const participants = useParticipants();
  const meters = useChainQuery(["operator", "meters"], physicalMeters, { refresh: "slow" });
  const [open, setOpen] = useState<{ meter: Meter; act: "rotate" | "retire" } | undefined>(undefined);
  const list = [...(participants.data?.values() ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName));

  return (
    <section className="card" aria-labelledby="meters-title">
      <h2 id="meters-title">Meters</h2>
      {meters.isError ? (
        <ErrorNote error={meters.error} rpc={chain.rpc} />
      ) : meters.data === undefined ? (
        <Loading label="Reading the meters…" height="8rem" />
      ) : meters.data.length === 0 ? (
        <Empty title="No physical meter yet">Register a participant&apos;s metering point below. Traders&apos; virtual meters come with admission.</Empty>
      ) : (
        <div className="table-scroll" tabIndex={0} aria-label="Meters">
          <table className="offers" data-testid="meters">
            <thead>
              <tr>
                <th scope="col">Meter</th>
                <th scope="col">Owner</th>
                <th scope="col">Measures</th>
                <th scope="col">Where</th>
                <th scope="col">Key</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {meters.data.map((m) => {
                const retired = m.status === MeterStatus.METER_STATUS_RETIRED;
                return (
                  <tr key={m.id} data-testid={`meter-${m.id}`}>
                    <td>
                      <code>{m.id}</code>
                    </td>
                    <td>{name(m.owner)}</td>
                    <td>{m.kind === MeterKind.METER_KIND_PRODUCTION ? `production · ${categoryName(m.category)}` : "consumption"}</td>
                    <td>{[m.location?.gridNode, m.location?.area].filter((x) => x !== undefined && x !== "").join(" · ")}</td>
                    <td>
                      {algorithmName(m.keyAlgorithm)} <code className="key" title={toHex(m.publicKey)} data-testid="meter-key">{toHex(m.publicKey).slice(0, 12)}…</code>
                      {m.keyRotatedHeight > 0n ? <span className="hint"> rotated at block {m.keyRotatedHeight.toString()}</span> : null}
                    </td>
                    <td>
                      <span className={`status ${retired ? "excluded" : "active"}`} data-testid="meter-status">
                        {retired ? "retired" : "active"}
                      </span>
                    </td>
                    <td className="actions">
                      {retired ? null : (
                        <>
                          <button type="button" disabled={!acting} onClick={() => setOpen({ meter: m, act: "rotate" })}>
                            Rotate key…
                          </button>
                          <button type="button" disabled={!acting} onClick={() => setOpen({ meter: m, act: "retire" })}>
                            Retire…
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
      {open === undefined ? null : <MeterDialog key={`${open.act}-${open.meter.id}`} meter={open.meter} act={open.act} onClose={() => setOpen(undefined)} />}
      <details className="admit-box">
        <summary>Register a meter</summary>
        <RegisterForm participants={list} acting={acting} />
      </details>
    </section>
  );
}
