/** Small settings kept in the browser between visits (the chain chosen, chains entered by hand). */
export function loadSetting<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(`gridledger.${key}`);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

export function saveSetting(key: string, value: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(`gridledger.${key}`);
    else localStorage.setItem(`gridledger.${key}`, JSON.stringify(value));
  } catch {
    // private mode: settings last for the visit only
  }
}
