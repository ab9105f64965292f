/** Saves text the page holds (a fetched key) as a file, through a temporary link. */
export function downloadText(fileName: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download by now; the next task may free the bytes.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
