/**
 * pdfkit writes the document information into the XMP metadata without XML
 * escaping: a title with `&` or `<` makes the XMP malformed, and the file fails
 * PDF/A. Escape the values while the XMP is written, and give the Info
 * dictionary its values as they are.
 */
import type PDFKit from 'pdfkit';

const KEYS = ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer'] as const;

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function escapeXmp(doc: PDFKit.PDFDocument): void {
  const d = doc as unknown as { _addInfo: () => void; info: Record<string, unknown> };
  const addInfo = d._addInfo.bind(doc);
  d._addInfo = () => {
    const original = { ...d.info };
    for (const k of KEYS) if (typeof d.info[k] === 'string') d.info[k] = xmlEscape(d.info[k] as string);
    try {
      addInfo();
    } finally {
      d.info = original;
    }
  };
}
