// Builds small PDFs for tests with hand-written PDF syntax (no binary fixtures in the repository).

export interface PdfOptions {
  /** One array of lines per page. */
  pages: string[][];
  /** 'cjk': Type0 /STSong-Light with /UniGB-UCS2-H, not embedded (needs pdfjs cMaps); 'helvetica': standard Type1. */
  font?: 'cjk' | 'helvetica';
  /** Draw a filled rectangle instead of text: a page without a text layer, like a scan. */
  noText?: boolean;
  /** Add a Standard security handler whose passwords we do not know. */
  encrypt?: boolean;
  title?: string;
}

function hexUcs2(s: string): string {
  return [...s].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('').toUpperCase();
}

function literal(s: string): string {
  return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** A complete PDF file with a correct xref table. */
export function makePdf(opts: PdfOptions): Buffer {
  const font = opts.font ?? 'cjk';
  const objs: string[] = []; // objs[i] is object i+1
  const add = (body: string) => { objs.push(body); return objs.length; };
  const catalog = add('');
  const pagesId = add('');
  const fontId = font === 'cjk'
    ? add('<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [0 0 R] >>')
    : add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  if (font === 'cjk') {
    const desc = add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>');
    const cid = add(`<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor ${desc} 0 R /DW 1000 >>`);
    objs[fontId - 1] = objs[fontId - 1].replace('[0 0 R]', `[${cid} 0 R]`);
  }
  const kids: number[] = [];
  for (const lines of opts.pages) {
    const ops = opts.noText
      ? '0.2 0.2 0.2 rg 72 500 300 200 re f'
      : `BT /F1 12 Tf 14 TL 72 760 Td ${lines.map((l) => `${font === 'cjk' ? `<${hexUcs2(l)}>` : literal(l)} Tj T*`).join(' ')} ET`;
    const content = add(`<< /Length ${Buffer.byteLength(ops, 'latin1')} >>\nstream\n${ops}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${fontId} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  objs[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R >>`;
  objs[pagesId - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const info = opts.title ? add(`<< /Title <FEFF${hexUcs2(opts.title)}> >>`) : undefined;
  const enc = opts.encrypt ? add(`<< /Filter /Standard /V 1 /R 2 /Length 40 /O <${'4F'.repeat(32)}> /U <${'55'.repeat(32)}> /P -44 >>`) : undefined;

  let out = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objs.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  const id = '0123456789ABCDEF0123456789ABCDEF';
  out += `trailer\n<< /Size ${objs.length + 1} /Root ${catalog} 0 R${info ? ` /Info ${info} 0 R` : ''}${enc ? ` /Encrypt ${enc} 0 R` : ''} /ID [<${id}> <${id}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
