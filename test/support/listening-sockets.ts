import { readFile, readdir, readlink } from 'node:fs/promises';

export interface ListeningSocket {
  /** The address as `ip:port` ([ipv6]:port for IPv6), as the kernel reports it. */
  address: string;
  ip: string;
  port: number;
  pid: number;
}

/**
 * Every TCP socket in LISTEN state held by a process of the process group `pgid` (Linux only):
 * the sockets each process holds (/proc/<pid>/fd), matched by inode to the kernel's tables
 * (/proc/net/tcp and tcp6). No connection is made, so nothing is sent to any address.
 */
export async function listeningSocketsOfGroup(pgid: number): Promise<ListeningSocket[]> {
  const pids = await groupMembers(pgid);
  const owners = new Map<string, number>();
  for (const pid of pids) {
    for (const inode of await socketInodes(pid)) owners.set(inode, pid);
  }
  const listening = [
    ...parseProcNetTcp(await readFile('/proc/net/tcp', 'utf8')),
    ...parseProcNetTcp(await readFile('/proc/net/tcp6', 'utf8')),
  ];
  return listening.flatMap(({ ip, port, inode }) => {
    const pid = owners.get(inode);
    if (pid === undefined) return [];
    return [{ address: ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`, ip, port, pid }];
  });
}

/** Whether `ip` (as {@link parseProcNetTcp} gives it) is a loopback address. */
export function isLoopback(ip: string): boolean {
  return ip.startsWith('127.') || ip === '::1' || ip.startsWith('::ffff:127.');
}

/** The LISTEN entries (state 0A) of /proc/net/tcp or /proc/net/tcp6, with readable addresses. */
export function parseProcNetTcp(table: string): { ip: string; port: number; inode: string }[] {
  return table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === '0A')
    .map((fields) => {
      const [ipHex = '', portHex = ''] = (fields[1] ?? '').split(':');
      return { ip: decodeIp(ipHex), port: parseInt(portHex, 16), inode: fields[9] ?? '' };
    });
}

/** The kernel prints addresses as 32-bit words in host (little-endian here) byte order. */
function decodeIp(hex: string): string {
  const bytes = (hex.match(/.{8}/g) ?? []).flatMap((word) =>
    (word.match(/../g) ?? []).reverse().map((byte) => parseInt(byte, 16)),
  );
  if (bytes.length === 4) return bytes.join('.');
  if (bytes.slice(0, 10).every((byte) => byte === 0) && bytes[10] === 255 && bytes[11] === 255) {
    return `::ffff:${bytes.slice(12).join('.')}`;
  }
  const groups = [];
  for (let i = 0; i < 16; i += 2)
    groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  // The shortest form for the two addresses that matter here (:: and ::1); others stay long.
  const full = groups.join(':');
  if (full === '0:0:0:0:0:0:0:0') return '::';
  if (full === '0:0:0:0:0:0:0:1') return '::1';
  return full;
}

async function groupMembers(pgid: number): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const members = await Promise.all(
    pids.map(async (pid) => {
      try {
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
        // Fields after the command (which may hold spaces), from its closing parenthesis on.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(fields[2]) === pgid ? [pid] : [];
      } catch {
        return []; // gone meanwhile
      }
    }),
  );
  return members.flat();
}

async function socketInodes(pid: number): Promise<string[]> {
  let fds: string[];
  try {
    fds = await readdir(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  const links = await Promise.all(
    fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')),
  );
  return links.flatMap((link) => /^socket:\[(\d+)\]$/.exec(link)?.[1] ?? []);
}
