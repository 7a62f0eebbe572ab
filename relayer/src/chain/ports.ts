/**
 * Runtime port checks (the pure allocation lives in spec.ts).
 */
import { createServer } from "node:net";
import { portList, portsFromBase, type Ports } from "./spec.js";

/** isPortFree tells whether 127.0.0.1:`port` can be listened on right now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

/** busyPorts lists the node's ports something else already listens on. */
export async function busyPorts(ports: Ports): Promise<Array<[keyof Ports, number]>> {
  const busy: Array<[keyof Ports, number]> = [];
  for (const [name, port] of portList(ports)) {
    if (!(await isPortFree(port))) busy.push([name, port]);
  }
  return busy;
}

/**
 * findFreePortBase returns the first base from `start` (in steps of `step`) whose `nodes`
 * consecutive port blocks (`stride` apart) are all free.
 */
export async function findFreePortBase(start: number, options: { nodes?: number; stride?: number; step?: number; attempts?: number } = {}): Promise<number> {
  const nodes = options.nodes ?? 1;
  const stride = options.stride ?? 10;
  const step = options.step ?? nodes * stride;
  const attempts = options.attempts ?? 200;
  for (let i = 0; i < attempts; i++) {
    const base = start + i * step;
    let free = true;
    for (let n = 0; n < nodes && free; n++) free = (await busyPorts(portsFromBase(base + n * stride))).length === 0;
    if (free) return base;
  }
  throw new Error(`no free block of ports found from ${start} after ${attempts} attempts: stop some local nodes or choose another port base`);
}
