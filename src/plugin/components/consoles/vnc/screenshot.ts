const pad = (n: number) => String(n).padStart(2, '0');

/** `NAME-YYYYMMDD-HHMMSS.png`, in local time. */
export const screenshotFileName = (name: string, at: Date): string =>
  `${name}-${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-` +
  `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}.png`;
