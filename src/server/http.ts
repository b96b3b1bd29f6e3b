/** A file name safe to offer for download: no directories, control characters, quotes or reserved characters. */
export function sanitiseFileName(name: string, fallback = 'download'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f"*:<>?|]/g, '_').replace(/^[.\s]+/, '').trim().slice(0, 200);
  return clean || fallback;
}

/** RFC 5987 percent-encoding for filename* (encodeURIComponent leaves a few characters RFC 5987 forbids). */
function rfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * Content-Disposition for an attachment (RFC 6266): an ASCII fallback `filename` for old clients and
 * the exact UTF-8 name in `filename*` (RFC 5987), so Chinese names survive in every browser.
 */
export function contentDisposition(name: string, fallback = 'download'): string {
  const safe = sanitiseFileName(name, fallback);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/[\\%;,]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(safe)}`;
}
