/**
 * Hands `blob` to the browser as a download named `fileName` (a transcript, a screenshot, an
 * `.rdp` file). The URL is revoked once the click has been handled and the download started.
 */
export const downloadBlob = (blob: Blob, fileName: string): void => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Some browsers start the download only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

/** Text as a download of the given MIME type. */
export const saveFile = (fileName: string, content: string, type: string): void =>
  downloadBlob(new Blob([content], { type }), fileName);
