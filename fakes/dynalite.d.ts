declare module 'dynalite' {
  import type { Server } from 'node:http';
  interface DynaliteOptions {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    /** HTTPS with this key and certificate (PEM) instead of HTTP. */
    ssl?: boolean;
    key?: string;
    cert?: string;
  }
  function dynalite(options?: DynaliteOptions): Server;
  export = dynalite;
}
