import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** PDFKit's document, as its constructor makes it (the type @types/pdfkit declares). */
export type Pdf = PDFKit.PDFDocument;

/**
 * The certificate's fonts: DejaVu Sans, embedded (subset) in each PDF. PDFKit's standard
 * fonts speak WinAnsi only, which has no "→", "Δ", "≤" or minus sign (U+2212); DejaVu has
 * them and every French letter (issue 12). Read once, from the `dejavu-fonts-ttf` package.
 */
export const FONT = { regular: 'Sans', bold: 'Sans-Bold', oblique: 'Sans-Oblique' } as const;
const FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  oblique: 'DejaVuSans-Oblique.ttf',
} as const;

let fonts: Record<keyof typeof FONT, Buffer> | undefined;
function fontFiles() {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    const read = (file: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
    fonts = { regular: read(FILES.regular), bold: read(FILES.bold), oblique: read(FILES.oblique) };
  }
  return fonts;
}

export function registerFonts(doc: Pdf): void {
  const files = fontFiles();
  for (const key of Object.keys(FONT) as Array<keyof typeof FONT>) doc.registerFont(FONT[key], files[key]);
  doc.font(FONT.regular);
}

/** Bottom of the page's text area, pt. */
export const bottomOf = (doc: Pdf) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` pt still fit on this one. */
export function ensureRoom(doc: Pdf, height: number): void {
  if (doc.y + height > bottomOf(doc)) doc.addPage();
}

export interface Cell {
  text: string;
  bold?: boolean;
}

/**
 * One table row at `widths` (pt), as tall as its tallest cell, never split across pages:
 * measured first, and moved whole to the next page when it does not fit (issue 12).
 * `onNewPage` redraws a header row there. Returns the row's height.
 */
export function tableRow(
  doc: Pdf,
  cells: Cell[],
  widths: readonly number[],
  opts: { fontSize: number; padding?: number; rule?: boolean; onNewPage?: () => void },
): number {
  const pad = opts.padding ?? 2;
  const x0 = doc.page.margins.left;
  doc.fontSize(opts.fontSize);
  const heights = cells.map((c, i) =>
    doc.font(c.bold ? FONT.bold : FONT.regular).heightOfString(c.text, { width: widths[i]! - 2 * pad }),
  );
  const height = Math.max(...heights) + 2 * pad;
  if (doc.y + height > bottomOf(doc)) {
    doc.addPage();
    opts.onNewPage?.();
  }
  const y0 = doc.y;
  let x = x0;
  cells.forEach((c, i) => {
    doc
      .font(c.bold ? FONT.bold : FONT.regular)
      .fontSize(opts.fontSize)
      .text(c.text, x + pad, y0 + pad, { width: widths[i]! - 2 * pad });
    x += widths[i]!;
  });
  if (opts.rule !== false)
    doc
      .lineWidth(0.4)
      .strokeColor('#cccccc')
      .moveTo(x0, y0 + height)
      .lineTo(x, y0 + height)
      .stroke()
      .strokeColor('black');
  doc.x = x0;
  doc.y = y0 + height;
  return height;
}
