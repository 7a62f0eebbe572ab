/**
 * A bank's own actions: attest its reserve (with the SHA-256 of the statement behind it) and mint
 * to an admitted participant against a deposit, each previewed against the reserve before signing.
 */
import { useId, useState } from "react";

import { type FiatUnit, formatMoney } from "../format/units.js";
import { attestPreview, type BankTotals, bytesToHex, hashError, mintPreview, outstanding, readAmount, referenceError } from "./amounts.js";
import { ChangeLines } from "./MoveForm.js";
import { ReviewForm } from "./ReviewForm.js";

interface Common {
  readonly unit: FiatUnit;
  readonly totals: BankTotals;
  readonly rpc?: string;
  readonly units?: readonly FiatUnit[];
  readonly signerName?: string;
}

const optional = (p: Common) => ({
  ...(p.rpc === undefined ? {} : { rpc: p.rpc }),
  ...(p.units === undefined ? {} : { units: p.units }),
  ...(p.signerName === undefined ? {} : { signerName: p.signerName }),
});

/** Recipient is a participant a bank may mint to. */
export interface Recipient {
  readonly address: string;
  readonly name: string;
}

export function MintForm(props: Common & { readonly recipients: readonly Recipient[]; readonly submit: (recipient: string, amount: bigint, depositReference: string) => Promise<unknown> }) {
  const id = useId();
  const { unit } = props;
  const [recipient, setRecipient] = useState("");
  const [text, setText] = useState("");
  const [reference, setReference] = useState("");
  const parsed = readAmount(text, unit);
  const preview = parsed.amount === undefined ? undefined : mintPreview(parsed.amount, props.totals, unit);
  const refError = reference === "" ? undefined : referenceError(reference, "deposit reference");
  const who = props.recipients.find((r) => r.address === recipient);
  const ready = preview !== undefined && preview.problem === undefined && who !== undefined && referenceError(reference, "deposit reference") === undefined;
  return (
    <ReviewForm
      name="mint"
      verb="Mint"
      refused="Not minted."
      ready={ready}
      {...optional(props)}
      preview={
        preview === undefined ? undefined : (
          <>
            <dl className="costs">
              <dt>Mint</dt>
              <dd data-testid="mint-amount">
                <strong>{formatMoney(preview.amount, unit)}</strong> to {who?.name ?? "…"}
                {reference === "" ? null : <span className="hint"> against deposit {reference}</span>}
              </dd>
              <dt>Bank fee</dt>
              <dd data-testid="mint-fee">{formatMoney(0n, unit)} <span className="hint">(minting is free)</span></dd>
              <ChangeLines changes={[preview.outstanding]} unit={unit} testid="mint" />
              <dt>Reserve</dt>
              <dd>{formatMoney(preview.reserve, unit)}</dd>
            </dl>
            {preview.problem === undefined ? null : (
              <p className="warning" role="alert">
                {preview.problem}
              </p>
            )}
          </>
        )
      }
      confirm={async () => {
        const [to, amount, ref] = [recipient, preview?.amount ?? 0n, reference];
        await props.submit(to, amount, ref);
        return `Minted ${formatMoney(amount, unit)} to ${who?.name ?? to} against deposit ${ref}.`;
      }}
      onDone={() => {
        setText("");
        setReference("");
      }}
      fields={(disabled) => (
        <div className="fiat-fields">
          <div className="field">
            <label htmlFor={`${id}-recipient`}>Participant</label>
            <select id={`${id}-recipient`} value={recipient} onChange={(e) => setRecipient(e.target.value)} disabled={disabled || props.recipients.length === 0}>
              <option value="">{props.recipients.length === 0 ? "No admitted participant" : "Choose…"}</option>
              {props.recipients.map((r) => (
                <option key={r.address} value={r.address}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-amount`}>Amount ({unit.currency})</label>
            <input id={`${id}-amount`} inputMode="decimal" autoComplete="off" value={text} onChange={(e) => setText(e.target.value)} disabled={disabled} placeholder="1000.00" aria-invalid={parsed.error !== undefined} />
            {parsed.error === undefined ? null : <span className="field-error">{parsed.error}</span>}
          </div>
          <div className="field">
            <label htmlFor={`${id}-reference`}>Deposit reference</label>
            <input id={`${id}-reference`} autoComplete="off" value={reference} onChange={(e) => setReference(e.target.value)} disabled={disabled} placeholder="DEP-2026-0042" aria-invalid={refError !== undefined} />
            {refError === undefined ? null : <span className="field-error">{refError}</span>}
          </div>
        </div>
      )}
    />
  );
}

/** sha256Hex hashes a statement file in the browser: the file never leaves the machine. */
async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return bytesToHex(new Uint8Array(digest));
}

export function AttestForm(props: Common & { readonly submit: (reserve: bigint, statementHashHex: string) => Promise<unknown> }) {
  const id = useId();
  const { unit } = props;
  const [text, setText] = useState("");
  const [hash, setHash] = useState("");
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const parsed = readAmount(text, unit, true);
  const preview = parsed.amount === undefined ? undefined : attestPreview(parsed.amount, props.totals, unit);
  const hashProblem = hash === "" ? undefined : hashError(hash);
  const ready = preview !== undefined && preview.problem === undefined && hashError(hash) === undefined;
  return (
    <ReviewForm
      name="attest"
      verb="Attestation"
      refused="Not attested."
      ready={ready}
      {...optional(props)}
      preview={
        preview === undefined ? undefined : (
          <>
            <dl className="costs">
              <ChangeLines changes={[preview.reserve]} unit={unit} testid="attest" />
              <dt>Outstanding</dt>
              <dd>{formatMoney(outstanding(props.totals), unit)}</dd>
              <dt>Room to mint</dt>
              <dd data-testid="attest-headroom">{formatMoney(preview.headroomAfter > 0n ? preview.headroomAfter : 0n, unit)}</dd>
              <dt>Statement</dt>
              <dd>
                <code className="fiat-hash">{hash === "" ? "—" : hash.toLowerCase()}</code>
                {fileName === undefined ? null : <span className="hint"> (SHA-256 of {fileName})</span>}
              </dd>
              <dt>Bank fee</dt>
              <dd>{formatMoney(0n, unit)}</dd>
            </dl>
            {preview.problem === undefined ? null : (
              <p className="warning" role="alert">
                {preview.problem}
              </p>
            )}
          </>
        )
      }
      confirm={async () => {
        const [reserve, statement] = [preview?.reserve.after ?? 0n, hash.toLowerCase()];
        await props.submit(reserve, statement);
        return `Attested a reserve of ${formatMoney(reserve, unit)}.`;
      }}
      onDone={() => {
        setText("");
        setHash("");
        setFileName(undefined);
      }}
      fields={(disabled) => (
        <div className="fiat-fields">
          <div className="field">
            <label htmlFor={`${id}-reserve`}>Reserve held ({unit.currency})</label>
            <input id={`${id}-reserve`} inputMode="decimal" autoComplete="off" value={text} onChange={(e) => setText(e.target.value)} disabled={disabled} placeholder="1000000.00" aria-invalid={parsed.error !== undefined} />
            {parsed.error === undefined ? null : <span className="field-error">{parsed.error}</span>}
          </div>
          <div className="field fiat-wide">
            <label htmlFor={`${id}-hash`}>Statement SHA-256</label>
            <input
              id={`${id}-hash`}
              autoComplete="off"
              spellCheck={false}
              value={hash}
              onChange={(e) => {
                setHash(e.target.value.trim());
                setFileName(undefined);
              }}
              disabled={disabled}
              placeholder="64 hexadecimal digits"
              aria-invalid={hashProblem !== undefined}
            />
            {hashProblem === undefined ? null : <span className="field-error">{hashProblem}</span>}
          </div>
          <div className="field">
            <label htmlFor={`${id}-file`}>or hash the statement file</label>
            <input
              id={`${id}-file`}
              type="file"
              disabled={disabled}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file === undefined) return;
                void sha256Hex(file).then((h) => {
                  setHash(h);
                  setFileName(file.name);
                });
              }}
            />
          </div>
        </div>
      )}
    />
  );
}
