/**
 * Admitting a participant: its account, the company's legal identifier and trading name, the roles
 * granted, its position limit and the categories it trades. Validated as the chain validates
 * (validation.ts); no personal data is asked for (seed §2.8): the chain knows companies and
 * pseudonymous accounts, households only behind an aggregator's metering point.
 */
import { type AdmitParticipantInput, type EnergyCategory, Role } from "@gridledger/client";
import { type FormEvent, useId, useState } from "react";

import { formatEnergy } from "../format/units.js";
import { CATEGORIES, categoryName } from "../market/categories.js";
import { checkAddress, checkDisplayName, checkLegalId, checkRoles, checkTradedCategories, parsePositionLimit, ROLES } from "./validation.js";

export interface AdmitFormValues {
  readonly address: string;
  readonly legalId: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  /** positionLimit is typed in kWh per period. */
  readonly positionLimit: string;
  readonly tradedCategories: readonly EnergyCategory[];
}

export const EMPTY_ADMIT: AdmitFormValues = { address: "", legalId: "", displayName: "", roles: [], positionLimit: "", tradedCategories: [] };

export type AdmitErrors = Partial<Record<"address" | "legalId" | "displayName" | "roles" | "positionLimit" | "tradedCategories", string>>;

/**
 * checkAdmit turns the form into the message's input, or says what is wrong field by field;
 * `known` tells whether an address is already a participant (the chain would refuse it, code 8).
 */
export function checkAdmit(values: AdmitFormValues, known: (address: string) => boolean = () => false): { input?: AdmitParticipantInput; errors: AdmitErrors } {
  const address = values.address.trim();
  const limit = parsePositionLimit(values.positionLimit);
  const errors: AdmitErrors = {
    address: checkAddress(address) ?? (known(address) ? "This account is already a participant; change it in the table instead." : undefined),
    legalId: checkLegalId(values.legalId.trim()),
    displayName: checkDisplayName(values.displayName),
    roles: checkRoles(values.roles),
    positionLimit: limit.error,
    tradedCategories: checkTradedCategories(values.roles, values.tradedCategories),
  };
  for (const k of Object.keys(errors) as (keyof AdmitErrors)[]) if (errors[k] === undefined) delete errors[k];
  if (Object.keys(errors).length > 0 || limit.wh === undefined) return { errors };
  return {
    errors,
    input: {
      address,
      legalId: values.legalId.trim(),
      displayName: values.displayName,
      // In the chain's order, so the message reads the same whatever order they were ticked in.
      roles: [...values.roles].sort((a, b) => a - b),
      positionLimitWh: limit.wh,
      tradedCategories: [...values.tradedCategories].sort((a, b) => a - b),
    },
  };
}

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
}

export function AdmitForm(props: {
  readonly onAdmit: (input: AdmitParticipantInput) => void;
  readonly pending?: boolean;
  /** disabled: the connected account is not the grid operator. */
  readonly disabled?: boolean;
  readonly known?: (address: string) => boolean;
}) {
  const id = useId();
  const [values, setValues] = useState<AdmitFormValues>(EMPTY_ADMIT);
  const [tried, setTried] = useState(false);
  const { input, errors } = checkAdmit(values, props.known);
  const shown: AdmitErrors = tried ? errors : {};
  const set = (patch: Partial<AdmitFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const trades = values.roles.includes(Role.ROLE_TRADER) || values.roles.includes(Role.ROLE_RETAILER);
  const limit = parsePositionLimit(values.positionLimit).wh;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (input !== undefined && props.disabled !== true) props.onAdmit(input);
  };
  const described = (field: keyof AdmitErrors) => (shown[field] === undefined ? undefined : `${id}-${field}-error`);
  const error = (field: keyof AdmitErrors) =>
    shown[field] === undefined ? null : (
      <span className="field-error" id={`${id}-${field}-error`}>
        {shown[field]}
      </span>
    );

  return (
    <form className="admit" onSubmit={submit} noValidate aria-label="Admit a participant">
      <p className="hint">
        Participants are companies or pseudonymous accounts: enter no personal data. Households take part only behind a retailer&apos;s aggregation point.
      </p>
      <div className="form-grid">
        <div className="field wide">
          <label htmlFor={`${id}-address`}>Account address</label>
          <input id={`${id}-address`} value={values.address} onChange={(e) => set({ address: e.target.value })} placeholder="grid1…" autoComplete="off" spellCheck={false} aria-invalid={shown.address !== undefined} aria-describedby={described("address")} />
          {error("address")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-legal`}>Legal identifier (EIC, LEI)</label>
          <input id={`${id}-legal`} value={values.legalId} onChange={(e) => set({ legalId: e.target.value.toUpperCase() })} placeholder="12X-EXAMPLE-AG-1" autoComplete="off" spellCheck={false} aria-invalid={shown.legalId !== undefined} aria-describedby={described("legalId")} />
          {error("legalId")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Trading name</label>
          <input id={`${id}-name`} value={values.displayName} onChange={(e) => set({ displayName: e.target.value })} placeholder="Example Energie AG" autoComplete="off" aria-invalid={shown.displayName !== undefined} aria-describedby={described("displayName")} />
          {error("displayName")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-limit`}>Position limit (kWh per period)</label>
          <input id={`${id}-limit`} inputMode="decimal" value={values.positionLimit} onChange={(e) => set({ positionLimit: e.target.value })} placeholder="0" aria-invalid={shown.positionLimit !== undefined} aria-describedby={`${id}-limit-hint`} />
          <span className="hint" id={`${id}-limit-hint`}>
            {limit === undefined ? "" : limit === 0n ? "0: the participant may hold no open position." : `at most ${formatEnergy(limit)} open in any period`}
          </span>
          {error("positionLimit")}
        </div>
      </div>
      <fieldset aria-invalid={shown.roles !== undefined} aria-describedby={described("roles")}>
        <legend>Roles</legend>
        <div className="checks">
          {ROLES.map(([role, name, what]) => (
            <label key={role} title={what}>
              <input type="checkbox" checked={values.roles.includes(role)} onChange={(e) => set({ roles: toggle(values.roles, role, e.target.checked) })} /> {name}
            </label>
          ))}
        </div>
        {error("roles")}
      </fieldset>
      <fieldset aria-describedby={described("tradedCategories")}>
        <legend>Traded categories {trades ? "(one virtual meter each)" : "(traders and retailers only)"}</legend>
        <div className="checks">
          {CATEGORIES.map((c) => (
            <label key={c}>
              <input type="checkbox" checked={values.tradedCategories.includes(c)} onChange={(e) => set({ tradedCategories: toggle(values.tradedCategories, c, e.target.checked) })} /> {categoryName(c)}
            </label>
          ))}
        </div>
        {error("tradedCategories")}
      </fieldset>
      <div className="dialog-actions">
        <button type="submit" className="primary" disabled={props.pending === true || props.disabled === true}>
          {props.pending === true ? "Admitting…" : "Admit participant"}
        </button>
      </div>
    </form>
  );
}
