/** What one `ping` run printed, in nanoseconds. */
export interface PingResult {
  transmitted: number;
  received: number;
  minNs?: number;
  avgNs?: number;
  maxNs?: number;
}

const msToNs = (text: string | undefined) =>
  text === undefined ? undefined : Math.round(Number(text) * 1e6);

/**
 * Reads the summary of busybox ping (`round-trip min/avg/max = 0.512/0.734/1.234 ms`) or of
 * iputils ping (`rtt min/avg/max/mdev = 0.512/0.734/1.234/0.100 ms`). Serial consoles mix in
 * other output, so only the summary lines are looked for.
 */
export const parsePing = (output: string): PingResult => {
  const counts = /(\d+) packets transmitted, (\d+) (?:packets )?received/.exec(output);
  const times =
    /(?:round-trip|rtt) min\/avg\/max(?:\/mdev)? = ([\d.]+)\/([\d.]+)\/([\d.]+)(?:\/[\d.]+)? ms/.exec(
      output,
    );
  return {
    transmitted: Number(counts?.[1] ?? 0),
    received: Number(counts?.[2] ?? 0),
    minNs: msToNs(times?.[1]),
    avgNs: msToNs(times?.[2]),
    maxNs: msToNs(times?.[3]),
  };
};
