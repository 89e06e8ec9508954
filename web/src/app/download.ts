// Saving a file the API answered under the name the server gave it.

/**
 * The file name of a Content-Disposition header: the RFC 5987 `filename*=UTF-8''…` (the Chinese
 * name) before the plain `filename="…"` (the ASCII fallback); null when neither is there.
 */
export function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      const name = decodeURIComponent(extended[2]!.trim().replace(/^"|"$/g, ''));
      if (name) return safeName(name);
    } catch {
      // a broken encoding: the plain name below
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(disposition);
  const name = (plain?.[2] ?? plain?.[1] ?? '').trim();
  return name ? safeName(name) : null;
}

// no folders in a name to save under
function safeName(name: string): string {
  return name.replace(/[\\/]/g, '_');
}

/** Hands a blob to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // the click has started the download; the URL is let go soon after
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
