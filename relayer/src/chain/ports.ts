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
 * EPHEMERAL_PORTS_FROM is where Linux starts picking the local port of an outgoing connection
 * (net.ipv4.ip_local_port_range, 32768-60999 by default). A port up there that is free when a
 * network is planned can be the local end of some connection minutes later, when Hermes binds its
 * REST port or a restarted node its RPC, and that bind then fails. Test networks stay below it.
 */
export const EPHEMERAL_PORTS_FROM = 32768;

/** The lowest test port base; below it are well-known services, above TEST_PORTS_TO the default gridnet's (27000) and the ephemeral range. */
const TEST_PORTS_FROM = 10000;
const TEST_PORTS_TO = 26000;

/**
 * testPortBase draws a random port base for a test network of `blocks` port blocks (`stride`
 * apart), below the default network's ports and the ephemeral range, so suites running side by
 * side rarely probe the same ports; findFreePortBase then moves on from it to a free one.
 */
export function testPortBase(blocks: number, stride = 10): number {
  const slots = Math.floor((TEST_PORTS_TO - TEST_PORTS_FROM - blocks * stride) / stride);
  return TEST_PORTS_FROM + stride * Math.floor(Math.random() * slots);
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
