'use strict';
// Preloaded (`node --require`) into the `serverless offline` process that scripts/commands/start.ts
// starts: a server that is told no address listens on loopback (127.0.0.1), not on every
// interface. Why: serverless-offline-aws-eventbridge 2.2 starts its PutEvents server (Express)
// and its MQTT broker (aedes) with `listen(port)` and has no option for the address (its
// `hostname` setting is only where its own MQTT client connects). The local stack prints its
// callback key and takes unsigned PutEvents: it must not be reachable from the network.
// A server given an address, a socket path or a handle is left as it is.
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopbackByDefault(...args) {
  return listen.apply(this, withLoopbackHost(args));
};

/** `listen`'s arguments, with the loopback address added where they give none. */
function withLoopbackHost(args) {
  const [first, second] = args;
  // listen() and listen(callback): a random port, on every interface.
  if (first === undefined || typeof first === 'function') return [0, LOOPBACK, ...args.slice(1)];
  if (typeof first === 'object' && first !== null) {
    // listen({ port, host?, ... }); a handle ({ fd }, a server) or a path is left alone.
    const options = first;
    if (!('port' in options) || options.host != null || options.path != null) return args;
    return [{ ...options, host: LOOPBACK }, ...args.slice(1)];
  }
  // listen(path, ...): a Unix socket or a named pipe.
  if (typeof first === 'string' && !/^\d+$/.test(first)) return args;
  // listen(port, host, ...) keeps its host; listen(port), listen(port, backlog | callback) get one.
  if (typeof second === 'string') return args;
  return [first, LOOPBACK, ...args.slice(1)];
}
