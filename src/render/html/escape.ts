/**
 * Escapes text for HTML and SVG, in element content and in double- or single-quoted attributes:
 * `& < > " '`. Every string that comes from data (CSV cells, file names, owners) goes through it.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
