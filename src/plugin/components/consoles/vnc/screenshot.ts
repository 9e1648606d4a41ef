const pad = (n: number) => String(n).padStart(2, '0');

/** `NAME-YYYYMMDD-HHMMSS.png`, in local time. */
export const screenshotFileName = (name: string, at: Date): string =>
  `${name}-${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-` +
  `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}.png`;

/** Save `blob` as a download named `fileName`. */
export const downloadBlob = (blob: Blob, fileName: string): void => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
};
